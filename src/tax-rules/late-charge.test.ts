import { describe, expect, it } from 'vitest';
import { calculateLateCharge, lateCharge } from './late-charge.js';
import type { TaxInputError } from './model.js';
import { NATIONAL } from './rulebook.js';

const charge = (amount: number, dueDate: string, paidDate: string) => lateCharge(NATIONAL, { amount, dueDate, paidDate });

describe('late charge (延滞金)', () => {
  it('computes a single kei bill paid within the year — and yields 0 under 1,000 yen', () => {
    const r = charge(12900, '2026-06-01', '2026-12-31');
    expect(r.base).toBe(12000);
    expect(r.days).toBe(213);
    expect(r.segments).toEqual([
      { from: '2026-06-02', to: '2026-07-01', days: 30, ratePct: 2.8, charge: 27 },
      { from: '2026-07-02', to: '2026-12-31', days: 183, ratePct: 9.1, charge: 547 },
    ]);
    expect(r.lateCharge).toBe(0);
    expect(r.explanation).toContain('12,000×2.8%×30/365=27円');
    expect(r.explanation).toContain('1,000円未満のため');
  });

  it('cuts the result below 100 yen', () => {
    // 100,000 × 2.8% × 30/365 = 230.1 → 230; × 9.1% × 183/365 = 4,562.4 → 4,562; 4,792 → 4,700.
    expect(charge(100_000, '2026-06-01', '2026-12-31').lateCharge).toBe(4700);
  });

  it('cuts the base below 1,000 yen and charges nothing on a tax under 2,000 yen', () => {
    expect(charge(100_999, '2026-06-01', '2026-12-31').lateCharge).toBe(4700);
    expect(charge(1999, '2022-06-01', '2026-12-31')).toMatchObject({ lateCharge: 0, base: 0 });
    expect(charge(2000, '2022-06-01', '2026-12-31').base).toBe(2000);
  });

  it('charges nothing when paid by the due date', () => {
    expect(charge(12900, '2026-06-01', '2026-06-01')).toMatchObject({ lateCharge: 0, days: 0, segments: [] });
    expect(charge(12900, '2026-06-01', '2026-05-20').lateCharge).toBe(0);
  });

  it('splits a period at the year end and applies each calendar year its rate', () => {
    const r = charge(500_000, '2025-12-01', '2026-02-15');
    expect(r.segments.map((s) => [s.from, s.to, s.days, s.ratePct])).toEqual([
      ['2025-12-02', '2025-12-31', 30, 2.4],
      ['2026-01-01', '2026-01-01', 1, 2.8],
      ['2026-01-02', '2026-02-15', 45, 9.1],
    ]);
    // 986 + 38 + 5,609 = 6,633 → 6,600
    expect(r.segments.map((s) => s.charge)).toEqual([986, 38, 5609]);
    expect(r.lateCharge).toBe(6600);
  });

  it('counts 365 days a year even in a leap year', () => {
    const r = charge(1_000_000, '2023-12-31', '2024-12-31');
    expect(r.days).toBe(366);
    // 2024: 31 days at 2.4% then 335 days at 8.7%, each over 365.
    expect(r.segments.map((s) => s.charge)).toEqual([Math.floor((1_000_000 * 24 * 31) / 365_000), Math.floor((1_000_000 * 87 * 335) / 365_000)]);
  });

  it('ends the first band one month after the due date, at the month end when the day is missing', () => {
    expect(charge(100_000, '2026-01-31', '2026-04-30').segments[0]?.to).toBe('2026-02-28');
    expect(charge(100_000, '2024-01-30', '2024-04-30').segments[0]?.to).toBe('2024-02-29');
    expect(charge(100_000, '2026-06-01', '2026-07-01').segments).toHaveLength(1);
    expect(charge(100_000, '2026-06-01', '2026-07-02').segments).toHaveLength(2);
  });

  it('refuses a year whose rate is not published, and bad dates, naming the field', () => {
    const fieldOf = (input: unknown) => {
      try {
        calculateLateCharge(NATIONAL, input);
      } catch (error) {
        return (error as TaxInputError).errors[0]?.field;
      }
    };
    expect(fieldOf({ amount: 12900, dueDate: '2026-06-01', paidDate: '2027-01-05' })).toBe('paidDate');
    expect(fieldOf({ amount: 12900, dueDate: '2026-02-30', paidDate: '2026-12-31' })).toBe('dueDate');
    expect(fieldOf({ amount: 12.5, dueDate: '2026-06-01', paidDate: '2026-12-31' })).toBe('amount');
    expect(fieldOf({ amount: 12900, dueDate: '2015-06-01', paidDate: '2016-12-31' })).toBe('dueDate');
  });

  it('collects a charge of exactly 1,000 yen (the minimum is not cut)', () => {
    // 21,000 → base 21,000: 48 + 958 = 1,006 → 1,000 collected.
    expect(charge(21_000, '2026-06-01', '2026-12-31')).toMatchObject({ lateCharge: 1000, base: 21_000 });
    expect(charge(21_000, '2026-06-01', '2026-12-31').explanation).toContain('合計 1,006円 → 100円未満切捨てで延滞金 1,000円。');
    expect(charge(20_000, '2026-06-01', '2026-12-31').lateCharge).toBe(0);
  });

  it('explains every step and cites each rule once', () => {
    const CUT = '地方税法第20条の4の2第2項・第5項(端数計算)、市町村税条例(種別割の延滞金 本則 年7.3%・14.6%)';
    const head = '税額 100,000円、納期限 令和8年6月1日(月)、納付日 令和8年12月31日(木)。';
    expect(charge(100_000, '2026-06-01', '2026-12-31')).toEqual({
      lateCharge: 4700,
      base: 100_000,
      days: 213,
      segments: [
        { from: '2026-06-02', to: '2026-07-01', days: 30, ratePct: 2.8, charge: 230 },
        { from: '2026-07-02', to: '2026-12-31', days: 183, ratePct: 9.1, charge: 4562 },
      ],
      explanation:
        head +
        '計算の基礎となる税額 100,000円(1,000円未満切捨て)。' +
        '令和8年6月2日(火)〜令和8年7月1日(水) 30日(納期限の翌日から1月以内・年2.8%): 100,000×2.8%×30/365=230円。' +
        '令和8年7月2日(木)〜令和8年12月31日(木) 183日(1月経過後・年9.1%): 100,000×9.1%×183/365=4,562円。' +
        '合計 4,792円 → 100円未満切捨てで延滞金 4,700円。',
      citations: [CUT, '地方税法附則第3条の2第1項'],
      cautions: [],
    });
    expect(charge(100_000, '2026-06-01', '2026-06-01')).toEqual({
      lateCharge: 0,
      base: 100_000,
      days: 0,
      segments: [],
      explanation: '税額 100,000円、納期限 令和8年6月1日(月)、納付日 令和8年6月1日(月)。納期限までの納付のため延滞金はかかりません。',
      citations: [CUT],
      cautions: [],
    });
    expect(charge(1999, '2026-06-01', '2026-12-31')).toEqual({
      lateCharge: 0,
      base: 0,
      days: 213,
      segments: [],
      explanation: '税額 1,999円、納期限 令和8年6月1日(月)、納付日 令和8年12月31日(木)。税額が2,000円未満のため延滞金は計算しません。',
      citations: [CUT],
      cautions: [],
    });
    expect(charge(12_900, '2026-06-01', '2026-12-31').explanation).toContain('合計 574円 → 100円未満切捨てで500円、1,000円未満のため延滞金はかかりません。');
  });

  it('refuses days of a year whose rate is not yet announced, saying so', () => {
    try {
      calculateLateCharge(NATIONAL, { amount: 12900, dueDate: '2026-06-01', paidDate: '2027-01-05' });
      expect.unreachable();
    } catch (error) {
      expect((error as TaxInputError).errors[0]?.message).toBe(
        '2027年の「延滞金の割合(暦年ごと。納期限の翌日から1月以内/1月経過後)」はまだ法令・告示で定められていないため計算できません(定められているのは2016年〜2026年)',
      );
    }
  });
});
