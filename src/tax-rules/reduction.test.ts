import { describe, expect, it } from 'vitest';
import { TaxInputError } from './model.js';
import { disabilityGrades } from './parameters/reduction.js';
import { reductionEligibility, type ReductionInput } from './reduction.js';
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
const fieldOf = (change: Partial<ReductionInput>) => {
  try {
    judge(change);
  } catch (error) {
    if (error instanceof TaxInputError) return error.errors[0]?.field;
    throw error;
  }
};

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
});
