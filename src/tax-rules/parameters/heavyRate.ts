/**
 * @module The parameters of the heavy rate (重課) of aged vehicles: which vehicles it applies to
 * from which year, and which exempt aged vehicles keep the old rate.
 */
import { z } from 'zod';
import { FUELS } from '../model.js';
import { defineParameter } from './parameter.js';

export const heavyRateRule = defineParameter({
  id: 'heavyRate.rule',
  label: '重課の対象(最初の新規検査から14年を経過した月の属する年度以後)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({
    yearsAfterFirstInspection: z.number().int().min(1).max(30),
    exemptFuels: z.array(z.enum(FUELS)),
    towedExempt: z.boolean(),
  }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法附則第30条第1項',
      confidence: 'V',
      note: '年数は松戸市の税率表(2026年度: 2013年3月以前に最初の新規検査)で確認。除外(電気・燃料電池・天然ガス・メタノール・混合メタノール・ガソリン電力併用・被けん引車)は限定列挙で、軽油・LPG・その他のハイブリッドは重課(京丹波町・高砂市、TAX-RULES.md §7)。',
      value: {
        yearsAfterFirstInspection: 14,
        exemptFuels: ['electric', 'fuel_cell', 'natural_gas', 'methanol', 'mixed_methanol', 'hybrid_gasoline'],
        towedExempt: true,
      },
    },
  ],
});

export const exemptKeepsOldRate = defineParameter({
  id: 'heavyRate.exemptKeepsOldRate',
  label: '重課対象外の経年車で2015年3月以前に最初の新規検査を受けたものは旧税率',
  per: 'fiscalYear',
  municipal: false,
  schema: z.boolean(),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法等の一部を改正する法律(平成26年法律第4号)附則第14条第1項',
      confidence: 'S',
      note: '複数資料からの推定(S, inferred)。',
      value: true,
    },
  ],
});
