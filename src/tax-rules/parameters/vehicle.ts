import { z } from 'zod';
import { FUELS } from '../model.js';
import { defineParameter } from './parameter.js';

const month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM で指定してください');

export const assessmentDate = defineParameter({
  id: 'assessmentDate',
  label: '賦課期日(この日の所有者に1年分を課税)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第463条の16',
      confidence: 'M',
      note: '4月1日であることは多数の市町村資料で確認(V)。条番号が未確認(M)。',
      value: { month: 4, day: 1 },
    },
  ],
});

export const mopedThresholds = defineParameter({
  id: 'moped.classification',
  label: '原動機付自転車の区分(総排気量・定格出力)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({
    class1MaxCc: z.number().positive(),
    class1MaxKw: z.number().positive(),
    otsuMaxCc: z.number().positive(),
    otsuMaxKw: z.number().positive(),
    koMaxCc: z.number().positive(),
    koMaxKw: z.number().positive(),
    minicarMinCc: z.number().positive(),
    minicarMinKw: z.number().positive(),
  }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第463条の15第1項第1号',
      confidence: 'V',
      note: '第一種 50cc以下・0.6kW以下、第二種乙 二輪で90cc以下・0.8kW以下、第二種甲 二輪で125cc以下・1.0kW以下、ミニカー 三輪以上で20cc超・0.25kW超(50cc以下・0.6kW以下)。',
      value: { class1MaxCc: 50, class1MaxKw: 0.6, otsuMaxCc: 90, otsuMaxKw: 0.8, koMaxCc: 125, koMaxKw: 1.0, minicarMinCc: 20, minicarMinKw: 0.25 },
    },
  ],
});

export const twoWheelBoundaries = defineParameter({
  id: 'classification.twoWheel',
  label: '二輪の区分(125cc超250cc以下は軽自動車、250cc超は二輪の小型自動車)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ keiAboveCc: z.number().positive(), keiMaxCc: z.number().positive() }),
  periods: [{ from: 2016, to: null, citation: '道路運送車両法施行規則第2条・別表第1', confidence: 'S', value: { keiAboveCc: 125, keiMaxCc: 250 } }],
});

export const newStandardMoped = defineParameter({
  id: 'moped.newStandard',
  label: '新基準原付(二輪・50cc超125cc以下・最高出力4.0kW以下は第一種)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ aboveCc: z.number().positive(), maxCc: z.number().positive(), maxOutputKw: z.number().positive() }).nullable(),
  periods: [
    { from: 2016, to: 2024, citation: '地方税法第463条の15第1項第1号', confidence: 'V', note: '2024年度までは新基準原付の区分なし。', value: null },
    {
      from: 2025,
      to: null,
      citation: '地方税法第463条の15第1項第1号イ(令和7年度改正)',
      confidence: 'V',
      value: { aboveCc: 50, maxCc: 125, maxOutputKw: 4.0 },
    },
  ],
});

export const firstInspectionYearOnly = defineParameter({
  id: 'firstInspection.yearOnly',
  label: '年のみ記載の初度検査年(その年の12月とみなす)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ month: z.number().int().min(1).max(12), latestYear: z.number().int() }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法等の一部を改正する法律(平成26年法律第4号)附則第14条第2項',
      confidence: 'V',
      note: '平成15年10月14日より前の車検証は年のみの記載があり得る(松戸市資料)。それより後の年のみ記載は矛盾として扱う。',
      value: { month: 12, latestYear: 2003 },
    },
  ],
});

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
      confidence: 'M',
      note: '「14年」の数は未確認(M)。電気(燃料電池を含む)・天然ガス・メタノール・混合メタノール・ガソリン電力併用・被けん引車の除外は確認済み(V)。軽油・LPG・その他のハイブリッドは重課(S)。',
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
