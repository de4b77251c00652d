/**
 * @module The 課税状況調 counted, pure: levies and the vehicles not levied go in one by one, the
 * survey's rows come out by class, group and in total, in the survey's order (model.ts
 * SURVEY_GROUPS). The total is the sum of the class rows, so it adds up to the levies counted.
 */
import { CLASS_LABELS, RATE_CASES, REDUCTION_CHANGE_REASON, SURVEY_GROUPS, type CountAndSum, type RateCase, type SurveyRow } from './model.js';

/** What the survey reads of a levy (軽自課税マスター). */
export interface SurveyLevy {
  vehicleClassCode: string;
  rateCase: string | null;
  originalAmount: number;
  amount: number;
  changeReasonCode: string | null;
}

function emptyRow(kind: SurveyRow['kind'], key: string, label: string): SurveyRow {
  const zero = (): CountAndSum => ({ count: 0, amount: 0 });
  return {
    kind,
    key,
    label,
    byRateCase: Object.fromEntries(RATE_CASES.map((rateCase) => [rateCase, zero()])) as Record<RateCase, CountAndSum>,
    levied: zero(),
    reductions: zero(),
    taxHold: 0,
    nonTaxable: 0,
    taxStopped: 0,
  };
}

const isRateCase = (value: string): value is RateCase => (RATE_CASES as readonly string[]).includes(value);

function addInto(target: CountAndSum, source: CountAndSum): void {
  target.count += source.count;
  target.amount += source.amount;
}

function addRow(target: SurveyRow, source: SurveyRow): void {
  for (const rateCase of RATE_CASES) addInto(target.byRateCase[rateCase], source.byRateCase[rateCase]);
  addInto(target.levied, source.levied);
  addInto(target.reductions, source.reductions);
  target.taxHold += source.taxHold;
  target.nonTaxable += source.nonTaxable;
  target.taxStopped += source.taxStopped;
}

export class SurveyCounter {
  private readonly byClass = new Map<string, SurveyRow>();

  private row(vehicleClassCode: string): SurveyRow {
    let row = this.byClass.get(vehicleClassCode);
    if (!row) {
      row = emptyRow('class', vehicleClassCode, CLASS_LABELS[vehicleClassCode] ?? vehicleClassCode);
      this.byClass.set(vehicleClassCode, row);
    }
    return row;
  }

  /** Counts a levy at its original amount (当初税額), under its rate case; a levy a 減免 lowered is counted as a reduction too. */
  addLevy(levy: SurveyLevy): void {
    const row = this.row(levy.vehicleClassCode);
    // A levy stored before rate cases were recorded was priced at the standard rate.
    const rateCase = levy.rateCase !== null && isRateCase(levy.rateCase) ? levy.rateCase : 'standard';
    addInto(row.byRateCase[rateCase], { count: 1, amount: levy.originalAmount });
    addInto(row.levied, { count: 1, amount: levy.originalAmount });
    if (levy.changeReasonCode === REDUCTION_CHANGE_REASON) addInto(row.reductions, { count: 1, amount: levy.originalAmount - levy.amount });
  }

  addUnlevied(counts: { vehicleClassCode: string; taxHold: number; nonTaxable: number; taxStopped: number }): void {
    const row = this.row(counts.vehicleClassCode);
    row.taxHold += counts.taxHold;
    row.nonTaxable += counts.nonTaxable;
    row.taxStopped += counts.taxStopped;
  }

  /** Every class of the survey (those with nothing as zeros), each group's total after its classes, and the whole total last. */
  rows(): SurveyRow[] {
    const total = emptyRow('total', 'total', '合計');
    for (const row of this.byClass.values()) addRow(total, row);
    const rows = SURVEY_GROUPS.flatMap(({ heading, classes }) => {
      const members = classes.map((code) => this.byClass.get(code) ?? emptyRow('class', code, CLASS_LABELS[code] ?? code));
      const subtotal = emptyRow('group', heading, `${heading} 計`);
      for (const member of members) addRow(subtotal, member);
      return [...members, subtotal];
    });
    return [...rows, total];
  }
}
