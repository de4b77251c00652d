/**
 * @module 宛名の詳細: the record, its individual number masked (revealed only on purpose), 納税管理人, 送付先
 * and every change.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { FIELD_LABELS, KIND_LABELS, STATUS_LABELS, type ValidityPeriod } from '../../../../src/addressees/model.js';
import { REVEAL_REASONS } from '../../../../src/integrated-addressees/model.js';
import { TEXT_LIMITS } from '../../../../src/shared/text.js';
import { ApiError, fieldError, sendJson } from '../../api.js';
import { DateField } from '../../components/DateField.js';
import { TextField } from '../../components/Field.js';
import { REAUTHENTICATION_REQUIRED, Reauthenticate } from '../../components/Reauthenticate.js';
import { formatEraDateTime } from '../../format.js';
import { useSession } from '../../session.js';
import { useApi } from '../../useApi.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { ReprintNoticeButton } from '../notices/ReprintNoticeButton.js';
import { TableScroll } from '../TableScroll.js';
import { eraDateOrDash, KindAndStatus, SelectField, SEX_LABELS, withoutBlanks, type AddresseeDetail } from './common.js';

const CHANGE_KINDS: Record<string, string> = {
  registered: '登録',
  updated: '変更',
  status_changed: '状態の変更',
  tax_administrator_set: '納税管理人の設定',
  tax_administrator_ended: '納税管理人の終了',
  mail_destination_set: '送付先の設定',
  mail_destination_ended: '送付先の終了',
  integrated_addressee_no_assigned: '統合宛名番号の付番',
  individual_number_set: '個人番号の登録・変更',
};
const SOURCES: Record<string, string> = { entry: '職員入力', resident_registry: '住民記録' };

export function AddresseeDetailPage() {
  const { addresseeNo = '' } = useParams();
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey((k) => k + 1);
  const detail = useApi<AddresseeDetail>(`/api/v1/addressees/${addresseeNo}`, reloadKey);
  const { can } = useSession();

  if (detail.state === 'loading') return <p>読み込み中…</p>;
  if (detail.state === 'failed') {
    return (
      <>
        <h1>宛名の詳細</h1>
        <ProblemNotice problem={detail.problem} />
        <Link to="/addressees">宛名の検索へ戻る</Link>
      </>
    );
  }
  const a = detail.data;
  const writable = can('addressee.write');
  return (
    <>
      <p>
        <Link to="/addressees">← 宛名の検索へ戻る</Link>
      </p>
      <h1>
        {a.nameKanji}
        <span className="heading__sub">
          {a.nameKana}・<KindAndStatus addressee={a} />
        </span>
      </h1>
      {writable && (
        <div className="actions">
          <Link className="button button--secondary" to={`/addressees/${a.addresseeNo}/edit`}>
            この宛名を変更する
          </Link>
        </div>
      )}
      <ReprintNoticeButton addresseeNo={a.addresseeNo} />
      <table className="table" data-testid="addressee-detail">
        <tbody>
          <Row label="宛名番号">{a.addresseeNo}</Row>
          <Row label="統合宛名番号">
            {a.integratedAddresseeNo ?? (writable ? <AssignIntegratedNo addresseeNo={a.addresseeNo} onDone={reload} /> : '未付番')}
          </Row>
          <Row label="個人番号">
            <span data-testid="masked-individual-number">{a.maskedIndividualNumber ?? '登録なし'}</span>
            {a.maskedIndividualNumber && can('addressee.individualNumber.reveal') && <RevealIndividualNumber addresseeNo={a.addresseeNo} />}
          </Row>
          {a.kind !== 'corporation' && <Row label="性別">{a.sexCode ? SEX_LABELS[a.sexCode] : '—'}</Row>}
          {a.kind !== 'corporation' && <Row label="生年月日">{eraDateOrDash(a.birthDate)}</Row>}
          {a.kind === 'corporation' && <Row label="法人番号">{a.corporateNumber ?? '—'}</Row>}
          <Row label="住所">
            {a.postalCode && `〒${a.postalCode.slice(0, 3)}-${a.postalCode.slice(3)} `}
            {a.address}
            {a.addressCode && <span className="muted">(住所コード {a.addressCode})</span>}
          </Row>
          <Row label="定置場の所在地">{a.storagePlaceAddress ?? '住所と同じ'}</Row>
          <Row label="電話番号">{a.phone ?? '—'}</Row>
          <Row label="状態">
            {STATUS_LABELS[a.status]}
            {a.statusDate && `(${eraDateOrDash(a.statusDate)})`}
          </Row>
        </tbody>
      </table>

      <h2>納税管理人</h2>
      <PeriodTable
        caption="この方の税務を扱う納税管理人"
        periods={a.taxAdministrators}
        columns={[['納税管理人', (p) => <Link to={`/addressees/${p.administratorAddresseeNo}`}>{p.administratorName}({p.administratorAddresseeNo})</Link>]]}
        end={writable ? (p) => <EndPeriod url={`/api/v1/addressees/${a.addresseeNo}/tax-administrators/${p.validFrom}/end`} onDone={reload} /> : undefined}
      />
      {a.administeredTaxpayers.length > 0 && (
        <PeriodTable
          caption="この方が納税管理人を務める納税義務者"
          periods={a.administeredTaxpayers}
          columns={[['納税義務者', (p) => <Link to={`/addressees/${p.taxpayerAddresseeNo}`}>{p.taxpayerName}({p.taxpayerAddresseeNo})</Link>]]}
        />
      )}
      {writable && (
        <PeriodForm
          id="ta"
          summary="納税管理人を設定する"
          note="納税管理人は先に宛名として登録し、その宛名番号を入力します。前の納税管理人は開始日の前日で終了します。"
          url={`/api/v1/addressees/${a.addresseeNo}/tax-administrators`}
          fields={TAX_ADMINISTRATOR_FIELDS}
          submitLabel="納税管理人を設定"
          onDone={reload}
        />
      )}

      <h2>送付先</h2>
      <PeriodTable
        caption="納税通知書等の送付先(住所と異なる場合)"
        periods={a.mailDestinations}
        columns={[
          ['送付先の宛名', (p) => p.name],
          ['送付先住所', (p) => `${p.postalCode ? `〒${p.postalCode} ` : ''}${p.address}`],
        ]}
        end={writable ? (p) => <EndPeriod url={`/api/v1/addressees/${a.addresseeNo}/mail-destinations/${p.validFrom}/end`} onDone={reload} /> : undefined}
      />
      {writable && (
        <PeriodForm id="md" summary="送付先を設定する" url={`/api/v1/addressees/${a.addresseeNo}/mail-destinations`} fields={MAIL_DESTINATION_FIELDS} submitLabel="送付先を設定" onDone={reload} />
      )}

      <h2>変更履歴</h2>
      <History history={a.history} />
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

function PeriodTable<P extends ValidityPeriod>({ caption, periods, columns, end }: { caption: string; periods: P[]; columns: [string, (p: P) => ReactNode][]; end?: ((p: P) => ReactNode) | undefined }) {
  if (periods.length === 0) return <p>{caption}: なし</p>;
  return (
    <TableScroll label={caption}>
      <table className="table table--list">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map(([label]) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
            <th scope="col">期間</th>
            {end && <th scope="col">終了</th>}
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p.validFrom} className={p.current ? undefined : 'row--muted'}>
              {columns.map(([label, cell]) => (
                <td key={label}>{cell(p)}</td>
              ))}
              <td className="nowrap">
                {eraDateOrDash(p.validFrom)}〜{p.validTo ? eraDateOrDash(p.validTo) : ''}
                {p.current && <span className="badge badge--current">現在</span>}
              </td>
              {end && <td>{p.validTo === null ? end(p) : null}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Why the number is shown, then the number itself — after a re-authentication if the last one is too old. */
