/**
 * @module The rules of the checks before mailing (発送前点検): each a named function over what the
 * register and last year's levies say of one levy (or one unlevied vehicle), answering with what a
 * clerk should look at and the legal or practical reason, or with nothing when the levy looks right.
 */
import { fiscalYearOf } from '../shared/dates.js';
import { formatEraDate, formatEraYearMonth } from '../shared/era.js';
import { KEI_3_4_RATE_KEYS, RATE_CASE_LABEL, USE_LABEL, VEHICLE_CLASS_LABEL, type RateCase, type Use, type VehicleClass } from '../tax-rules/model.js';
import type { CheckedOwner, CheckedVehicle, LevyFacts, RuleFinding } from './model.js';

/** Fuels the green reduction's 75% tier names (附則第30条; TAX-RULES.md §3: electric incl. fuel cell, natural gas). */
export const GREEN_FUELS: Readonly<Record<string, string>> = { electric: '電気', fuel_cell: '燃料電池', natural_gas: '天然ガス' };

/** Words in a 車名 or 型式 that name a farm machine (農耕作業用の小型特殊自動車). */
export const FARM_MODEL_WORDS = ['トラクター', 'トラクタ', 'コンバイン', '田植機', '田植え機', '耕運機', '耕うん機', '管理機', 'バインダー', 'ハーベスタ', '刈取機', 'スピードスプレーヤ', '農用'] as const;

/** Words that name a machine of the other small special class (フォークリフト, 建設機械…), never a farm one. */
export const OTHER_SPECIAL_MODEL_WORDS = ['フォークリフト', 'ショベル', 'ローダ', 'ロードローラ', 'グレーダ', 'クレーン', 'ターレット', 'ブルドーザ'] as const;

const isKei34 = (vehicleClassCode: string) => (KEI_3_4_RATE_KEYS as readonly string[]).includes(vehicleClassCode);
/** A class code of the register (kei_four_wheel_cargo_private) in words: the engine's class and, for four-wheel kei, the use. */
function classLabel(code: string): string {
  const [, vehicleClass = code, use] = /^(.*?)(?:_(private|commercial))?$/.exec(code) ?? [];
  const label = VEHICLE_CLASS_LABEL[vehicleClass as VehicleClass] ?? code;
  return use ? `${label} ${USE_LABEL[use as Use]}` : label;
}
const rateCaseLabel = (rateCase: string | null) => RATE_CASE_LABEL[(rateCase ?? 'standard') as RateCase] ?? rateCase ?? '標準税率';
const yen = (amount: number) => `${amount.toLocaleString('ja-JP')}円`;
/** March 31 before the 賦課期日 of the fiscal year. */
const dayBeforeAssessment = (fiscalYear: number) => `${fiscalYear}-03-31`;
const APRIL_OWNER = '地方税法第463条の15・第463条の16(4月1日(賦課期日)現在の所有者に課する)';

/** A new electric, fuel-cell or natural-gas 3-/4-wheel kei (first inspected in the fiscal year before) levied without the green reduction. */
export function greenReductionMissing({ fiscalYear, levy, vehicle }: LevyFacts): RuleFinding | undefined {
  if (!vehicle || !isKei34(levy.vehicleClassCode) || levy.rateCase?.startsWith('green')) return undefined;
  const fuel = vehicle.fuelTypeCode ? GREEN_FUELS[vehicle.fuelTypeCode] : undefined;
  const month = vehicle.firstInspection;
  // A year alone is a certificate from before 2003-10: never a new vehicle.
  if (!fuel || !month || month.length !== 7 || fiscalYearOf(`${month}-01`) !== fiscalYear - 1) return undefined;
  return {
    ruleCode: 'green_reduction_missing',
    explanation: `${fuel}の新車(初度検査 ${formatEraYearMonth(month)})ですが、${rateCaseLabel(levy.rateCase)}の${yen(levy.amount)}で課税しています。燃料・初度検査年月・排出ガス基準を車検証で確かめてください。`,
    reason: '地方税法附則第30条(グリーン化特例:新車の翌年度に限り軽減)。電気・天然ガス自動車は75%軽減の対象です',
  };
}

