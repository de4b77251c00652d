/**
 * @module The parameters of the late charge (延滞金): the rates of each calendar year and how the
 * charge is computed and rounded.
 */
import { z } from 'zod';
import { defineParameter } from './parameter.js';

const pct = z.number().min(0).max(14.6).multipleOf(0.1);

/**
 * 延滞金の割合 per calendar year, as applied: min(7.3%, 特例基準割合 + 1%) within one month of the
 * due date and min(14.6%, 特例基準割合 + 7.3%) after it, the caps of the ordinance already taken.
 */
export const lateChargeRates = defineParameter({
  id: 'lateCharge.rates',
  label: '延滞金の割合(暦年ごと。納期限の翌日から1月以内/1月経過後)',
  per: 'calendarYear',
  municipal: false,
  schema: z.strictObject({ withinOneMonthPct: pct, afterPct: pct }),
  periods: [
    { from: 2016, to: 2016, value: { withinOneMonthPct: 2.8, afterPct: 9.1 }, citation: '地方税法附則第3条の2第1項', confidence: 'V', note: '多久市・深谷市・袋井市・安曇野市・米沢市の公表値で確認(TAX-RULES.md §7)。' },
    { from: 2017, to: 2017, value: { withinOneMonthPct: 2.7, afterPct: 9.0 }, citation: '地方税法附則第3条の2第1項', confidence: 'V', note: '多久市・深谷市・袋井市・安曇野市・米沢市の公表値で確認(TAX-RULES.md §7)。' },
    { from: 2018, to: 2020, value: { withinOneMonthPct: 2.6, afterPct: 8.9 }, citation: '地方税法附則第3条の2第1項', confidence: 'V', note: '多久市・深谷市・袋井市・安曇野市・米沢市の公表値で確認(TAX-RULES.md §7)。' },
    { from: 2021, to: 2021, value: { withinOneMonthPct: 2.5, afterPct: 8.8 }, citation: '地方税法附則第3条の2第1項', confidence: 'V', note: '多久市・深谷市・袋井市・安曇野市・米沢市の公表値で確認(TAX-RULES.md §7)。' },
    { from: 2022, to: 2025, value: { withinOneMonthPct: 2.4, afterPct: 8.7 }, citation: '地方税法附則第3条の2第1項', confidence: 'V' },
    { from: 2026, to: 2026, value: { withinOneMonthPct: 2.8, afterPct: 9.1 }, citation: '地方税法附則第3条の2第1項', confidence: 'V' },
  ],
});

export const lateChargeComputation = defineParameter({
  id: 'lateCharge.computation',
  label: '延滞金の計算(割合の区切り・日数・端数処理)',
  per: 'calendarYear',
  municipal: false,
  schema: z.strictObject({
    firstBandMonths: z.number().int().positive(),
    daysPerYear: z.number().int().positive(),
    baseUnit: z.number().int().positive(),
    minimumTax: z.number().int().positive(),
    resultUnit: z.number().int().positive(),
    minimumResult: z.number().int().positive(),
  }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第20条の4の2第2項・第5項(端数計算)、市町村税条例(種別割の延滞金 本則 年7.3%・14.6%)',
      confidence: 'V',
      note: '基礎税額は千円未満切捨て・二千円未満は計算しない、延滞金は百円未満切捨て・千円未満は徴収しない、閏年も365日。各期間の延滞金は円未満を切り捨てて合計する(福岡市FAQ 3274・豊橋市、TAX-RULES.md §7)。2027年の割合は毎年秋の公表後に期間を加える。',
      value: {
        firstBandMonths: 1,
        daysPerYear: 365,
        baseUnit: 1000,
        minimumTax: 2000,
        resultUnit: 100,
        minimumResult: 1000,
      },
    },
  ],
});
