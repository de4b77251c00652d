/** @module The text rules every input obeys, in one place: the schemas of every API field, every import
 * cell and the screens' fields are built from these, and the server's guard refuses what no
 * database can store before any schema is consulted.
 *
 * Characters: JIS X 0213 (JIS第1〜第4水準) and the Windows-31J repertoire clerks' machines type
 * (src/shared/jis-x0213-table.ts, generated from glibc's mapping), plus every Han ideograph with
 * its ideographic variation selector: names in the family and resident registers are written in
 * 戸籍統一文字 / 住基ネット統一文字 beyond JIS X 0213 — 𠮷 (U+20BB7) is one — and must stay
 * accepted. Emoji, pictographs, other scripts, controls, U+FFFD and private-use 外字 are refused
 * with a message naming the character: they would not print on a notice, survive a Shift_JIS
 * file to another system, or be found by a search.
 */
import { z } from 'zod';
import { JIS_X_0213_RANGES } from './jis-x0213-table.js';
import {
  choiceMessage,
  chooseMessage,
  integerMessage,
  maximumMessage,
  minimumMessage,
  requiredMessage,
  tooLongMessage,
} from './messages.js';

const JIS_CODE_POINTS: ReadonlySet<number> = (() => {
  const set = new Set<number>();
  let end = 0;
  for (let i = 0; i < JIS_X_0213_RANGES.length; i += 2) {
    const start = end + JIS_X_0213_RANGES[i]!;
    end = start + JIS_X_0213_RANGES[i + 1]!;
    for (let cp = start; cp < end; cp++) set.add(cp);
  }
  return set;
})();

const HAN = /^\p{Script=Han}$/u;
/** Ideographic variation selectors (IVS), which pick a registered glyph of the kanji before them. */
const isVariationSelector = (cp: number) => cp >= 0xe0100 && cp <= 0xe01ef;

/**
 * The first character no database or JSON consumer can take: U+0000 (PostgreSQL text refuses
 * it) or half of a surrogate pair (not a character at all). The server refuses these in any
 * input, whatever the route, before its schema runs.
 */
export function brokenCharacter(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- finding U+0000 is the point
  const match = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(value);
  return match?.[0];
}

/** The first character free text may not hold, or undefined when every one is allowed. */
export function refusedCharacter(value: string, options: { multiline?: boolean } = {}): string | undefined {
  if (brokenCharacter(value)) return brokenCharacter(value);
  let previousHan = false;
  for (const char of value) {
    const cp = char.codePointAt(0)!;
    const allowed =
      JIS_CODE_POINTS.has(cp) || HAN.test(char) || (previousHan && isVariationSelector(cp)) || (options.multiline === true && char === '\n');
    if (!allowed) return char;
    previousHan = HAN.test(char) || (previousHan && isVariationSelector(cp));
  }
  return undefined;
}

/** A character as a message may show it: itself when printable, its code point when not. */
export function describeCharacter(char: string): string {
  const cp = char.codePointAt(0)!;
  const printable = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) && brokenCharacter(char) === undefined;
  return printable ? `「${char}」` : `(U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
}

export const refusedCharacterMessage = (label: string, char: string) =>
  `${label}に使えない文字${describeCharacter(char)}があります。絵文字・記号・外字は使えません(JIS第1〜第4水準の文字で入力してください)`;

/** Length as a person counts it: 𠮷 is one character, though two UTF-16 units. */
export const characterCount = (value: string) => [...value].length;

/** What is wrong with free text under the rules above, in words (the screens check as they type). */
export function textProblem(label: string, value: string, max: number, options: { multiline?: boolean } = {}): string | undefined {
  const refused = refusedCharacter(value, options);
  if (refused) return refusedCharacterMessage(label, refused);
  return characterCount(value) > max ? tooLongMessage(label, max) : undefined;
}

/** Full-width digits and signs as ASCII (２０２６ → 2026), for numbers typed on a Japanese keyboard. */
export const halfWidthNumber = (value: string) => value.normalize('NFKC').trim();

/** The limits of free text, by kind of field: the schemas and the screens' fields both read these. */
export const TEXT_LIMITS = {
  /** A person's or corporation's name, in kanji or kana (an addressee, a mail destination). */
  name: 100,
  address: 200,
  /** Why a record changed, a number was revealed, a review was closed. */
  reason: 200,
  /** A staff member's name and department, an office's name, a device's label. */
  staffText: 60,
} as const;

export interface TextSpec {
  /** The field's Japanese name, as the screen labels it. */
  label: string;
  /** At most this many characters. */
  max: number;
  multiline?: boolean;
  /** False for a search term or a filter, which may be left blank. */
  required?: boolean;
}

/**
 * Free text (names, addresses, reasons, notes): trimmed, required, at most `max` characters,
 * only the characters above. Messages name the field; its label titles it in the OpenAPI
 * document. The UTF-16 bound is the schema's `maxLength` (twice the characters, as a character
 * beyond the BMP takes two); the count a person sees is checked in characters.
 */
export function text({ label, max, multiline = false, required = true }: TextSpec) {
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? requiredMessage(label) : `${label}は文字で入力してください`) })
    .max(max * 2, { message: tooLongMessage(label, max), abort: true })
    .trim()
    .min(required ? 1 : 0, requiredMessage(label))
    .superRefine((value, ctx) => {
      const problem = textProblem(label, value, max, { multiline });
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({ title: label });
}

/**
 * A coded value typed or sent as text (numbers, codes): at most `max` characters before its
 * pattern is checked, so a long value is refused without being echoed or scanned.
 */
export function codeText(label: string, max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? requiredMessage(label) : `${label}は文字で入力してください`) })
    .max(max, { message: tooLongMessage(label, max), abort: true })
    .meta({ title: label });
}

/** One of `labels`' codes; the message names the choices by their Japanese names. */
export function choice<const Code extends string>(label: string, labels: Readonly<Record<Code, string>>) {
  const codes = Object.keys(labels) as [Code, ...Code[]];
  return z
    .enum(codes, { error: (issue) => (issue.input === undefined || issue.input === null ? chooseMessage(label) : choiceMessage(label, Object.values(labels))) })
    .meta({ title: label, choices: labels });
}

export interface IntegerSpec {
  label: string;
  min: number;
  max: number;
}

/** A whole number between `min` and `max`, with messages naming the field and the bounds. */
export function integer({ label, min, max }: IntegerSpec) {
  return z
    .number({ error: (issue) => (issue.input === undefined || issue.input === null ? requiredMessage(label) : integerMessage(label)) })
    .int(integerMessage(label))
    .min(min, minimumMessage(label, min))
    .max(max, maximumMessage(label, max))
    .meta({ title: label });
}

/** The same number as a query string or a form sends it: digits, full-width ones too (２０２６). */
export function integerText(spec: IntegerSpec) {
  return codeText(spec.label, 16)
    .transform(halfWidthNumber)
    .pipe(
      z
        .string()
        .regex(/^[+-]?[0-9]+$/, integerMessage(spec.label))
        .transform(Number)
        .pipe(integer(spec)),
    );
}
