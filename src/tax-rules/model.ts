/**
 * @module The tax-rule engine's vocabulary: vehicle classes (車種区分), uses, fuels, rate keys and the
 * explained results the calculations answer with.
 */
import { z } from 'zod';
import { yearMonthSchema } from '../shared/date-schema.js';
import { choice } from '../shared/text.js';

// Japanese default messages also where the engine runs without the server (CLI, tests, bench).
z.config(z.locales.ja());

/** The classes whose rate does not depend on use: the same name as class and as rate key. */
const CLASSES_WITHOUT_USE = [
  'moped_class1',
  'moped_class2_otsu',
  'moped_class2_ko',
  'minicar',
  'kei_two_wheel',
  'small_two_wheeler',
  'small_special_farm',
  'small_special_other',
  'kei_three_wheel',
] as const;

/** 車種 as the engine knows it; `moped` asks the engine to classify from wheels, cc and kW. */
export const VEHICLE_CLASSES = [...CLASSES_WITHOUT_USE, 'kei_four_wheel_passenger', 'kei_four_wheel_cargo'] as const;
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];
export type MopedClass = 'moped_class1' | 'moped_class2_otsu' | 'moped_class2_ko' | 'minicar';

export const VEHICLE_CLASS_LABEL: Record<VehicleClass, string> = {
  moped_class1: '原動機付自転車 第一種',
  moped_class2_otsu: '原動機付自転車 第二種乙',
  moped_class2_ko: '原動機付自転車 第二種甲',
  minicar: 'ミニカー',
  kei_two_wheel: '軽自動車 二輪',
  small_two_wheeler: '二輪の小型自動車',
  small_special_farm: '小型特殊自動車 農耕作業用',
  small_special_other: '小型特殊自動車 その他',
  kei_three_wheel: '軽自動車 三輪',
  kei_four_wheel_passenger: '軽自動車 四輪 乗用',
  kei_four_wheel_cargo: '軽自動車 四輪 貨物',
};

export const USES = ['private', 'commercial'] as const;
export type Use = (typeof USES)[number];
export const USE_LABEL: Record<Use, string> = { private: '自家用', commercial: '営業用' };

export const FUELS = [
  'gasoline',
  'diesel',
  'lpg',
  'electric',
  'fuel_cell',
  'natural_gas',
  'methanol',
  'mixed_methanol',
  'hybrid_gasoline',
  'hybrid_other',
  'other',
] as const;
export type Fuel = (typeof FUELS)[number];
export const FUEL_LABEL: Record<Fuel, string> = {
  gasoline: 'ガソリン',
  diesel: '軽油',
  lpg: 'LPG',
  electric: '電気',
  fuel_cell: '燃料電池',
  natural_gas: '天然ガス',
  methanol: 'メタノール',
  mixed_methanol: '混合メタノール',
  hybrid_gasoline: 'ガソリン電力併用(ハイブリッド)',
  hybrid_other: 'その他のハイブリッド',
  other: 'その他',
};

/**
 * Where an amount comes from: the key of every rate table. It is the database's
 * `vehicle_class_code` (migrations/0005_vehicle.sql): class, plus use for four-wheel kei.
 */
export const RATE_KEYS = [
  ...CLASSES_WITHOUT_USE,
  'kei_four_wheel_passenger_commercial',
  'kei_four_wheel_passenger_private',
  'kei_four_wheel_cargo_commercial',
  'kei_four_wheel_cargo_private',
] as const;
export type RateKey = (typeof RATE_KEYS)[number];

/** The rate keys of three- and four-wheel kei: the only ones with old, heavy and green rates. */
export const KEI_3_4_RATE_KEYS = [
  'kei_three_wheel',
  'kei_four_wheel_passenger_commercial',
  'kei_four_wheel_passenger_private',
  'kei_four_wheel_cargo_commercial',
  'kei_four_wheel_cargo_private',
] as const satisfies readonly RateKey[];
export type Kei34RateKey = (typeof KEI_3_4_RATE_KEYS)[number];

export const RATE_CASES = ['standard', 'old', 'heavy', 'green75', 'green50', 'green25'] as const;
export type RateCase = (typeof RATE_CASES)[number];
export const RATE_CASE_LABEL: Record<RateCase, string> = {
  standard: '標準税率',
  old: '旧税率',
  heavy: '重課(経年車)',
  green75: 'グリーン化特例 75%軽減',
  green50: 'グリーン化特例 50%軽減',
  green25: 'グリーン化特例 25%軽減',
};

const percent = z.number().min(0, '達成率は0以上で入力してください').max(500, '達成率は500以下で入力してください');

