/**
 * @module The tax-rule engine's front door for the other capabilities: this installation's rule
 * book, a rule's input errors told as a problem, and the rules vehicles and plates use.
 */
import type { Config } from '../config.js';
import { Problem } from '../server/problem.js';
import { TaxInputError } from './model.js';
import { loadRuleBook } from './overrides-file.js';
import type { RuleBook } from './rulebook.js';

// For the plate capability's compensation slips (弁償金納付書): the fee from the city's settings.
export { plateCompensation } from './plate-compensation.js';

/** The rule book of the municipality this installation serves, its override file applied. */
export function ruleBookOf(config: Pick<Config, 'taxOverridesDir' | 'municipalityCode'>): RuleBook {
  return loadRuleBook(config.taxOverridesDir, config.municipalityCode);
}

/** Runs a pure rule for the API: input the engine refuses becomes a 400 naming the field. */
export function answer<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof TaxInputError) throw Problem.validation(error.errors);
    throw error;
  }
}

// For the vehicle register: a record's engine input and this year's amount (its rate case and citations).
export { annualAmount } from './amount.js';
export { vehicleInputOf } from './vehicle-class.js';
// National law alone, for checks that need no municipality's settings (the demo city's load).
export { NATIONAL } from './rulebook.js';
// For the initial assessment: the year's due date, and a what-if's alternative rule book from an override object.
export { dueDate } from './due-date.js';
export { RuleBook, validateOverrides } from './rulebook.js';
