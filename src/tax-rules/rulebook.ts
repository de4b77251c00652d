/**
 * @module The rule book: every parameter resolved for a year, with a municipality's overrides
 * applied and validated, and the citation and cautions of each value used.
 */
import { z } from 'zod';
import { municipalityCodeSchema } from '../municipality/model.js';
import { TaxInputError, type Explained, type FieldError } from './model.js';
import { isOverridable, PARAMETERS } from './parameters/index.js';
import type { Confidence, Parameter, ParameterPeriod } from './parameters/parameter.js';

/** A parameter's value for one year, with the source that decided it. */
export interface Resolved<T> {
  value: T;
  citation: string;
  confidence: Confidence;
  /** What the parameter is and the year it was read for (2027年度), for cautions. */
  label: string;
  year: string;
  provisional?: true;
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
  provisional: z.literal(true).optional(),
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
    if (!found) throw TaxInputError.of(field, notEnacted(parameter, year));
    return found;
  }

  /** The value for `year` where a measure may simply not exist that year (グリーン化特例). */
  find<T>(parameter: Parameter<T>, year: number): Resolved<T> | undefined {
    const own = this.overrides?.parameters.get(parameter.id) as ParameterPeriod<T>[] | undefined;
    const local = own?.find((p) => covers(p, year));
    const period = local ?? parameter.periods.find((p) => covers(p, year));
    if (!period) return undefined;
    return {
      value: period.value,
      citation: period.citation,
      confidence: period.confidence,
      label: parameter.label,
      year: `${year}${unitOf(parameter)}`,
      ...(period.provisional ? { provisional: period.provisional } : {}),
      ...(local ? { municipality: this.overrides?.name } : {}),
    };
  }
}

/** Why a year cannot be computed: no law (or announced rate) yet covers it, and which years are. */
export function notEnacted(parameter: Parameter<unknown>, year: number): string {
  const unit = unitOf(parameter);
  const first = `${parameter.periods[0]?.from}${unit}`;
  const last = parameter.periods.at(-1)?.to;
  const known = `定められているのは${first}${last === null || last === undefined ? '以降' : `〜${last}${unit}`}`;
  return `${year}${unit}の「${parameter.label}」はまだ法令・告示で定められていないため計算できません(${known})`;
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
  return resolved.municipality ? `${resolved.municipality}: ${resolved.citation}` : resolved.citation;
}

/**
 * What a clerk must know about the rules a result used: only those still unconfirmed (M) or
 * provisional, each once, in plain words. Confirmed (V) and agreed (S) rules say nothing.
 */
export function cautionsOf(sources: Resolved<unknown>[]): string[] {
  const cautions = sources.flatMap((source) => {
    const own = source.municipality ? `${source.municipality}の設定による` : '';
    if (source.provisional) return [`※暫定: ${source.year}の「${source.label}」は${own}改正法の成立前の内容(${source.citation})です。成立後に結果を確かめてください。`];
    if (source.confidence === 'M') return [`※未確認: 「${source.label}」は${own}根拠(${source.citation})の確認が済んでいない値です。条例等で確かめてください。`];
    return [];
  });
  return [...new Set(cautions)];
}

/** The explanation, citations and cautions of a result from its sentences and its sources. */
export function explained(explanation: string, sources: Resolved<unknown>[]): Explained {
  const cautions = cautionsOf(sources);
  return { explanation: [explanation, ...cautions].join(''), citations: [...new Set(sources.map(citationOf))], cautions };
}

/** National law only: what the engine uses where no municipality is named. */
export const NATIONAL = new RuleBook();
