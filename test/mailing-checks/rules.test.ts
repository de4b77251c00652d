import { describe, expect, it } from 'vitest';
import type { LevyFacts } from '../../src/mailing-checks/model.js';
import {
  amountChanged,
  changeReason,
  chassisLeviedTwice,
  deregisteredStillLevied,
  findingsOf,
  firstInspectionMissing,
  greenReductionMissing,
  mailReturnedLastYear,
  ownerGoneStillLevied,
  smallSpecialUseMismatch,
} from '../../src/mailing-checks/rules.js';

const FY = 2026;
type Overrides = { levy?: Partial<LevyFacts['levy']>; vehicle?: Partial<NonNullable<LevyFacts['vehicle']>> } & Partial<Omit<LevyFacts, 'levy' | 'vehicle'>>;

/** A levy that every rule passes: a private kei passenger car first inspected in 2020, standard rate, owner active. */
function facts({ levy, vehicle, ...rest }: Overrides = {}): LevyFacts {
  return {
    fiscalYear: FY,
    levy: { declarationYear: 2025, declarationSerial: 1, noticeNo: '202600000001', ownerAddresseeNo: '112224000000001', amount: 10800, originalAmount: 10800, vehicleClassCode: 'kei_four_wheel_passenger_private', rateCase: 'standard', ...levy },
    vehicle: { vehicleClassCode: 'kei_four_wheel_passenger_private', fuelTypeCode: 'gasoline', firstInspection: '2020-06', vehicleMakeName: 'ホンダ', modelDesignation: '5BA-JF3', deregistrationDate: null, ownerChangeDate: null, ...vehicle },
    owner: { status: 'active', statusDate: null },
    priorLevy: { amount: 10800, vehicleClassCode: 'kei_four_wheel_passenger_private', rateCase: 'standard' },
    ownerReturnedMail: [],
    sameChassis: [],
    ...rest,
  };
}

