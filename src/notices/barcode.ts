/**
 * @module The convenience-store payment barcode (コンビニ収納用バーコード) of a notice's payment slip.
 *
 * Its data follow 「GS1-128シンボルによる標準料金代理収納ガイドライン」 (GS1 Japan, 一般財団法人
 * 流通システム開発センター; 第6版, 2024), 44 digits in a fixed order:
 *
 *   (91) AI for 料金代理収納 · 9 国コード + 5 収納企業コード · 21 任意 (the notice number) ·
 *   1 再発行区分 · 6 支払期限 YYMMDD · 1 印紙フラグ · 6 支払金額 · 1 チェックデジット
 *
 * The check digit is modulus 10, weights 3 and 1 from the rightmost digit leftwards, over the 43
 * digits before it, AI included. The symbol is Code 128 (JIS X 0504 / ISO/IEC 15417): Start C,
 * FNC1 (which makes it GS1-128), the digits in pairs in code set C, the mod-103 check symbol, Stop.
 */

/** Element widths (bar, space, bar …) in modules of each Code 128 symbol value 0–106 (106: Stop). */
const CODE128_PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
] as const;

export const CODE128 = { fnc1: 102, startC: 105, stop: 106, patterns: CODE128_PATTERNS } as const;

/** Modulus 10, weights 3-1 from the right (the guideline's 全体チェックデジット). */
export function modulus10Weight31(digits: string): number {
  let sum = 0;
  [...digits].reverse().forEach((digit, index) => (sum += Number(digit) * (index % 2 === 0 ? 3 : 1)));
  return (10 - (sum % 10)) % 10;
}

export interface PaymentBarcodeFacts {
  /** 収納企業コード, 5 digits (under 国コード 9). */
  companyCode: string;
  /** 任意 data: 21 digits of the city's choosing (the notice number and the page). */
  optionalData: string;
  /** 再発行区分: how many times the slip has been issued again (0 for the first issue). */
  reissueCount: number;
  /** 支払期限 as `YYYY-MM-DD`. */
  dueDate: string;
  /** 支払金額 in yen: a convenience store takes at most 999,999 in these six digits. */
  amount: number;
}

/** The most a six-digit 支払金額 can carry. */
export const BARCODE_AMOUNT_LIMIT = 999_999;

/** 国コード for the five-digit 収納企業コード (the older form the guideline keeps). */
const COUNTRY_CODE = '9';

/**
 * The 44 digits, AI first. 印紙フラグ is 0: a receipt a local government makes out is not taxed
 * (印紙税法 第5条第2号), so no revenue stamp is ever due.
 */
export function paymentBarcodeDigits(facts: PaymentBarcodeFacts): string {
  const fields: [string, string, number][] = [
    ['収納企業コード', facts.companyCode, 5],
    ['任意データ', facts.optionalData, 21],
    ['再発行区分', String(facts.reissueCount), 1],
    ['支払金額', String(facts.amount), 6],
  ];
  for (const [label, value, length] of fields) {
    if (!/^\d+$/.test(value) || value.length > length) throw new Error(`${label} ${value} は${length}桁以内の数字でなければなりません`);
  }
  const [year, month, day] = facts.dueDate.split('-');
  const body = `91${COUNTRY_CODE}${facts.companyCode.padStart(5, '0')}${facts.optionalData.padStart(21, '0')}${facts.reissueCount}${year?.slice(2)}${month}${day}0${String(facts.amount).padStart(6, '0')}`;
  return `${body}${modulus10Weight31(body)}`;
}

/** The digits as they print under the bars, grouped as the guideline shows them. */
export function paymentBarcodeText(digits: string): string {
  const groups = [digits.slice(2, 8), digits.slice(8, 29), digits.slice(29, 30), digits.slice(30, 36), digits.slice(36, 37), digits.slice(37, 43), digits.slice(43)];
  return `(${digits.slice(0, 2)})${groups.join('-')}`;
}

/** The Code 128 symbol values of a GS1-128 symbol for an even number of digits: Start C, FNC1, pairs, check, Stop. */
export function gs1128Symbols(digits: string): number[] {
  if (!/^(\d\d)+$/.test(digits)) throw new Error('code set C carries an even number of digits');
  const data = [CODE128.fnc1, ...(digits.match(/\d\d/g) ?? []).map(Number)];
  const check = data.reduce((sum, value, index) => sum + value * (index + 1), CODE128.startC) % 103;
  return [CODE128.startC, ...data, check, CODE128.stop];
}

/** A bar to draw, in modules from the symbol's left edge (the quiet zone is the caller's). */
export interface Bar {
  x: number;
  width: number;
}

/** The bars of the symbols, left to right, and the symbol's width in modules. */
export function code128Bars(symbols: readonly number[]): { bars: Bar[]; modules: number } {
  const bars: Bar[] = [];
  let x = 0;
  for (const symbol of symbols) {
    const pattern = CODE128_PATTERNS[symbol];
    if (!pattern) throw new Error(`no Code 128 symbol ${symbol}`);
    [...pattern].forEach((element, index) => {
      const width = Number(element);
      if (index % 2 === 0) bars.push({ x, width });
      x += width;
    });
  }
  return { bars, modules: x };
}
