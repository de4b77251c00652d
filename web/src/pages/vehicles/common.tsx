/**
 * @module What the vehicle screens share: class and plate design choices, a record's particulars,
 * and the colours of history rows by class and state.
 */
import { Link } from 'react-router';
import { PLATE_CLASSES, PLATE_DESIGNS, type Inventory } from '../../../../src/plates/model.js';
import { GENERATION_STATES, HISTORY_TEXT_COLOUR, STATE_BACKGROUNDS, type HistoryRow, type VehicleClassDisplay, type VehicleParticulars, type VehicleRecord } from '../../../../src/vehicles/model.js';
import { formatEraDate, formatEraDateTime } from '../../format.js';
import { SelectField } from '../addressees/common.js';
import { TableScroll } from '../TableScroll.js';

/** The classes declared at the city's counter, whose plates the city issues. */
export const CLASS_CHOICES: Readonly<Record<string, string>> = PLATE_CLASSES;

/** A number typed in any width; a non-number is sent as typed, for the API to name; blank is null. */
export const numberOrText = (value: string) => (value.trim() ? Number(value.normalize('NFKC')) || value : null);

export type DesignSeries = Inventory['designSeries'][number];

/**
 * The plate's design: the standard plate, or the city's own series (しらこばと橋とガーヤちゃん)
 * where the city issues one for the class.
 */
export function PlateDesignField({ id, vehicleClassCode, designSeries, value, onChange, error }: { id: string; vehicleClassCode: string; designSeries: DesignSeries[]; value: string; onChange(value: string): void; error?: string | undefined }) {
  const series = designSeries.find((s) => s.vehicleClassCode === vehicleClassCode);
  const choices: [string, string][] = series ? [['standard', PLATE_DESIGNS.standard], ['city_design', `${PLATE_DESIGNS.city_design}(${series.designName})`]] : [['standard', PLATE_DESIGNS.standard]];
  return <SelectField id={id} label="標識のデザイン" required value={series ? value : 'standard'} options={choices} onChange={onChange} hint={series ? undefined : 'この車種には市独自デザインの標識がありません'} error={error} />;
}

/** A record's particulars as a declaration sends them back, for a change that restates them all (車種変更). */
export function particularsOf(record: VehicleRecord): VehicleParticulars {
  const { vehicleClassCode, chassisNo, vehicleMakeCode, vehicleMakeName, modelDesignation, modelYear, modelTypeNo, engineModel, displacementCc, ratedOutputKw, maxOutputKw, wheels, cabin, trackWidthCm, firstInspection } = record;
  return {
    vehicleClassCode,
    chassisNo,
    vehicleMakeCode,
    vehicleMakeName,
    modelDesignation,
    modelYear,
    modelTypeNo,
    engineModel,
    fuelTypeCode: record.fuelTypeCode as VehicleParticulars['fuelTypeCode'],
    displacementCc,
    ratedOutputKw,
    maxOutputKw,
    wheels,
    cabin,
    trackWidthCm,
    bodyType: record.bodyType as VehicleParticulars['bodyType'],
    firstInspection,
    lowEmission4star: record.lowEmission4star,
    naturalGasEmissionStandard: record.naturalGasEmissionStandard,
    fuelEfficiency2015Pct: record.fuelEfficiency2015Pct,
    fuelEfficiency2020Pct: record.fuelEfficiency2020Pct,
    fuelEfficiency2030Pct: record.fuelEfficiency2030Pct,
    towed: record.towed,
    crimePreventionRegistrationNo: record.crimePreventionRegistrationNo,
    keiTaxNumber: record.keiTaxNumber,
  };
}

/** A date in 和暦, or a dash. */
export const eraOrDash = (date: string | null) => (date ? formatEraDate(date) : '—');

/** A history row's background: the state's where the record ended (廃車・名義変更済), else the class's. */
export function rowStyle(row: Pick<HistoryRow, 'state'> & { vehicleClass: VehicleClassDisplay }) {
  return { background: STATE_BACKGROUNDS[row.state] ?? row.vehicleClass.displayColour, color: HISTORY_TEXT_COLOUR };
}

/** The state as text (colour is never the only cue), bold where the record ended. */
export function StateLabel({ state }: { state: HistoryRow['state'] }) {
  const ended = state === 'deregistered' || state === 're_titled';
  return ended ? <strong>【{GENERATION_STATES[state]}】</strong> : <span>{GENERATION_STATES[state]}</span>;
}

/** The legend of the history table: each class seen and each ending state, with its colour and name. */
export function HistoryLegend({ classes }: { classes: VehicleClassDisplay[] }) {
  const swatch = (background: string) => ({ background, color: HISTORY_TEXT_COLOUR, border: '1px solid #767676', padding: '0 0.5em', marginRight: '0.25em' });
  return (
    <dl className="legend" aria-label="履歴の色の凡例">
      {classes.map((vehicleClass) => (
        <div key={vehicleClass.code}>
          <dt style={swatch(vehicleClass.displayColour)}>車種</dt>
          <dd>{vehicleClass.nameJa}</dd>
        </div>
      ))}
      {(['deregistered', 're_titled'] as const).map((state) => (
        <div key={state}>
          <dt style={swatch(STATE_BACKGROUNDS[state] ?? '#ffffff')}>【{GENERATION_STATES[state]}】</dt>
          <dd>{state === 'deregistered' ? '廃車した車両の最後の世代' : '名義変更で新しい所有者に移った車両の最後の世代'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Generations across owners, each row in its class's or ending state's colour with the state as text, under the legend. */
export function HistoryTable({ history, caption }: { history: HistoryRow[]; caption?: string }) {
  const classes = [...new Map(history.map((row) => [row.vehicleClass.code, row.vehicleClass])).values()];
  return (
    <>
      <HistoryLegend classes={classes} />
      <TableScroll label="履歴">
        <table className="table table--list" data-testid="vehicle-history">
          {caption && <caption>{caption}</caption>}
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
                <td className="nowrap">
                  <Link to={`/vehicles/${row.declarationNo}`}>{row.declarationNo}</Link>
                </td>
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
    </>
  );
}
