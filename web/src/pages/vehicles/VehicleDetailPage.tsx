import { useState, type FormEvent, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { japanToday } from '../../../../src/shared/dates.js';
import { DEREGISTRATION_REASONS, PLATE_RETURNS, REMARK_METHODS, type VehicleDetail } from '../../../../src/vehicles/model.js';
import { fieldError, sendJson } from '../../api.js';
import { Field, TextField } from '../../components/Field.js';
import { formatEraDate, formatEraDateTime } from '../../format.js';
import { useSession } from '../../session.js';
import { useApi } from '../../useApi.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TableScroll } from '../TableScroll.js';
import { HistoryLegend, rowStyle, StateLabel } from './common.js';

const eraOrDash = (date: string | null) => (date ? formatEraDate(date) : '—');

/** 車両の詳細: the record in force, this year's tax, the history coloured by class and state, remarks, and the counter's declarations. */
export function VehicleDetailPage() {
  const { declarationNo = '' } = useParams();
  const [reload, setReload] = useState(0);
  const loaded = useApi<VehicleDetail>(`/api/v1/vehicles/${encodeURIComponent(declarationNo)}`, reload);
  const { can } = useSession();
  if (loaded.state === 'loading') return <p role="status">読み込んでいます…</p>;
  if (loaded.state === 'failed') return <ProblemNotice problem={loaded.problem} />;
  const { vehicle, history, taxOwed, remarks } = loaded.data;
  const classes = [...new Map(history.map((row) => [row.vehicleClass.code, row.vehicleClass])).values()];
  const done = () => setReload((n) => n + 1);
  const open = vehicle.state === 'current';
  return (
    <>
      <h1>
        車両 {vehicle.declarationNo}(第{vehicle.generation}世代)<StateLabel state={vehicle.state} />
      </h1>
      <dl className="summary">
        <Item label="車種">{vehicle.vehicleClass.nameJa}</Item>
        <Item label="標識">{[vehicle.platePart1, vehicle.platePart2, vehicle.platePart3].filter(Boolean).join(' ') || '—'}</Item>
        <Item label="車台番号">{vehicle.chassisNo ?? '—'}</Item>
        <Item label="車名・型式">{[vehicle.vehicleMakeName, vehicle.modelDesignation].filter(Boolean).join(' ') || '—'}</Item>
        <Item label="総排気量・定格出力">{vehicle.displacementCc !== null ? `${vehicle.displacementCc}cc` : vehicle.ratedOutputKw !== null ? `${vehicle.ratedOutputKw}kW` : '—'}</Item>
        <Item label="所有者">
          {vehicle.owner.nameKanji}({vehicle.owner.addresseeNo}) {vehicle.owner.address}
        </Item>
        <Item label="登録年月日">{eraOrDash(vehicle.registrationDate)}</Item>
        <Item label="廃車年月日">{eraOrDash(vehicle.deregistrationDate)}</Item>
        <Item label="登録拠点">{vehicle.registrationOfficeName ?? '—'}</Item>
      </dl>

      <section aria-labelledby="tax-heading" className="panel">
        <h2 id="tax-heading">今年度の税額({taxOwed.fiscalYear}年度)</h2>
        {'amount' in taxOwed ? (
          <>
            <p>
              <strong>{taxOwed.amount.toLocaleString('ja-JP')}円</strong>({taxOwed.rateCaseLabel})
            </p>
            <p>{taxOwed.explanation}</p>
            <p>根拠: {taxOwed.citations.join(' / ')}</p>
          </>
        ) : (
          <p>{taxOwed.notComputed}</p>
        )}
      </section>

      <h2>履歴(世代・名義変更)</h2>
      <HistoryLegend classes={classes} />
      <TableScroll label="履歴">
        <table className="table table--list" data-testid="vehicle-history">
          <thead>
            <tr>
              <th scope="col">申告書番号</th>
              <th scope="col">世代</th>
              <th scope="col">状態</th>
              <th scope="col">内容</th>
              <th scope="col">異動日</th>
              <th scope="col">車種</th>
              <th scope="col">標識</th>
              <th scope="col">所有者</th>
              <th scope="col">拠点・職員</th>
              <th scope="col">記録日時</th>
            </tr>
          </thead>
          <tbody>
            {history.map((row) => (
              <tr key={`${row.declarationNo}-${row.generation}`} style={rowStyle(row)} data-state={row.state}>
                <td className="nowrap">{row.declarationNo}</td>
                <td>{row.generation}</td>
                <td className="nowrap">
                  <StateLabel state={row.state} />
                </td>
                <td>{row.eventLabel}</td>
                <td className="nowrap">{eraOrDash(row.eventDate)}</td>
                <td>{row.vehicleClass.nameJa}</td>
                <td className="nowrap">{row.plate}</td>
                <td>{row.ownerName}</td>
                <td>{[row.officeName, row.staffName].filter(Boolean).join(' ') || '—'}</td>
                <td className="nowrap">{formatEraDateTime(row.recordedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2>備考履歴</h2>
      {remarks.length === 0 ? (
        <p>備考はありません。</p>
      ) : (
        <ul className="remarks">
          {remarks.map((remark) => (
            <li key={remark.remarkNo}>
              {formatEraDate(remark.remarkDate)}({remark.methodCode ? REMARK_METHODS[remark.methodCode as keyof typeof REMARK_METHODS] : '—'}) {remark.body}
              <small>
                {' '}
                記録: {remark.firstStaffName} / 最終更新: {remark.lastUpdatedStaffName} {formatEraDateTime(remark.updatedAt)}
              </small>
            </li>
          ))}
        </ul>
      )}
      {can('remark.write') && <RemarkForm declarationNo={vehicle.declarationNo} onDone={done} />}
      {open && can('vehicle.write') && <OwnerChangeForm declarationNo={vehicle.declarationNo} generation={vehicle.generation} onDone={done} />}
      {open && can('vehicle.write') && <DeregistrationForm declarationNo={vehicle.declarationNo} generation={vehicle.generation} onDone={done} />}
    </>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Select<Code extends string>({ id, label, value, choices, onChange }: { id: string; label: string; value: Code; choices: Readonly<Record<Code, string>>; onChange(value: Code): void }) {
  return (
    <Field id={id} label={label} required>
      {(describedBy) => (
        <select id={id} className="input" value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value as Code)}>
          {(Object.entries(choices) as [Code, string][]).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function RemarkForm({ declarationNo, onDone }: { declarationNo: string; onDone(): void }) {
  const [body, setBody] = useState('');
  const [method, setMethod] = useState<keyof typeof REMARK_METHODS>('counter');
  const { problem, busy, submit } = useSubmit();
  async function save(event: FormEvent) {
    event.preventDefault();
    if (await submit(() => sendJson('POST', `/api/v1/vehicles/${declarationNo}/remarks`, { remarkDate: japanToday(), body, methodCode: method }))) {
      setBody('');
      onDone();
    }
  }
  return (
    <form onSubmit={save} noValidate className="panel" aria-label="備考の記録">
      <h3>備考を記録する</h3>
      {problem && <ProblemNotice problem={problem} />}
      <Select<keyof typeof REMARK_METHODS> id="remark-method" label="方法" value={method} choices={REMARK_METHODS} onChange={setMethod} />
      <TextField id="remark-body" label="備考" required value={body} onChange={setBody} maxLength={1000} error={fieldError(problem, 'body')} />
      <button type="submit" className="button button--primary" disabled={busy}>
        記録する
      </button>
    </form>
  );
}

function OwnerChangeForm({ declarationNo, generation, onDone }: { declarationNo: string; generation: number; onDone(): void }) {
  const [addresseeNo, setAddresseeNo] = useState('');
  const [changeDate, setChangeDate] = useState(japanToday());
  const { problem, busy, submit } = useSubmit();
  async function save(event: FormEvent) {
    event.preventDefault();
    if (await submit(() => sendJson('POST', `/api/v1/vehicles/${declarationNo}/owner-change`, { generation, changeDate, receivedDate: japanToday(), newOwner: { addresseeNo } }))) onDone();
  }
  return (
    <form onSubmit={save} noValidate className="panel" aria-label="名義変更">
      <h3>名義変更</h3>
      {problem && <ProblemNotice problem={problem} />}
      <TextField id="owner-addresseeNo" label="新しい所有者の宛名番号" hint="宛名の検索(基本4情報)で確認した番号" required inputMode="numeric" value={addresseeNo} onChange={setAddresseeNo} error={fieldError(problem, 'newOwner.addresseeNo')} />
      <TextField id="owner-changeDate" label="異動年月日" required value={changeDate} onChange={setChangeDate} error={fieldError(problem, 'changeDate')} />
      <button type="submit" className="button button--primary" disabled={busy}>
        名義変更を登録する
      </button>
    </form>
  );
}

const COUNTER_REASONS = { scrapped: DEREGISTRATION_REASONS.scrapped, transferred: DEREGISTRATION_REASONS.transferred, moved_out: DEREGISTRATION_REASONS.moved_out, stolen: DEREGISTRATION_REASONS.stolen, other: DEREGISTRATION_REASONS.other };

function DeregistrationForm({ declarationNo, generation, onDone }: { declarationNo: string; generation: number; onDone(): void }) {
  const [reason, setReason] = useState<keyof typeof COUNTER_REASONS>('scrapped');
  const [plateReturn, setPlateReturn] = useState<keyof typeof PLATE_RETURNS>('returned');
  const [changeDate, setChangeDate] = useState(japanToday());
  const { problem, busy, submit } = useSubmit();
  async function save(event: FormEvent) {
    event.preventDefault();
    const today = japanToday();
    const body = { generation, changeDate, receivedDate: today, deregistrationReasonCode: reason, plateReturnCode: plateReturn, ...(plateReturn === 'returned' ? { plateReturnedDate: changeDate } : {}) };
    if (await submit(() => sendJson('POST', `/api/v1/vehicles/${declarationNo}/deregistration`, body))) onDone();
  }
  return (
    <form onSubmit={save} noValidate className="panel" aria-label="廃車">
      <h3>廃車</h3>
      {problem && <ProblemNotice problem={problem} />}
      <Select<keyof typeof COUNTER_REASONS> id="dereg-reason" label="廃車事由" value={reason} choices={COUNTER_REASONS} onChange={setReason} />
      <Select<keyof typeof PLATE_RETURNS> id="dereg-plate" label="標識の返納" value={plateReturn} choices={PLATE_RETURNS} onChange={setPlateReturn} />
      <TextField id="dereg-date" label="廃車年月日" required value={changeDate} onChange={setChangeDate} error={fieldError(problem, 'changeDate')} />
      <button type="submit" className="button button--primary" disabled={busy}>
        廃車を登録する
      </button>
    </form>
  );
}