/** A 3-/4-wheel kei in the register on the 賦課期日 without a first-inspection month: the old and heavy rates cannot be decided. */
export function firstInspectionMissing(vehicle: Pick<CheckedVehicle, 'vehicleClassCode' | 'firstInspection'>): RuleFinding | undefined {
  if (!isKei34(vehicle.vehicleClassCode) || vehicle.firstInspection) return undefined;
  return {
    ruleCode: 'first_inspection_missing',
    explanation: `${classLabel(vehicle.vehicleClassCode)}に初度検査年月がないため税額を計算できず、課税していません。車検証の初度検査年月を登録してください。`,
    reason: '地方税法附則第30条(初度検査から14年を経過した車両は重課)、TAX-RULES.md §3(旧税率・重課は初度検査年月で決まる)',
  };
}

const modelText = (vehicle: CheckedVehicle) => [vehicle.vehicleMakeName, vehicle.modelDesignation].filter(Boolean).join(' ');
const wordIn = (text: string, words: readonly string[]) => words.find((word) => text.includes(word));

/** A small special vehicle whose make or model names a farm machine but is taxed as other, or names another machine but is taxed as farm. */
export function smallSpecialUseMismatch({ levy, vehicle }: LevyFacts): RuleFinding | undefined {
  if (!vehicle) return undefined;
  const text = modelText(vehicle);
  const reason = '地方税法第463条の15(小型特殊自動車は農耕作業用とその他で税率が異なる)、TAX-RULES.md §2';
  const farmWord = levy.vehicleClassCode === 'small_special_other' ? wordIn(text, FARM_MODEL_WORDS) : undefined;
  if (farmWord) {
    return {
      ruleCode: 'small_special_use_mismatch',
      explanation: `車名・型式「${text}」は農耕作業用(${farmWord})に見えますが、「その他」の税率で課税しています。用途を確かめてください。`,
      reason,
    };
  }
  const otherWord = levy.vehicleClassCode === 'small_special_farm' ? wordIn(text, OTHER_SPECIAL_MODEL_WORDS) : undefined;
  if (otherWord) {
    return {
      ruleCode: 'small_special_use_mismatch',
      explanation: `車名・型式「${text}」は農耕作業用ではない機械(${otherWord})に見えますが、「農耕作業用」の税率で課税しています。用途を確かめてください。`,
      reason,
    };
  }
  return undefined;
}

/** A vehicle the register now shows deregistered, or passed to a new owner, on or before March 31, yet levied for the year. */
export function deregisteredStillLevied({ fiscalYear, vehicle }: LevyFacts): RuleFinding | undefined {
  if (!vehicle) return undefined;
  const before = dayBeforeAssessment(fiscalYear);
  const gone =
    vehicle.ownerChangeDate && vehicle.ownerChangeDate <= before
      ? `${formatEraDate(vehicle.ownerChangeDate)}に名義変更されています`
      : vehicle.deregistrationDate && vehicle.deregistrationDate <= before
        ? `${formatEraDate(vehicle.deregistrationDate)}に廃車されています`
        : undefined;
  if (!gone) return undefined;
  return {
    ruleCode: 'deregistered_still_levied',
    explanation: `車両台帳では${gone}が、この年度に課税しています。廃車・名義変更の日付と課税を確かめ、誤りなら賦課を取り消してください。`,
    reason: `${APRIL_OWNER}。3月31日以前に廃車した車両は課税しない`,
  };
}

const GONE: Partial<Record<CheckedOwner['status'], string>> = { deceased: '死亡', moved_out: '転出', dissolved: '解散' };

/** A taxpayer the addressee register shows dead, moved out or dissolved before April 1, yet levied. */
export function ownerGoneStillLevied({ fiscalYear, owner }: LevyFacts): RuleFinding | undefined {
  const event = owner ? GONE[owner.status] : undefined;
  if (!owner || !event || (owner.statusDate !== null && owner.statusDate >= `${fiscalYear}-04-01`)) return undefined;
  const when = owner.statusDate ? `${formatEraDate(owner.statusDate)}に` : '(日付不明)';
  return {
    ruleCode: 'owner_gone_still_levied',
    explanation: `宛名台帳では納税義務者が${when}${event}していますが、その名義で課税しています。${event === '死亡' ? '相続人(代表者)への名義変更' : '主たる定置場と所有者'}を確かめてください。`,
    reason: `${APRIL_OWNER}${event === '死亡' ? '、地方税法第9条・第9条の2(相続人による承継と相続人代表者)' : ''}`,
  };
}

