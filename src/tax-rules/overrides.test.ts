import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { TaxInputError } from './model.js';
import { checkOverridesDir, loadOverrides, loadRuleBook, OverrideFileError, overridesFile } from './overrides-file.js';
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
    // A confirmed year is locked whether the correction starts in it, ends in it or never ends.
    expect(errorsOf({ 'greenReduction.rules': [period(green, { from: 2017, to: 2017 })] })).toEqual([
      { field: 'parameters.greenReduction.rules.0.from', message: '2017〜2017年度の値は法令で確認済みのため変更できません(確度 S・M の期間だけ訂正できます)' },
    ]);
    expect(errorsOf({ 'greenReduction.rules': [period(green, { to: null })] })[0]?.message).toContain('2017〜2017年度の値は法令で確認済み');
    // FY2022–2025 (S) lies between confirmed periods without touching them.
    expect(errorsOf({ 'greenReduction.rules': [period({ ...green, firstInspectionFrom: '2021-04', firstInspectionTo: '2022-03' }, { from: 2022, to: 2025, confidence: 'S' })] })).toEqual([]);
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

  it('reads <dir>/<code>.yaml, and no file means the national values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-overrides-'));
    expect(overridesFile(dir, '112224')).toBe(join(dir, '112224.yaml'));
    expect(loadOverrides(dir, '112224')).toBeUndefined();
    expect(loadRuleBook(dir, '112224').overrides).toBeUndefined();
    writeFileSync(join(dir, '112224.yaml'), readFileSync(EXAMPLE));
    expect(loadOverrides(dir, '112224')?.name).toBe('越谷市');
    expect(loadRuleBook(dir, '112224').overrides?.municipalityCode).toBe('112224');
  });

  it('says which file is wrong, and each field with what to fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-overrides-'));
    const file = join(dir, '112224.yaml');
    writeFileSync(file, "municipalityCode: '112038'\nname: 越谷市\nparameters:\n  rates.typo:\n    - { from: 2016, to: null, value: 1, citation: 条例, confidence: V }\n");
    const error = (() => {
      try {
        loadRuleBook(dir, '112224');
      } catch (caught) {
        return caught as OverrideFileError;
      }
      throw new Error('the file was accepted');
    })();
    expect(error).toBeInstanceOf(OverrideFileError);
    expect(error.file).toBe(file);
    expect(error.errors).toEqual([
      { field: 'municipalityCode', message: 'ファイル名の団体コード 112224 と一致しません' },
      { field: 'parameters.rates.typo', message: '「rates.typo」という設定項目はありません。docs/tax-rules.md の一覧を確認してください' },
    ]);
    expect(error.message).toBe(
      `${file} の税額計算設定に誤りがあります。\n  municipalityCode: ファイル名の団体コード 112224 と一致しません\n  parameters.rates.typo: 「rates.typo」という設定項目はありません。docs/tax-rules.md の一覧を確認してください`,
    );
  });

  it('reports a file that is not YAML with the reader\'s own words', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-overrides-'));
    writeFileSync(join(dir, '112224.yaml'), 'municipalityCode: [unclosed');
    const [result] = checkOverridesDir(dir);
    expect(result?.error?.errors).toHaveLength(1);
    expect(result?.error?.errors[0]?.field).toBe('(YAML)');
    expect(result?.error?.errors[0]?.message).toMatch(/^YAMLとして読めません: \S/);
    expect(() => loadOverrides(dir, '112224')).toThrow(/YAMLとして読めません: /);
  });

  it('checks only .yaml and .yml files, in name order, each against the code its name gives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-overrides-'));
    const koshigaya = readFileSync(EXAMPLE, 'utf8');
    writeFileSync(join(dir, '112224.yml'), koshigaya);
    writeFileSync(join(dir, '112038.yaml'), koshigaya);
    writeFileSync(join(dir, 'README.md'), '# not an override file');
    writeFileSync(join(dir, '131016.yaml.bak'), 'municipalityCode: [unclosed');
    mkdirSync(join(dir, 'archive'));
    const results = checkOverridesDir(dir);
    expect(results.map((r) => [r.file, r.error?.errors.map((e) => e.field)])).toEqual([
      [join(dir, '112038.yaml'), ['municipalityCode']],
      [join(dir, '112224.yml'), undefined],
    ]);
    expect(results[0]?.error?.errors[0]?.message).toBe('ファイル名の団体コード 112038 と一致しません');
    // Only the last extension is cut: a copy named 112224.yml.yaml is not the file of 112224.
    writeFileSync(join(dir, '112224.yml.yaml'), koshigaya);
    expect(checkOverridesDir(dir).find((r) => r.file.endsWith('.yml.yaml'))?.error?.errors[0]?.message).toBe('ファイル名の団体コード 112224.yml と一致しません');
  });
});
