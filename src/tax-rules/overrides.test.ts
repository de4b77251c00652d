import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { TaxInputError } from './model.js';
import { checkOverridesDir, loadRuleBook, OverrideFileError } from './overrides-file.js';
import { PARAMETERS, isOverridable } from './parameters/index.js';
import { plateCompensation } from './plate-compensation.js';
import { validateOverrides } from './rulebook.js';

const EXAMPLE = new URL('../../config/tax-overrides/112224.yaml', import.meta.url);
const period = (value: unknown, extra: object = {}) => ({ from: 2016, to: null, value, citation: '越谷市市税条例', confidence: 'V', ...extra });
const errorsOf = (parameters: Record<string, unknown[]>, code = '112224') => {
  try {
    validateOverrides({ municipalityCode: code, name: '越谷市', parameters }, '112224');
  } catch (error) {
    return (error as TaxInputError).errors;
  }
  return [];
};

describe('municipal overrides', () => {
  it('accepts the example file of 112224 and applies it', () => {
    expect(() => validateOverrides(parse(readFileSync(EXAMPLE, 'utf8')), '112224')).not.toThrow();
    const book = loadRuleBook(join(EXAMPLE.pathname, '..'), '112224');
    expect(plateCompensation(book, { fiscalYear: 2026, theftReportShown: false })).toMatchObject({ amount: 200 });
    expect(plateCompensation(book, { fiscalYear: 2026, theftReportShown: true }).amount).toBe(0);
    expect(plateCompensation(book, { fiscalYear: 2026, theftReportShown: false }).citations[0]).toMatch(/^越谷市: /);
  });

  it('lets a city set its own values and correct unconfirmed ones, not confirmed law', () => {
    const overridable = PARAMETERS.filter(isOverridable).map((p) => p.id);
    expect(overridable).toEqual(
      expect.arrayContaining(['rates.multiplier', 'rates.smallSpecial', 'dueDate.annual', 'reduction.disabilityGrades', 'plateCompensation.fee', 'assessmentDate', 'greenReduction.rules']),
    );
    expect(overridable).not.toContain('rates.standard');
    // Confirmed by the second review (TAX-RULES.md §7): locked now.
    expect(overridable).not.toContain('limitation.correction');
    expect(overridable).not.toContain('heavyRate.rule');
    expect(errorsOf({ 'rates.standard': [period({})] })[0]?.message).toContain('団体では変更できません');
    // Green rules are correctable for FY2016 (S) but not over the confirmed FY2017.
    const green = { firstInspectionFrom: '2015-04', firstInspectionTo: '2016-03', green75: [], green50: [], green25: [] };
    expect(errorsOf({ 'greenReduction.rules': [period(green, { to: 2016 })] })).toEqual([]);
    expect(errorsOf({ 'greenReduction.rules': [period(green, { to: 2017 })] })[0]?.message).toContain('2017〜2017年度の値は法令で確認済み');
  });

  it('names each wrong field: unknown item, value, citation, periods, code', () => {
    expect(errorsOf({ 'rates.typo': [period(1)] })[0]?.field).toBe('parameters.rates.typo');
    expect(errorsOf({ 'dueDate.annual': [period({ month: 2, day: 20 })] }).map((e) => e.field)).toEqual(['parameters.dueDate.annual.0.value.month']);
    expect(errorsOf({ 'dueDate.annual': [period({ month: 6, day: 31 })] })[0]?.message).toBe('存在しない日付です');
    expect(errorsOf({ 'plateCompensation.fee': [period({ amount: 200, waivedWithTheftReport: true }, { citation: ' ' })] })[0]?.field).toBe(
      'parameters.plateCompensation.fee.0.citation',
    );
    expect(errorsOf({ 'rates.multiplier': [period(1.1, { to: 2020 }), period(1.2, { from: 2020 })] })[0]?.field).toBe('parameters.rates.multiplier.1.from');
    expect(errorsOf({ 'rates.multiplier': [period(1.1, { to: 2015 })] })[0]?.field).toBe('parameters.rates.multiplier.0.to');
    expect(errorsOf({}, '131016')[0]?.field).toBe('municipalityCode');
  });

  it('checks a folder of files and reports each broken one with its fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-overrides-'));
    writeFileSync(join(dir, '112224.yaml'), readFileSync(EXAMPLE));
    writeFileSync(join(dir, '112038.yaml'), "municipalityCode: '112038'\nname: 川口市\nparameters:\n  rates.multiplier:\n    - { from: 2016, to: null, value: 1.6, citation: 条例, confidence: V }\n");
    writeFileSync(join(dir, '131016.yaml'), 'municipalityCode: [unclosed');
    const results = checkOverridesDir(dir);
    expect(results.map((r) => [r.file.slice(dir.length + 1), r.error?.errors[0]?.field])).toEqual([
      ['112038.yaml', 'parameters.rates.multiplier.0.value'],
      ['112224.yaml', undefined],
      ['131016.yaml', '(YAML)'],
    ]);
    expect(() => loadRuleBook(dir, '112038')).toThrow(OverrideFileError);
    expect(checkOverridesDir(join(dir, 'missing'))).toEqual([]);
  });
});
