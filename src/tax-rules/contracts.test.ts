import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lateChargeInputSchema } from './late-charge.js';
import { correctionInputSchema } from './limitation.js';
import { vehicleInputSchema } from './model.js';
import { plateCompensationInputSchema } from './plate-compensation.js';
import { reductionInputSchema } from './reduction.js';

// The engine's inputs as the API documents them (OpenAPI) and the CLI reads them: every field,
// bound, description and message is part of the contract, so a change to one shows here.
describe('input contracts of the tax-rule engine', () => {
  it.each([
    ['vehicle', vehicleInputSchema],
    ['late charge', lateChargeInputSchema],
    ['correction limit', correctionInputSchema],
    ['reduction eligibility', reductionInputSchema],
    ['plate compensation', plateCompensationInputSchema],
  ] as const)('%s', (_name, schema) => {
    expect(z.toJSONSchema(schema)).toMatchSnapshot();
  });

  it('answers each bound with its Japanese message', () => {
    const messages = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages(correctionInputSchema, { fiscalYear: 2015, direction: 'increase', date: '2026-01-01' })).toEqual(['fiscalYear: 2016年度以降を入力してください']);
    expect(messages(correctionInputSchema, { fiscalYear: 2101, direction: 'decrease', date: '2026-01-01' })?.[0]).toMatch(/^fiscalYear: /);
    expect(messages(correctionInputSchema, { fiscalYear: 2100, direction: 'decrease', date: '2026-01-01' })).toBeUndefined();
    expect(messages(correctionInputSchema, { fiscalYear: 2016, direction: 'sideways', date: '2026-01-01' })?.[0]).toMatch(/^direction: /);
    expect(messages(lateChargeInputSchema, { amount: 1.5, dueDate: '2026-06-01', paidDate: '2026-06-02' })).toEqual(['amount: 税額は円単位の整数で入力してください']);
  });
});
