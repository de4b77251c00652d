/**
 * @module The municipality (地方公共団体) this installation serves: its code with check digit, its name
 * and offices, as the API sends them.
 */
import { z } from 'zod';

/**
 * 地方公共団体コード: five digits and a check digit. The check digit is 11 minus the remainder of
 * the weighted sum (weights 6,5,4,3,2) divided by 11, keeping only the last digit (10 → 0, 11 → 1).
 * Source: 総務省「全国地方公共団体コード」仕様 (昭和43年自治省告示 / JIS X 0401 の付番方式).
 */
export function municipalityCheckDigit(firstFive: string): number {
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(firstFive[i]), 0);
  return (11 - (sum % 11)) % 10;
}

export function isValidMunicipalityCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code) && municipalityCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

export const municipalityCodeSchema = z
  .string()
  .regex(/^[0-9]{6}$/, '地方公共団体コードは6桁の数字で入力してください')
  .refine(isValidMunicipalityCode, '地方公共団体コードの検査数字が一致しません');

/** The municipality as the API sends it: the sign-in screen shows which city it is for. */
export const municipalityResponse = z.object({
  code: z.string().describe('地方公共団体コード'),
  name: z.string(),
  prefecture: z.string(),
  isDemo: z.boolean().describe('デモ用の架空データだけを持つ団体'),
});
export type Municipality = z.infer<typeof municipalityResponse>;
