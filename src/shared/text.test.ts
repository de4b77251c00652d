import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JIS_X_0213_CODE_POINTS } from './jis-x0213-table.js';
import { brokenCharacter, choice, integer, integerText, refusedCharacter, text } from './text.js';

const messages = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('the characters free text may hold', () => {
  it('carries the whole of JIS X 0213 (11,233 characters) with ASCII and Windows-31J', () => {
    expect(JIS_X_0213_CODE_POINTS).toBeGreaterThan(11_233);
  });

  it.each(['𠮷田　太郎', '髙橋', '山﨑', '渡邊', '葛\u{E0100}飾', 'ｶﾀｶﾅ', 'ABC-1 〒１２３', '①丁目～２番', '№ ㈱ ㍻', '草彅', '剝'])('accepts %s', (value) => {
    expect(refusedCharacter(value)).toBeUndefined();
  });

  it.each([
    ['😀　絵文字', '😀'],
    ['\u{1F600}', '\u{1F600}'],
    ['文字化け\uFFFD', '\uFFFD'],
    ['改\u0007行', '\u0007'],
    ['外字\uE000', '\uE000'],
    ['한글', '한'],
    ['❤️', '❤'],
    ['a\u0000b', '\u0000'],
    ['x\uD800', '\uD800'],
    ['\uDC00x', '\uDC00'],
  ])('refuses %j for %j', (value, char) => {
    expect(refusedCharacter(value)).toBe(char);
  });

  it('finds only what a database cannot store as broken', () => {
    expect(brokenCharacter('😀 \u0007')).toBeUndefined();
    expect(brokenCharacter('a\u0000')).toBe('\u0000');
    expect(brokenCharacter('\uD83D')).toBe('\uD83D');
  });
});

describe('messages in a clerk’s words', () => {
  const name = text({ label: '氏名', max: 5 });

  it('names the field when it is missing or blank', () => {
    expect(messages(z.object({ name }), {})).toEqual(['氏名を入力してください']);
    expect(messages(name, '   ')).toEqual(['氏名を入力してください']);
  });

  it('says the limit in characters, counting 𠮷 as one', () => {
    expect(messages(name, '𠮷𠮷𠮷𠮷𠮷')).toEqual([]);
    expect(messages(name, '山田山田山田')).toEqual(['氏名は5文字以内で入力してください']);
    expect(messages(name, 'あ'.repeat(100_000))).toEqual(['氏名は5文字以内で入力してください']);
  });

  it('names a refused character', () => {
    expect(messages(name, '😀')).toEqual(['氏名に使えない文字「😀」があります。絵文字・記号・外字は使えません(JIS第1〜第4水準の文字で入力してください)']);
    expect(messages(name, 'a\u0000')[0]).toContain('(U+0000)');
  });

  it('names choices in Japanese, never by code', () => {
    const use = choice('用途', { private: '自家用', commercial: '営業用' });
    expect(messages(use, 'moped_class1')).toEqual(['用途は「自家用」「営業用」のいずれかを選んでください']);
    expect(messages(z.object({ use }), {})).toEqual(['用途を選んでください']);
  });

  it('takes full-width digits and names the bounds', () => {
    const year = integerText({ label: '年度', min: 2016, max: 2100 });
    expect(year.parse('２０２６')).toBe(2026);
    expect(messages(year, '２０１０')).toEqual(['年度は2016以上で入力してください']);
    expect(messages(year, '二千')).toEqual(['年度は整数(半角または全角の数字)で入力してください']);
    expect(messages(integer({ label: '年度', min: 1, max: 9 }), undefined)).toEqual(['年度を入力してください']);
  });

  it('words the issues no schema worded, with the label from metadata', () => {
    expect(messages(z.object({ n: z.string().meta({ title: '所属' }) }), {})).toEqual(['所属を入力してください']);
    expect(messages(z.string().max(3).meta({ title: '所属' }), 'abcd')).toEqual(['所属は3文字以内で入力してください']);
    expect(messages(z.object({ n: z.string() }), { n: 1 })).toEqual(['この項目は文字で入力してください']);
    expect(messages(z.enum(['a', 'b']), 'c')).toEqual(['この項目は示された選択肢から選んでください']);
  });
});
