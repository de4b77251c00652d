/**
 * @module 種別割の年税額 (annual amount of the light vehicle tax): the rate for the vehicle's class and
 * use, the multiplier, the old and heavy rates of aged vehicles and the green reduction, each step
 * explained with its article.
 */
import { fiscalYearOfMonth, formatMonth, monthIndex, monthOfIndex } from './calendar.js';
import {
  FUEL_LABEL,
  parseInput,
  RATE_CASE_LABEL,
  TaxInputError,
  USE_LABEL,
  VEHICLE_CLASS_LABEL,
  vehicleInputSchema,
  yen,
  type AmountResult,
  type Fuel,
  type Kei34RateKey,
  type MopedClass,
  type RateCase,
  type RateKey,
  type VehicleClass,
  type VehicleInput,
} from './model.js';
import { classifyMoped, MOPED_CLASSES } from './moped.js';
import { greenAmounts, heavyRates, oldRates, rateMultiplier, smallSpecialRates, standardRates } from './parameters/rates.js';
import { assessmentDate } from './parameters/assessmentDate.js';
import { twoWheelBoundaries } from './parameters/classification.js';
import { firstInspectionYearOnly } from './parameters/firstInspection.js';
import { greenReductionRules, type GreenBody, type GreenRule } from './parameters/greenReduction.js';
import { exemptKeepsOldRate, heavyRateRule } from './parameters/heavyRate.js';
import { explained, notEnacted, type Resolved, type RuleBook } from './rulebook.js';

/** Validates raw input (CLI line, API body) and computes the annual amount. */
export function calculate(book: RuleBook, input: unknown): AmountResult {
  return annualAmount(book, parseInput(vehicleInputSchema, input));
}

/**
 * 種別割の年額 for one vehicle and fiscal year: the class (classifying a moped), then for three-
 * and four-wheel kei the rate case — heavy (重課), old (旧税率), green (軽課) or standard — and
 * the municipality's multiplier. Every step records its sentence and its citation.
 */
export function annualAmount(book: RuleBook, input: VehicleInput): AmountResult {
  const fy = input.fiscalYear;
  const steps: string[] = [];
  const sources: Resolved<unknown>[] = [];
  const cite: Cite = (resolved) => {
    sources.push(resolved);
    return resolved.value;
  };

  checkEngine(input);

  let vehicleClass: VehicleClass;
  if (input.vehicleClass === 'moped' || (MOPED_CLASSES as readonly string[]).includes(input.vehicleClass)) {
    const moped = classifyMoped(book, fy, input.vehicleClass as MopedClass | 'moped', input);
    vehicleClass = moped.vehicleClass;
    steps.push(moped.reason);
    sources.push(...moped.sources);
  } else {
    vehicleClass = input.vehicleClass;
    checkWheels(vehicleClass, input.wheels);
    checkTwoWheelDisplacement(book, input, vehicleClass);
    steps.push(VEHICLE_CLASS_LABEL[vehicleClass]);
  }

  const rateKey = rateKeyOf(vehicleClass, input.use);
  checkBody(vehicleClass, input.body);
  if (rateKey !== vehicleClass) steps[steps.length - 1] += ` ${USE_LABEL[rateKey.endsWith('_private') ? 'private' : 'commercial']}`;

  let rateCase: RateCase = 'standard';
  let base: number;
  if (isKei34(rateKey)) {
    ({ rateCase, base } = kei34(book, input, rateKey, steps, cite));
  } else if (rateKey === 'small_special_farm' || rateKey === 'small_special_other') {
    base = cite(book.get(smallSpecialRates, fy, 'fiscalYear'))[rateKey];
    steps.push(`税率 ${yen(base)}(条例で定める小型特殊自動車の税率)`);
  } else {
    base = cite(book.get(standardRates, fy, 'fiscalYear'))[rateKey];
    const noHeavy = vehicleClass === 'kei_two_wheel' || vehicleClass === 'small_two_wheeler' ? '(二輪に重課はありません)' : '';
    steps.push(`標準税率 ${yen(base)}${noHeavy}`);
  }

  const multiplier = book.get(rateMultiplier, fy, 'fiscalYear');
  // Integer hundredths keep the product exact; a fraction of a yen is cut (通貨の端数).
  const amount = Math.floor((base * Math.round(multiplier.value * 100)) / 100);
  if (multiplier.value !== 1) {
    cite(multiplier);
    steps.push(`条例により標準税率の${multiplier.value}倍: ${yen(base)}×${multiplier.value}=${yen(amount)}`);
  }

  return {
    fiscalYear: fy,
    amount,
    vehicleClass,
    rateKey,
    rateCase,
    provisional: sources.some((source) => source.provisional),
    ...explained(`${fy}年度 ${steps.join('。')}。年額 ${yen(amount)}(${RATE_CASE_LABEL[rateCase]})。`, sources),
  };
}

