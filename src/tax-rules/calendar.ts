import holidayJp from '@holiday-jp/holiday_jp';
import { z } from 'zod';

/**
 * Calendar dates as `YYYY-MM-DD` strings: arithmetic in UTC so no time zone can shift a day.
 * Months as `YYYY-MM`; fiscal year = April–March, named by its first calendar year.
 */
export const isoDateSchema = z.iso.date('日付は YYYY-MM-DD で入力してください');

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same day `months` later; a day the target month lacks becomes its last day (民法第143条第2項). */
export function addMonthsClamped(date: string, months: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export const WEEKDAY_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;

export function dayOfWeek(date: string): number {
  return new Date(toUtc(date)).getUTCDay();
}

/** The holiday package's name for a national holiday (国民の祝日・振替休日・国民の休日), if any. */
export function nationalHoliday(date: string): string | undefined {
  return (holidayJp.holidays as Record<string, { name: string } | undefined>)[date]?.name;
}

/** The last year the holiday package knows; beyond it a due date cannot be decided. */
export const HOLIDAY_DATA_LAST_YEAR = Math.max(...Object.keys(holidayJp.holidays).map((d) => Number(d.slice(0, 4))));

const ERA_DATE = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** 令和8年6月1日(月) — how clerks and taxpayers read a date. */
export function formatJapaneseDate(date: string): string {
  return `${ERA_DATE.format(new Date(toUtc(date)))}(${WEEKDAY_JA[dayOfWeek(date)]})`;
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
  const year = Number(yearMonth.slice(0, 4));
  return Number(yearMonth.slice(5, 7)) >= 4 ? year : year - 1;
}

/** 2025-06 → 2025年6月 */
export function formatMonth(yearMonth: string): string {
  return `${yearMonth.slice(0, 4)}年${Number(yearMonth.slice(5, 7))}月`;
}
