import { describe, expect, it } from 'vitest';
import {
  cleanIndividualNumberInput,
  individualNumberCheckDigit,
  individualNumberSchema,
  isValidIndividualNumber,
  maskIndividualNumber,
} from './individual-number.js';

/** The same rule written the other way round (weights left to right), to check the first. */
function independentCheckDigit(first11: string): number {
  const weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const remainder = weights.reduce((sum, w, i) => sum + w * Number(first11[i]), 0) % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}

/** A small deterministic generator (LCG), so a failure names a reproducible number. */
function* generatedBodies(count: number): Generator<string> {
  let state = 20260401;
  for (let i = 0; i < count; i++) {
    let body = '';
    for (let d = 0; d < 11; d++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      body += String((state >>> 16) % 10);
    }
    yield body;
  }
}

describe('個人番号 check digit (施行規則 第1条)', () => {
  it('gives 8 for the published sample 12345678901 (Σ = 212)', () => {
    expect(individualNumberCheckDigit('12345678901')).toBe(8);
    expect(isValidIndividualNumber('123456789018')).toBe(true);
  });

  it('maps remainders 0 and 1 to check digit 0', () => {
    expect(individualNumberCheckDigit('00000000000')).toBe(0); // Σ = 0
    // 1 in the rightmost place weighs 2; 6 there makes Σ = 12, remainder 1.
    expect(individualNumberCheckDigit('00000000006')).toBe(0);
    expect(individualNumberCheckDigit('00000000001')).toBe(9); // Σ = 2 → 11 − 2
  });

  it('agrees with an independent left-to-right computation on 5,000 generated numbers', () => {
    for (const body of generatedBodies(5000)) {
      const check = individualNumberCheckDigit(body);
      expect(check, body).toBe(independentCheckDigit(body));
      expect(isValidIndividualNumber(`${body}${check}`), body).toBe(true);
    }
  });

  it('refuses every other check digit for each generated number', () => {
    for (const body of generatedBodies(500)) {
      const check = individualNumberCheckDigit(body);
      for (let wrong = 0; wrong <= 9; wrong++) {
        if (wrong !== check) expect(isValidIndividualNumber(`${body}${wrong}`), `${body}${wrong}`).toBe(false);
      }
    }
  });

  it('detects a changed digit of the body unless the remainder only moves between 0 and 1', () => {
    const remainder = (first11: string) => [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((sum, w, i) => sum + w * Number(first11[i]), 0) % 11;
    for (const body of generatedBodies(300)) {
      const valid = `${body}${individualNumberCheckDigit(body)}`;
      for (let position = 0; position < 11; position++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === valid[position]) continue;
          const changed = `${valid.slice(0, position)}${digit}${valid.slice(position + 1)}`;
          // Weights 2…7 are prime to 11, so the remainder always changes; only 0 ↔ 1 keeps check digit 0.
          const blind = remainder(body) <= 1 && remainder(changed.slice(0, 11)) <= 1;
          expect(isValidIndividualNumber(changed), changed).toBe(blind);
        }
      }
    }
  });

  it('refuses wrong lengths and non-digits', () => {
    expect(isValidIndividualNumber('12345678901')).toBe(false);
    expect(isValidIndividualNumber('1234567890180')).toBe(false);
    expect(isValidIndividualNumber('12345678901X')).toBe(false);
    expect(() => individualNumberCheckDigit('123')).toThrow(RangeError);
  });
});

describe('input and display', () => {
  it('accepts full-width digits and group separators', () => {
    expect(cleanIndividualNumberInput('１２３４ ５６７８-９０１８')).toBe('123456789018');
    expect(individualNumberSchema.parse('1234 5678 9018')).toBe('123456789018');
  });

  it('explains a failure in Japanese without echoing the number', () => {
    const result = individualNumberSchema.safeParse('123456789017');
    expect(result.success).toBe(false);
    const message = result.error?.issues[0]?.message ?? '';
    expect(message).toMatch(/検査用数字/);
    expect(message).not.toContain('123456789017');
    expect(individualNumberSchema.safeParse('12345').error?.issues[0]?.message).toMatch(/12桁/);
  });

  it('masks all but the last four digits', () => {
    expect(maskIndividualNumber('123456789018')).toBe('********9018');
  });
});
