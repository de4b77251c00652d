import { describe, expect, it } from 'vitest';
import { annualDueDate } from './parameters/dueDate.js';
import { greenReductionRules } from './parameters/greenReduction.js';
import { plateCompensationFee } from './parameters/plateCompensation.js';
import { plateCompensation } from './plate-compensation.js';
import { cautionsOf, explained, NATIONAL, notEnacted, RuleBook, validateOverrides } from './rulebook.js';

const koshigaya = (parameters: Record<string, unknown[]>) => new RuleBook(validateOverrides({ municipalityCode: '112224', name: '越谷市', parameters }));

describe('rule book: which value, from where, and what a clerk must be told', () => {
  it('resolves a national value with its label, year and confidence, and a city value with its name', () => {
    expect(NATIONAL.get(plateCompensationFee, 2026, 'fiscalYear')).toEqual({
      value: { amount: 200, waivedWithTheftReport: true },
      citation: '市町村の原動機付自転車等標識交付規則(弁償金)',
      confidence: 'V',
      label: '標識の弁償金(亡失・き損)',
      year: '2026年度',
    });
    const city = koshigaya({ 'dueDate.annual': [{ from: 2020, to: null, value: { month: 5, day: 31 }, citation: '越谷市市税条例第82条', confidence: 'M' }] });
    expect(city.get(annualDueDate, 2026, 'fiscalYear')).toMatchObject({ citation: '越谷市市税条例第82条', municipality: '越谷市', confidence: 'M' });
    expect(city.get(annualDueDate, 2019, 'fiscalYear')).not.toHaveProperty('municipality');
    expect(NATIONAL.find(greenReductionRules, 2027)).toMatchObject({ provisional: true, year: '2027年度' });
    expect(NATIONAL.find(greenReductionRules, 2026)).not.toHaveProperty('provisional');
  });

  it('cautions once per unconfirmed or provisional rule, in plain words, naming a city setting; nothing for V and S', () => {
    const due = NATIONAL.get(annualDueDate, 2026, 'fiscalYear');
    const caution = '※未確認: 「納期限(条例で定める月日。休日等は翌日へ)」は根拠(市町村税条例(種別割の納期))の確認が済んでいない値です。条例等で確かめてください。';
    expect(cautionsOf([due, due])).toEqual([caution]);
    expect(cautionsOf([NATIONAL.get(plateCompensationFee, 2026, 'fiscalYear'), NATIONAL.get(greenReductionRules, 2024, 'fiscalYear')])).toEqual([]);
    expect(cautionsOf([NATIONAL.get(greenReductionRules, 2028, 'fiscalYear')])).toEqual([
      '※暫定: 2028年度の「グリーン化特例(軽課)の対象」は改正法の成立前の内容(地方税法附則第30条第2項(令和8年度改正による2028年3月31日までの延長))です。成立後に結果を確かめてください。',
    ]);
    const city = koshigaya({ 'dueDate.annual': [{ from: 2016, to: null, value: { month: 5, day: 31 }, citation: '越谷市市税条例', confidence: 'M' }] });
    expect(cautionsOf([city.get(annualDueDate, 2026, 'fiscalYear')])).toEqual([
      '※未確認: 「納期限(条例で定める月日。休日等は翌日へ)」は越谷市の設定による根拠(越谷市市税条例)の確認が済んでいない値です。条例等で確かめてください。',
    ]);
    expect(explained('本文。', [due, due])).toEqual({ explanation: `本文。${caution}`, citations: ['市町村税条例(種別割の納期)'], cautions: [caution] });
  });

  it('says which years a parameter covers when asked for one it does not', () => {
    expect(notEnacted(greenReductionRules, 2029)).toBe('2029年度の「グリーン化特例(軽課)の対象」はまだ法令・告示で定められていないため計算できません(定められているのは2016年度〜2028年度)');
    expect(notEnacted(plateCompensationFee, 2101)).toBe('2101年度の「標識の弁償金(亡失・き損)」はまだ法令・告示で定められていないため計算できません(定められているのは2016年度以降)');
    expect(() => NATIONAL.get(greenReductionRules, 2029, 'fiscalYear')).toThrow(`fiscalYear: ${notEnacted(greenReductionRules, 2029)}`);
  });

  it('gives the plate fee, or waives it with a theft report, explained', () => {
    const citations = ['市町村の原動機付自転車等標識交付規則(弁償金)'];
    expect(plateCompensation(NATIONAL, { fiscalYear: 2026, theftReportShown: false })).toEqual({ amount: 200, explanation: '標識の亡失・き損による弁償金 200円。', citations, cautions: [] });
    expect(plateCompensation(NATIONAL, { fiscalYear: 2026, theftReportShown: true })).toEqual({ amount: 0, explanation: '盗難届の提示があるため弁償金は免除します。', citations, cautions: [] });
    const strict = koshigaya({ 'plateCompensation.fee': [{ from: 2016, to: null, value: { amount: 300, waivedWithTheftReport: false }, citation: '越谷市標識交付規則', confidence: 'V' }] });
    expect(plateCompensation(strict, { fiscalYear: 2026, theftReportShown: true })).toMatchObject({ amount: 300, citations: ['越谷市: 越谷市標識交付規則'] });
  });
});
