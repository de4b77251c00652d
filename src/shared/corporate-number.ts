/**
 * @module 法人番号 (corporate number): its check digit and the validity check of a corporation's
 * number.
 */
/**
 * 法人番号: 13 digits, the first being a check digit over the other twelve.
 * 検査用数字 = 9 − (Σ Pn × Qn mod 9), Pn the n-th digit counted from the right of the 12-digit
 * base, Qn = 1 for odd n and 2 for even n (法人番号の指定等に関する省令 第2条).
 */
export function corporateNumberCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base12[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  return /^[0-9]{13}$/.test(value) && corporateNumberCheckDigit(value.slice(1)) === Number(value[0]);
}