describe('the rules before mailing', () => {
  it('pass a levy that looks right', () => {
    expect(findingsOf(facts())).toEqual([]);
  });

  it.each([
    ['an electric car first inspected in April of the year before', { vehicle: { fuelTypeCode: 'electric', firstInspection: '2025-04' } }, true],
    ['a natural-gas car first inspected in March of the fiscal year', { vehicle: { fuelTypeCode: 'natural_gas', firstInspection: '2026-03' } }, true],
    ['a fuel-cell car of the year before', { vehicle: { fuelTypeCode: 'fuel_cell', firstInspection: '2025-10' } }, true],
    ['an electric car that has the green reduction', { levy: { rateCase: 'green75', amount: 2700 }, vehicle: { fuelTypeCode: 'electric', firstInspection: '2025-04' } }, false],
    ['an electric car first inspected in March of the year before (no longer new)', { vehicle: { fuelTypeCode: 'electric', firstInspection: '2025-03' } }, false],
    ['an electric car first inspected in April of the fiscal year (not yet taxed)', { vehicle: { fuelTypeCode: 'electric', firstInspection: '2026-04' } }, false],
    ['a new petrol car', { vehicle: { fuelTypeCode: 'gasoline', firstInspection: '2025-04' } }, false],
    ['a new electric moped (no green reduction for mopeds)', { levy: { vehicleClassCode: 'moped_class1', rateCase: 'standard' }, vehicle: { fuelTypeCode: 'electric', firstInspection: '2025-05' } }, false],
    ['a year-only first inspection', { vehicle: { fuelTypeCode: 'electric', firstInspection: '2025' } }, false],
  ] as const)('green reduction missing: %s', (_, overrides, found) => {
    const finding = greenReductionMissing(facts(overrides));
    expect(finding !== undefined).toBe(found);
    if (finding) {
      expect(finding.ruleCode).toBe('green_reduction_missing');
      expect(finding.reason).toContain('附則第30条');
      expect(finding.explanation).toContain('初度検査');
    }
  });

  it.each([
    ['kei_four_wheel_cargo_private', null, true],
    ['kei_three_wheel', null, true],
    ['kei_four_wheel_passenger_commercial', '2019-05', false],
    ['kei_four_wheel_passenger_private', '2001', false],
    ['kei_two_wheel', null, false],
    ['small_special_farm', null, false],
  ] as const)('first inspection missing: %s first inspected %s', (vehicleClassCode, firstInspection, found) => {
    const finding = firstInspectionMissing({ vehicleClassCode, firstInspection });
    expect(finding?.ruleCode).toBe(found ? 'first_inspection_missing' : undefined);
    if (finding) expect(finding.explanation).toContain('初度検査年月');
  });

  it.each([
    ['a tractor taxed as other', 'small_special_other', 'クボタ', 'トラクター KL21', 'トラクター'],
    ['a combine taxed as other', 'small_special_other', 'ヤンマー', 'コンバイン AG', 'コンバイン'],
    ['a forklift taxed as farm', 'small_special_farm', 'トヨタL&F', 'フォークリフト FL-25', 'フォークリフト'],
    ['a tractor taxed as farm', 'small_special_farm', 'クボタ', 'トラクター KL21', undefined],
    ['a forklift taxed as other', 'small_special_other', 'トヨタL&F', 'フォークリフト FL-25', undefined],
    ['a kei car named トラクター (not a small special)', 'kei_four_wheel_passenger_private', 'トラクター', 'X', undefined],
  ] as const)('small special use mismatch: %s', (_, vehicleClassCode, vehicleMakeName, modelDesignation, word) => {
    const finding = smallSpecialUseMismatch(facts({ levy: { vehicleClassCode, rateCase: 'standard' }, vehicle: { vehicleClassCode, vehicleMakeName, modelDesignation } }));
    expect(finding?.ruleCode).toBe(word ? 'small_special_use_mismatch' : undefined);
    if (word) expect(finding?.explanation).toContain(word);
  });

  it.each([
    ['deregistered on March 31', { deregistrationDate: '2026-03-31' }, '廃車'],
    ['passed to a new owner on March 15', { deregistrationDate: '2026-03-15', ownerChangeDate: '2026-03-15' }, '名義変更'],
    ['deregistered on April 1', { deregistrationDate: '2026-04-01' }, undefined],
    ['passed to a new owner on April 1', { deregistrationDate: '2026-04-01', ownerChangeDate: '2026-04-01' }, undefined],
  ] as const)('deregistered still levied: %s', (_, vehicle, word) => {
    const finding = deregisteredStillLevied(facts({ vehicle }));
    expect(finding?.ruleCode).toBe(word ? 'deregistered_still_levied' : undefined);
    if (word) {
      expect(finding?.explanation).toContain(word);
      expect(finding?.reason).toContain('第463条の15');
    }
  });

  it.each([
    ['died on March 31', { status: 'deceased', statusDate: '2026-03-31' }, '相続人'],
    ['moved out on January 10', { status: 'moved_out', statusDate: '2026-01-10' }, '主たる定置場'],
    ['a corporation dissolved, date unknown', { status: 'dissolved', statusDate: null }, '日付不明'],
    ['died on April 1 (the owner on the 賦課期日)', { status: 'deceased', statusDate: '2026-04-01' }, undefined],
    ['whereabouts unknown (the returned-mail rule looks at that)', { status: 'whereabouts_unknown', statusDate: '2025-12-01' }, undefined],
    ['active', { status: 'active', statusDate: null }, undefined],
  ] as const)('owner gone still levied: %s', (_, owner, word) => {
    const finding = ownerGoneStillLevied(facts({ owner }));
    expect(finding?.ruleCode).toBe(word ? 'owner_gone_still_levied' : undefined);
    if (word) expect(`${finding?.explanation ?? ''}${finding?.reason ?? ''}`).toContain(word);
  });

  it('chassis levied twice names the other declaration numbers', () => {
    expect(chassisLeviedTwice(facts())).toBeUndefined();
    const finding = chassisLeviedTwice(facts({ sameChassis: ['2025-7', '2026-3'] }));
    expect(finding?.ruleCode).toBe('chassis_levied_twice');
    expect(finding?.explanation).toContain('2025-7・2026-3');
  });

  it('mail returned last year is a candidate for 公示送達 (第20条の2)', () => {
    expect(mailReturnedLastYear(facts())).toBeUndefined();
    const finding = mailReturnedLastYear(facts({ ownerReturnedMail: ['returned', 'returned', 'public_notice'] }));
    expect(finding?.ruleCode).toBe('mail_returned_last_year');
    expect(finding?.explanation).toContain('返戻・公示送達');
    expect(finding?.reason).toContain('第20条の2');
  });

  it('amount changed: only where last year differs, with the reason', () => {
    expect(amountChanged(facts())).toBeUndefined();
    expect(amountChanged(facts({ priorLevy: undefined }))).toBeUndefined();
    const finding = amountChanged(facts({ levy: { amount: 12900, originalAmount: 12900, rateCase: 'heavy' } }));
    expect(finding?.ruleCode).toBe('amount_changed');
    expect(finding?.explanation).toContain('前年度 10,800円 → 今年度 12,900円');
  });

  it.each([
    ['the green reduction ended', { amount: 10800, rateCase: 'standard' }, { amount: 2700, rateCase: 'green75' }, 'グリーン化特例は新車の翌年度のみ'],
    ['the heavy rate began', { amount: 12900, originalAmount: 12900, rateCase: 'heavy' }, { amount: 10800, rateCase: 'standard' }, '初度検査から14年を経過'],
    ['the class changed', { amount: 5000, originalAmount: 5000, vehicleClassCode: 'kei_four_wheel_cargo_private' }, { amount: 10800 }, '車種の変更(軽自動車 四輪 乗用'],
    ['a reduction', { amount: 5400, originalAmount: 10800 }, { amount: 10800 }, '減免・更正'],
    ['the same class and rate case at a new rate', { amount: 13500, originalAmount: 13500 }, { amount: 12900 }, '税率が変わった'],
  ] as const)('change reason: %s', (_, levy, prior, words) => {
    const base = facts();
    expect(changeReason({ ...base.levy, ...levy }, { ...(base.priorLevy as NonNullable<LevyFacts['priorLevy']>), ...prior })).toContain(words);
  });

  it('a levy may break several rules at once, each reported', () => {
    const codes = findingsOf(facts({ owner: { status: 'deceased', statusDate: '2025-11-02' }, ownerReturnedMail: ['returned'], priorLevy: { amount: 7200, vehicleClassCode: 'kei_four_wheel_passenger_private', rateCase: 'old' } })).map((f) => f.ruleCode);
    expect(codes).toEqual(['owner_gone_still_levied', 'mail_returned_last_year', 'amount_changed']);
  });
});
