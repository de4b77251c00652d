import { describe, expect, it } from 'vitest';
import { CODE128, code128Bars, gs1128Symbols, modulus10Weight31, paymentBarcodeDigits, paymentBarcodeText } from '../../src/notices/barcode.js';

describe('convenience-store barcode data (標準料金代理収納ガイドライン)', () => {
  it("computes the check digit of the guideline's worked examples: modulus 10, weights 3-1 from the right, AI included", () => {
    expect(modulus10Weight31('91' + '912345' + '0123456789012345678901' + '010331' + '0' + '123000')).toBe(3);
    expect(modulus10Weight31('91' + '942386' + '1789539178539356927301' + '030731' + '1' + '031290')).toBe(3);
    // A payment record as a convenience store reports it back: 44 digits whose last is their check digit.
    const reported = '91929023219420000000000037554399999999999999';
    expect(modulus10Weight31(reported.slice(0, 43))).toBe(Number(reported.slice(43)));
    // EAN-13 uses the same rule: 4 9 1 2 3 4 5 6 7 8 9 0 → 4.
    expect(modulus10Weight31('491234567890')).toBe(4);
  });

  it('lays out the 44 digits: AI 91, 国コード 9, company code, 任意 data, 再発行区分, YYMMDD, 印紙フラグ 0, amount, check digit', () => {
    const digits = paymentBarcodeDigits({ companyCode: '12345', optionalData: '012345678901234567890', reissueCount: 1, dueDate: '2001-03-31', amount: 123000 });
    expect(digits).toBe('91' + '912345' + '012345678901234567890' + '1' + '010331' + '0' + '123000' + '3');
    expect(digits).toHaveLength(44);
    expect(paymentBarcodeText(digits)).toBe('(91)912345-012345678901234567890-1-010331-0-123000-3');
  });

  it('pads short fields with zeros and refuses what does not fit', () => {
    const digits = paymentBarcodeDigits({ companyCode: '00042', optionalData: '2026000123', reissueCount: 0, dueDate: '2026-06-01', amount: 10800 });
    expect(digits.slice(0, 37)).toBe('91900042' + '000000000002026000123' + '0' + '260601' + '0');
    expect(digits.slice(37, 43)).toBe('010800');
    expect(() => paymentBarcodeDigits({ companyCode: '123456', optionalData: '1', reissueCount: 0, dueDate: '2026-06-01', amount: 1 })).toThrow('収納企業コード');
    expect(() => paymentBarcodeDigits({ companyCode: '12345', optionalData: '1', reissueCount: 0, dueDate: '2026-06-01', amount: 1_000_000 })).toThrow('支払金額');
  });
});

describe('Code 128 / GS1-128 symbol', () => {
  it('has 107 distinct patterns of 11 modules (Stop 13), each with an even number of bar modules', () => {
    expect(CODE128.patterns).toHaveLength(107);
    expect(new Set(CODE128.patterns).size).toBe(107);
    for (const [value, pattern] of CODE128.patterns.entries()) {
      const widths = [...pattern].map(Number);
      expect(widths.reduce((a, b) => a + b), `symbol ${value}`).toBe(value === CODE128.stop ? 13 : 11);
      expect(widths.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b) % 2, `symbol ${value}`).toBe(0);
    }
  });

  it('encodes Start C, FNC1, digit pairs and the mod-103 check: (91)1234 checks 46', () => {
    // 105 + 102×1 + 91×2 + 12×3 + 34×4 = 561; 561 mod 103 = 46.
    expect(gs1128Symbols('911234')).toEqual([105, 102, 91, 12, 34, 46, 106]);
    expect(() => gs1128Symbols('123')).toThrow();
  });

  it('draws the bars of a known string: Start C 211232, FNC1 411131, 91 412121, 12 112232, 34 131123, 46 113321, Stop 2331112', () => {
    const { bars, modules } = code128Bars(gs1128Symbols('911234'));
    const expected = ['211232', '411131', '412121', '112232', '131123', '113321', '2331112'].join('');
    const elements = [...expected].map(Number);
    const expectedBars: { x: number; width: number }[] = [];
    let x = 0;
    elements.forEach((width, index) => {
      if (index % 2 === 0) expectedBars.push({ x, width });
      x += width;
    });
    expect(bars).toEqual(expectedBars);
    expect(modules).toBe(6 * 11 + 13);
    expect(bars[0]).toEqual({ x: 0, width: 2 });
    expect(bars.at(-1)).toEqual({ x: modules - 2, width: 2 });
  });

  it('gives the 44-digit payment barcode 288 modules: Start, FNC1, 22 pairs, check, Stop', () => {
    const digits = paymentBarcodeDigits({ companyCode: '12345', optionalData: '1', reissueCount: 0, dueDate: '2026-06-01', amount: 10800 });
    expect(code128Bars(gs1128Symbols(digits)).modules).toBe(288);
  });
});
