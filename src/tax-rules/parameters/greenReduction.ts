/**
 * @module The parameter of the green reduction (グリーン化特例・軽課): which new vehicles qualify by fuel,
 * body, emission and fuel-economy standards, in which fiscal years.
 */
import { z } from 'zod';
import { FUELS } from '../model.js';
import { defineParameter } from './parameter.js';

const month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM で指定してください');

/** 乗用 or 貨物: a four-wheeler's class says it; a three-wheeler's is an input (TAX-RULES.md §7). */
export const GREEN_BODIES = ['passenger', 'cargo'] as const;
const body = z.enum(GREEN_BODIES);
const greenRule = z.strictObject({
  label: z.string().min(1),
  fuels: z.array(z.enum(FUELS)).optional(),
  /** A natural-gas vehicle must also meet 平成30年排出ガス規制 or 平成21年規制 NOx 10%低減. */
  naturalGasEmissionStandard: z.literal(true).optional(),
  bodies: z.array(body).optional(),
  uses: z.array(z.enum(['private', 'commercial'])).optional(),
  lowEmission4Star: z.literal(true).optional(),
  minEfficiency: z.strictObject({ fy2015: z.number().optional(), fy2020: z.number().optional(), fy2030: z.number().optional() }).optional(),
});
export type GreenRule = z.infer<typeof greenRule>;
export type GreenBody = z.infer<typeof body>;

const ELECTRIC = { label: '電気自動車(燃料電池を含む)', fuels: ['electric', 'fuel_cell'] } satisfies GreenRule;
const NATURAL_GAS = {
  label: '天然ガス自動車(平成30年排出ガス規制適合又は平成21年排出ガス規制NOx10%以上低減)',
  fuels: ['natural_gas'],
  naturalGasEmissionStandard: true,
} satisfies GreenRule;
const GREEN75 = [ELECTRIC, NATURAL_GAS];
const STAR4 = '★★★★(平成30年排出ガス基準50%低減又は平成17年基準75%低減)';
const FY2016_CRITERIA = {
  green75: GREEN75,
  green50: [
    { label: `${STAR4}かつ乗用で令和2年度燃費基準+20%達成`, bodies: ['passenger'], lowEmission4Star: true, minEfficiency: { fy2020: 120 } },
    { label: `${STAR4}かつ貨物で平成27年度燃費基準+35%達成`, bodies: ['cargo'], lowEmission4Star: true, minEfficiency: { fy2015: 135 } },
  ],
  green25: [
    { label: `${STAR4}かつ乗用で令和2年度燃費基準達成`, bodies: ['passenger'], lowEmission4Star: true, minEfficiency: { fy2020: 100 } },
    { label: `${STAR4}かつ貨物で平成27年度燃費基準+15%達成`, bodies: ['cargo'], lowEmission4Star: true, minEfficiency: { fy2015: 115 } },
  ],
} satisfies Record<string, GreenRule[]>;
const COMMERCIAL_PASSENGER_90 = {
  label: `営業用乗用で${STAR4}かつ令和2年度燃費基準達成・令和12年度燃費基準90%達成`,
  bodies: ['passenger'],
  uses: ['commercial'],
  lowEmission4Star: true,
  minEfficiency: { fy2020: 100, fy2030: 90 },
} satisfies GreenRule;

/**
 * グリーン化特例: the periods are the reduced fiscal years; a vehicle qualifies only in the fiscal
 * year after its first inspection (新車), which must lie in the window. Tiers list alternatives
 * (any one suffices), best tier first.
 */
export const greenReductionRules = defineParameter({
  id: 'greenReduction.rules',
  label: 'グリーン化特例(軽課)の対象',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({
    firstInspectionFrom: month,
    firstInspectionTo: month,
    green75: z.array(greenRule),
    green50: z.array(greenRule),
    green25: z.array(greenRule),
  }),
  periods: [
    {
      from: 2016,
      to: 2016,
      citation: '地方税法附則第30条第2項(平成27年度改正)',
      confidence: 'S',
      note: '2017年度は同じ基準の1年延長として確認(新潟市)。2016年度は二次資料による(S)。',
      value: { firstInspectionFrom: '2015-04', firstInspectionTo: '2016-03', ...FY2016_CRITERIA },
    },
    {
      from: 2017,
      to: 2017,
      citation: '地方税法附則第30条第2項(平成28年度改正による1年延長)',
      confidence: 'V',
      note: '2016年度と同じ基準(新潟市 平成29年度の資料、TAX-RULES.md §7)。',
      value: { firstInspectionFrom: '2016-04', firstInspectionTo: '2017-03', ...FY2016_CRITERIA },
    },
    {
      from: 2018,
      to: 2021,
      citation: '地方税法附則第30条第2項(平成29年度改正・令和元年度改正)',
      confidence: 'V',
      note: '三輪は乗用・貨物の別に四輪と同じ基準(新潟市・多良木町、TAX-RULES.md §7)。',
      value: {
        firstInspectionFrom: '2017-04',
        firstInspectionTo: '2021-03',
        green75: GREEN75,
        green50: [
          { label: `${STAR4}かつ乗用で令和2年度燃費基準+30%達成`, bodies: ['passenger'], lowEmission4Star: true, minEfficiency: { fy2020: 130 } },
          { label: `${STAR4}かつ貨物で平成27年度燃費基準+35%達成`, bodies: ['cargo'], lowEmission4Star: true, minEfficiency: { fy2015: 135 } },
        ],
        green25: [
          { label: `${STAR4}かつ乗用で令和2年度燃費基準+10%達成`, bodies: ['passenger'], lowEmission4Star: true, minEfficiency: { fy2020: 110 } },
          { label: `${STAR4}かつ貨物で平成27年度燃費基準+15%達成`, bodies: ['cargo'], lowEmission4Star: true, minEfficiency: { fy2015: 115 } },
        ],
      },
    },
    {
      from: 2022,
      to: 2025,
      citation: '地方税法附則第30条第2項(令和3年度改正)',
      confidence: 'S',
      note: '電気・天然ガスは確認済み(V)。50%・25%を営業用乗用(三輪を含む)に限る点は複数資料で一致(S)。',
      value: {
        firstInspectionFrom: '2021-04',
        firstInspectionTo: '2025-03',
        green75: GREEN75,
        green50: [COMMERCIAL_PASSENGER_90],
        green25: [
          {
            label: `営業用乗用で${STAR4}かつ令和2年度燃費基準達成・令和12年度燃費基準70%達成`,
            bodies: ['passenger'],
            uses: ['commercial'],
            lowEmission4Star: true,
            minEfficiency: { fy2020: 100, fy2030: 70 },
          },
        ],
      },
    },
    {
      from: 2026,
      to: 2026,
      citation: '地方税法附則第30条第2項(令和5年度改正)',
      confidence: 'V',
      value: {
        firstInspectionFrom: '2025-04',
        firstInspectionTo: '2026-03',
        green75: GREEN75,
        green50: [COMMERCIAL_PASSENGER_90],
        green25: [],
      },
    },
    {
      from: 2027,
      to: 2028,
      citation: '地方税法附則第30条第2項(令和8年度改正による2028年3月31日までの延長)',
      confidence: 'S',
      note: '令和8年度税制改正の大綱等による(S)。改正法の成立を確認するまで、結果は暫定と示す(TAX-RULES.md §7)。',
      provisional: true,
      value: { firstInspectionFrom: '2026-04', firstInspectionTo: '2028-03', green75: GREEN75, green50: [], green25: [] },
    },
  ],
});
