/**
 * @module 延滞金 (late charge): the days after the due date split by year and by the first month,
 * each at its rate, cut to the yen (rates as 地方税法附則第3条の2, rounding as 第20条の4の2).
 */
import { z } from 'zod';
import { addDays, addMonthsClamped, daysBetween, formatJapaneseDate, isoDateSchema } from './calendar.js';
import { parseInput, yen, type Explained } from './model.js';
import { lateChargeComputation, lateChargeRates } from './parameters/lateCharge.js';
import { explained, type Resolved, type RuleBook } from './rulebook.js';

export const lateChargeInputSchema = z.strictObject({
  amount: z.number().int('税額は円単位の整数で入力してください').min(0).max(100_000_000),
  dueDate: isoDateSchema,
  paidDate: isoDateSchema,
});
export type LateChargeInput = z.infer<typeof lateChargeInputSchema>;

export interface LateChargeSegment {
  from: string;
  to: string;
  days: number;
  ratePct: number;
  /** base × rate × days / 365, cut to the yen. */
  charge: number;
}

export interface LateChargeResult extends Explained {
  /** 延滞金 to collect, after rounding (0 when under the minimum). */
  lateCharge: number;
  /** The tax the charge is computed on (千円未満切捨て). */
  base: number;
  days: number;
  segments: LateChargeSegment[];
}

/** Validates raw input and computes the late charge. */
export function calculateLateCharge(book: RuleBook, input: unknown): LateChargeResult {
  return lateCharge(book, parseInput(lateChargeInputSchema, input));
}

/**
 * 延滞金 from the day after the due date to the payment date: the first band (until one month
 * has passed) and the later band at their calendar-year rates, a period spanning years split at
 * 12月31日, 365 days a year even in leap years; base cut below 1,000 yen and no charge on a tax
 * under 2,000 yen; the result cut below 100 yen and not collected under 1,000 yen.
 */
export function lateCharge(book: RuleBook, input: LateChargeInput): LateChargeResult {
  const rule = book.get(lateChargeComputation, Number(input.dueDate.slice(0, 4)), 'dueDate');
  const r = rule.value;
  const sources: Resolved<unknown>[] = [rule];
  const days = Math.max(0, daysBetween(input.dueDate, input.paidDate));
  const base = input.amount < r.minimumTax ? 0 : Math.floor(input.amount / r.baseUnit) * r.baseUnit;
  const lines = [`税額 ${yen(input.amount)}、納期限 ${formatJapaneseDate(input.dueDate)}、納付日 ${formatJapaneseDate(input.paidDate)}`];

  if (days === 0) return result(0, base, 0, [], [...lines, '納期限までの納付のため延滞金はかかりません'], sources);
  if (base === 0) return result(0, 0, days, [], [...lines, `税額が${yen(r.minimumTax)}未満のため延滞金は計算しません`], sources);
  lines.push(`計算の基礎となる税額 ${yen(base)}(${yen(r.baseUnit)}未満切捨て)`);

  const firstBandEnd = addMonthsClamped(input.dueDate, r.firstBandMonths);
  const segments: LateChargeSegment[] = [];
  let from = addDays(input.dueDate, 1);
  while (from <= input.paidDate) {
    const firstBand = from <= firstBandEnd;
    const yearEnd = `${from.slice(0, 4)}-12-31`;
    const to = [input.paidDate, yearEnd, ...(firstBand ? [firstBandEnd] : [])].sort()[0] as string;
    const rates = book.get(lateChargeRates, Number(from.slice(0, 4)), 'paidDate');
    sources.push(rates);
    const ratePct = firstBand ? rates.value.withinOneMonthPct : rates.value.afterPct;
    const segmentDays = daysBetween(from, to) + 1;
    // Rates have one decimal: tenths of a percent keep the arithmetic in integers.
    const charge = Math.floor((base * Math.round(ratePct * 10) * segmentDays) / (r.daysPerYear * 1000));
    segments.push({ from, to, days: segmentDays, ratePct, charge });
    lines.push(
      `${formatJapaneseDate(from)}〜${formatJapaneseDate(to)} ${segmentDays}日(${firstBand ? '納期限の翌日から1月以内' : '1月経過後'}・年${ratePct}%): ${base.toLocaleString('ja-JP')}×${ratePct}%×${segmentDays}/${r.daysPerYear}=${yen(charge)}`,
    );
    from = addDays(to, 1);
  }
  const total = segments.reduce((sum, s) => sum + s.charge, 0);
  const rounded = Math.floor(total / r.resultUnit) * r.resultUnit;
  const collected = rounded < r.minimumResult ? 0 : rounded;
  lines.push(
    collected === 0
      ? `合計 ${yen(total)} → ${yen(r.resultUnit)}未満切捨てで${yen(rounded)}、${yen(r.minimumResult)}未満のため延滞金はかかりません`
      : `合計 ${yen(total)} → ${yen(r.resultUnit)}未満切捨てで延滞金 ${yen(collected)}`,
  );
  return result(collected, base, days, segments, lines, sources);
}

function result(lateChargeAmount: number, base: number, days: number, segments: LateChargeSegment[], lines: string[], sources: Resolved<unknown>[]): LateChargeResult {
  return { lateCharge: lateChargeAmount, base, days, segments, ...explained(`${lines.join('。')}。`, sources) };
}
