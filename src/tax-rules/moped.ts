/**
 * @module 原動機付自転車の区分: a moped's class (第一種, 第二種乙・甲, ミニカー) from its displacement or rated output
 * and, for three or more wheels, its cabin and track width.
 */
import { TaxInputError, VEHICLE_CLASS_LABEL, type MopedClass } from './model.js';
import { mopedThresholds, newStandardMoped } from './parameters/moped.js';
import type { Resolved, RuleBook } from './rulebook.js';

export interface MopedData {
  wheels?: number;
  displacementCc?: number;
  ratedOutputKw?: number;
  maxOutputKw?: number;
  /** 車室を有する; with the track width, what makes a 3+-wheel moped a ミニカー. */
  cabin?: boolean;
  trackWidthCm?: number;
}

export interface MopedClassification {
  vehicleClass: MopedClass;
  reason: string;
  sources: Resolved<unknown>[];
}

export const MOPED_CLASSES: readonly MopedClass[] = ['moped_class1', 'moped_class2_otsu', 'moped_class2_ko', 'minicar'];

const NOT_A_MOPED_TWO = '二輪で総排気量125cc超(定格出力1.0kW超)は原動機付自転車ではありません。軽自動車 二輪(kei_two_wheel)等として入力してください';
const NOT_A_MOPED_THREE = '三輪以上で総排気量50cc超(定格出力0.6kW超)は原動機付自転車ではありません。軽自動車 三輪・四輪として入力してください';

/**
 * 原動機付自転車の区分 from wheels, displacement, rated output and (from FY2025) maximum output.
 * `vehicleClass: 'moped'` asks for the class; a declared class (the plate colour the clerk saw)
 * is checked against whatever measurements are given, and a contradiction names its field.
 */
export function classifyMoped(book: RuleBook, fiscalYear: number, declared: MopedClass | 'moped', data: MopedData): MopedClassification {
  const thresholds = book.get(mopedThresholds, fiscalYear, 'fiscalYear');
  const newStandard = book.get(newStandardMoped, fiscalYear, 'fiscalYear');
  const t = thresholds.value;
  const ns = newStandard.value;

  if (declared === 'moped') {
    if (data.wheels === undefined) throw TaxInputError.of('wheels', '区分を判定するため車輪の数を入力してください');
    if (data.displacementCc === undefined && data.ratedOutputKw === undefined) {
      throw TaxInputError.of('displacementCc', '区分を判定するため総排気量(電動機は定格出力 ratedOutputKw)を入力してください');
    }
  }
  if (data.wheels !== undefined && data.wheels < 2) throw TaxInputError.of('wheels', '車輪の数は2以上です');
  const wheelOptions = data.wheels === undefined ? [2, 3] : [data.wheels];

  const byCc = (withMax: number | undefined): MopedClass[] | undefined =>
    data.displacementCc === undefined ? undefined : union(wheelOptions.map((w) => ccClasses(data.displacementCc as number, w, withMax)));
  const ccWithMax = byCc(data.maxOutputKw);
  const byKw = data.ratedOutputKw === undefined ? undefined : union(wheelOptions.map((w) => kwClasses(data.ratedOutputKw as number, w)));

  if (ccWithMax?.length === 0) throw TaxInputError.of('displacementCc', (data.wheels ?? 2) >= 3 ? NOT_A_MOPED_THREE : NOT_A_MOPED_TWO);
  if (byKw?.length === 0) throw TaxInputError.of('ratedOutputKw', (data.wheels ?? 2) >= 3 ? NOT_A_MOPED_THREE : NOT_A_MOPED_TWO);
  const candidates = ccWithMax && byKw ? ccWithMax.filter((c) => byKw.includes(c)) : (ccWithMax ?? byKw);
  if (candidates?.length === 0) {
    throw TaxInputError.of('ratedOutputKw', `総排気量による区分(${labels(ccWithMax)})と定格出力による区分(${labels(byKw)})が一致しません`);
  }

  if (declared !== 'moped') {
    if (candidates && !candidates.includes(declared)) {
      throw TaxInputError.of(contradictingField(declared, data, byCc(undefined)), `${VEHICLE_CLASS_LABEL[declared]}と入力値が矛盾します(入力値からは${labels(candidates)})`);
    }
    if (data.wheels !== undefined && !wheelsFit(declared, data.wheels)) {
      throw TaxInputError.of('wheels', `${VEHICLE_CLASS_LABEL[declared]}と車輪の数 ${data.wheels} が矛盾します`);
    }
    return { vehicleClass: declared, reason: `${VEHICLE_CLASS_LABEL[declared]}(入力された区分)`, sources: [thresholds] };
  }

  if (candidates?.includes('minicar') && candidates.length > 1) {
    throw TaxInputError.of(
      'cabin',
      `三輪以上で総排気量${t.minicarMinCc}cc超(定格出力${t.minicarMinKw}kW超)の原動機付自転車は、車室を有するか輪距が${t.minicarTrackWidthOverCm}cmを超えるときミニカー、それ以外は第一種です。車室の有無と輪距を入力してください`,
    );
  }
  if (!candidates || candidates.length !== 1) {
    throw TaxInputError.of(
      'maxOutputKw',
      // Only the new-standard range leaves two classes open, so `ns` is set here.
      `${fiscalYear}年度は、二輪で総排気量${ns?.aboveCc}cc超${ns?.maxCc}cc以下は最高出力で区分が変わります(${ns?.maxOutputKw}kW以下は新基準原付=第一種)。最高出力を入力してください`,
    );
  }
  const vehicleClass = candidates[0] as MopedClass;
  const newStandardApplied = isNewStandard(data);
  return {
    vehicleClass,
    reason: describe(vehicleClass, data, newStandardApplied ? ns : null),
    sources: newStandardApplied ? [thresholds, newStandard] : [thresholds],
  };

  /** A 3+-wheeler in the ミニカー range is one only with a cabin or a wide track; else 第一種. */
  function minicarOrClass1(): MopedClass[] {
    const wide = data.trackWidthCm === undefined ? undefined : data.trackWidthCm > t.minicarTrackWidthOverCm;
    if (data.cabin === true || wide === true) return ['minicar'];
    if (data.cabin === false && wide === false) return ['moped_class1'];
    return ['moped_class1', 'minicar'];
  }

  function ccClasses(cc: number, wheels: number, maxOutputKw: number | undefined): MopedClass[] {
    if (wheels >= 3) return cc <= t.minicarMinCc ? ['moped_class1'] : cc <= t.class1MaxCc ? minicarOrClass1() : [];
    if (cc <= t.class1MaxCc) return ['moped_class1'];
    const base: MopedClass[] = cc <= t.otsuMaxCc ? ['moped_class2_otsu'] : cc <= t.koMaxCc ? ['moped_class2_ko'] : [];
    if (!ns || cc <= ns.aboveCc || cc > ns.maxCc) return base;
    if (maxOutputKw === undefined) return ['moped_class1', ...base];
    return maxOutputKw <= ns.maxOutputKw ? ['moped_class1'] : base;
  }

  function kwClasses(kw: number, wheels: number): MopedClass[] {
    if (wheels >= 3) return kw <= t.minicarMinKw ? ['moped_class1'] : kw <= t.class1MaxKw ? minicarOrClass1() : [];
    if (kw <= t.class1MaxKw) return ['moped_class1'];
    return kw <= t.otsuMaxKw ? ['moped_class2_otsu'] : kw <= t.koMaxKw ? ['moped_class2_ko'] : [];
  }

  function isNewStandard(d: MopedData): boolean {
    return ns !== null && d.displacementCc !== undefined && d.displacementCc > ns.aboveCc && d.displacementCc <= ns.maxCc && (d.maxOutputKw ?? Infinity) <= ns.maxOutputKw;
  }
}

