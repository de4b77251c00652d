/**
 * @module 個人番号 (individual number, My Number): its check digit, the zod schema that refuses a
 * mistyped one, and the masked form screens show.
 */
import { z } from 'zod';

/**
 * 個人番号 (My Number): eleven digits and a check digit.
 *
 * 検査用数字 = 11 − (Σ_{n=1..11} Pn × Qn を11で除した余り); when the remainder is 0 or 1 the
 * check digit is 0. Pn is the n-th digit counted from the right of the first eleven digits;
 * Qn = n + 1 for 1 ≤ n ≤ 6 and n − 5 for 7 ≤ n ≤ 11.
 * Source: 行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条第2号 and
 * 同法施行規則 (平成26年総務省令第85号) 第1条.
 *
 * Worked example (the number published as a sample, never issued to a person): 12345678901 →
 * Σ = 1·2 + 0·3 + 9·4 + 8·5 + 7·6 + 6·7 + 5·2 + 4·3 + 3·4 + 2·5 + 1·6 = 212, 212 mod 11 = 3,
 * 11 − 3 = 8: 123456789018.
 */
export function individualNumberCheckDigit(first11: string): number {
  if (!/^[0-9]{11}$/.test(first11)) throw new RangeError('individualNumberCheckDigit needs exactly 11 digits');
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(first11[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const remainder = sum % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}

export function isValidIndividualNumber(value: string): boolean {
  return /^[0-9]{12}$/.test(value) && individualNumberCheckDigit(value.slice(0, 11)) === Number(value[11]);
}

/** The only way an individual number is shown outside the audited reveal: `********1234`. */
export function maskIndividualNumber(value: string): string {
  return `********${value.slice(-4)}`;
}

/**
 * What staff type or a file carries: full-width digits, spaces or hyphens between the groups
 * (`1234 5678 9012`) are accepted and removed; anything else must be twelve digits.
 */
export function cleanIndividualNumberInput(value: string): string {
  return value.normalize('NFKC').replace(/[\s-]/g, '');
}

/** Input schema: the messages name what is wrong, never echo the number. */
export const individualNumberSchema = z
  .string()
  .max(20, '個人番号は12桁の数字で入力してください')
  .meta({ title: '個人番号' })
  .transform(cleanIndividualNumberInput)
  .pipe(
    z
      .string()
      .regex(/^[0-9]{12}$/, '個人番号は12桁の数字で入力してください')
      .refine(isValidIndividualNumber, '個人番号の検査用数字が一致しません。番号を確認してください'),
  );
