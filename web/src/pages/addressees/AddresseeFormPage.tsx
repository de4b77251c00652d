/**
 * @module The form that registers a non-resident (住登外者) or a corporation, or changes an
 * addressee's record, with the reason for the change.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { fieldError, sendJson } from '../../api.js';
import { DateField } from '../../components/DateField.js';
import { TextField } from '../../components/Field.js';
import { TEXT_LIMITS } from '../../../../src/shared/text.js';
import { useApi } from '../../useApi.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { SelectField, withoutBlanks, type AddresseeDetail } from './common.js';

const FIELDS = ['kind', 'nameKanji', 'nameKana', 'sexCode', 'birthDate', 'corporateNumber', 'postalCode', 'address', 'addressCode', 'storagePlaceAddress', 'phone', 'individualNumber', 'status', 'reason'] as const;
type Form = Record<(typeof FIELDS)[number], string>;
const EMPTY: Form = Object.fromEntries(FIELDS.map((f) => [f, ''])) as Form;
/** The free-text fields and their limits, as the API has them. */
const FREE_TEXT_LIMITS: Partial<Record<keyof Form, number>> = {
  nameKanji: TEXT_LIMITS.name,
  nameKana: TEXT_LIMITS.name,
  address: TEXT_LIMITS.address,
  storagePlaceAddress: TEXT_LIMITS.address,
  reason: TEXT_LIMITS.reason,
};
/** Fields a blank may clear on an existing addressee. */
const CLEARABLE = ['sexCode', 'birthDate', 'corporateNumber', 'postalCode', 'addressCode', 'storagePlaceAddress', 'phone'];
/** What staff may change on a resident; the rest comes from the resident registry. */
const RESIDENT_EDITABLE = new Set(['storagePlaceAddress', 'phone', 'status', 'reason']);

/** 住登外者・法人の登録 (`/addressees/new`) and 宛名の変更 (`/addressees/:addresseeNo/edit`). */
export function AddresseeFormPage() {
  const { addresseeNo } = useParams();
  return addresseeNo ? <EditAddressee addresseeNo={addresseeNo} /> : <AddresseeForm />;
}

function EditAddressee({ addresseeNo }: { addresseeNo: string }) {
  const detail = useApi<AddresseeDetail>(`/api/v1/addressees/${addresseeNo}`);
  if (detail.state === 'loading') return <p>読み込み中…</p>;
  if (detail.state === 'failed') return <ProblemNotice problem={detail.problem} />;
  return <AddresseeForm existing={detail.data} />;
}