/** One vehicle as the CLI, the API and the screen send it. */
export const vehicleInputSchema = z.strictObject({
  fiscalYear: z.number().int('年度は整数で入力してください').min(2016, '2016年度以降を入力してください').max(2100, '2100年度以前を入力してください'),
  vehicleClass: choice('車種', { moped: '原動機付自転車(車輪・排気量・出力から判定)', ...VEHICLE_CLASS_LABEL }),
  use: choice('用途', USE_LABEL).optional(),
  /** 年 or 年-月 of 最初の新規検査; a certificate before 2003-10-14 may show the year only. */
  firstInspection: yearMonthSchema('初度検査年月', { yearOnly: true }).optional(),
  fuel: choice('燃料', FUEL_LABEL).optional(),
  towed: z.boolean().optional().describe('被けん引車。省略は「該当しない」'),
  lowEmission4Star: z.boolean().optional().describe('★★★★(低排出ガス)。省略は「該当しない」'),
  fuelEfficiency: z
    .strictObject({ fy2015: percent.optional(), fy2020: percent.optional(), fy2030: percent.optional() })
    .optional()
    .describe('燃費基準の達成率(%)。130 は基準より30%良い。省略は「達成していない・不明」'),
  naturalGasEmissionStandard: z
    .boolean()
    .optional()
    .describe('天然ガス自動車が平成30年排出ガス規制に適合又は平成21年排出ガス規制NOx10%以上低減(グリーン化特例75%の要件)'),
  body: z.enum(['passenger', 'cargo']).optional().describe('三輪の軽自動車の車体: 乗用 passenger / 貨物 cargo(グリーン化特例の基準が異なる)'),
  wheels: z.number().int('車輪の数は整数で入力してください').min(1).max(20).optional(),
  displacementCc: z.number().min(0).max(10_000).optional(),
  ratedOutputKw: z.number().positive('定格出力は0kWより大きい値で入力してください').max(1_000).optional(),
  maxOutputKw: z.number().positive('最高出力は0kWより大きい値で入力してください').max(1_000).optional(),
  cabin: z.boolean().optional().describe('三輪以上の原動機付自転車: 車室を有する(ミニカーの要件)'),
  trackWidthCm: z.number().positive('輪距は0cmより大きい値で入力してください').max(500).optional().describe('三輪以上の原動機付自転車の輪距(cm)。50cm超はミニカー'),
});
export type VehicleInput = z.infer<typeof vehicleInputSchema>;

/** A field the input got wrong, named as the input names it, with a Japanese message. */
export interface FieldError {
  field: string;
  message: string;
}

/** Unknown or contradictory input: never a silent default. Routes turn it into problem+json. */
export class TaxInputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join(' / '));
  }
  static of(field: string, message: string): TaxInputError {
    return new TaxInputError([{ field, message }]);
  }
}

/** Parses with a zod schema, or throws TaxInputError naming every failing field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new TaxInputError(result.error.issues.map((issue) => ({ field: fieldOf(issue), message: issue.message })));
}

function fieldOf(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  // An unknown key is reported on its parent; name the key itself.
  if (issue.code === 'unrecognized_keys') return [...path, issue.keys[0] ?? ''].filter(Boolean).join('.');
  return path.join('.');
}

/**
 * Every result of the engine explains itself in Japanese and names its sources; `cautions` says,
 * in a clerk's words, where a rule it used is still unconfirmed or only provisional (empty when
 * every rule is confirmed). The explanation ends with the same sentences.
 */
export const explainedFields = {
  explanation: z.string().describe('日本語の説明(計算の過程)'),
  citations: z.array(z.string()).describe('根拠条文'),
  cautions: z.array(z.string()).describe('未確認・暫定の規定を使ったときの職員向けの注意(確認済みの規定だけなら空)'),
};
export type Explained = z.infer<z.ZodObject<typeof explainedFields>>;

/** POST /tax/calculate: the annual amount of one vehicle, as the engine gives it and the calculator screen shows it. */
export const amountResultSchema = z.object({
  fiscalYear: z.number().int(),
  amount: z.number().int().describe('年税額(円)'),
  /** The class after classification (`moped` resolved to its class). */
  vehicleClass: z.enum(VEHICLE_CLASSES),
  /** The rate-table key, equal to the database's vehicle_class_code. */
  rateKey: z.enum(RATE_KEYS).describe('税率表の区分(車種コード)'),
  rateCase: z.enum(RATE_CASES),
  /** A rule used is announced but not yet enacted (グリーン化特例 FY2027–FY2028): recompute once it is. */
  provisional: z.boolean().describe('改正法の成立前の暫定の規定(2027・2028年度のグリーン化特例)による結果'),
  ...explainedFields,
});
export type AmountResult = z.infer<typeof amountResultSchema>;

/** 12,900円 */
export function yen(amount: number): string {
  return `${amount.toLocaleString('ja-JP')}円`;
}
