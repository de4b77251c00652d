/** @module What the API, the CLI and the screens say when an input is wrong: in a clerk's words, naming
 * the field by its Japanese label and, for a choice, the choices by their Japanese names —
 * never the validator's own (「stringが期待されましたが…」) or a code (`moped_class1`).
 *
 * A schema field carries its label as zod metadata (`.meta({ title: '氏名' })`, which also
 * titles it in the OpenAPI document) and a choice its choices' names (`choices`); the error map
 * installed here reads them for every issue no schema worded itself.
 */
import { z } from 'zod';

/** What a field's metadata may tell the messages: its label, and a choice's names by code. */
export interface FieldMeta {
  title?: string;
  choices?: Readonly<Record<string, string>>;
}

export const requiredMessage = (label: string) => `${label}を入力してください`;
export const chooseMessage = (label: string) => `${label}を選んでください`;
export const tooLongMessage = (label: string, max: number) => `${label}は${max}文字以内で入力してください`;
export const choiceMessage = (label: string, names: readonly string[]) =>
  `${label}は${names.map((name) => `「${name}」`).join('')}のいずれかを選んでください`;
export const integerMessage = (label: string) => `${label}は整数(半角または全角の数字)で入力してください`;
export const minimumMessage = (label: string, min: number) => `${label}は${min}以上で入力してください`;
export const maximumMessage = (label: string, max: number) => `${label}は${max}以下で入力してください`;

/** The label and choices a schema's metadata gives (metadata is inherited by derived schemas). */
function metaOf(schema: unknown): FieldMeta {
  if (!schema || typeof schema !== 'object') return {};
  return (z.globalRegistry.get(schema as z.core.$ZodType) ?? {}) as FieldMeta;
}

type RawIssue = z.core.$ZodRawIssue & { schema?: unknown };

/**
 * The error map for every issue a schema did not word itself. Without a label the field is
 * still named: problem details carry its path, and the screens show the message beside it.
 */
export function clerkMessage(issue: RawIssue): string | undefined {
  const meta = { ...metaOf(issue.inst), ...metaOf(issue.schema) };
  const label = meta.title ?? 'この項目';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return meta.choices ? chooseMessage(label) : requiredMessage(label);
      if (issue.expected === 'number' || issue.expected === 'int') return integerMessage(label);
      if (issue.expected === 'string') return `${label}は文字で入力してください`;
      if (issue.expected === 'boolean') return `${label}は「はい」か「いいえ」で指定してください`;
      if (issue.expected === 'array') return `${label}は一覧で指定してください`;
      return `${label}の形式が正しくありません`;
    case 'invalid_value':
      return meta.choices ? choiceMessage(label, Object.values(meta.choices)) : `${label}は示された選択肢から選んでください`;
    case 'too_big':
      if (issue.origin === 'string') return tooLongMessage(label, Number(issue.maximum));
      if (issue.origin === 'array' || issue.origin === 'set') return `${label}は${Number(issue.maximum)}件以内にしてください`;
      return maximumMessage(label, Number(issue.maximum));
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? requiredMessage(label) : `${label}は${Number(issue.minimum)}文字以上で入力してください`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label}を1つ以上選んでください`;
      return minimumMessage(label, Number(issue.minimum));
    case 'not_multiple_of':
      return `${label}は${String(issue.divisor)}単位で入力してください`;
    case 'invalid_format':
      return `${label}の形式が正しくありません`;
    case 'unrecognized_keys':
      return 'この項目は受け付けていません。項目名を確認してください';
    case 'invalid_union':
      return `${label}の内容が正しくありません`;
    default:
      return undefined;
  }
}

z.config({ ...z.locales.ja(), customError: clerkMessage });