function AddresseeForm({ existing }: { existing?: AddresseeDetail }) {
  const navigate = useNavigate();
  const initial: Form = existing
    ? { ...EMPTY, ...Object.fromEntries(FIELDS.map((f) => [f, String((existing as Record<string, unknown>)[f] ?? '')])), reason: '' }
    : { ...EMPTY, kind: 'non_resident' };
  const [form, setForm] = useState<Form>(initial);
  const { problem, busy, submit } = useSubmit();
  const set = (key: keyof Form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const corporation = form.kind === 'corporation';
  const resident = existing?.kind === 'resident';
  const shown = (field: keyof Form) => !resident || RESIDENT_EDITABLE.has(field);


  async function save(event: FormEvent) {
    event.preventDefault();
    let saved: { addresseeNo: string } | undefined;
    const ok = await submit(async () => {
      if (existing) {
        // Only what changed travels, with the version the screen was opened on.
        const changed = Object.fromEntries(FIELDS.filter((f) => f !== 'kind' && f !== 'reason' && shown(f) && form[f] !== initial[f]).map((f) => [f, form[f]]));
        saved = await sendJson('PATCH', `/api/v1/addressees/${existing.addresseeNo}`, { ...withoutBlanks(changed, CLEARABLE), version: existing.version, reason: form.reason });
      } else {
        saved = await sendJson('POST', '/api/v1/addressees', withoutBlanks(form));
      }
    });
    if (ok && saved) navigate(`/addressees/${saved.addresseeNo}`);
  }

  const text = (field: keyof Form, label: string, options: { required?: boolean; hint?: string; inputMode?: 'numeric'; autoComplete?: string } = {}) =>
    shown(field) && (
      <TextField id={`addressee-${field}`} label={label} value={form[field]} onChange={set(field)} error={fieldError(problem, field)} maxLength={FREE_TEXT_LIMITS[field]} {...options} />
    );

  return (
    <>
      <p>
        <Link to={existing ? `/addressees/${existing.addresseeNo}` : '/addressees'}>← 戻る</Link>
      </p>
      <h1>{existing ? `宛名の変更(${existing.addresseeNo})` : '住登外者・法人の登録'}</h1>
      {resident && <p className="notice notice--info">住民の氏名・性別・生年月日・住所・個人番号は住民記録から更新されます。ここでは電話番号・定置場・所在不明の別だけを変更できます。</p>}
      {problem && <ProblemNotice problem={problem} fieldPrefix="addressee" />}
      <form onSubmit={save} noValidate className="form">
        {!existing && (
          <SelectField
            id="addressee-kind"
            label="区分"
            required
            value={form.kind}
            options={[
              ['non_resident', '住登外者(市内に住民登録のない個人)'],
              ['corporation', '法人'],
            ]}
            onChange={set('kind')}
            error={fieldError(problem, 'kind')}
          />
        )}
        <fieldset className="form__group">
          <legend>{corporation ? '名称' : '氏名'}</legend>
          {text('nameKanji', corporation ? '名称' : '氏名', { required: true, hint: corporation ? undefined : '姓と名の間に空白' })}
          {text('nameKana', 'フリガナ', { required: true, hint: 'カタカナ(半角・ひらがなも可、自動で全角カタカナにします)' })}
          {!corporation && shown('sexCode') && (
            <SelectField
              id="addressee-sexCode"
              label="性別"
              value={form.sexCode}
              options={[
                ['', '不明'],
                ['1', '男'],
                ['2', '女'],
              ]}
              onChange={set('sexCode')}
              error={fieldError(problem, 'sexCode')}
            />
          )}
          {!corporation && shown('birthDate') && <DateField id="addressee-birthDate" label="生年月日" value={form.birthDate} onChange={set('birthDate')} error={fieldError(problem, 'birthDate')} />}
          {corporation && text('corporateNumber', '法人番号', { hint: '13桁(検査用数字を確認します)', inputMode: 'numeric' })}
        </fieldset>
        <fieldset className="form__group">
          <legend>住所・連絡先</legend>
          {text('postalCode', '郵便番号', { inputMode: 'numeric' })}
          {text('address', '住所', { required: true })}
          {text('addressCode', '住所コード', { hint: '市内の住所のとき(町字のコード)', inputMode: 'numeric' })}
          {text('storagePlaceAddress', '定置場の所在地', { hint: '車両を置く場所が住所と違うとき' })}
          {text('phone', '電話番号', { inputMode: 'numeric' })}
        </fieldset>
        {!corporation && shown('individualNumber') && (
          <fieldset className="form__group">
            <legend>個人番号</legend>
            {existing?.maskedIndividualNumber && <p>登録済み: {existing.maskedIndividualNumber}(変更するときだけ入力)</p>}
            {text('individualNumber', '個人番号', { hint: '12桁。個人番号カード等で確認して入力。登録済みの番号なら、その宛名を案内します', inputMode: 'numeric', autoComplete: 'off' })}
          </fieldset>
        )}
        {existing && (
          <SelectField
            id="addressee-status"
            label="状態"
            value={form.status}
            options={[
              ['active', '有効'],
              ['whereabouts_unknown', '所在不明'],
              ...(existing.kind === 'non_resident' ? ([['deceased', '死亡']] as [string, string][]) : []),
              ...(existing.kind === 'corporation' ? ([['dissolved', '解散']] as [string, string][]) : []),
              ...(['moved_out', 'deceased', 'dissolved'].includes(existing.status) && existing.kind === 'resident' ? ([[existing.status, '(住民記録による)']] as [string, string][]) : []),
            ]}
            onChange={set('status')}
            error={fieldError(problem, 'status')}
          />
        )}
        {text('reason', existing ? '変更の理由' : '登録の理由', { required: true, hint: '例: 軽自動車の申告(住登外)、本人からの届出' })}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? '保存しています…' : existing ? '変更を保存' : '登録する'}
          </button>
        </div>
      </form>
    </>
  );
}