/** A chassis number levied on two or more declaration numbers of the year: one vehicle taxed twice, or a number registered twice. */
export function chassisLeviedTwice({ sameChassis }: LevyFacts): RuleFinding | undefined {
  if (sameChassis.length === 0) return undefined;
  return {
    ruleCode: 'chassis_levied_twice',
    explanation: `同じ車台番号に申告書番号 ${sameChassis.join('・')} でも課税しています。二重登録か車台番号の誤りかを確かめてください。`,
    reason: '地方税法第463条の15(一台の軽自動車等に一年度一回課する)',
  };
}

const RETURNED_MAIL: Record<string, string> = { returned: '返戻', resent: '返戻後に再送', public_notice: '公示送達' };

/** A taxpayer whose notice came back last year (返戻): the address may still be wrong, a candidate for 公示送達. */
export function mailReturnedLastYear({ ownerReturnedMail }: LevyFacts): RuleFinding | undefined {
  const codes = [...new Set(ownerReturnedMail)];
  if (codes.length === 0) return undefined;
  return {
    ruleCode: 'mail_returned_last_year',
    explanation: `前年度の納税通知書が届かなかった納税義務者です(${codes.map((code) => RETURNED_MAIL[code] ?? code).join('・')})。送付先を確かめ、所在が分からなければ公示送達を検討してください。`,
    reason: '地方税法第20条の2(住所・居所が明らかでない場合の公示送達)',
  };
}

/** Why an amount changed from last year's levy on the same vehicle, in a clerk's words. */
export function changeReason(levy: LevyFacts['levy'], prior: NonNullable<LevyFacts['priorLevy']>): string {
  const reasons: string[] = [];
  if (prior.vehicleClassCode !== levy.vehicleClassCode) reasons.push(`車種の変更(${classLabel(prior.vehicleClassCode)} → ${classLabel(levy.vehicleClassCode)})`);
  const rateCase = levy.rateCase ?? 'standard';
  const priorRateCase = prior.rateCase ?? 'standard';
  if (rateCase !== priorRateCase) {
    const why = priorRateCase.startsWith('green') ? '(グリーン化特例は新車の翌年度のみ)' : rateCase === 'heavy' ? '(初度検査から14年を経過)' : '';
    reasons.push(`税率区分の変更(${rateCaseLabel(priorRateCase)} → ${rateCaseLabel(rateCase)})${why}`);
  }
  if (levy.amount !== levy.originalAmount) reasons.push(`減免・更正(当初税額 ${yen(levy.originalAmount)})`);
  if (reasons.length === 0) reasons.push('同じ車種・税率区分の税率が変わった(条例の税率・法改正、重課の新しい段階など)');
  return reasons.join('、');
}

/** Every levy whose amount differs from last year's levy on the same declaration number, with the reason. */
export function amountChanged({ levy, priorLevy }: LevyFacts): RuleFinding | undefined {
  if (!priorLevy || priorLevy.amount === levy.amount) return undefined;
  return {
    ruleCode: 'amount_changed',
    explanation: `前年度 ${yen(priorLevy.amount)} → 今年度 ${yen(levy.amount)}。理由: ${changeReason(levy, priorLevy)}。納税通知書に変わった理由を記載します。`,
    reason: 'TAX-RULES.md §2・§3(車種・税率区分ごとの税額)。税額が変わった納税義務者からの問合せに備えて確かめる',
  };
}

/** The rules over a levy, in the order the report lists them. */
export const LEVY_RULES = [greenReductionMissing, smallSpecialUseMismatch, deregisteredStillLevied, ownerGoneStillLevied, chassisLeviedTwice, mailReturnedLastYear, amountChanged] as const;

/** Every finding of the levy rules on one levy. */
export const findingsOf = (facts: LevyFacts): RuleFinding[] => LEVY_RULES.flatMap((rule) => rule(facts) ?? []);
