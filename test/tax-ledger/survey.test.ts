import { describe, expect, it } from 'vitest';
import { SURVEY_GROUPS } from '../../src/tax-ledger/model.js';
import { SurveyCounter } from '../../src/tax-ledger/survey.js';

const levy = (vehicleClassCode: string, rateCase: string | null, originalAmount: number, amount = originalAmount, changeReasonCode: string | null = null) => ({
  vehicleClassCode,
  rateCase,
  originalAmount,
  amount,
  changeReasonCode,
});

describe('the 課税状況調 counter', () => {
  it('counts a levy a 減免 lowered as a reduction of original less current, and other changes not', () => {
    const counter = new SurveyCounter();
    counter.addLevy(levy('kei_four_wheel_passenger_private', 'standard', 10800, 0, 'reduction'));
    counter.addLevy(levy('kei_four_wheel_passenger_private', 'standard', 10800, 5400, 'correction'));
    const row = counter.rows().find((r) => r.key === 'kei_four_wheel_passenger_private');
    expect(row).toMatchObject({ levied: { count: 2, amount: 21600 }, reductions: { count: 1, amount: 10800 } });
  });

  it('lists every class of the survey once, each group followed by its subtotal, the total last and equal to the classes', () => {
    const counter = new SurveyCounter();
    counter.addLevy(levy('moped_class1', 'standard', 2000));
    counter.addLevy(levy('small_special_farm', null, 2400));
    counter.addUnlevied({ vehicleClassCode: 'moped_class1', taxHold: 2, nonTaxable: 1, taxStopped: 3 });
    const rows = counter.rows();
    const classes = rows.filter((r) => r.kind === 'class');
    expect(classes.map((r) => r.key)).toEqual(SURVEY_GROUPS.flatMap((g) => g.classes));
    expect(rows.filter((r) => r.kind === 'group').map((r) => r.key)).toEqual(SURVEY_GROUPS.map((g) => g.heading));
    const total = rows.at(-1);
    expect(total).toMatchObject({ kind: 'total', levied: { count: 2, amount: 4400 }, taxHold: 2, nonTaxable: 1, taxStopped: 3 });
    // A levy stored without a rate case was priced at the standard rate.
    expect(total?.byRateCase.standard).toEqual({ count: 2, amount: 4400 });
    expect(rows.find((r) => r.key === '原動機付自転車')).toMatchObject({ levied: { count: 1, amount: 2000 }, taxHold: 2 });
  });
});
