/**
 * @module What a tax-rule parameter is: a value by period with its source, its confidence and
 * whether a municipality may override it.
 */
import type { z } from 'zod';

/**
 * How sure we are of a value (as in ../shared/spec/TAX-RULES.md): V seen in a primary or municipal
 * source, S several secondary sources agree, M believed but not yet confirmed — an M value is a
 * parameter a municipality may correct in its override file without a code change.
 */
export type Confidence = 'V' | 'S' | 'M';

/** One value and the years it holds, with where it comes from. `to: null` = until amended. */
export interface ParameterPeriod<T> {
  from: number;
  to: number | null;
  value: T;
  citation: string;
  confidence: Confidence;
  note?: string;
  /** Announced but not yet enacted (令和8年度改正 before its law): results using it say so. */
  provisional?: true;
}

/**
 * A rule of the law as data, in the manner of OpenFisca parameters: dated values, each with its
 * citation and confidence. `per` says whether periods are fiscal years (年度, April–March) or
 * calendar years (暦年, for the late-charge rates). `municipal` marks a value the city sets by
 * its own ordinance (税率の倍率, 納期, 減免の範囲, 弁償金).
 */
export interface Parameter<T> {
  id: string;
  label: string;
  per: 'fiscalYear' | 'calendarYear';
  municipal: boolean;
  schema: z.ZodType<T>;
  periods: ParameterPeriod<T>[];
}

/** Declares a parameter whose values are typed by its schema, so the data cannot drift from it. */
export function defineParameter<S extends z.ZodType>(parameter: Omit<Parameter<z.output<S>>, 'schema'> & { schema: S }): Parameter<z.output<S>> {
  return parameter as Parameter<z.output<S>>;
}
