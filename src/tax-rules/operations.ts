/** @module What the tax-rule engine's answers need: they hold no personal data, and AccessControl is not involved. */
import { defineOperations } from '../access/operations.js';

export const TAX_RULE_OPERATIONS = defineOperations({
  'tax.calculate': { permission: 'tax.calculate' },
});
