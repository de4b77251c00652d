import { describe, expect, it } from 'vitest';
import { corporateNumberCheckDigit, isValidCorporateNumber } from './corporate-number.js';

describe('法人番号 check digit', () => {
  it('accepts published numbers of public bodies', () => {
    expect(isValidCorporateNumber('7000012050002')).toBe(true); // 国税庁
    expect(isValidCorporateNumber('4000012090001')).toBe(true); // 内閣府
  });

  it('computes the leading digit from the twelve that follow', () => {
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
  });

  it('refuses a changed digit, a wrong length and non-digits', () => {
    expect(isValidCorporateNumber('7000012050003')).toBe(false);
    expect(isValidCorporateNumber('700001205000')).toBe(false);
    expect(isValidCorporateNumber('700001205000X')).toBe(false);
  });
});
