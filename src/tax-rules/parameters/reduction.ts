/**
 * @module The parameters of reduction and exemption for the disabled (身体障害者等の減免): booklet types,
 * the categories and grades that qualify, and the conditions on driver, owner, deadline and number
 * of vehicles.
 */
import { z } from 'zod';
import { defineParameter } from './parameter.js';

/** 手帳の種類: the codes of reduction.booklet_type_code (migrations/0007_reduction.sql). */
export const BOOKLET_TYPES = ['physical', 'war_injury', 'rehabilitation', 'mental'] as const;
export type BookletType = (typeof BOOKLET_TYPES)[number];
export const BOOKLET_TYPE_LABEL: Record<BookletType, string> = {
  physical: '身体障害者手帳',
  war_injury: '戦傷病者手帳',
  rehabilitation: '療育手帳',
  mental: '精神障害者保健福祉手帳',
};

/** 障害の区分 (reduction.disability_category_code). */
export const DISABILITY_CATEGORIES = {
  visual: '視覚障害',
  hearing: '聴覚障害',
  balance: '平衡機能障害',
  speech: '音声機能・言語機能障害',
  upper_limb: '上肢不自由',
  lower_limb: '下肢不自由',
  trunk: '体幹不自由',
  cerebral_upper_limb: '乳幼児期以前の非進行性の脳病変による運動機能障害(上肢機能)',
  cerebral_mobility: '乳幼児期以前の非進行性の脳病変による運動機能障害(移動機能)',
  heart: '心臓機能障害',
  kidney: 'じん臓機能障害',
  respiratory: '呼吸器機能障害',
  bladder_rectum: 'ぼうこう又は直腸の機能障害',
  small_intestine: '小腸機能障害',
  immune: 'ヒト免疫不全ウイルスによる免疫機能障害',
  liver: '肝臓機能障害',
  internal: '内部障害(戦傷病者)',
  intellectual: '知的障害',
  mental: '精神障害',
} as const;
export type DisabilityCategory = keyof typeof DISABILITY_CATEGORIES;

const category = z.enum(Object.keys(DISABILITY_CATEGORIES) as [DisabilityCategory, ...DisabilityCategory[]]);
const row = z.strictObject({
  bookletType: z.enum(BOOKLET_TYPES),
  category,
  /** 級・項症・款症・判定 as printed on the booklet (1, 4の1, 特別項症, 第2款症, Ⓐ …). */
  grades: z.array(z.string().min(1)).min(1),
  /** 音声言語の3級・戦傷病者の音声言語は喉頭摘出に限る, etc. */
  condition: z.enum(['laryngectomy', 'outpatient_medical_support']).optional(),
});
export type ReductionGradeRow = z.infer<typeof row>;

const physical = (c: DisabilityCategory, grades: string[], condition?: ReductionGradeRow['condition']): ReductionGradeRow => ({
  bookletType: 'physical',
  category: c,
  grades,
  ...(condition ? { condition } : {}),
});
const war = (c: DisabilityCategory, grades: string[], condition?: ReductionGradeRow['condition']): ReductionGradeRow => ({
  bookletType: 'war_injury',
  category: c,
  grades,
  ...(condition ? { condition } : {}),
});
const SPECIAL_TO = (n: number) => ['特別項症', ...Array.from({ length: n }, (_, i) => `第${i + 1}項症`)];
const KANSHO_1_3 = ['第1款症', '第2款症', '第3款症'];

