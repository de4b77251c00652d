import { describe, expect, it } from 'vitest';
import { TaxInputError, type MopedClass } from './model.js';
import { classifyMoped, type MopedData } from './moped.js';
import { NATIONAL } from './rulebook.js';

const classify = (data: MopedData, fiscalYear = 2026) => classifyMoped(NATIONAL, fiscalYear, 'moped', data).vehicleClass;
const check = (declared: MopedClass, data: MopedData, fiscalYear = 2026) => classifyMoped(NATIONAL, fiscalYear, declared, data).vehicleClass;
function fieldOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof TaxInputError) return error.errors[0]?.field;
    throw error;
  }
  return undefined;
}

describe('moped classification', () => {
  it.each([
    [{ wheels: 2, displacementCc: 49 }, 'moped_class1'],
    [{ wheels: 2, displacementCc: 50 }, 'moped_class1'],
    [{ wheels: 2, displacementCc: 50.1, maxOutputKw: 5 }, 'moped_class2_otsu'],
    [{ wheels: 2, displacementCc: 90, maxOutputKw: 5 }, 'moped_class2_otsu'],
    [{ wheels: 2, displacementCc: 90.1, maxOutputKw: 5 }, 'moped_class2_ko'],
    [{ wheels: 2, displacementCc: 125, maxOutputKw: 4.01 }, 'moped_class2_ko'],
    [{ wheels: 2, displacementCc: 125, maxOutputKw: 4.0 }, 'moped_class1'],
    [{ wheels: 2, displacementCc: 51, maxOutputKw: 3 }, 'moped_class1'],
    [{ wheels: 2, ratedOutputKw: 0.6 }, 'moped_class1'],
    [{ wheels: 2, ratedOutputKw: 0.61 }, 'moped_class2_otsu'],
    [{ wheels: 2, ratedOutputKw: 0.8 }, 'moped_class2_otsu'],
    [{ wheels: 2, ratedOutputKw: 1.0 }, 'moped_class2_ko'],
    [{ wheels: 3, displacementCc: 20 }, 'moped_class1'],
    [{ wheels: 3, displacementCc: 20.1, cabin: true }, 'minicar'],
    [{ wheels: 4, displacementCc: 50, trackWidthCm: 50.1 }, 'minicar'],
    [{ wheels: 4, displacementCc: 50, cabin: false, trackWidthCm: 50 }, 'moped_class1'],
    [{ wheels: 3, ratedOutputKw: 0.25 }, 'moped_class1'],
    [{ wheels: 4, ratedOutputKw: 0.59, cabin: true, trackWidthCm: 40 }, 'minicar'],
    [{ wheels: 4, ratedOutputKw: 0.6, cabin: false, trackWidthCm: 51 }, 'minicar'],
    [{ wheels: 3, ratedOutputKw: 0.6, cabin: false, trackWidthCm: 30 }, 'moped_class1'],
  ] as [MopedData, MopedClass][])('%o → %s', (data, expected) => {
    expect(classify(data)).toBe(expected);
  });

  it('knows the 新基準原付 only from FY2025: before, 110cc with 3 kW is 第二種甲', () => {
    expect(classify({ wheels: 2, displacementCc: 110, maxOutputKw: 3 }, 2025)).toBe('moped_class1');
    expect(classify({ wheels: 2, displacementCc: 110, maxOutputKw: 3 }, 2024)).toBe('moped_class2_ko');
    expect(classify({ wheels: 2, displacementCc: 110 }, 2024)).toBe('moped_class2_ko');
  });

  it('asks for what decides the class and refuses what is not a moped', () => {
    expect(fieldOf(() => classify({ displacementCc: 50 }))).toBe('wheels');
    expect(fieldOf(() => classify({ wheels: 2 }))).toBe('displacementCc');
    expect(fieldOf(() => classify({ wheels: 2, displacementCc: 110 }))).toBe('maxOutputKw');
    expect(fieldOf(() => classify({ wheels: 2, displacementCc: 126 }))).toBe('displacementCc');
    expect(fieldOf(() => classify({ wheels: 3, displacementCc: 51 }))).toBe('displacementCc');
    expect(fieldOf(() => classify({ wheels: 2, ratedOutputKw: 1.01 }))).toBe('ratedOutputKw');
    expect(fieldOf(() => classify({ wheels: 1, displacementCc: 50 }))).toBe('wheels');
  });

  it('refuses contradictory data, naming the field', () => {
    expect(fieldOf(() => classify({ wheels: 2, displacementCc: 50, ratedOutputKw: 0.9 }))).toBe('ratedOutputKw');
    expect(fieldOf(() => check('moped_class1', { wheels: 2, displacementCc: 110, maxOutputKw: 6.5 }))).toBe('maxOutputKw');
    expect(fieldOf(() => check('moped_class2_ko', { wheels: 2, displacementCc: 50 }))).toBe('displacementCc');
    expect(fieldOf(() => check('moped_class2_otsu', { ratedOutputKw: 1.0 }))).toBe('ratedOutputKw');
    expect(fieldOf(() => check('minicar', { wheels: 2 }))).toBe('wheels');
    expect(fieldOf(() => check('moped_class2_ko', { wheels: 3 }))).toBe('wheels');
    expect(fieldOf(() => check('minicar', { wheels: 4, displacementCc: 15 }))).toBe('displacementCc');
  });

  it('takes a declared class (the plate colour) as given when nothing contradicts it', () => {
    expect(check('moped_class2_ko', {})).toBe('moped_class2_ko');
    expect(check('moped_class1', { wheels: 2, displacementCc: 110 })).toBe('moped_class1');
    expect(check('moped_class2_ko', { displacementCc: 110 })).toBe('moped_class2_ko');
    expect(check('minicar', { ratedOutputKw: 0.59 })).toBe('minicar');
  });

  const errorOf = (declared: MopedClass | 'moped', data: MopedData, fiscalYear = 2026) => {
    try {
      classifyMoped(NATIONAL, fiscalYear, declared, data);
    } catch (error) {
      if (error instanceof TaxInputError) return error.errors;
      throw error;
    }
  };

  it('says in each refusal what the vehicle is instead, or what to enter', () => {
    const TWO = '二輪で総排気量125cc超(定格出力1.0kW超)は原動機付自転車ではありません。軽自動車 二輪(kei_two_wheel)等として入力してください';
    const THREE = '三輪以上で総排気量50cc超(定格出力0.6kW超)は原動機付自転車ではありません。軽自動車 三輪・四輪として入力してください';
    expect(errorOf('moped', { wheels: 2, displacementCc: 126 })).toEqual([{ field: 'displacementCc', message: TWO }]);
    expect(errorOf('moped', { wheels: 3, displacementCc: 51 })).toEqual([{ field: 'displacementCc', message: THREE }]);
    expect(errorOf('moped', { wheels: 2, ratedOutputKw: 1.01 })).toEqual([{ field: 'ratedOutputKw', message: TWO }]);
    expect(errorOf('moped', { wheels: 4, ratedOutputKw: 0.61 })).toEqual([{ field: 'ratedOutputKw', message: THREE }]);
    expect(errorOf('moped_class1', { displacementCc: 126 })).toEqual([{ field: 'displacementCc', message: TWO }]);
    expect(errorOf('moped', { wheels: 2, displacementCc: 50, ratedOutputKw: 0.9 })).toEqual([
      { field: 'ratedOutputKw', message: '総排気量による区分(原動機付自転車 第一種)と定格出力による区分(原動機付自転車 第二種甲)が一致しません' },
    ]);
    expect(errorOf('moped', { wheels: 2, displacementCc: 110 })).toEqual([
      { field: 'maxOutputKw', message: '2026年度は、二輪で総排気量50cc超125cc以下は最高出力で区分が変わります(4kW以下は新基準原付=第一種)。最高出力を入力してください' },
    ]);
    expect(errorOf('moped', { wheels: 3, displacementCc: 30 })).toEqual([
      { field: 'cabin', message: '三輪以上で総排気量20cc超(定格出力0.25kW超)の原動機付自転車は、車室を有するか輪距が50cmを超えるときミニカー、それ以外は第一種です。車室の有無と輪距を入力してください' },
    ]);
    expect(errorOf('moped', { wheels: 3, displacementCc: 30, cabin: false })?.[0]?.field).toBe('cabin');
    expect(errorOf('moped', { wheels: 3, displacementCc: 30, trackWidthCm: 50 })?.[0]?.field).toBe('cabin');
    expect(errorOf('moped_class2_ko', { wheels: 2, displacementCc: 50 })).toEqual([{ field: 'displacementCc', message: '原動機付自転車 第二種甲と入力値が矛盾します(入力値からは原動機付自転車 第一種)' }]);
    expect(errorOf('moped_class1', { wheels: 2, displacementCc: 110, maxOutputKw: 6.5 })).toEqual([{ field: 'maxOutputKw', message: '原動機付自転車 第一種と入力値が矛盾します(入力値からは原動機付自転車 第二種甲)' }]);
    expect(errorOf('moped_class2_otsu', { ratedOutputKw: 1.0 })).toEqual([{ field: 'ratedOutputKw', message: '原動機付自転車 第二種乙と入力値が矛盾します(入力値からは原動機付自転車 第二種甲)' }]);
    expect(errorOf('minicar', { wheels: 2 })).toEqual([{ field: 'wheels', message: 'ミニカーと車輪の数 2 が矛盾します' }]);
    expect(errorOf('moped_class2_otsu', { wheels: 4 })).toEqual([{ field: 'wheels', message: '原動機付自転車 第二種乙と車輪の数 4 が矛盾します' }]);
    expect(errorOf('moped', { wheels: 1, displacementCc: 50 })).toEqual([{ field: 'wheels', message: '車輪の数は2以上です' }]);
    expect(errorOf('moped', { displacementCc: 50 })).toEqual([{ field: 'wheels', message: '区分を判定するため車輪の数を入力してください' }]);
    expect(errorOf('moped', { wheels: 2 })).toEqual([{ field: 'displacementCc', message: '区分を判定するため総排気量(電動機は定格出力 ratedOutputKw)を入力してください' }]);
  });

  it('explains the class from the measurements and cites the new standard only where it decided', () => {
    const MOPED = '地方税法第463条の15第1項第1号';
    expect(classifyMoped(NATIONAL, 2026, 'moped', { wheels: 2, displacementCc: 110, maxOutputKw: 3 })).toMatchObject({
      vehicleClass: 'moped_class1',
      reason: '車輪2・総排気量110cc・最高出力3kWから新基準原付(二輪・125cc以下・最高出力4kW以下)のため原動機付自転車 第一種と判定',
    });
    expect(classifyMoped(NATIONAL, 2026, 'moped', { wheels: 2, displacementCc: 110, maxOutputKw: 3 }).sources.map((s) => s.citation)).toEqual([MOPED, '地方税法第463条の15第1項第1号イ(令和7年度改正)']);
    expect(classifyMoped(NATIONAL, 2026, 'moped', { wheels: 2, displacementCc: 50, maxOutputKw: 3 }).sources.map((s) => s.citation)).toEqual([MOPED]);
    expect(classifyMoped(NATIONAL, 2026, 'moped', { wheels: 2, displacementCc: 125, maxOutputKw: 4.5 }).reason).toBe('車輪2・総排気量125cc・最高出力4.5kWから原動機付自転車 第二種甲と判定');
    expect(classifyMoped(NATIONAL, 2024, 'moped', { wheels: 2, displacementCc: 110, maxOutputKw: 3 })).toMatchObject({ vehicleClass: 'moped_class2_ko', reason: '車輪2・総排気量110cc・最高出力3kWから原動機付自転車 第二種甲と判定' });
    expect(classifyMoped(NATIONAL, 2026, 'moped', { wheels: 2, ratedOutputKw: 0.5 }).reason).toBe('車輪2・定格出力0.5kWから原動機付自転車 第一種と判定');
    expect(classifyMoped(NATIONAL, 2026, 'moped_class1', {})).toMatchObject({ reason: '原動機付自転車 第一種(入力された区分)', sources: [expect.objectContaining({ citation: MOPED })] });
  });
});