/** Records a parameter as a source of the result and returns its value. */
type Cite = <T>(resolved: Resolved<T>) => T;

function kei34(book: RuleBook, input: VehicleInput, rateKey: Kei34RateKey, steps: string[], cite: Cite): { rateCase: RateCase; base: number } {
  const fy = input.fiscalYear;
  if (input.firstInspection === undefined) throw TaxInputError.of('firstInspection', '三輪・四輪の軽自動車は初度検査年月(最初の新規検査の年月)が必要です');
  const firstInspection = resolveFirstInspection(book, fy, input.firstInspection, steps, cite);
  const assessment = book.get(assessmentDate, fy, 'fiscalYear').value;
  if (monthIndex(firstInspection) > monthIndex(`${fy}-${String(assessment.month).padStart(2, '0')}`)) {
    throw TaxInputError.of('firstInspection', `賦課期日(${fy}年${assessment.month}月${assessment.day}日)より後に最初の新規検査を受けた車両は${fy}年度の課税対象ではありません`);
  }
  const oldResolved = book.get(oldRates, fy, 'fiscalYear');
  const old = oldResolved.value;
  const isOld = monthIndex(firstInspection) < monthIndex(old.firstInspectionBefore);
  const fuelText = input.fuel ? `、${FUEL_LABEL[input.fuel]}` : '';
  steps.push(`初度検査 ${formatMonth(firstInspection)}${fuelText}`);

  const heavyRule = book.get(heavyRateRule, fy, 'fiscalYear');
  const heavyFrom = fiscalYearOfMonth(monthOfIndex(monthIndex(firstInspection) + 12 * heavyRule.value.yearsAfterFirstInspection));
  if (fy >= heavyFrom) {
    cite(heavyRule);
    const years = heavyRule.value.yearsAfterFirstInspection;
    const elapsed = `最初の新規検査から${years}年を経過した月の属する${heavyFrom}年度以後の経年車`;
    if (input.towed && heavyRule.value.towedExempt) {
      steps.push(`${elapsed}だが被けん引車のため重課の対象外`);
    } else {
      const fuel = requireFuel(input.fuel, '重課の判定(経年車の燃料による除外)に燃料の種類が必要です');
      if (!heavyRule.value.exemptFuels.includes(fuel)) {
        const base = cite(book.get(heavyRates, fy, 'fiscalYear'))[rateKey];
        steps.push(`${elapsed}で、${FUEL_LABEL[fuel]}は除外されないため重課税率 ${yen(base)}`);
        return { rateCase: 'heavy', base };
      }
      steps.push(`${elapsed}だが${FUEL_LABEL[fuel]}は重課の対象外`);
    }
    if (isOld && cite(book.get(exemptKeepsOldRate, fy, 'fiscalYear'))) return oldRate(cite(oldResolved), rateKey, steps);
  } else if (isOld) {
    return oldRate(cite(oldResolved), rateKey, steps);
  }

  const green = greenCase(book, input, rateKey, firstInspection, steps, cite);
  if (green) return green;
  const base = cite(book.get(standardRates, fy, 'fiscalYear'))[rateKey];
  steps.push(`標準税率 ${yen(base)}`);
  return { rateCase: 'standard', base };
}

function oldRate(old: { firstInspectionBefore: string; amounts: Record<Kei34RateKey, number> }, rateKey: Kei34RateKey, steps: string[]) {
  const base = old.amounts[rateKey];
  steps.push(`${formatMonth(monthOfIndex(monthIndex(old.firstInspectionBefore) - 1))}以前に最初の新規検査を受けた車両の旧税率 ${yen(base)}`);
  return { rateCase: 'old' as const, base };
}

/** `YYYY` alone (a certificate before 2003-10-14) counts as December of that year. */
function resolveFirstInspection(book: RuleBook, fy: number, value: string, steps: string[], cite: Cite): string {
  if (value.length === 7) return value;
  const rule = cite(book.get(firstInspectionYearOnly, fy, 'fiscalYear'));
  if (Number(value) > rule.latestYear) {
    throw TaxInputError.of('firstInspection', `年のみの初度検査年は${rule.latestYear}年以前(平成15年10月14日より前の車検証)に限ります。年月で入力してください`);
  }
  steps.push(`車検証が年のみ(${value}年)のため${rule.month}月とみなす`);
  return `${value}-${String(rule.month).padStart(2, '0')}`;
}

