/**
 * @module Calendar dates as `YYYY-MM-DD` strings, with the arithmetic of src/shared/dates.ts.
 * Months as `YYYY-MM`; fiscal year = April–March, named by its first calendar year.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { calendarDateSchema } from '../shared/date-schema.js';
import { dayOfWeek, fiscalYearOf, pad } from '../shared/dates.js';
import { formatEraDate } from '../shared/era.js';

export const isoDateSchema = calendarDateSchema('日付');

export { addDays, addMonthsClamped, dayOfWeek, daysBetween, daysInMonth, pad } from '../shared/dates.js';

export const WEEKDAY_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** The holiday package's name for a national holiday (国民の祝日・振替休日・国民の休日), if any. */
export function nationalHoliday(date: string): string | undefined {
  return (holidayJp.holidays as Record<string, { name: string } | undefined>)[date]?.name;
}

/** The last year the holiday package knows; beyond it a due date cannot be decided. */
export const HOLIDAY_DATA_LAST_YEAR = Math.max(...Object.keys(holidayJp.holidays).map((d) => Number(d.slice(0, 4))));

/** 令和8年6月1日(月) — how clerks and taxpayers read a date. */
export function formatJapaneseDate(date: string): string {
  return `${formatEraDate(date)}(${WEEKDAY_JA[dayOfWeek(date)]})`;
}

/** Months as an index (year × 12 + month − 1), for comparing and adding `YYYY-MM` values. */
export function monthIndex(yearMonth: string): number {
  return Number(yearMonth.slice(0, 4)) * 12 + Number(yearMonth.slice(5, 7)) - 1;
}

export function monthOfIndex(index: number): string {
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** 年度 of a month: April–March, named by the calendar year it starts in. */
export function fiscalYearOfMonth(yearMonth: string): number {
  return fiscalYearOf(`${yearMonth}-01`);
}

/** 2025-06 → 2025年6月 */
export function formatMonth(yearMonth: string): string {
  return `${yearMonth.slice(0, 4)}年${Number(yearMonth.slice(5, 7))}月`;
}
