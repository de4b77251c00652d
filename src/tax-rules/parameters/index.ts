/**
 * @module The parameter files, keyed by their name: as in OpenFisca, the path tells the id — every
 * parameter of `parameters/rates.ts` has an id `rates.…` (a file may also hold the one parameter
 * whose id is its name). `parameters.test.ts` fails on a parameter filed under another prefix.
 */
import * as assessmentDate from './assessmentDate.js';
import * as classification from './classification.js';
import * as dueDate from './dueDate.js';
import * as firstInspection from './firstInspection.js';
import * as greenReduction from './greenReduction.js';
import * as heavyRate from './heavyRate.js';
import * as lateCharge from './lateCharge.js';
import * as limitation from './limitation.js';
import * as moped from './moped.js';
import type { Parameter } from './parameter.js';
import * as plateCompensation from './plateCompensation.js';
import * as rates from './rates.js';
import * as reduction from './reduction.js';

export const PARAMETER_FILES: Readonly<Record<string, Record<string, unknown>>> = {
  assessmentDate,
  classification,
  dueDate,
  firstInspection,
  greenReduction,
  heavyRate,
  lateCharge,
  limitation,
  moped,
  plateCompensation,
  rates,
  reduction,
};

/** A parameter among a file's other exports (types and label tables). */
export function isParameter(value: unknown): value is Parameter<unknown> {
  return typeof value === 'object' && value !== null && 'id' in value && 'periods' in value && 'schema' in value;
}

/** Every parameter of the engine: what the tests check for citations and validity periods. */
export const PARAMETERS: readonly Parameter<unknown>[] = Object.values(PARAMETER_FILES).flatMap((file) => Object.values(file).filter(isParameter));

/**
 * What a municipality may set in its override file: its own values (municipal) and every value
 * not yet seen in a primary source (confidence S or M), which it corrects when it has the source.
 */
export function isOverridable(parameter: Parameter<unknown>): boolean {
  return parameter.municipal || parameter.periods.some((p) => p.confidence !== 'V');
}
