/**
 * @module One plate looked up by its number: its state and every move it made, and for those who
 * manage the stock, 廃棄 or 在庫の亡失. A plate on a vehicle is returned, lost or stolen through the
 * vehicle's own declaration (廃車, 標識の再交付), so that its record and the plate agree.
 */
import { useState, type FormEvent } from 'react';
import { PLATE_CLASSES, PLATE_DESIGNS, PLATE_RETURN_OUTCOMES, PLATE_STATES, PLATE_TRANSITIONS, plateText, type PlateClassCode, type PlateHistory } from '../../../../src/plates/model.js';
import { japanToday } from '../../../../src/shared/dates.js';
import { fieldError, sendJson } from '../../api.js';
import { DateField } from '../../components/DateField.js';
import { TextField } from '../../components/Field.js';
import { formatEraDate, formatEraDateTime } from '../../format.js';
import { useSession } from '../../session.js';
import { useSubmit } from '../../useSubmit.js';
import { SelectField } from '../addressees/common.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TableScroll } from '../TableScroll.js';

type PlateNumber = PlateHistory['plate'];

export function PlateLookup({ defaultIssuer, onChanged }: { defaultIssuer: string; onChanged(): void }) {
  const { can } = useSession();
  const [plate, setPlate] = useState<PlateNumber>({ part1: defaultIssuer, part2: '', part3: '' });
  const [history, setHistory] = useState<PlateHistory | null>(null);
  const { problem, busy, submit } = useSubmit();
  const set = (key: keyof PlateNumber) => (value: string) => setPlate((p) => ({ ...p, [key]: value }));
  const lookUp = (number: PlateNumber) =>
    submit(async () => {
      setHistory(await sendJson<PlateHistory>('POST', '/api/v1/plates/history', number));
    });
  async function search(event: FormEvent) {
    event.preventDefault();
    await lookUp(plate);
  }
  const removable = history ? PLATE_TRANSITIONS[history.state].filter((to): to is 'void' | 'lost' => to === 'void' || (to === 'lost' && history.state === 'in_stock')) : [];
  return (
    <section className="panel" aria-labelledby="plate-lookup-heading">
      <h2 id="plate-lookup-heading">標識1枚の状態と履歴</h2>
      <form onSubmit={search} noValidate role="search" aria-label="標識の検索">
        {problem && <ProblemNotice problem={problem} />}
        <div className="form-grid">
          <TextField id="lookup-part1" label="標識1(交付市町村)" required maxLength={20} value={plate.part1} onChange={set('part1')} error={fieldError(problem, 'part1')} />
          <TextField id="lookup-part2" label="標識2(種別・かな)" required maxLength={10} value={plate.part2} onChange={set('part2')} error={fieldError(problem, 'part2')} />
          <TextField id="lookup-part3" label="標識3(番号)" required inputMode="numeric" value={plate.part3} onChange={set('part3')} error={fieldError(problem, 'part3')} />
        </div>
        <button type="submit" className="button button--secondary" disabled={busy}>
          履歴を表示
        </button>
      </form>
      {history && (
        <>
          <p role="status" data-testid="plate-state">
            {plateText(history.plate)}({PLATE_DESIGNS[history.design]}・{PLATE_CLASSES[history.vehicleClassCode as PlateClassCode] ?? history.vehicleClassCode}): <strong>{PLATE_STATES[history.state]}</strong>
            {history.declarationNo && `(申告書番号 ${history.declarationNo})`}
          </p>
          <TableScroll label="標識の履歴">
            <table className="table table--list" data-testid="plate-history">
              <thead>
                <tr>
                  <th scope="col">日付</th>
                  <th scope="col">状態</th>
                  <th scope="col">返納区分</th>
                  <th scope="col">申告書番号</th>
                  <th scope="col">理由</th>
                  <th scope="col">職員</th>
                  <th scope="col">記録日時</th>
                </tr>
              </thead>
              <tbody>
                {history.events.map((event) => (
                  <tr key={`${event.recordedAt}-${event.toState}`}>
                    <td className="nowrap">{formatEraDate(event.occurredOn)}</td>
                    <td className="nowrap">
                      {event.fromState ? `${PLATE_STATES[event.fromState]} → ` : ''}
                      {PLATE_STATES[event.toState]}
                    </td>
                    <td>{event.returnCode ? PLATE_RETURN_OUTCOMES[event.returnCode] : '—'}</td>
                    <td className="nowrap">{event.declarationNo ?? '—'}</td>
                    <td>{event.reason ?? '—'}</td>
                    <td>{event.staffNo}</td>
                    <td className="nowrap">{formatEraDateTime(event.recordedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {history.state === 'issued' && <p>交付中の標識の返納・亡失・盗難は、車両の「廃車」または「標識の再交付」で登録します。</p>}
          {can('plate.issue') && removable.length > 0 && (
            <VoidForm
              plate={history.plate}
              choices={removable}
              onDone={async () => {
                await lookUp(history.plate);
                onChanged();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

const VOID_LABELS = { void: '廃棄', lost: '亡失(在庫の紛失)' } as const;

function VoidForm({ plate, choices, onDone }: { plate: PlateNumber; choices: ('void' | 'lost')[]; onDone(): Promise<void> }) {
  const [form, setForm] = useState({ to: choices[0] ?? 'void', on: japanToday(), reason: '' });
  const { problem, busy, submit } = useSubmit();
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  async function save(event: FormEvent) {
    event.preventDefault();
    if (await submit(() => sendJson('POST', '/api/v1/plates/void', { plate, ...form }))) await onDone();
  }
  return (
    <form onSubmit={save} noValidate aria-label="標識の廃棄・亡失">
      <h3>標識の廃棄・在庫の亡失</h3>
      {problem && <ProblemNotice problem={problem} />}
      <div className="form-grid">
        <SelectField id="void-to" label="処理" required value={form.to} options={choices.map((c) => [c, VOID_LABELS[c]])} onChange={set('to')} error={fieldError(problem, 'to')} />
        <DateField id="void-on" label="処理日" required value={form.on} onChange={set('on')} error={fieldError(problem, 'on')} />
        <TextField id="void-reason" label="理由" required maxLength={200} value={form.reason} onChange={set('reason')} error={fieldError(problem, 'reason')} />
      </div>
      <button type="submit" className="button button--danger" disabled={busy}>
        登録する
      </button>
    </form>
  );
}
