import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Problem } from '../server/problem.js';
import { amountResultSchema, parseInput, RATE_CASE_LABEL, TaxInputError, vehicleInputSchema } from './model.js';
import { plateCompensationFee } from './parameters/plateCompensation.js';
import { answer, ruleBookOf } from './service.js';

const EXAMPLE = new URL('../../config/tax-overrides/112224.yaml', import.meta.url);

describe('the engine front door (service.ts)', () => {
  it("loads the installation's own override file, and national law alone where there is none", () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-rulebook-'));
    writeFileSync(join(dir, '112224.yaml'), readFileSync(EXAMPLE));
    const city = ruleBookOf({ taxOverridesDir: dir, municipalityCode: '112224' });
    expect(city.overrides?.name).toBe('越谷市');
    expect(city.get(plateCompensationFee, 2026, 'fee').municipality).toBe('越谷市');
    expect(ruleBookOf({ taxOverridesDir: dir, municipalityCode: '112038' }).overrides).toBeUndefined();
  });

  it('answers input the engine refuses as a 400 problem naming each field, and lets any other error through', () => {
    expect(answer(() => 42)).toBe(42);
    const refused = (() => {
      try {
        answer(() => parseInput(vehicleInputSchema, { fiscalYear: 2026.5, vehicleClass: 'moped', extra: 1 }));
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(Problem);
    expect(refused).toMatchObject({ status: 400, title: '入力内容に誤りがあります' });
    expect((refused as Problem).errors).toEqual([
      { field: 'fiscalYear', message: '年度は整数で入力してください' },
      { field: 'extra', message: expect.any(String) },
    ]);
    const other = new RangeError('not the engine');
    expect(() => answer(() => { throw other; })).toThrow(other);
  });
});

describe('the engine model (model.ts)', () => {
  it('names a field as the input names it: nested paths with dots, an unknown key by its own name', () => {
    const fields = (input: unknown) => {
      try {
        parseInput(vehicleInputSchema, input);
        return [];
      } catch (error) {
        return (error as TaxInputError).errors.map((e) => e.field);
      }
    };
    expect(fields({ fiscalYear: 2026, vehicleClass: 'moped', fuelEfficiency: { fy2030: -1 } })).toEqual(['fuelEfficiency.fy2030']);
    expect(fields({ fiscalYear: 2026, vehicleClass: 'moped', fuelEfficiency: { fy2040: 100 } })).toEqual(['fuelEfficiency.fy2040']);
    // A key with no name is reported on its parent, never as a dangling "fuelEfficiency.".
    expect(fields({ fiscalYear: 2026, vehicleClass: 'moped', fuelEfficiency: { '': 100 } })).toEqual(['fuelEfficiency']);
  });

  it('says every failing field in its message, in order', () => {
    const error = new TaxInputError([{ field: 'a', message: 'x' }, { field: 'b.c', message: 'y' }]);
    expect(error.message).toBe('a: x / b.c: y');
    expect(TaxInputError.of('wheels', 'z').errors).toEqual([{ field: 'wheels', message: 'z' }]);
  });

  it('answers each bound of a vehicle with its Japanese message', () => {
    const messages = (input: Record<string, unknown>) =>
      vehicleInputSchema.safeParse({ fiscalYear: 2026, vehicleClass: 'moped', ...input }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages({ fiscalYear: 2026.5 })).toEqual(['fiscalYear: 年度は整数で入力してください']);
    expect(messages({ fiscalYear: 2015 })).toEqual(['fiscalYear: 2016年度以降を入力してください']);
    expect(messages({ fiscalYear: 2101 })).toEqual(['fiscalYear: 2100年度以前を入力してください']);
    expect(messages({ fuelEfficiency: { fy2015: -1 } })).toEqual(['fuelEfficiency.fy2015: 達成率は0以上で入力してください']);
    expect(messages({ fuelEfficiency: { fy2020: 501 } })).toEqual(['fuelEfficiency.fy2020: 達成率は500以下で入力してください']);
    expect(messages({ wheels: 2.5 })).toEqual(['wheels: 車輪の数は整数で入力してください']);
    expect(messages({ ratedOutputKw: 0 })).toEqual(['ratedOutputKw: 定格出力は0kWより大きい値で入力してください']);
    expect(messages({ trackWidthCm: 0 })).toEqual(['trackWidthCm: 輪距は0cmより大きい値で入力してください']);
    expect(messages({ firstInspection: 'いつか' })?.[0]).toMatch(/^firstInspection: 初度検査年月/);
  });

  it('names every rate case in Japanese, each its own, a green one with its reduction', () => {
    const labels = Object.values(RATE_CASE_LABEL);
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(label).toMatch(/^[一-龯ァ-ヶ]/);
    expect([RATE_CASE_LABEL.green75, RATE_CASE_LABEL.green50, RATE_CASE_LABEL.green25]).toEqual([
      expect.stringMatching(/^グリーン化特例 75%軽減$/),
      expect.stringMatching(/^グリーン化特例 50%軽減$/),
      expect.stringMatching(/^グリーン化特例 25%軽減$/),
    ]);
  });

  // What the API documents for a calculation's answer (OpenAPI): every field and description.
  it('documents the calculation result', () => {
    expect(z.toJSONSchema(amountResultSchema)).toMatchSnapshot();
  });
});