/** グリーン化特例: a new vehicle, in the one fiscal year after its first inspection, in the window. */
function greenCase(book: RuleBook, input: VehicleInput, rateKey: Kei34RateKey, firstInspection: string, steps: string[], cite: Cite) {
  const fy = input.fiscalYear;
  if (fiscalYearOfMonth(firstInspection) !== fy - 1) return undefined;
  const resolved = book.find(greenReductionRules, fy);
  // A new vehicle after the last enacted window: whether it is reduced is not yet law, so no amount.
  if (!resolved) throw TaxInputError.of('fiscalYear', `新車(${formatMonth(firstInspection)}に最初の新規検査)の${notEnacted(greenReductionRules, fy)}`);
  const rules = resolved.value;
  if (monthIndex(firstInspection) < monthIndex(rules.firstInspectionFrom) || monthIndex(firstInspection) > monthIndex(rules.firstInspectionTo)) return undefined;
  const body: GreenBody | undefined = rateKey === 'kei_three_wheel' ? input.body : rateKey.startsWith('kei_four_wheel_passenger') ? 'passenger' : 'cargo';
  for (const tier of ['green75', 'green50', 'green25'] as const) {
    const match = rules[tier].find((rule) => greenRuleMatches(rule, input, body));
    if (match) {
      cite(resolved);
      const base = cite(book.get(greenAmounts, fy, 'fiscalYear'))[tier][rateKey];
      steps.push(`${formatMonth(firstInspection)}に最初の新規検査を受けた新車で、翌${fy}年度に限り${match.label}として${RATE_CASE_LABEL[tier]} ${yen(base)}`);
      return { rateCase: tier, base };
    }
  }
  cite(resolved);
  steps.push(`${fy}年度のグリーン化特例(${formatMonth(rules.firstInspectionFrom)}〜${formatMonth(rules.firstInspectionTo)}の新車)の要件に該当しない`);
  return undefined;
}

/** Whether a vehicle meets a criterion; a fact the criterion needs and the input lacks is asked for. */
function greenRuleMatches(rule: GreenRule, input: VehicleInput, body: GreenBody | undefined): boolean {
  if (rule.fuels && !rule.fuels.includes(requireFuel(input.fuel, 'グリーン化特例(新車)の判定に燃料の種類が必要です'))) return false;
  if (rule.naturalGasEmissionStandard && !required(input.naturalGasEmissionStandard, 'naturalGasEmissionStandard', NATURAL_GAS_EMISSION_QUESTION)) return false;
  if (rule.bodies && !rule.bodies.includes(required(body, 'body', '三輪の軽自動車のグリーン化特例の判定に車体(乗用 passenger / 貨物 cargo)が必要です'))) return false;
  if (rule.uses && !rule.uses.includes(required(input.use, 'use', 'グリーン化特例の判定に用途(自家用 private / 営業用 commercial)が必要です'))) return false;
  if (rule.lowEmission4Star && !input.lowEmission4Star) return false;
  // An absent achievement percentage means "not achieved / unknown".
  const achieved = input.fuelEfficiency ?? {};
  return Object.entries(rule.minEfficiency ?? {}).every(([standard, min]) => (achieved[standard as keyof typeof achieved] ?? 0) >= min);
}

const NATURAL_GAS_EMISSION_QUESTION =
  '天然ガス自動車のグリーン化特例(75%軽減)は、平成30年排出ガス規制に適合又は平成21年排出ガス規制NOx10%以上低減のものに限ります。該当するかを入力してください';

function requireFuel(fuel: Fuel | undefined, message: string): Fuel {
  return required(fuel, 'fuel', message);
}

/** A fact that decides the outcome: absent, the engine asks for it on `field` rather than guess. */
function required<T>(value: T | undefined, field: string, message: string): T {
  if (value === undefined) throw TaxInputError.of(field, message);
  return value;
}

const ENGINE_FREE_FUELS: readonly Fuel[] = ['electric', 'fuel_cell'];

/**
 * An electric or fuel-cell vehicle has no displacement; any other has one (0 cc is a typing
 * error): 0 cc passes only with an electric fuel, or with a rated output (an electric moped).
 */
