import { describe, expect, it } from 'vitest';
import { TaxInputError } from './model.js';
import { disabilityGrades, reductionConditions } from './parameters/reduction.js';
import { reductionEligibility, reductionInputSchema, type ReductionInput } from './reduction.js';
import { NATIONAL, RuleBook, validateOverrides } from './rulebook.js';

const base: ReductionInput = {
  fiscalYear: 2026,
  bookletType: 'physical',
  category: 'lower_limb',
  grade: '3',
  ownerRelation: 'self',
  driverRelation: 'self',
  otherReducedVehicles: 0,
  applicationDate: '2026-05-20',
};
const judge = (change: Partial<ReductionInput>, book = NATIONAL) => reductionEligibility(book, { ...base, ...change });
/** The first refusal of an input, or undefined when the engine answers. */
const refusalOf = (change: Partial<ReductionInput>) => {
  try {
    judge(change);
  } catch (error) {
    if (error instanceof TaxInputError) return error.errors[0];
    throw error;
  }
};
const fieldOf = (change: Partial<ReductionInput>) => refusalOf(change)?.field;
const messageOf = (change: Partial<ReductionInput>) => refusalOf(change)?.message;

describe('reduction eligibility', () => {
  it('grants every row of the default (Saitama) table, with its condition', () => {
    for (const row of disabilityGrades.periods[0]!.value) {
      for (const grade of row.grades) {
        const result = judge({ bookletType: row.bookletType, category: row.category, grade, laryngectomy: true, outpatientMedicalSupport: true });
        expect(result.eligible, `${row.bookletType} ${row.category} ${grade}`).toBe(true);
      }
    }
  });

  it('judges by category and grade, not by the overall grade', () => {
    expect(judge({ category: 'visual', grade: '4の1' }).eligible).toBe(true);
    expect(judge({ category: 'visual', grade: '4' }).eligible).toBe(false);
    expect(judge({ category: 'hearing', grade: '1' }).eligible).toBe(false);
    expect(judge({ category: 'trunk', grade: '4' }).eligible).toBe(false);
    expect(judge({ category: 'trunk', grade: '5' }).eligible).toBe(true);
    expect(judge({ category: 'heart', grade: '2' }).eligible).toBe(false);
    expect(judge({ category: 'speech', grade: '3' }).unmet[0]).toContain('喉頭摘出');
    expect(judge({ bookletType: 'mental', category: 'mental', grade: '1' }).unmet[0]).toContain('自立支援医療');
    expect(judge({ bookletType: 'rehabilitation', category: 'intellectual', grade: 'B' }).eligible).toBe(false);
    expect(judge({ bookletType: 'war_injury', category: 'lower_limb', grade: '第3款症' }).eligible).toBe(true);
    expect(judge({ bookletType: 'war_injury', category: 'upper_limb', grade: '第4項症' }).eligible).toBe(false);
  });

  it('checks owner, driver, purpose, one vehicle per person and the application by the due date', () => {
    expect(judge({ ownerRelation: 'carer' }).unmet).toEqual(['所有者が常時介護者の場合は対象外です']);
    expect(judge({ driverRelation: 'same_household', usePurpose: 'hospital' }).eligible).toBe(true);
    expect(judge({ driverRelation: 'same_household', usePurpose: 'other' }).eligible).toBe(false);
    expect(judge({ driverRelation: 'carer', householdDisabledOnly: true }).eligible).toBe(true);
    expect(judge({ driverRelation: 'carer', householdDisabledOnly: false }).eligible).toBe(false);
    expect(judge({ driverRelation: 'other' }).eligible).toBe(false);
    expect(judge({ otherReducedVehicles: 1 }).unmet[0]).toContain('1台まで');
    expect(judge({ applicationDate: '2026-06-01' }).eligible).toBe(true);
    expect(judge({ applicationDate: '2026-06-02' }).unmet[0]).toContain('令和8年6月1日(月)');
  });

  it('refuses contradictory or unknown input, naming the field', () => {
    expect(fieldOf({ bookletType: 'rehabilitation', category: 'visual', grade: 'A' })).toBe('category');
    expect(fieldOf({ grade: '9' })).toBe('grade');
    expect(fieldOf({ driverRelation: 'same_household' })).toBe('usePurpose');
    expect(fieldOf({ driverRelation: 'carer' })).toBe('householdDisabledOnly');
  });

  it('reduces the full amount by default; a partial ordinance leaves a remainder cut below 100 yen', () => {
    expect(judge({ amount: 10800 }).taxAfterReduction).toBe(0);
    const half = new RuleBook(
      validateOverrides({
        municipalityCode: '112224',
        name: '越谷市',
        parameters: {
          'reduction.conditions': [
            {
              from: 2026,
              to: null,
              citation: '越谷市市税条例第89条',
              confidence: 'V',
              value: {
                owners: ['self', 'same_household'],
                drivers: ['self', 'same_household', 'carer'],
                householdDriverPurposes: ['commuting', 'schooling', 'hospital', 'livelihood'],
                carerOnlyWhenHouseholdDisabledOnly: true,
                applyByDueDate: true,
                vehiclesPerPerson: 1,
                share: 0.5,
              },
            },
          ],
        },
      }),
    );
    // 3,900 − 1,950 = 1,950 → 1,900
    expect(judge({ amount: 3900 }, half).taxAfterReduction).toBe(1900);
  });

  it('gives an ineligible applicant no tax after reduction, even with an amount, and lists every unmet condition', () => {
    const refused = judge({ grade: '7', ownerRelation: 'carer', driverRelation: 'other', otherReducedVehicles: 1, applicationDate: '2026-06-02', amount: 10800 });
    expect(refused).toEqual({
      eligible: false,
      unmet: [
        '身体障害者手帳 下肢不自由 7は減免の対象となる区分・級に該当しません',
        '所有者が常時介護者の場合は対象外です',
        '運転者がその他の者の場合は対象外です',
        '減免は障害者1人につき1台まで(普通自動車の自動車税の減免を含む)です',
        '申請は納期限(令和8年6月1日(月))までに必要です',
      ],
      explanation: expect.stringMatching(/^2026年度\(賦課期日4月1日現在で判定\)。身体障害者手帳 下肢不自由 7は減免の対象となる区分・級に該当しません。所有者が常時介護者の場合は対象外です。/),
      citations: expect.any(Array),
      cautions: expect.any(Array),
    });
    expect(refused).not.toHaveProperty('taxAfterReduction');
    expect(refused.explanation).not.toContain('減免後の税額');
    expect(judge({ driverRelation: 'same_household', usePurpose: 'other' }).unmet).toEqual(['生計同一者の運転は通勤・通学・通院・生業のための場合に限り対象です']);
    expect(judge({ driverRelation: 'carer', householdDisabledOnly: false }).unmet).toEqual(['常時介護者の運転は障害者のみの世帯の場合に限り対象です']);
    // A purpose given for the person's own driving changes nothing.
    expect(judge({ usePurpose: 'other' }).eligible).toBe(true);
  });

  it('explains an eligible case, with the tax left when the amount is given, citing the table, the conditions and the due date', () => {
    const caution = '※未確認: 「納期限(条例で定める月日。休日等は翌日へ)」は根拠(市町村税条例(種別割の納期))の確認が済んでいない値です。条例等で確かめてください。';
    expect(judge({ amount: 10800 })).toEqual({
      eligible: true,
      unmet: [],
      taxAfterReduction: 0,
      explanation: `2026年度(賦課期日4月1日現在で判定)。身体障害者手帳 下肢不自由 3、所有者本人・運転者本人で減免の対象です。減免後の税額 0円。${caution}`,
      citations: ['地方税法第463条の23、市町村税条例(身体障害者等に対する減免)', '市町村税条例(種別割の納期)', '地方税法第20条の5第2項、地方税法施行令第6条の18第1項'],
      cautions: [caution],
    });
    expect(judge({ driverRelation: 'same_household', usePurpose: 'hospital' }).explanation).toContain('所有者本人・運転者生計同一者で減免の対象です。');
    expect(judge({})).not.toHaveProperty('taxAfterReduction');
    expect(judge({}).explanation).not.toContain('減免後の税額');
  });

  it('names what to fix in refused input', () => {
    expect(messageOf({ bookletType: 'rehabilitation', category: 'visual', grade: 'A' })).toBe('療育手帳に「視覚障害」の区分はありません');
    expect(messageOf({ bookletType: 'physical', category: 'internal' })).toBe('身体障害者手帳に「内部障害(戦傷病者)」の区分はありません');
    expect(messageOf({ bookletType: 'physical', category: 'intellectual' })).toContain('区分はありません');
    expect(messageOf({ bookletType: 'physical', category: 'mental' })).toContain('区分はありません');
    expect(judge({ bookletType: 'physical', category: 'liver', grade: '3' }).eligible).toBe(true);
    expect(messageOf({ grade: '9' })).toBe('身体障害者手帳の級として「9」は使えません(1・2・3・4・4の1・5・6・7)');
    expect(messageOf({ bookletType: 'rehabilitation', category: 'intellectual', grade: 'D' })).toBe('療育手帳の級として「D」は使えません(Ⓐ・A・B・C)');
    expect(messageOf({ bookletType: 'mental', category: 'mental', grade: '4' })).toBe('精神障害者保健福祉手帳の級として「4」は使えません(1・2・3)');
    expect(judge({ bookletType: 'mental', category: 'mental', grade: '2', outpatientMedicalSupport: true }).eligible).toBe(false);
    expect(messageOf({ driverRelation: 'same_household' })).toBe('生計同一者が運転する場合は使用目的(通勤・通学・通院・生業など)を入力してください');
    expect(messageOf({ driverRelation: 'carer' })).toBe('常時介護者が運転する場合は、障害者のみの世帯かどうかを入力してください');
  });

  it('takes the grade trimmed, and needs one', () => {
    const parse = (grade: string) => reductionInputSchema.safeParse({ ...base, grade });
    expect(parse(' 3 ').data?.grade).toBe('3');
    expect(parse(' ').error?.issues[0]?.message).toBe('級を入力してください');
  });

  it('follows a city without the due-date rule: a late application still qualifies', () => {
    const conditions = { ...reductionConditions.periods[0]!.value, applyByDueDate: false };
    const lenient = new RuleBook(
      validateOverrides({
        municipalityCode: '112224',
        name: '越谷市',
        parameters: { 'reduction.conditions': [{ from: 2016, to: null, citation: '越谷市市税条例第89条', confidence: 'V', value: conditions }] },
      }),
    );
    expect(judge({ applicationDate: '2026-12-01' }, lenient)).toMatchObject({ eligible: true, citations: ['地方税法第463条の23、市町村税条例(身体障害者等に対する減免)', '越谷市: 越谷市市税条例第89条'] });
  });
});