function RevealIndividualNumber({ addresseeNo }: { addresseeNo: string }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ reasonCode: 'identity_verification', reason: '' });
  const [revealed, setRevealed] = useState<string | null>(null);
  const [reauthenticating, setReauthenticating] = useState(false);
  const { problem, busy, submit } = useSubmit();

  async function reveal(event?: FormEvent) {
    event?.preventDefault();
    await submit(async () => {
      try {
        const result = await sendJson<{ individualNumber: string }>('POST', `/api/v1/addressees/${addresseeNo}/individual-number/reveal`, form);
        setRevealed(result.individualNumber);
      } catch (error) {
        if (error instanceof ApiError && error.problem.type === REAUTHENTICATION_REQUIRED) setReauthenticating(true);
        throw error;
      }
    });
  }

  const close = () => {
    setRevealed(null);
    setOpen(false);
    setForm((f) => ({ ...f, reason: '' }));
  };

  if (!open) {
    return (
      <button type="button" className="button button--secondary button--small reveal__open" onClick={() => setOpen(true)}>
        個人番号を表示
      </button>
    );
  }
  if (revealed) {
    return (
      <div className="notice notice--info reveal" role="status">
        <p className="code" data-testid="revealed-individual-number">
          {revealed.replace(/(\d{4})(?=\d)/g, '$1 ')}
        </p>
        <p>表示は記録されました。確認が済んだら閉じてください。</p>
        <button type="button" className="button button--primary button--small" onClick={close} autoFocus>
          閉じる(伏せる)
        </button>
      </div>
    );
  }
  if (reauthenticating) {
    return (
      <Reauthenticate
        purpose="個人番号の表示"
        onDone={() => {
          setReauthenticating(false);
          void reveal();
        }}
        onCancel={() => setReauthenticating(false)}
      />
    );
  }
  return (
    <form className="panel reveal" onSubmit={reveal} noValidate aria-label="個人番号の表示">
      <p>個人番号の表示は、理由とともに監査記録に残ります。業務に必要な場合だけ表示してください。</p>
      {problem && problem.type !== REAUTHENTICATION_REQUIRED && <ProblemNotice problem={problem} />}
      <SelectField
        id="reveal-reasonCode"
        label="表示する理由の区分"
        required
        value={form.reasonCode}
        options={Object.entries(REVEAL_REASONS)}
        onChange={(reasonCode) => setForm((f) => ({ ...f, reasonCode }))}
        error={fieldError(problem, 'reasonCode')}
      />
      <TextField
        id="reveal-reason"
        label="具体的な理由"
        required
        hint="例: 窓口で申告書の個人番号と照合するため(200文字以内)"
        maxLength={TEXT_LIMITS.reason}
        value={form.reason}
        onChange={(reason) => setForm((f) => ({ ...f, reason }))}
        autoFocus
        error={fieldError(problem, 'reason')}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          表示する
        </button>
        <button type="button" className="button button--secondary" onClick={close}>
          やめる
        </button>
      </div>
    </form>
  );
}

