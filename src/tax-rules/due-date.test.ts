import { describe, expect, it } from 'vitest';
import { dueDate } from './due-date.js';
import { TaxInputError } from './model.js';
import { NATIONAL, RuleBook, validateOverrides } from './rulebook.js';

const withDueDate = (month: number, day: number) =>
  new RuleBook(
    validateOverrides({
      municipalityCode: '112224',
      name: '越谷市',
      parameters: { 'dueDate.annual': [{ from: 2016, to: null, value: { month, day }, citation: '越谷市市税条例', confidence: 'V' }] },
    }),
  );

describe('due date', () => {
  it('moves 2026-05-31 (a Sunday) to Monday 2026-06-01', () => {
    const result = dueDate(NATIONAL, 2026);
    expect(result).toMatchObject({ ordinanceDate: '2026-05-31', dueDate: '2026-06-01' });
    expect(result.explanation).toContain('日曜日のため翌日へ');
    expect(result.citations).toContain('地方税法第20条の5第2項、地方税法施行令第6条の18第1項');
  });

  // Weekdays of 5月31日 checked against a printed calendar; no national holiday falls on 5/31–6/2.
  it.each([
    [2016, '2016-05-31'], // Tue
    [2017, '2017-05-31'], // Wed
    [2018, '2018-05-31'], // Thu
    [2019, '2019-05-31'], // Fri
    [2020, '2020-06-01'], // Sun → Mon
    [2021, '2021-05-31'], // Mon
    [2022, '2022-05-31'], // Tue
    [2023, '2023-05-31'], // Wed
    [2024, '2024-05-31'], // Fri
    [2025, '2025-06-02'], // Sat → Mon
    [2026, '2026-06-01'], // Sun → Mon
    [2027, '2027-05-31'], // Mon
    [2028, '2028-05-31'], // Wed
    [2029, '2029-05-31'], // Thu
    [2030, '2030-05-31'], // Fri
    [2031, '2031-06-02'], // Sat → Mon
  ])('FY%i → %s', (fiscalYear, expected) => {
    expect(dueDate(NATIONAL, fiscalYear).dueDate).toBe(expected);
  });

  it('skips national holidays and their substitutes (ten years of Golden Week)', () => {
    const goldenWeek = withDueDate(5, 3);
    const expected: Record<number, string> = {
      2016: '2016-05-06',
      2017: '2017-05-08',
      2018: '2018-05-07',
      2019: '2019-05-07',
      2020: '2020-05-07',
      2021: '2021-05-06',
      2022: '2022-05-06',
      2023: '2023-05-08',
      2024: '2024-05-07',
      2025: '2025-05-07',
      2026: '2026-05-07',
    };
    for (const [fy, date] of Object.entries(expected)) expect(dueDate(goldenWeek, Number(fy)).dueDate).toBe(date);
    expect(dueDate(goldenWeek, 2026).explanation).toContain('振替休日');
  });

  it('skips 12月29日〜1月3日 into the next year', () => {
    const result = dueDate(withDueDate(12, 28), 2024);
    expect(result.dueDate).toBe('2025-01-06'); // 12/28 Sat, 29–31 year end, 1/1–3 year end, 1/4 Sat, 1/5 Sun
    expect(result.explanation).toContain('年末年始');
    expect(dueDate(withDueDate(12, 29), 2026).dueDate).toBe('2027-01-04');
    expect(result.citations[0]).toBe('越谷市: 越谷市市税条例');
  });

  it('refuses a year the holiday calendar does not cover, naming the field', () => {
    expect(() => dueDate(NATIONAL, 2051)).toThrow(TaxInputError);
    try {
      dueDate(NATIONAL, 2051);
    } catch (error) {
      expect((error as TaxInputError).errors[0]?.field).toBe('fiscalYear');
    }
  });

  it('explains the move, cites the holiday rule only when it moved the date, and cautions on the unconfirmed ordinance date', () => {
    const caution = '※未確認: 「納期限(条例で定める月日。休日等は翌日へ)」は根拠(市町村税条例(種別割の納期))の確認が済んでいない値です。条例等で確かめてください。';
    expect(dueDate(NATIONAL, 2026)).toEqual({
      fiscalYear: 2026,
      ordinanceDate: '2026-05-31',
      dueDate: '2026-06-01',
      explanation: `2026年度の納期限は条例で5月31日。令和8年5月31日(日)は日曜日のため翌日へ。納期限は 令和8年6月1日(月)。${caution}`,
      citations: ['市町村税条例(種別割の納期)', '地方税法第20条の5第2項、地方税法施行令第6条の18第1項'],
      cautions: [caution],
    });
    expect(dueDate(NATIONAL, 2024)).toEqual({
      fiscalYear: 2024,
      ordinanceDate: '2024-05-31',
      dueDate: '2024-05-31',
      explanation: `2024年度の納期限は条例で5月31日。納期限は 令和6年5月31日(金)。${caution}`,
      citations: ['市町村税条例(種別割の納期)'],
      cautions: [caution],
    });
    expect(dueDate(withDueDate(5, 31), 2025).explanation).toBe('2025年度の納期限は条例で5月31日。令和7年5月31日(土)は土曜日のため翌日へ。令和7年6月1日(日)は日曜日のため翌日へ。納期限は 令和7年6月2日(月)。');
  });

  it('decides dates up to the last year of the holiday calendar (2050) and refuses the next, saying why', () => {
    expect(dueDate(NATIONAL, 2050).dueDate).toBe('2050-05-31');
    expect(() => dueDate(NATIONAL, 2051)).toThrow('fiscalYear: 祝日の情報は2050年までしかありません');
    expect(() => dueDate(withDueDate(12, 31), 2050)).toThrow('fiscalYear: 祝日の情報は2050年までしかありません');
    expect(dueDate(withDueDate(12, 28), 2026).dueDate).toBe('2026-12-28');
    expect(dueDate(withDueDate(12, 29), 2021).dueDate).toBe('2022-01-04'); // 2022-01-03 is a Monday, still closed
  });
});
