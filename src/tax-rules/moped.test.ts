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
});
