import { annualDueDate, collectionLimitation, correctionLimitation, lateChargeComputation, lateChargeRates, nonBusinessDays, plateCompensationFee } from './money.js';
import type { Parameter } from './parameter.js';
import { greenAmounts, heavyRates, oldRates, rateMultiplier, smallSpecialRates, standardRates } from './rates.js';
import { disabilityGrades, partialReductionRounding, reductionConditions } from './reduction.js';
import {
  assessmentDate,
  exemptKeepsOldRate,
  firstInspectionYearOnly,
  greenReductionRules,
  heavyRateRule,
  mopedThresholds,
  newStandardMoped,
  twoWheelBoundaries,
} from './vehicle.js';

/** Every parameter of the engine: what the tests check for citations and validity periods. */
export const PARAMETERS: readonly Parameter<unknown>[] = [
  standardRates,
  smallSpecialRates,
  rateMultiplier,
  oldRates,
  heavyRates,
  greenAmounts,
  assessmentDate,
  mopedThresholds,
  newStandardMoped,
  twoWheelBoundaries,
  firstInspectionYearOnly,
  heavyRateRule,
  exemptKeepsOldRate,
  greenReductionRules,
  annualDueDate,
  nonBusinessDays,
  lateChargeRates,
  lateChargeComputation,
  correctionLimitation,
  collectionLimitation,
  plateCompensationFee,
  disabilityGrades,
  reductionConditions,
  partialReductionRounding,
] as Parameter<unknown>[];

/**
 * What a municipality may set in its override file: its own values (municipal) and every value
 * not yet seen in a primary source (confidence S or M), which it corrects when it has the source.
 */
export function isOverridable(parameter: Parameter<unknown>): boolean {
  return parameter.municipal || parameter.periods.some((p) => p.confidence !== 'V');
}
