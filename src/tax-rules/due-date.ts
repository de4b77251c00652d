/**
 * @module 納期限 (due date): the ordinance's date of the fiscal year, moved to the next business day
 * past weekends, holidays and the year-end days (地方税法第20条の5第2項).
 */
import { addDays, dayOfWeek, formatJapaneseDate, HOLIDAY_DATA_LAST_YEAR, nationalHoliday, pad } from './calendar.js';
import { TaxInputError, type Explained } from './model.js';
import { annualDueDate, nonBusinessDays } from './parameters/dueDate.js';
import { explained, type Resolved, type RuleBook } from './rulebook.js';

export interface DueDateResult extends Explained {
  fiscalYear: number;
  /** The date the ordinance names (e.g. 5月31日). */
  ordinanceDate: string;
  /** That date moved past Saturdays, Sundays, national holidays and 12月29日〜1月3日. */
  dueDate: string;
}

/** 納期限 of the annual levy of a fiscal year in the municipality whose rule book this is. */
export function dueDate(book: RuleBook, fiscalYear: number): DueDateResult {
  const due = resolveDueDate(book, fiscalYear);
  const steps = [`${fiscalYear}年度の納期限は条例で${due.ordinanceMonthDay}`, ...due.steps];
  return { fiscalYear, ordinanceDate: due.ordinanceDate, dueDate: due.dueDate, ...explained(`${steps.join('。')}。納期限は ${formatJapaneseDate(due.dueDate)}。`, due.sources) };
}

/** The due date with the rules that decided it, for the rules that count from it (limitation, reduction). */
export function resolveDueDate(book: RuleBook, fiscalYear: number) {
  const ordinance = book.get(annualDueDate, fiscalYear, 'fiscalYear');
  const ordinanceDate = `${fiscalYear}-${pad(ordinance.value.month)}-${pad(ordinance.value.day)}`;
  const moved = nextBusinessDay(book, ordinanceDate, 'fiscalYear');
  return {
    ordinanceDate,
    ordinanceMonthDay: `${ordinance.value.month}月${ordinance.value.day}日`,
    dueDate: moved.date,
    steps: moved.steps,
    sources: [ordinance, ...(moved.steps.length > 0 ? moved.sources : [])],
  };
}

/**
 * A deadline falling on a Saturday, Sunday, national holiday or 12月29日〜1月3日 becomes the next
 * day that is none of these (地方税法第20条の5第2項). Holidays come from @holiday-jp/holiday_jp;
 * past its last year no date can be decided, which is an error on `field`.
 */
export function nextBusinessDay(book: RuleBook, date: string, field: string): { date: string; steps: string[]; sources: Resolved<unknown>[] } {
  const steps: string[] = [];
  let current = date;
  for (;;) {
    const year = Number(current.slice(0, 4));
    if (year > HOLIDAY_DATA_LAST_YEAR) throw TaxInputError.of(field, `祝日の情報は${HOLIDAY_DATA_LAST_YEAR}年までしかありません`);
    const rule = book.get(nonBusinessDays, year, field);
    const reason = closedBecause(current, rule.value);
    if (!reason) return { date: current, steps, sources: [rule] };
    steps.push(`${formatJapaneseDate(current)}は${reason}のため翌日へ`);
    current = addDays(current, 1);
  }
}

function closedBecause(date: string, rule: (typeof nonBusinessDays.periods)[number]['value']): string | undefined {
  const weekday = dayOfWeek(date);
  if (rule.saturday && weekday === 6) return '土曜日';
  if (rule.sunday && weekday === 0) return '日曜日';
  const holiday = rule.nationalHolidays ? nationalHoliday(date) : undefined;
  if (holiday) return `国民の祝日等(${holiday})`;
  // The year-end closure spans the new year (12-29 … 01-03): after its start or before its end.
  const monthDay = date.slice(5);
  return monthDay >= rule.yearEndFrom || monthDay <= rule.yearEndTo ? '年末年始(12月29日〜1月3日)' : undefined;
}