/** Which measurement a declared class contradicts: the maximum output if only it decides. */
function contradictingField(declared: MopedClass, data: MopedData, ccWithoutMax: MopedClass[] | undefined): string {
  if (data.displacementCc === undefined) return 'ratedOutputKw';
  return data.maxOutputKw !== undefined && ccWithoutMax?.includes(declared) ? 'maxOutputKw' : 'displacementCc';
}

/** Second-class mopeds have two wheels, a minicar three or more; first class either. */
function wheelsFit(declared: MopedClass, wheels: number): boolean {
  if (declared === 'minicar') return wheels >= 3;
  return declared === 'moped_class1' || wheels === 2;
}

function describe(vehicleClass: MopedClass, data: MopedData, newStandard: { maxCc: number; maxOutputKw: number } | null): string {
  const measures = [
    `車輪${data.wheels}`,
    data.displacementCc !== undefined ? `総排気量${data.displacementCc}cc` : undefined,
    data.ratedOutputKw !== undefined ? `定格出力${data.ratedOutputKw}kW` : undefined,
    data.maxOutputKw !== undefined ? `最高出力${data.maxOutputKw}kW` : undefined,
    data.cabin !== undefined ? `車室${data.cabin ? 'あり' : 'なし'}` : undefined,
    data.trackWidthCm !== undefined ? `輪距${data.trackWidthCm}cm` : undefined,
  ].filter(Boolean);
  const why = newStandard ? `新基準原付(二輪・${newStandard.maxCc}cc以下・最高出力${newStandard.maxOutputKw}kW以下)のため` : '';
  return `${measures.join('・')}から${why}${VEHICLE_CLASS_LABEL[vehicleClass]}と判定`;
}

function union(lists: MopedClass[][]): MopedClass[] {
  return MOPED_CLASSES.filter((c) => lists.some((l) => l.includes(c)));
}

function labels(classes: MopedClass[] | undefined): string {
  return (classes ?? []).map((c) => VEHICLE_CLASS_LABEL[c]).join('・') || '該当なし';
}
