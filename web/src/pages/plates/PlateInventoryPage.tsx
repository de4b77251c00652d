/**
 * @module 標識の在庫: the city's plates by office, class and design with how many are in each state,
 * and the form that loads a new box of numbers.
 */
import { useState, type FormEvent } from 'react';
import type { Municipality } from '../../../../src/municipality/model.js';
import { MAX_RANGE_SIZE, PLATE_CLASSES, PLATE_DESIGNS, PLATE_STATE_CODES, PLATE_STATES, type Inventory, type PlateClassCode } from '../../../../src/plates/model.js';
import { japanToday } from '../../../../src/shared/dates.js';
import { fieldError, sendJson } from '../../api.js';
import { DateField } from '../../components/DateField.js';
import { TextField } from '../../components/Field.js';
import { formatCount } from '../../format.js';
import { useSession } from '../../session.js';
import { useApi } from '../../useApi.js';
import { useSubmit } from '../../useSubmit.js';
import { SelectField } from '../addressees/common.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TableScroll } from '../TableScroll.js';
import { PlateLookup } from './PlateLookup.js';

const classLabel = (code: string) => PLATE_CLASSES[code as PlateClassCode] ?? code;

export function PlateInventoryPage() {
  const { can } = useSession();
  const [officeCode, setOfficeCode] = useState('');
  const [reloadKey, setReloadKey] = useState(0);
  const inventory = useApi<Inventory>(`/api/v1/plates/inventory${officeCode ? `?officeCode=${encodeURIComponent(officeCode)}` : ''}`, reloadKey);
  const offices = inventory.state === 'ready' ? inventory.data.offices : [];
  const municipality = useApi<Municipality>('/api/v1/municipality');
  const issuer = municipality.state === 'ready' ? municipality.data.name : '';
  return (
    <>
      <h1>標識の在庫</h1>
      <p>拠点ごとに、車種・デザイン別の標識の枚数を状態ごとに示します。「次の番号」は窓口で番号を指定せずに交付したときに渡す、在庫の最も小さい番号です。</p>
      <div className="panel">
        <SelectField
          id="plate-office-filter"
          label="拠点"
          value={officeCode}
          options={[['', 'すべての拠点'], ...offices.map((o): [string, string] => [o.officeCode, o.name])]}
          onChange={setOfficeCode}
        />
      </div>
      {inventory.state === 'loading' && <p>読み込み中…</p>}
      {inventory.state === 'failed' && <ProblemNotice problem={inventory.problem} />}
      {inventory.state === 'ready' && <InventoryTable inventory={inventory.data} />}
      <PlateLookup key={issuer} defaultIssuer={issuer} onChanged={() => setReloadKey((k) => k + 1)} />
      {can('plate.issue') && inventory.state === 'ready' && <RangeLoadForm inventory={inventory.data} onLoaded={() => setReloadKey((k) => k + 1)} />}
    </>
  );
}

