import { describe, expect, it } from 'vitest';
import type { TaxInputError } from './model.js';
import { annualDueDate } from './parameters/dueDate.js';
import { greenReductionRules } from './parameters/greenReduction.js';
import { plateCompensationFee } from './parameters/plateCompensation.js';
import { rateMultiplier } from './parameters/rates.js';
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

  it('checks an override file\'s shape, saying what to write in each field', () => {
    const refusal = (file: unknown) => {
      try {
        validateOverrides(file, '112224');
      } catch (error) {
        return (error as TaxInputError).errors;
      }
      return [];
    };
    const period = { from: 2016, to: null, value: 1, citation: '越谷市市税条例', confidence: 'M' };
    expect(refusal({ municipalityCode: '112224', name: ' ', parameters: { 'rates.multiplier': [] } })).toEqual([
      { field: 'name', message: '団体名を記入してください' },
      { field: 'parameters.rates.multiplier', message: '期間を1つ以上記入してください' },
    ]);
    expect(refusal({ municipalityCode: '112224', name: '越谷市', parameters: { 'rates.multiplier': [{ ...period, from: 2015, citation: ' ' }] } })).toEqual([
      { field: 'parameters.rates.multiplier.0.from', message: '2016年度(年)以降にしてください' },
      { field: 'parameters.rates.multiplier.0.citation', message: '根拠(条例の条番号など)を記入してください' },
    ]);
    expect(refusal({ municipalityCode: '112224', name: '越谷市', parameters: { 'rates.multiplier': [{ ...period, from: 2020, to: 2019 }] } })).toEqual([
      { field: 'parameters.rates.multiplier.0.to', message: '終期が始期より前です' },
    ]);
    // Only `provisional: true` marks a period as provisional; any other value is a mistake in the file.
    expect(refusal({ municipalityCode: '112224', name: '越谷市', parameters: { 'rates.multiplier': [{ ...period, provisional: false }] } }).map((e) => e.field)).toEqual([
      'parameters.rates.multiplier.0.provisional',
    ]);
    const provisional = koshigaya({ 'rates.multiplier': [{ ...period, provisional: true }] });
    expect(provisional.find(annualDueDate, 2026)).not.toHaveProperty('municipality');
    expect(provisional.get(rateMultiplier, 2026, 'fiscalYear')).toMatchObject({ provisional: true, municipality: '越谷市' });
  });

  it('takes consecutive periods that meet without overlapping, and refuses one that starts inside the last', () => {
    const period = (from: number, to: number | null, value: number) => ({ from, to, value, citation: '越谷市市税条例', confidence: 'M' });
    const city = koshigaya({ 'rates.multiplier': [period(2016, 2020, 1), period(2021, null, 1.2)] });
    expect(city.overrides?.parameters.get('rates.multiplier')).toEqual([period(2016, 2020, 1), period(2021, null, 1.2)]);
    expect(() => koshigaya({ 'rates.multiplier': [period(2016, null, 1), period(2021, null, 1.2)] })).toThrow('parameters.rates.multiplier.1.from: 前の期間と重なっています');
    // A secondary source (S) is a confidence a city may give as well as V and M.
    expect(koshigaya({ 'rates.multiplier': [{ ...period(2016, null, 1), confidence: 'S' }] }).get(rateMultiplier, 2026, 'fiscalYear').confidence).toBe('S');
    expect(city.get(rateMultiplier, 2020, 'fiscalYear').value).toBe(1);
    expect(city.get(rateMultiplier, 2021, 'fiscalYear').value).toBe(1.2);
    expect(() => koshigaya({ 'rates.multiplier': [period(2016, 2020, 1), period(2020, null, 1.2)] })).toThrow(
      'parameters.rates.multiplier.1.from: 前の期間と重なっています(期間は古い順に、重ならないように記入してください)',
    );
  });
});
