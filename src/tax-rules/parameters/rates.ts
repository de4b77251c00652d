/**
 * @module The parameters of the tax rates (税率): standard, small special, the municipality's
 * multiplier, the old rates, the heavy rates and the green reduction's amounts.
 */
import { z } from 'zod';
import { KEI_3_4_RATE_KEYS, RATE_KEYS } from '../model.js';
import { defineParameter } from './parameter.js';

// Rates are the fixed yen amounts of the law's tables, never computed from percentages.
const yen = z.number().int().min(0).max(100_000);
const table = <K extends string>(keys: readonly K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, yen])) as Record<K, typeof yen>);
const STANDARD_KEYS = RATE_KEYS.filter((k) => k !== 'small_special_farm' && k !== 'small_special_other');

export const standardRates = defineParameter({
  id: 'rates.standard',
  label: '標準税率(年額)',
  per: 'fiscalYear',
  municipal: false,
  schema: table(STANDARD_KEYS),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第463条の15第1項',
      confidence: 'V',
      note: '原付・二輪・三輪以上の軽自動車は平成28年度(2016年度)に引上げ後の額。三輪・四輪の新税率は2015年4月以降に最初の新規検査を受けた車両から。',
      value: {
        moped_class1: 2000,
        moped_class2_otsu: 2000,
        moped_class2_ko: 2400,
        minicar: 3700,
        kei_two_wheel: 3600,
        small_two_wheeler: 6000,
        kei_three_wheel: 3900,
        kei_four_wheel_passenger_commercial: 6900,
        kei_four_wheel_passenger_private: 10800,
        kei_four_wheel_cargo_commercial: 3800,
        kei_four_wheel_cargo_private: 5000,
      },
    },
  ],
});

export const smallSpecialRates = defineParameter({
  id: 'rates.smallSpecial',
  label: '小型特殊自動車の税率(年額・条例で定める)',
  per: 'fiscalYear',
  municipal: true,
  schema: table(['small_special_farm', 'small_special_other'] as const),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第463条の15第3項',
      confidence: 'V',
      value: { small_special_farm: 2400, small_special_other: 5900 },
    },
  ],
});

export const rateMultiplier = defineParameter({
  id: 'rates.multiplier',
  label: '標準税率に対する倍率(条例。上限1.5倍)',
  per: 'fiscalYear',
  municipal: true,
  // The law caps a city's rate at 1.5 times the standard rate; hundredths keep amounts in whole yen.
  schema: z
    .number()
    .positive('倍率は0より大きい値にしてください')
    .max(1.5, '倍率は標準税率の1.5倍(地方税法第463条の15第2項)を超えられません')
    .multipleOf(0.01, '倍率は小数第2位までで指定してください'),
  periods: [{ from: 2016, to: null, citation: '地方税法第463条の15第2項', confidence: 'V', value: 1 }],
});

export const oldRates = defineParameter({
  id: 'rates.old',
  label: '旧税率(2015年3月以前に最初の新規検査を受けた三輪・四輪)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ firstInspectionBefore: z.string().regex(/^[0-9]{4}-[0-9]{2}$/), amounts: table(KEI_3_4_RATE_KEYS) }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法等の一部を改正する法律(平成26年法律第4号)附則第14条第1項',
      confidence: 'V',
      note: '市町村の税率表による確認(V)。条番号は改正法附則。',
      value: {
        firstInspectionBefore: '2015-04',
        amounts: {
          kei_three_wheel: 3100,
          kei_four_wheel_passenger_commercial: 5500,
          kei_four_wheel_passenger_private: 7200,
          kei_four_wheel_cargo_commercial: 3000,
          kei_four_wheel_cargo_private: 4000,
        },
      },
    },
  ],
});

export const heavyRates = defineParameter({
  id: 'rates.heavy',
  label: '重課税率(経年車)',
  per: 'fiscalYear',
  municipal: false,
  schema: table(KEI_3_4_RATE_KEYS),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法附則第30条第1項',
      confidence: 'V',
      note: '金額は松戸市の税率表で確認(V)。',
      value: {
        kei_three_wheel: 4600,
        kei_four_wheel_passenger_commercial: 8200,
        kei_four_wheel_passenger_private: 12900,
        kei_four_wheel_cargo_commercial: 4500,
        kei_four_wheel_cargo_private: 6000,
      },
    },
  ],
});

export const greenAmounts = defineParameter({
  id: 'rates.green',
  label: 'グリーン化特例(軽課)の税額',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ green75: table(KEI_3_4_RATE_KEYS), green50: table(KEI_3_4_RATE_KEYS), green25: table(KEI_3_4_RATE_KEYS) }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法附則第30条第2項',
      confidence: 'V',
      note: '市町村の税率表による確認(V)。',
      value: {
        green75: {
          kei_three_wheel: 1000,
          kei_four_wheel_passenger_commercial: 1800,
          kei_four_wheel_passenger_private: 2700,
          kei_four_wheel_cargo_commercial: 1000,
          kei_four_wheel_cargo_private: 1300,
        },
        green50: {
          kei_three_wheel: 2000,
          kei_four_wheel_passenger_commercial: 3500,
          kei_four_wheel_passenger_private: 5400,
          kei_four_wheel_cargo_commercial: 1900,
          kei_four_wheel_cargo_private: 2500,
        },
        green25: {
          kei_three_wheel: 3000,
          kei_four_wheel_passenger_commercial: 5200,
          kei_four_wheel_passenger_private: 8100,
          kei_four_wheel_cargo_commercial: 2900,
          kei_four_wheel_cargo_private: 3800,
        },
      },
    },
  ],
});
