import { describe, expect, it } from 'vitest';
import { isValidMunicipalityCode, municipalityCheckDigit } from './model.js';

describe('地方公共団体コード check digit', () => {
  it.each([
    ['112224', '越谷市'],
    ['131016', '千代田区'],
    ['011002', '札幌市'],
    ['271004', '大阪市'],
    ['112038', '川口市'],
  ])('accepts %s (%s)', (code) => {
    expect(isValidMunicipalityCode(code)).toBe(true);
  });

  it('maps remainders 0 and 1 to check digits 1 and 0', () => {
    // 1×6+0×5+0×4+0×3+4×2 = 14, 14 mod 11 = 3 → 8; and sums ≡ 0 / 1 (mod 11):
    expect(municipalityCheckDigit('10004')).toBe(8);
    expect(municipalityCheckDigit('00000')).toBe(1); // remainder 0 → 11 → 1
    expect(municipalityCheckDigit('20000')).toBe(0); // 12 mod 11 = 1 → 10 → 0
  });

  it('refuses a wrong check digit, a wrong length and non-digits', () => {
    expect(isValidMunicipalityCode('112225')).toBe(false);
    expect(isValidMunicipalityCode('11222')).toBe(false);
    expect(isValidMunicipalityCode('11222４')).toBe(false);
  });
});
