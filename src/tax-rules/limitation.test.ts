import { describe, expect, it } from 'vitest';
import { collectionDeadline, correctionAllowed } from './limitation.js';
import { NATIONAL } from './rulebook.js';

describe('limitation of corrections and of collection', () => {
  it('counts from the day after the statutory due date: raise 3 years, lower 5, deceit 7', () => {
    const at = (direction: 'increase' | 'decrease', date: string, deceit = false) => correctionAllowed(NATIONAL, { fiscalYear: 2026, direction, date, deceit });
    expect(at('increase', '2029-06-01')).toMatchObject({ allowed: true, deadline: '2029-06-01', statutoryDueDate: '2026-06-01' });
    expect(at('increase', '2029-06-02').allowed).toBe(false);
    expect(at('decrease', '2031-06-01').allowed).toBe(true);
    expect(at('decrease', '2031-06-02').allowed).toBe(false);
    expect(at('increase', '2033-06-01', true)).toMatchObject({ allowed: true, deadline: '2033-06-01' });
    expect(at('increase', '2033-06-02', true).allowed).toBe(false);
    expect(at('increase', '2029-06-02').explanation).toContain('更正できません');
    expect(at('increase', '2029-06-02').citations[0]).toBe('地方税法第17条の5第3項・第4項・第7項');
  });

  it('keeps the collection right five years after the statutory due date', () => {
    expect(collectionDeadline(NATIONAL, 2025).deadline).toBe('2030-06-02');
    expect(collectionDeadline(NATIONAL, 2026).citations).toContain('地方税法第18条第1項');
  });

  it('explains each kind of correction and the collection deadline, citing every rule used', () => {
    const caution = '※未確認: 「納期限(条例で定める月日。休日等は翌日へ)」は根拠(市町村税条例(種別割の納期))の確認が済んでいない値です。条例等で確かめてください。';
    const citations = ['地方税法第17条の5第3項・第4項・第7項', '市町村税条例(種別割の納期)', '地方税法第20条の5第2項、地方税法施行令第6条の18第1項'];
    const head = '2026年度分の法定納期限は令和8年6月1日(月)。';
    expect(correctionAllowed(NATIONAL, { fiscalYear: 2026, direction: 'decrease', date: '2031-06-01' })).toEqual({
      allowed: true,
      deadline: '2031-06-01',
      statutoryDueDate: '2026-06-01',
      explanation: `${head}税額を減らす更正は、その翌日から5年以内(令和13年6月1日(日)まで)。令和13年6月1日(日)は期間内のため更正できます。${caution}`,
      citations,
      cautions: [caution],
    });
    expect(correctionAllowed(NATIONAL, { fiscalYear: 2026, direction: 'increase', date: '2029-06-02' }).explanation).toBe(
      `${head}税額を増やす更正は、その翌日から3年以内(令和11年6月1日(金)まで)。令和11年6月2日(土)は期間を過ぎているため更正できません。${caution}`,
    );
    expect(correctionAllowed(NATIONAL, { fiscalYear: 2026, direction: 'decrease', date: '2033-06-01', deceit: true }).explanation).toContain(
      '偽りその他不正の行為による更正は、その翌日から7年以内(令和15年6月1日(水)まで)。',
    );
    expect(collectionDeadline(NATIONAL, 2024)).toEqual({
      deadline: '2029-05-31',
      explanation: `2024年度分の徴収権は法定納期限(令和6年5月31日(金))の翌日から5年、令和11年5月31日(木)まで(時効の中断・更新がない場合)。${caution}`,
      citations: ['地方税法第18条第1項', '市町村税条例(種別割の納期)'],
      cautions: [caution],
    });
  });

  it('names the fiscal year when no limitation rule covers it', () => {
    expect(() => correctionAllowed(NATIONAL, { fiscalYear: 2051, direction: 'increase', date: '2052-01-01' })).toThrow(/^fiscalYear: /);
    expect(() => collectionDeadline(NATIONAL, 2051)).toThrow(/^fiscalYear: /);
  });
});
