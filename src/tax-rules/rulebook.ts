import { z } from 'zod';
import { municipalityCodeSchema } from '../municipality/model.js';
import { TaxInputError, type FieldError } from './model.js';
import { isOverridable, PARAMETERS } from './parameters/index.js';
import type { Confidence, Parameter, ParameterPeriod } from './parameters/parameter.js';

/** A parameter's value for one year, with the source that decided it. */
export interface Resolved<T> {
  value: T;
  citation: string;
  confidence: Confidence;
  /** The municipality's own file decided it (its name), rather than the national table. */
  municipality?: string;
}

const periodSchema = z.strictObject({
  from: z.number().int().min(2016, '2016年度(年)以降にしてください'),
  to: z.number().int().nullable(),
  value: z.unknown(),
  citation: z.string().trim().min(1, '根拠(条例の条番号など)を記入してください'),
  confidence: z.enum(['V', 'S', 'M']),
  note: z.string().optional(),
});

/** The shape of config/tax-overrides/<municipalityCode>.yaml, before each value is checked. */
export const overrideFileSchema = z.strictObject({
  municipalityCode: municipalityCodeSchema,
  name: z.string().trim().min(1, '団体名を記入してください'),
  parameters: z.record(z.string(), z.array(periodSchema).min(1, '期間を1つ以上記入してください')),
});

export interface MunicipalOverrides {
  municipalityCode: string;
  name: string;
  parameters: Map<string, ParameterPeriod<unknown>[]>;
}

/**
 * Validates a municipality's override file (already parsed from YAML): known parameter ids only,
 * only overridable ones and, for national law, only its years not yet confirmed; each value by the parameter's own schema (so a rate multiplier above
 * the legal 1.5× cap is refused), periods in order and not overlapping. Errors name the field.
 */
export function validateOverrides(input: unknown, expectedCode?: string): MunicipalOverrides {
  const file = overrideFileSchema.safeParse(input);
  if (!file.success) {
    throw new TaxInputError(file.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));
  }
  const errors: FieldError[] = [];
  if (expectedCode !== undefined && file.data.municipalityCode !== expectedCode) {
    errors.push({ field: 'municipalityCode', message: `ファイル名の団体コード ${expectedCode} と一致しません` });
  }
  const parameters = new Map<string, ParameterPeriod<unknown>[]>();
  for (const [id, periods] of Object.entries(file.data.parameters)) {
    const field = `parameters.${id}`;
    const parameter = PARAMETERS.find((p) => p.id === id);
    if (!parameter) {
      errors.push({ field, message: `「${id}」という設定項目はありません。docs/tax-rules.md の一覧を確認してください` });
      continue;
    }
    if (!isOverridable(parameter)) {
      errors.push({ field, message: `「${parameter.label}」は法令で確認済みの値のため、団体では変更できません` });
      continue;
    }
    const checked: ParameterPeriod<unknown>[] = [];
    periods.forEach((period, index) => {
      const at = `${field}.${index}`;
      if (period.to !== null && period.to < period.from) errors.push({ field: `${at}.to`, message: '終期が始期より前です' });
      const previous = checked.at(-1);
      if (previous && (previous.to === null || previous.to >= period.from)) {
        errors.push({ field: `${at}.from`, message: '前の期間と重なっています(期間は古い順に、重ならないように記入してください)' });
      }
      const locked = parameter.municipal ? undefined : parameter.periods.find((p) => p.confidence === 'V' && overlaps(p, period));
      if (locked) {
        errors.push({ field: `${at}.from`, message: `${locked.from}〜${locked.to ?? ''}${unitOf(parameter)}の値は法令で確認済みのため変更できません(確度 S・M の期間だけ訂正できます)` });
        return;
      }
      const value = parameter.schema.safeParse(period.value);
      if (!value.success) {
        for (const issue of value.error.issues) errors.push({ field: [`${at}.value`, ...issue.path.map(String)].join('.'), message: issue.message });
        return;
      }
      checked.push({ ...period, value: value.data });
    });
    parameters.set(id, checked);
  }
  if (errors.length > 0) throw new TaxInputError(errors);
  return { municipalityCode: file.data.municipalityCode, name: file.data.name, parameters };
}

/**
 * The law as it applies in one municipality: the national parameters, with the municipality's
 * override periods taking precedence for the years they cover.
 */
export class RuleBook {
  constructor(readonly overrides?: MunicipalOverrides) {}

  /** The value for `year`, or an error on `field` when no period covers it (never a default). */
  get<T>(parameter: Parameter<T>, year: number, field: string): Resolved<T> {
    const found = this.find(parameter, year);
    if (!found) {
      throw TaxInputError.of(field, `${year}${unitOf(parameter)}の「${parameter.label}」は定められていません(対応範囲外)`);
    }
    return found;
  }

  /** The value for `year` where a measure may simply not exist that year (グリーン化特例). */
  find<T>(parameter: Parameter<T>, year: number): Resolved<T> | undefined {
    const own = this.overrides?.parameters.get(parameter.id) as ParameterPeriod<T>[] | undefined;
    const local = own?.find((p) => covers(p, year));
    if (local) return { value: local.value, citation: local.citation, confidence: local.confidence, municipality: this.overrides?.name };
    const national = parameter.periods.find((p) => covers(p, year));
    return national && { value: national.value, citation: national.citation, confidence: national.confidence };
  }
}

function unitOf(parameter: Parameter<unknown>): string {
  return parameter.per === 'fiscalYear' ? '年度' : '年';
}

function overlaps(a: { from: number; to: number | null }, b: { from: number; to: number | null }): boolean {
  return (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to);
}

function covers(period: ParameterPeriod<unknown>, year: number): boolean {
  return period.from <= year && (period.to === null || year <= period.to);
}

/** A cited source as results list it: the municipality's own provisions are prefixed with its name. */
export function citationOf(resolved: Resolved<unknown>): string {
  const marked = resolved.confidence === 'M' ? `${resolved.citation}【未確認】` : resolved.citation;
  return resolved.municipality ? `${resolved.municipality}: ${marked}` : marked;
}

/**
 * The citations of a result, each once: an article cited for an unconfirmed number and for
 * confirmed amounts alike is listed once, marked unconfirmed.
 */
export function citationsOf(sources: Resolved<unknown>[]): string[] {
  const byText = new Map<string, Resolved<unknown>>();
  for (const source of sources) {
    const key = `${source.municipality ?? ''}|${source.citation}`;
    const seen = byText.get(key);
    if (!seen || (source.confidence === 'M' && seen.confidence !== 'M')) byText.set(key, source);
  }
  return [...byText.values()].map(citationOf);
}

/** National law only: what the engine uses where no municipality is named. */
export const NATIONAL = new RuleBook();