function checkEngine(input: VehicleInput): void {
  const cc = input.displacementCc;
  if (cc === undefined) return;
  if (input.fuel !== undefined && ENGINE_FREE_FUELS.includes(input.fuel) && cc > 0) {
    throw TaxInputError.of('displacementCc', `燃料が${FUEL_LABEL[input.fuel]}の車両に総排気量は入力できません`);
  }
  const electric = input.fuel === undefined ? input.ratedOutputKw !== undefined : ENGINE_FREE_FUELS.includes(input.fuel);
  if (cc === 0 && !electric) {
    throw TaxInputError.of('displacementCc', '総排気量0ccの内燃機関はありません。総排気量を入力してください(電動機の車両は燃料「電気」と定格出力を入力します)');
  }
}

/**
 * 地方税法第463条の15第1項第2号: 軽自動車は二輪(側車付きを含む)・三輪・四輪以上; 二輪の小型自動車
 * likewise. Small special vehicles and mopeds (moped.ts) are checked elsewhere or not at all.
 */
const WHEELS_OF: Partial<Record<VehicleClass, { min: number; max: number; text: string }>> = {
  kei_two_wheel: { min: 2, max: 3, text: '二輪(側車付きは3輪)' },
  small_two_wheeler: { min: 2, max: 3, text: '二輪(側車付きは3輪)' },
  kei_three_wheel: { min: 3, max: 3, text: '三輪' },
  kei_four_wheel_passenger: { min: 4, max: 20, text: '四輪以上' },
  kei_four_wheel_cargo: { min: 4, max: 20, text: '四輪以上' },
};

function checkWheels(vehicleClass: VehicleClass, wheels: number | undefined): void {
  const fit = WHEELS_OF[vehicleClass];
  if (wheels === undefined || !fit || (wheels >= fit.min && wheels <= fit.max)) return;
  throw TaxInputError.of('wheels', `${VEHICLE_CLASS_LABEL[vehicleClass]}は${fit.text}です(車輪の数 ${wheels} と矛盾します)`);
}

/** 乗用・貨物 is an input for three-wheelers only; a four-wheeler's class already says it. */
function checkBody(vehicleClass: VehicleClass, body: VehicleInput['body']): void {
  if (body === undefined || vehicleClass === 'kei_three_wheel') return;
  if (vehicleClass === `kei_four_wheel_${body}`) return;
  const message = vehicleClass.startsWith('kei_four_wheel_') ? `${VEHICLE_CLASS_LABEL[vehicleClass]}と車体(${body === 'passenger' ? '乗用' : '貨物'})が矛盾します` : '車体(乗用・貨物)は三輪・四輪の軽自動車についてだけ入力します';
  throw TaxInputError.of('body', message);
}

function checkTwoWheelDisplacement(book: RuleBook, input: VehicleInput, vehicleClass: VehicleClass): void {
  const cc = input.displacementCc;
  if (cc === undefined || (vehicleClass !== 'kei_two_wheel' && vehicleClass !== 'small_two_wheeler')) return;
  const { keiAboveCc, keiMaxCc } = book.get(twoWheelBoundaries, input.fiscalYear, 'fiscalYear').value;
  if (vehicleClass === 'kei_two_wheel' && (cc <= keiAboveCc || cc > keiMaxCc)) {
    throw TaxInputError.of('displacementCc', `軽自動車 二輪は総排気量${keiAboveCc}cc超${keiMaxCc}cc以下です(入力 ${cc}cc)`);
  }
  if (vehicleClass === 'small_two_wheeler' && cc <= keiMaxCc) {
    throw TaxInputError.of('displacementCc', `二輪の小型自動車は総排気量${keiMaxCc}cc超です(入力 ${cc}cc)`);
  }
}

/** The rate-table key: the class, with the use for four-wheel kei (required there). */
export function rateKeyOf(vehicleClass: VehicleClass, use: VehicleInput['use']): RateKey {
  if (vehicleClass !== 'kei_four_wheel_passenger' && vehicleClass !== 'kei_four_wheel_cargo') return vehicleClass;
  if (use === undefined) throw TaxInputError.of('use', '四輪の軽自動車は用途(自家用 private / 営業用 commercial)が必要です');
  return `${vehicleClass}_${use}`;
}

function isKei34(key: RateKey): key is Kei34RateKey {
  return key === 'kei_three_wheel' || key.startsWith('kei_four_wheel_');
}
