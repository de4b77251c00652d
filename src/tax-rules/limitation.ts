/**
 * @module 期間制限 (limitation periods): until when an assessment may be corrected, and when the right
 * to collect lapses (地方税法第17条の5, 第18条).
 */
import { z } from 'zod';
import { addMonthsClamped, formatJapaneseDate, isoDateSchema } from './calendar.js';
import { resolveDueDate } from './due-date.js';
import type { Explained } from './model.js';
import { collectionLimitation, correctionLimitation } from './parameters/limitation.js';
import { explained, type RuleBook } from './rulebook.js';

export const correctionInputSchema = z.strictObject({
  fiscalYear: z.number().int().min(2016, '2016年度以降を入力してください').max(2100),
  direction: z.enum(['increase', 'decrease']).describe('increase: 税額を増やす更正、decrease: 減らす更正'),
  date: isoDateSchema.describe('更正を行う日'),
  deceit: z.boolean().optional().describe('偽りその他不正の行為による場合。省略は「該当しない」'),
});
export type CorrectionInput = z.infer<typeof correctionInputSchema>;

export interface CorrectionResult extends Explained {
  allowed: boolean;
  /** The last day a correction of this kind may be made. */
  deadline: string;
  /** 法定納期限: the municipality's due date of that fiscal year. */
  statutoryDueDate: string;
}

/**
 * Whether a levy of `fiscalYear` may still be raised or lowered on `date`: the period runs from
 * the day after the statutory due date, so its last day is the due date's anniversary.
 */
export function correctionAllowed(book: RuleBook, input: CorrectionInput): CorrectionResult {
  const due = resolveDueDate(book, input.fiscalYear);
  const rule = book.get(correctionLimitation, input.fiscalYear, 'fiscalYear');
  const years = input.deceit ? rule.value.deceitYears : input.direction === 'increase' ? rule.value.increaseYears : rule.value.decreaseYears;
  const kind = input.deceit ? '偽りその他不正の行為による更正' : input.direction === 'increase' ? '税額を増やす更正' : '税額を減らす更正';
  const deadline = addMonthsClamped(due.dueDate, 12 * years);
  const allowed = input.date <= deadline;
  return {
    allowed,
    deadline,
    statutoryDueDate: due.dueDate,
    ...explained(
      `${input.fiscalYear}年度分の法定納期限は${formatJapaneseDate(due.dueDate)}。${kind}は、その翌日から${years}年以内(${formatJapaneseDate(deadline)}まで)。` +
        `${formatJapaneseDate(input.date)}は${allowed ? '期間内のため更正できます' : '期間を過ぎているため更正できません'}。`,
      [rule, ...due.sources],
    ),
  };
}

/** The last day the collection right of a fiscal year's levy exists (時効による消滅の前日まで). */
export function collectionDeadline(book: RuleBook, fiscalYear: number): { deadline: string } & Explained {
  const due = resolveDueDate(book, fiscalYear);
  const rule = book.get(collectionLimitation, fiscalYear, 'fiscalYear');
  const deadline = addMonthsClamped(due.dueDate, 12 * rule.value.years);
  return {
    deadline,
    ...explained(
      `${fiscalYear}年度分の徴収権は法定納期限(${formatJapaneseDate(due.dueDate)})の翌日から${rule.value.years}年、${formatJapaneseDate(deadline)}まで(時効の中断・更新がない場合)。`,
      [rule, ...due.sources],
    ),
  };
}