function AssignIntegratedNo({ addresseeNo, onDone }: { addresseeNo: string; onDone(): void }) {
  const { problem, busy, submit } = useSubmit();
  return (
    <>
      未付番{' '}
      <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void submit(() => sendJson('POST', `/api/v1/addressees/${addresseeNo}/integrated-addressee-no`)).then((ok) => ok && onDone())}>
        付番する
      </button>
      {problem && <ProblemNotice problem={problem} />}
    </>
  );
}

/** Ends an open period (納税管理人, 送付先) on a day, with the reason. */
function EndPeriod({ url, onDone }: { url: string; onDone(): void }) {
  const [form, setForm] = useState({ validTo: '', reason: '' });
  const { problem, busy, submit } = useSubmit();
  const idPrefix = `end-${url.split('/').slice(-4, -1).join('-')}`;
  async function end(event: FormEvent) {
    event.preventDefault();
    if (await submit(() => sendJson('POST', url, form))) onDone();
  }
  return (
    <details>
      <summary>終了する</summary>
      <form onSubmit={end} noValidate>
        {problem && <ProblemNotice problem={problem} />}
        <DateField id={`${idPrefix}-validTo`} label="終了日" required value={form.validTo} onChange={(validTo) => setForm((f) => ({ ...f, validTo }))} error={fieldError(problem, 'validTo')} />
        <TextField id={`${idPrefix}-reason`} label="終了の理由" required maxLength={TEXT_LIMITS.reason} value={form.reason} onChange={(reason) => setForm((f) => ({ ...f, reason }))} error={fieldError(problem, 'reason')} />
        <button type="submit" className="button button--secondary button--small" disabled={busy}>
          終了を記録
        </button>
      </form>
    </details>
  );
}

