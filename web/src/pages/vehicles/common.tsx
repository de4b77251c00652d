import { GENERATION_STATES, HISTORY_TEXT_COLOUR, STATE_BACKGROUNDS, type HistoryRow, type VehicleClassDisplay } from '../../../../src/vehicles/model.js';

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
