/**
 * @module 減免 (reduction for the disabled): whether a vehicle qualifies from the booklet, its
 * grade, the driver and owner and the application date, explained with the ordinance's conditions.
 */
import { z } from 'zod';
import { formatJapaneseDate, isoDateSchema } from './calendar.js';
import { resolveDueDate } from './due-date.js';
import { TaxInputError, yen, type Explained } from './model.js';
import {
  BOOKLET_TYPE_LABEL,
  BOOKLET_TYPES,
  DISABILITY_CATEGORIES,
  disabilityGrades,
  DRIVER_RELATIONS,
  partialReductionRounding,
  reductionConditions,
  USE_PURPOSES,
  type BookletType,
  type DisabilityCategory,
  type DriverRelation,
} from './parameters/reduction.js';
import { text } from '../shared/text.js';
import { explained, type Resolved, type RuleBook } from './rulebook.js';

/** The grades each booklet can show; anything else is a typing error, not "not eligible". */
const KNOWN_GRADES: Record<BookletType, readonly string[]> = {
  physical: ['1', '2', '3', '4', '4の1', '5', '6', '7'],
  war_injury: ['特別項症', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `第${n}項症`), ...[1, 2, 3, 4].map((n) => `第${n}款症`)],
  rehabilitation: ['Ⓐ', 'A', 'B', 'C'],
  mental: ['1', '2', '3'],
};

/** Which categories each booklet has (療育手帳 is 知的障害 only, 精神 is 精神障害 only). */
const CATEGORIES_OF: Record<BookletType, readonly DisabilityCategory[]> = {
  physical: (Object.keys(DISABILITY_CATEGORIES) as DisabilityCategory[]).filter((c) => !['internal', 'intellectual', 'mental'].includes(c)),
  war_injury: ['visual', 'hearing', 'balance', 'speech', 'upper_limb', 'lower_limb', 'trunk', 'internal'],
  rehabilitation: ['intellectual'],
  mental: ['mental'],
};

const RELATION_LABEL: Record<DriverRelation, string> = { self: '本人', same_household: '生計同一者', carer: '常時介護者', other: 'その他の者' };

export const reductionInputSchema = z.strictObject({
  fiscalYear: z.number().int().min(2016, '2016年度以降を入力してください').max(2100),
  bookletType: z.enum(BOOKLET_TYPES),
  category: z.enum(Object.keys(DISABILITY_CATEGORIES) as [DisabilityCategory, ...DisabilityCategory[]]),
  grade: text({ label: '級', max: 10 }),
  laryngectomy: z.boolean().optional().describe('喉頭摘出による音声機能障害'),
  outpatientMedicalSupport: z.boolean().optional().describe('自立支援医療受給者証(精神通院)の交付あり'),
  ownerRelation: z.enum(DRIVER_RELATIONS).describe('所有者と障害者の関係'),
  driverRelation: z.enum(DRIVER_RELATIONS).describe('運転者と障害者の関係'),
  usePurpose: z.enum(USE_PURPOSES).optional().describe('生計同一者が運転する場合の目的'),
  householdDisabledOnly: z.boolean().optional().describe('障害者のみの世帯(常時介護者が運転する場合)'),
  otherReducedVehicles: z.number().int().min(0).describe('この障害者について既に減免を受けている車両の数(普通自動車の自動車税を含む)'),
  applicationDate: isoDateSchema,
  amount: z.number().int().min(0).optional().describe('減免前の年税額'),
});
export type ReductionInput = z.infer<typeof reductionInputSchema>;

export interface ReductionResult extends Explained {
  eligible: boolean;
  /** Unmet conditions, in Japanese; empty when eligible. */
  unmet: string[];
  /** The tax left after the reduction, when the amount was given. */
  taxAfterReduction?: number;
}

/**
 * 減免 for a person with a disability booklet: the category and grade against the municipality's
 * table (not the overall grade), who owns and who drives, one vehicle per person, and the
 * application made by the due date. Judged as of the assessment date (4月1日).
 */
