import { z } from 'zod';
import { daysInMonth } from '../../shared/dates.js';
import { defineParameter } from './parameter.js';

export const annualDueDate = defineParameter({
  id: 'dueDate.annual',
  label: '納期限(条例で定める月日。休日等は翌日へ)',
  per: 'fiscalYear',
  municipal: true,
  schema: z
    .strictObject({ month: z.number().int().min(4, '納期限は4月以降の月にしてください').max(12), day: z.number().int().min(1).max(31) })
    .refine((d) => d.day <= daysInMonth(2001, d.month), '存在しない日付です'),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '市町村税条例(種別割の納期)',
      confidence: 'M',
      note: '埼玉県内の通例(5月31日)。各市の条例の日付は未確認(M): 団体の設定で指定する。',
      value: { month: 5, day: 31 },
    },
  ],
});

export const nonBusinessDays = defineParameter({
  id: 'dueDate.nonBusinessDays',
  label: '期限が土曜・日曜・国民の祝日・12月29日〜1月3日に当たるときは翌日',
  per: 'calendarYear',
  municipal: false,
  schema: z.strictObject({ saturday: z.boolean(), sunday: z.boolean(), nationalHolidays: z.boolean(), yearEndFrom: z.string(), yearEndTo: z.string() }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第20条の5第2項、地方税法施行令第6条の18第1項',
      confidence: 'V',
      value: { saturday: true, sunday: true, nationalHolidays: true, yearEndFrom: '12-29', yearEndTo: '01-03' },
    },
  ],
});

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
    { from: 2016, to: 2016, value: { withinOneMonthPct: 2.8, afterPct: 9.1 }, citation: '地方税法附則第3条の2第1項', confidence: 'M', note: '特例基準割合による。公表値の確認待ち(M)。' },
    { from: 2017, to: 2017, value: { withinOneMonthPct: 2.7, afterPct: 9.0 }, citation: '地方税法附則第3条の2第1項', confidence: 'M', note: '特例基準割合による。公表値の確認待ち(M)。' },
    { from: 2018, to: 2020, value: { withinOneMonthPct: 2.6, afterPct: 8.9 }, citation: '地方税法附則第3条の2第1項', confidence: 'M', note: '特例基準割合による。公表値の確認待ち(M)。' },
    { from: 2021, to: 2021, value: { withinOneMonthPct: 2.5, afterPct: 8.8 }, citation: '地方税法附則第3条の2第1項', confidence: 'M', note: '延滞金特例基準割合による。公表値の確認待ち(M)。' },
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
      confidence: 'S',
      note: '基礎税額は千円未満切捨て・二千円未満は計算しない、延滞金は百円未満切捨て・千円未満は徴収しない、閏年も365日。項番号は二次資料による(S)。',
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

export const correctionLimitation = defineParameter({
  id: 'limitation.correction',
  label: '更正(賦課決定)の期間制限(法定納期限の翌日から起算)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ increaseYears: z.number().int().positive(), decreaseYears: z.number().int().positive(), deceitYears: z.number().int().positive() }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第17条の5',
      confidence: 'M',
      note: '5年は確認済み(V)。増額3年・減額5年・偽り等7年の区分は未確認(M)。',
      value: { increaseYears: 3, decreaseYears: 5, deceitYears: 7 },
    },
  ],
});

export const collectionLimitation = defineParameter({
  id: 'limitation.collection',
  label: '徴収権の消滅時効(法定納期限の翌日から起算)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ years: z.number().int().positive() }),
  periods: [{ from: 2016, to: null, citation: '地方税法第18条第1項', confidence: 'V', value: { years: 5 } }],
});

export const plateCompensationFee = defineParameter({
  id: 'plateCompensation.fee',
  label: '標識の弁償金(亡失・き損)',
  per: 'fiscalYear',
  municipal: true,
  schema: z.strictObject({ amount: z.number().int().min(0).max(10_000), waivedWithTheftReport: z.boolean() }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '市町村の原動機付自転車等標識交付規則(弁償金)',
      confidence: 'V',
      note: '埼玉県内の通例 200円(川口市・川越市)。警察への盗難届の提示で免除。',
      value: { amount: 200, waivedWithTheftReport: true },
    },
  ],
});