/** The Saitama pattern: 減免 by booklet category and grade (not the overall grade). */
export const disabilityGrades = defineParameter({
  id: 'reduction.disabilityGrades',
  label: '減免の対象となる障害の区分と級(団体の条例・要綱で定める)',
  per: 'fiscalYear',
  municipal: true,
  schema: z.array(row).min(1),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第463条の23、市町村税条例(身体障害者等に対する減免)',
      confidence: 'V',
      note: '埼玉県内の例による既定値。一宮市など異なる団体は団体の設定で置き換える。',
      value: [
        physical('visual', ['1', '2', '3', '4の1']),
        physical('hearing', ['2', '3']),
        physical('balance', ['3']),
        physical('speech', ['3'], 'laryngectomy'),
        physical('upper_limb', ['1', '2']),
        physical('lower_limb', ['1', '2', '3', '4', '5', '6']),
        physical('trunk', ['1', '2', '3', '5']),
        physical('cerebral_upper_limb', ['1', '2']),
        physical('cerebral_mobility', ['1', '2', '3', '4', '5', '6']),
        physical('heart', ['1', '3']),
        physical('kidney', ['1', '3']),
        physical('respiratory', ['1', '3']),
        physical('bladder_rectum', ['1', '3']),
        physical('small_intestine', ['1', '3']),
        physical('immune', ['1', '2', '3']),
        physical('liver', ['1', '2', '3']),
        war('visual', SPECIAL_TO(4)),
        war('hearing', SPECIAL_TO(4)),
        war('balance', SPECIAL_TO(4)),
        war('speech', SPECIAL_TO(2), 'laryngectomy'),
        war('upper_limb', SPECIAL_TO(3)),
        war('lower_limb', [...SPECIAL_TO(6), ...KANSHO_1_3]),
        war('trunk', [...SPECIAL_TO(6), ...KANSHO_1_3]),
        war('internal', SPECIAL_TO(5)),
        { bookletType: 'rehabilitation', category: 'intellectual', grades: ['A', 'Ⓐ'] },
        { bookletType: 'mental', category: 'mental', grades: ['1'], condition: 'outpatient_medical_support' },
      ],
    },
  ],
});

export const DRIVER_RELATIONS = ['self', 'same_household', 'carer', 'other'] as const;
export type DriverRelation = (typeof DRIVER_RELATIONS)[number];
export const USE_PURPOSES = ['commuting', 'schooling', 'hospital', 'livelihood', 'other'] as const;
export type UsePurpose = (typeof USE_PURPOSES)[number];

export const reductionConditions = defineParameter({
  id: 'reduction.conditions',
  label: '減免の運転者・所有者・申請期限・台数の条件',
  per: 'fiscalYear',
  municipal: true,
  schema: z.strictObject({
    owners: z.array(z.enum(DRIVER_RELATIONS)).min(1),
    drivers: z.array(z.enum(DRIVER_RELATIONS)).min(1),
    householdDriverPurposes: z.array(z.enum(USE_PURPOSES)),
    carerOnlyWhenHouseholdDisabledOnly: z.boolean(),
    applyByDueDate: z.boolean(),
    vehiclesPerPerson: z.number().int().positive(),
    /** Share of the tax reduced: 1 = the full amount (全額免除). */
    share: z.number().positive().max(1),
  }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第463条の23、市町村税条例(身体障害者等に対する減免)',
      confidence: 'V',
      note: '所有者は本人又は生計同一者(介護者は不可)。運転者は本人、生計同一者(通院・通学・通所・生業のため)、本人のみの世帯の常時介護者。1人1台(普通自動車の自動車税の減免を含む)。',
      value: {
        owners: ['self', 'same_household'],
        drivers: ['self', 'same_household', 'carer'],
        householdDriverPurposes: ['commuting', 'schooling', 'hospital', 'livelihood'],
        carerOnlyWhenHouseholdDisabledOnly: true,
        applyByDueDate: true,
        vehiclesPerPerson: 1,
        share: 1,
      },
    },
  ],
});

export const partialReductionRounding = defineParameter({
  id: 'reduction.partialRounding',
  label: '一部減免後の税額の端数(百円未満切捨て)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ unit: z.number().int().positive() }),
  periods: [{ from: 2016, to: null, citation: '地方税法第20条の4の2第3項', confidence: 'V', value: { unit: 100 } }],
});