type PeriodField = [key: string, label: string, options?: { required?: boolean; hint?: string; date?: true; inputMode?: 'numeric'; maxLength?: number }];

const TAX_ADMINISTRATOR_FIELDS: PeriodField[] = [
  ['administratorAddresseeNo', '納税管理人の宛名番号', { required: true, inputMode: 'numeric' }],
  ['validFrom', '開始日', { required: true, date: true }],
  ['validTo', '終了日', { date: true, hint: '決まっている場合' }],
  ['reason', '理由', { required: true, hint: '例: 納税管理人申告書の受付', maxLength: TEXT_LIMITS.reason }],
];
const MAIL_DESTINATION_FIELDS: PeriodField[] = [
  ['name', '送付先の宛名', { required: true, hint: '例: 越谷 花子方、〇〇税理士事務所', maxLength: TEXT_LIMITS.name }],
  ['postalCode', '郵便番号', { inputMode: 'numeric' }],
  ['address', '送付先住所', { required: true, maxLength: TEXT_LIMITS.address }],
  ['phone', '電話番号', { inputMode: 'numeric' }],
  ['validFrom', '開始日', { required: true, date: true }],
  ['validTo', '終了日', { date: true }],
  ['reason', '理由', { required: true, hint: '例: 送付先変更届の受付', maxLength: TEXT_LIMITS.reason }],
];

/** Starts a 納税管理人 or 送付先 period; an open-ended earlier one ends the day before. */
function PeriodForm({ id, summary, note, url, fields, submitLabel, onDone }: { id: string; summary: string; note?: string; url: string; fields: PeriodField[]; submitLabel: string; onDone(): void }) {
  const empty = Object.fromEntries(fields.map(([key]) => [key, ''])) as Record<string, string>;
  const [form, setForm] = useState(empty);
  const { problem, busy, submit } = useSubmit();
  async function save(event: FormEvent) {
    event.preventDefault();
    if (await submit(() => sendJson('POST', url, withoutBlanks(form)))) {
      setForm(empty);
      onDone();
    }
  }
  return (
    <details className="panel">
      <summary>{summary}</summary>
      {note && <p>{note}</p>}
      {problem && <ProblemNotice problem={problem} />}
      <form onSubmit={save} noValidate className="form-grid">
        {fields.map(([key, label, { date, ...options } = {}]) => {
          const props = { id: `${id}-${key}`, label, value: form[key] ?? '', onChange: (value: string) => setForm((f) => ({ ...f, [key]: value })), error: fieldError(problem, key), ...options };
          return date ? <DateField key={key} {...props} /> : <TextField key={key} {...props} />;
        })}
        <div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </details>
  );
}

function History({ history }: { history: AddresseeDetail['history'] }) {
  const show = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return '(なし)';
    const text = String(value);
    if (field === 'kind') return KIND_LABELS[text as keyof typeof KIND_LABELS] ?? text;
    if (field === 'status') return STATUS_LABELS[text as keyof typeof STATUS_LABELS] ?? text;
    if (field === 'sexCode') return SEX_LABELS[text] ?? text;
    return /^\d{4}-\d{2}-\d{2}$/.test(text) ? eraDateOrDash(text) : text;
  };
  return (
    <TableScroll label="変更履歴">
      <table className="table table--list" data-testid="addressee-history">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">内容</th>
            <th scope="col">変更した項目</th>
            <th scope="col">理由</th>
            <th scope="col">担当・出典</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.historyId}>
              <td className="nowrap">
                {formatEraDateTime(h.changedAt)}
                {h.effectiveDate && <div className="muted">異動日 {eraDateOrDash(h.effectiveDate)}</div>}
              </td>
              <td>{CHANGE_KINDS[h.changeKind] ?? h.changeKind}</td>
              <td>
                <ul className="changes">
                  {Object.entries(h.changes).map(([field, change]) => (
                    <li key={field}>
                      {FIELD_LABELS[field] ?? field}: {'before' in change && <>{show(field, change.before)} → </>}
                      {show(field, change.after)}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{h.reason}</td>
              <td className="nowrap">
                {h.staffName ? `${h.staffName}(${h.staffNo})` : h.staffNo ?? 'コマンドライン'}
                <div className="muted">{SOURCES[h.source]}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
