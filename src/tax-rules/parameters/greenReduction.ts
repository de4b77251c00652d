import { z } from 'zod';
import { FUELS } from '../model.js';
import { defineParameter } from './parameter.js';

const month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM で指定してください');

const body = z.enum(['three_wheel', 'passenger', 'cargo']);
const greenRule = z.strictObject({
  label: z.string().min(1),
  fuels: z.array(z.enum(FUELS)).optional(),
  bodies: z.array(body).optional(),
  uses: z.array(z.enum(['private', 'commercial'])).optional(),
  lowEmission4Star: z.literal(true).optional(),
  minEfficiency: z.strictObject({ fy2015: z.number().optional(), fy2020: z.number().optional(), fy2030: z.number().optional() }).optional(),
});
export type GreenRule = z.infer<typeof greenRule>;
export type GreenBody = z.infer<typeof body>;

const EV_NG = { label: '電気自動車(燃料電池を含む)・天然ガス自動車', fuels: ['electric', 'fuel_cell', 'natural_gas'] } satisfies GreenRule;
const STAR4 = '★★★★(平成30年排出ガス基準50%低減又は平成17年基準75%低減)';

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
      to: 2017,
      citation: '地方税法附則第30条第2項(平成27年度改正)',
      confidence: 'M',
      note: '基準の細部は未確認(M)。三輪の燃費基準は不明のため75%軽減のみ対象。',
      value: {
        firstInspectionFrom: '2015-04',
        firstInspectionTo: '2017-03',
        green75: [EV_NG],
        green50: [
          { label: `${STAR4}かつ乗用で令和2年度燃費基準+20%達成`, bodies: ['passenger'], lowEmission4Star: true, minEfficiency: { fy2020: 120 } },
          { label: `${STAR4}かつ貨物で平成27年度燃費基準+35%達成`, bodies: ['cargo'], lowEmission4Star: true, minEfficiency: { fy2015: 135 } },
        ],
        green25: [
          { label: `${STAR4}かつ乗用で令和2年度燃費基準達成`, bodies: ['passenger'], lowEmission4Star: true, minEfficiency: { fy2020: 100 } },
          { label: `${STAR4}かつ貨物で平成27年度燃費基準+15%達成`, bodies: ['cargo'], lowEmission4Star: true, minEfficiency: { fy2015: 115 } },
        ],
      },
    },
    {
      from: 2018,
      to: 2021,
      citation: '地方税法附則第30条第2項(平成29年度改正・令和元年度改正)',
      confidence: 'V',
      note: '三輪の燃費基準は不明のため75%軽減のみ対象(M)。',
      value: {
        firstInspectionFrom: '2017-04',
        firstInspectionTo: '2021-03',
        green75: [EV_NG],
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
      note: '電気・天然ガスは確認済み(V)。50%・25%を営業用乗用に限る点は複数資料で一致(S)。',
      value: {
        firstInspectionFrom: '2021-04',
        firstInspectionTo: '2025-03',
        green75: [EV_NG],
        green50: [
          {
            label: `営業用乗用で${STAR4}かつ令和2年度燃費基準達成・令和12年度燃費基準90%達成`,
            bodies: ['passenger'],
            uses: ['commercial'],
            lowEmission4Star: true,
            minEfficiency: { fy2020: 100, fy2030: 90 },
          },
        ],
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
        green75: [EV_NG],
        green50: [
          {
            label: `営業用乗用で${STAR4}かつ令和2年度燃費基準達成・令和12年度燃費基準90%達成`,
            bodies: ['passenger'],
            uses: ['commercial'],
            lowEmission4Star: true,
            minEfficiency: { fy2020: 100, fy2030: 90 },
          },
        ],
        green25: [],
      },
    },
    {
      from: 2027,
      to: 2028,
      citation: '地方税法附則第30条第2項(令和8年度改正による2028年3月31日までの延長)',
      confidence: 'S',
      note: '暫定(provisional): 改正法の公布を確認するまで仮の値。',
      value: { firstInspectionFrom: '2026-04', firstInspectionTo: '2028-03', green75: [EV_NG], green50: [], green25: [] },
    },
  ],
});