function InventoryTable({ inventory }: { inventory: Inventory }) {
  if (inventory.groups.length === 0) return <p>標識の在庫はありません。下の「在庫の受入れ」から番号を登録してください。</p>;
  const designName = (code: string) => inventory.designSeries.find((s) => s.vehicleClassCode === code)?.designName;
  return (
    <TableScroll label="標識の在庫">
      <table className="table table--list" data-testid="plate-inventory">
        <caption>拠点・車種・デザイン別の枚数</caption>
        <thead>
          <tr>
            <th scope="col">拠点</th>
            <th scope="col">車種</th>
            <th scope="col">デザイン</th>
            {PLATE_STATE_CODES.map((state) => (
              <th scope="col" key={state}>
                {PLATE_STATES[state]}
              </th>
            ))}
            <th scope="col">次の番号</th>
          </tr>
        </thead>
        <tbody>
          {inventory.groups.map((g) => (
            <tr key={`${g.officeCode}-${g.vehicleClassCode}-${g.design}`}>
              <td>{g.officeName}</td>
              <td>{classLabel(g.vehicleClassCode)}</td>
              <td>{g.design === 'city_design' ? `${PLATE_DESIGNS.city_design}(${designName(g.vehicleClassCode) ?? ''})` : PLATE_DESIGNS.standard}</td>
              {PLATE_STATE_CODES.map((state) => (
                <td key={state}>
                  {formatCount(g.counts[state])}
                </td>
              ))}
              <td>{g.nextInStock ?? 'なし'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function RangeLoadForm({ inventory, onLoaded }: { inventory: Inventory; onLoaded(): void }) {
  const municipality = useApi<Municipality>('/api/v1/municipality');
  const [form, setForm] = useState({ officeCode: inventory.offices[0]?.officeCode ?? '', vehicleClassCode: 'moped_class1', design: 'standard', part1: '', part2: '', firstSerial: '', lastSerial: '', receivedOn: japanToday() });
  const [loaded, setLoaded] = useState<number | null>(null);
  const { problem, busy, submit } = useSubmit();
  const set = (field: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const hasDesign = inventory.designSeries.some((s) => s.vehicleClassCode === form.vehicleClassCode);
  const issuer = form.part1 || (municipality.state === 'ready' ? municipality.data.name : '');
  async function load(event: FormEvent) {
    event.preventDefault();
    setLoaded(null);
    await submit(async () => {
      const result = await sendJson<{ loaded: number }>('POST', '/api/v1/plates/ranges', {
        ...form,
        part1: issuer,
        design: hasDesign ? form.design : 'standard',
        // Sent as typed; the API reads full-width digits too and names a non-number.
        firstSerial: Number(form.firstSerial.normalize('NFKC')) || form.firstSerial,
        lastSerial: Number(form.lastSerial.normalize('NFKC')) || form.lastSerial,
      });
      setLoaded(result.loaded);
      onLoaded();
    });
  }
  return (
    <form onSubmit={load} noValidate className="panel" aria-labelledby="plate-range-heading">
      <h2 id="plate-range-heading">在庫の受入れ</h2>
      <p>届いた標識の連続した番号を、拠点の在庫として登録します。一度に{formatCount(MAX_RANGE_SIZE)}枚まで。既に台帳にある番号と重なるときは、何も登録されません。</p>
      {problem && <ProblemNotice problem={problem} />}
      {loaded !== null && (
        <p className="notice notice--success" role="status">
          {formatCount(loaded)}枚を在庫に登録しました。
        </p>
      )}
      <div className="form-grid">
        <SelectField id="range-office" label="拠点" required value={form.officeCode} options={inventory.offices.map((o): [string, string] => [o.officeCode, o.name])} onChange={set('officeCode')} error={fieldError(problem, 'officeCode')} />
        <SelectField id="range-class" label="車種" required value={form.vehicleClassCode} options={Object.entries(PLATE_CLASSES)} onChange={set('vehicleClassCode')} error={fieldError(problem, 'vehicleClassCode')} />
        <SelectField
          id="range-design"
          label="デザイン"
          required
          value={hasDesign ? form.design : 'standard'}
          options={hasDesign ? Object.entries(PLATE_DESIGNS) : [['standard', PLATE_DESIGNS.standard]]}
          hint={hasDesign ? undefined : 'この車種には市独自デザインの標識がありません'}
          onChange={set('design')}
          error={fieldError(problem, 'design')}
        />
        <TextField id="range-part1" label="標識1(交付市町村)" required maxLength={20} value={issuer} onChange={set('part1')} error={fieldError(problem, 'part1')} />
        <TextField id="range-part2" label="標識2(種別・かな)" required maxLength={10} hint="例: あ" value={form.part2} onChange={set('part2')} error={fieldError(problem, 'part2')} />
        <TextField id="range-first" label="最初の番号" required inputMode="numeric" value={form.firstSerial} onChange={set('firstSerial')} error={fieldError(problem, 'firstSerial')} />
        <TextField id="range-last" label="最後の番号" required inputMode="numeric" value={form.lastSerial} onChange={set('lastSerial')} error={fieldError(problem, 'lastSerial')} />
        <DateField id="range-received" label="受入日" required value={form.receivedOn} onChange={set('receivedOn')} error={fieldError(problem, 'receivedOn')} />
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? '登録しています…' : '在庫に登録する'}
      </button>
    </form>
  );
}
