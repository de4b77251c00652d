import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { RATE_CASES, VEHICLE_CLASSES } from '../../src/tax-rules/model.js';

const exampleSchema = z.strictObject({
  rule: z.string().min(1),
  source: z.string().min(1),
  input: z.looseObject({ fiscalYear: z.number().int() }),
  expected: z.strictObject({ amount: z.number().int(), rateCase: z.enum(RATE_CASES), vehicleClass: z.enum(VEHICLE_CLASSES), provisional: z.boolean().optional() }),
});
export type TaxRulesExample = z.infer<typeof exampleSchema>;

/** The worked examples of TAX-RULES.md, kept as data in examples.yaml (checked on load, so a typo fails loudly). */
export const TAX_RULES_EXAMPLES: TaxRulesExample[] = z.array(exampleSchema).min(1).parse(parse(readFileSync(new URL('./examples.yaml', import.meta.url), 'utf8')));