export function reductionEligibility(book: RuleBook, input: ReductionInput): ReductionResult {
  const fy = input.fiscalYear;
  if (!CATEGORIES_OF[input.bookletType].includes(input.category)) {
    throw TaxInputError.of('category', `${BOOKLET_TYPE_LABEL[input.bookletType]}に「${DISABILITY_CATEGORIES[input.category]}」の区分はありません`);
  }
  if (!KNOWN_GRADES[input.bookletType].includes(input.grade)) {
    throw TaxInputError.of('grade', `${BOOKLET_TYPE_LABEL[input.bookletType]}の級として「${input.grade}」は使えません(${KNOWN_GRADES[input.bookletType].join('・')})`);
  }
  if (input.driverRelation === 'same_household' && input.usePurpose === undefined) {
    throw TaxInputError.of('usePurpose', '生計同一者が運転する場合は使用目的(通勤・通学・通院・生業など)を入力してください');
  }
  if (input.driverRelation === 'carer' && input.householdDisabledOnly === undefined) {
    throw TaxInputError.of('householdDisabledOnly', '常時介護者が運転する場合は、障害者のみの世帯かどうかを入力してください');
  }

  const grades = book.get(disabilityGrades, fy, 'fiscalYear');
  const conditions = book.get(reductionConditions, fy, 'fiscalYear');
  const c = conditions.value;
  const sources: Resolved<unknown>[] = [grades, conditions];
  const unmet: string[] = [];
  const booklet = `${BOOKLET_TYPE_LABEL[input.bookletType]} ${DISABILITY_CATEGORIES[input.category]} ${input.grade}`;

  const row = grades.value.find((r) => r.bookletType === input.bookletType && r.category === input.category && r.grades.includes(input.grade));
  if (!row) unmet.push(`${booklet}は減免の対象となる区分・級に該当しません`);
  else if (row.condition === 'laryngectomy' && !input.laryngectomy) unmet.push(`${booklet}は喉頭摘出による場合に限り対象です`);
  else if (row.condition === 'outpatient_medical_support' && !input.outpatientMedicalSupport) unmet.push(`${booklet}は自立支援医療受給者証(精神通院)の交付を受けている場合に限り対象です`);

  if (!c.owners.includes(input.ownerRelation)) unmet.push(`所有者が${RELATION_LABEL[input.ownerRelation]}の場合は対象外です`);
  if (!c.drivers.includes(input.driverRelation)) unmet.push(`運転者が${RELATION_LABEL[input.driverRelation]}の場合は対象外です`);
  if (input.driverRelation === 'same_household' && input.usePurpose && !c.householdDriverPurposes.includes(input.usePurpose)) {
    unmet.push('生計同一者の運転は通勤・通学・通院・生業のための場合に限り対象です');
  }
  if (input.driverRelation === 'carer' && c.carerOnlyWhenHouseholdDisabledOnly && !input.householdDisabledOnly) {
    unmet.push('常時介護者の運転は障害者のみの世帯の場合に限り対象です');
  }
  if (input.otherReducedVehicles >= c.vehiclesPerPerson) unmet.push(`減免は障害者1人につき${c.vehiclesPerPerson}台まで(普通自動車の自動車税の減免を含む)です`);
  if (c.applyByDueDate) {
    const due = resolveDueDate(book, fy);
    sources.push(...due.sources);
    if (input.applicationDate > due.dueDate) unmet.push(`申請は納期限(${formatJapaneseDate(due.dueDate)})までに必要です`);
  }

  const eligible = unmet.length === 0;
  const after = eligible && input.amount !== undefined ? taxAfter(book, fy, input.amount, c.share, sources) : undefined;
  const verdict = eligible ? `${booklet}、所有者${RELATION_LABEL[input.ownerRelation]}・運転者${RELATION_LABEL[input.driverRelation]}で減免の対象です` : unmet.join('。');
  return {
    eligible,
    unmet,
    ...(after !== undefined ? { taxAfterReduction: after } : {}),
    ...explained(`${fy}年度(賦課期日4月1日現在で判定)。${verdict}。${after !== undefined ? `減免後の税額 ${yen(after)}。` : ''}`, sources),
  };
}

/** The tax left: none for a full reduction; a partial one leaves the remainder cut below 100 yen. */
function taxAfter(book: RuleBook, fy: number, amount: number, share: number, sources: Resolved<unknown>[]): number {
  if (share === 1) return 0;
  const rounding = book.get(partialReductionRounding, fy, 'fiscalYear');
  sources.push(rounding);
  const remainder = amount - Math.floor(amount * share);
  return Math.floor(remainder / rounding.value.unit) * rounding.value.unit;
}
