import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fiscalYearOfMonth } from './calendar.js';
import { isParameter, PARAMETER_FILES, PARAMETERS } from './parameters/index.js';
import { defineParameter, type Parameter } from './parameters/parameter.js';
import { greenAmounts, heavyRates, oldRates, smallSpecialRates, standardRates } from './parameters/rates.js';
import { greenReductionRules } from './parameters/greenReduction.js';

/** What makes a parameter unusable: a value without citation, validity or confidence. */
function parameterProblems(parameter: Parameter<unknown>): string[] {
  const problems: string[] = [];
  if (parameter.periods.length === 0) problems.push(`${parameter.id}: no periods`);
  parameter.periods.forEach((p, i) => {
    const at = `${parameter.id}[${i}]`;
    if (typeof p.citation !== 'string' || p.citation.trim() === '') problems.push(`${at}: no citation`);
    if (!['V', 'S', 'M'].includes(p.confidence)) problems.push(`${at}: no confidence`);
    if (!Number.isInteger(p.from) || p.from < 2016) problems.push(`${at}: no valid "from"`);
    if (!('to' in p) || (p.to !== null && (!Number.isInteger(p.to) || p.to < p.from))) problems.push(`${at}: no valid "to"`);
    const previous = parameter.periods[i - 1];
    if (previous && (previous.to === null || previous.to >= p.from)) problems.push(`${at}: overlaps the previous period`);
    if (!parameter.schema.safeParse(p.value).success) problems.push(`${at}: value does not fit its schema`);
  });
  return problems;
}

describe('parameters', () => {
  it('every parameter has a unique id, a label, and periods with citation, validity and confidence', () => {
    expect(new Set(PARAMETERS.map((p) => p.id)).size).toBe(PARAMETERS.length);
    for (const parameter of PARAMETERS) expect(parameter.label).not.toBe('');
    expect(PARAMETERS.flatMap(parameterProblems)).toEqual([]);
  });

  it('files each parameter by its id prefix: parameters/<prefix>.ts holds exactly the ids <prefix>.…', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const files = readdirSync(join(here, 'parameters'))
      .filter((name) => name.endsWith('.ts') && !['index.ts', 'parameter.ts'].includes(name))
      .map((name) => name.replace(/\.ts$/, ''));
    expect(Object.keys(PARAMETER_FILES).sort()).toEqual(files.sort());
    const misfiled = Object.entries(PARAMETER_FILES).flatMap(([file, exports]) =>
      Object.values(exports)
        .filter(isParameter)
        .filter((parameter) => parameter.id !== file && !parameter.id.startsWith(`${file}.`))
        .map((parameter) => `${parameter.id} in parameters/${file}.ts`),
    );
    expect(misfiled).toEqual([]);
    expect(PARAMETERS.map((p) => p.id)).toContain('rates.multiplier');
  });

  it('the check fails for a value without citation or validity', () => {
    const broken = defineParameter({
      id: 'broken',
      label: '壊れた例',
      per: 'fiscalYear',
      municipal: false,
      schema: z.number(),
      periods: [
        { from: 2016, to: 2020, value: 1, citation: '', confidence: 'V' },
        { from: 2019, value: 2, citation: '地方税法', confidence: 'V' } as never,
      ],
    });
    expect(parameterProblems(broken)).toEqual(['broken[0]: no citation', 'broken[1]: no valid "to"', 'broken[1]: overlaps the previous period']);
  });

  it('holds the standard rates of TAX-RULES.md §2, row by row', () => {
    expect({ ...standardRates.periods[0]?.value, ...smallSpecialRates.periods[0]?.value }).toEqual({
      moped_class1: 2000,
      moped_class2_otsu: 2000,
      moped_class2_ko: 2400,
      minicar: 3700,
      kei_two_wheel: 3600,
      small_two_wheeler: 6000,
      small_special_farm: 2400,
      small_special_other: 5900,
      kei_three_wheel: 3900,
      kei_four_wheel_passenger_commercial: 6900,
      kei_four_wheel_passenger_private: 10800,
      kei_four_wheel_cargo_commercial: 3800,
      kei_four_wheel_cargo_private: 5000,
    });
  });

  it('holds the old, heavy and green amounts of TAX-RULES.md §3, row by row', () => {
    const rows = (t: Record<string, number> | undefined) => [
      t?.kei_three_wheel,
      t?.kei_four_wheel_passenger_commercial,
      t?.kei_four_wheel_passenger_private,
      t?.kei_four_wheel_cargo_commercial,
      t?.kei_four_wheel_cargo_private,
    ];
    expect(rows(oldRates.periods[0]?.value.amounts)).toEqual([3100, 5500, 7200, 3000, 4000]);
    expect(oldRates.periods[0]?.value.firstInspectionBefore).toBe('2015-04');
    expect(rows(heavyRates.periods[0]?.value)).toEqual([4600, 8200, 12900, 4500, 6000]);
    const green = greenAmounts.periods[0]?.value;
    expect(rows(green?.green75)).toEqual([1000, 1800, 2700, 1000, 1300]);
    expect(rows(green?.green50)).toEqual([2000, 3500, 5400, 1900, 2500]);
    expect(rows(green?.green25)).toEqual([3000, 5200, 8100, 2900, 3800]);
  });

  it('each green window covers exactly the fiscal years before the reduced ones, FY2016–FY2028', () => {
    const windows = greenReductionRules.periods.map((p) => [p.value.firstInspectionFrom, p.value.firstInspectionTo, p.from, p.to]);
    expect(windows).toEqual([
      ['2015-04', '2016-03', 2016, 2016],
      ['2016-04', '2017-03', 2017, 2017],
      ['2017-04', '2021-03', 2018, 2021],
      ['2021-04', '2025-03', 2022, 2025],
      ['2025-04', '2026-03', 2026, 2026],
      ['2026-04', '2028-03', 2027, 2028],
    ]);
    for (const p of greenReductionRules.periods) {
      expect(fiscalYearOfMonth(p.value.firstInspectionFrom)).toBe(p.from - 1);
      expect(fiscalYearOfMonth(p.value.firstInspectionTo)).toBe((p.to ?? 0) - 1);
    }
  });
});
