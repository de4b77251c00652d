/**
 * @module Dates as clerks type and read them: western `2026-04-01`, `20260401`, `2026/4/1`,
 * `2026年4月1日`, and 和暦 `令和8年4月1日`, `R8.4.1`, `令8/4/1`, `令和元年5月1日`, in any width
 * (`Ｒ８．４．１`). Months the same way (`H25.3`, `平成25年3月`, `2013-03`), and years alone where
 * a certificate gives only the year (`H15`, `2003`).
 *
 * An era runs from its first day to the day before the next (元号法 and the 改元 ordinances:
 * 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08, 令和 2019-05-01), so 平成31年5月1日 and
 * 令和元年4月30日 are days that never existed. 明治 is read from 明治6年1月1日 (1873-01-01), when
 * the solar calendar began (明治5年太政官布告第337号); earlier 明治 days were lunisolar and
 * have no day-for-day western equivalent, and 明治5年12月3日〜31日 were skipped altogether.
 */
import { addDays, daysInMonth, isCalendarDate, pad } from './dates.js';

interface Era {
  name: string;
  names: readonly string[];
  firstDay: string;
  /** The western year of its 元年, less one. */
  offset: number;
}

const ERAS: readonly Era[] = [
  { name: '令和', names: ['令和', '令', 'R'], firstDay: '2019-05-01', offset: 2018 },
  { name: '平成', names: ['平成', '平', 'H'], firstDay: '1989-01-08', offset: 1988 },
  { name: '昭和', names: ['昭和', '昭', 'S'], firstDay: '1926-12-25', offset: 1925 },
  { name: '大正', names: ['大正', '大', 'T'], firstDay: '1912-07-30', offset: 1911 },
  { name: '明治', names: ['明治', '明', 'M'], firstDay: '1873-01-01', offset: 1867 },
];

/** The answer for a date that matches a form above but names no real day. */
export const IMPOSSIBLE_DATE = '存在しない日付です';

export interface ReadingKind {
  /** A month (readYearMonth) rather than a day. */
  month?: boolean;
  yearOnly?: boolean;
}

/** The answer for what matches no form above, naming a few (screens and API say the same). */
export function unreadableDate(label: string, { month = false, yearOnly = false }: ReadingKind = {}): string {
  const forms = month ? `2013-03、H25.3、平成25年3月${yearOnly ? '(年のみの証明は 2003、H15)' : ''}` : '2026-04-01、R8.4.1、令和8年4月1日';
  return `${label}は ${forms} などの形で入力してください`;
}

/** What to tell a clerk about a reading that failed; undefined for one that read. */
export function readingProblem(reading: Reading<string>, label: string, kind: ReadingKind = {}): string | undefined {
  if (reading.ok) return undefined;
  return reading.reason === 'impossible' ? IMPOSSIBLE_DATE : unreadableDate(label, kind);
}

export type Reading<T extends string> = { ok: true; value: T } | { ok: false; reason: 'unreadable' | 'impossible' };
const unreadable = { ok: false, reason: 'unreadable' } as const;
const impossible = { ok: false, reason: 'impossible' } as const;

const ERA_NAME = ERAS.flatMap((e) => e.names).join('|');
const ERA_YEAR = `(${ERA_NAME})(元|\\d{1,2})`;
const WESTERN_DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$|^(\d{4})(\d{2})(\d{2})$/;
const ERA_DATE = new RegExp(`^${ERA_YEAR}[.年/-](\\d{1,2})[.月/-](\\d{1,2})日?$`);
const WESTERN_MONTH = /^(\d{4})[-/.年](\d{1,2})月?$|^(\d{4})(\d{2})$/;
const ERA_MONTH = new RegExp(`^${ERA_YEAR}[.年/-](\\d{1,2})月?$`);
const WESTERN_YEAR = /^(\d{4})年?$/;
const ERA_ONLY_YEAR = new RegExp(`^${ERA_YEAR}年?$`);

function normalise(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The last day of an era: the day before the next one began. */
function lastDayOf(era: Era): string {
  const next = ERAS[ERAS.indexOf(era) - 1];
  return next ? addDays(next.firstDay, -1) : '9999-12-31';
}

function eraNamed(name: string): Era {
  return ERAS.find((e) => e.names.includes(name)) as Era;
}

function westernYear(era: Era, year: string): number {
  return (year === '元' ? 1 : Number(year)) + era.offset;
}

/** Whether the days `from`…`to` overlap the era at all. */
function inEra(era: Era, from: string, to: string): boolean {
  return to >= era.firstDay && from <= lastDayOf(era);
}

/** A calendar date typed in any of the forms above, as YYYY-MM-DD. */
export function readDate(input: string): Reading<string> {
  const text = normalise(input);
  const western = WESTERN_DATE.exec(text);
  if (western) {
    const [year, month, day] = (western[1] ? western.slice(1, 4) : western.slice(4, 7)).map(Number) as [number, number, number];
    return dayOf(year, month, day);
  }
  const era = ERA_DATE.exec(text);
  if (!era) return unreadable;
  const definition = eraNamed(era[1] as string);
  const reading = dayOf(westernYear(definition, era[2] as string), Number(era[3]), Number(era[4]));
  return reading.ok && !inEra(definition, reading.value, reading.value) ? impossible : reading;
}

function dayOf(year: number, month: number, day: number): Reading<string> {
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return isCalendarDate(date) ? { ok: true, value: date } : impossible;
}

/**
 * A month typed in any of the forms above, as YYYY-MM; with `yearOnly`, a year alone too, as
 * YYYY (初度検査年 on certificates before 2003-10-14).
 */
export function readYearMonth(input: string, { yearOnly = false } = {}): Reading<string> {
  const text = normalise(input);
  const western = WESTERN_MONTH.exec(text);
  if (western) return monthOf(Number(western[1] ?? western[3]), Number(western[2] ?? western[4]));
  const era = ERA_MONTH.exec(text);
  if (era) {
    const definition = eraNamed(era[1] as string);
    const reading = monthOf(westernYear(definition, era[2] as string), Number(era[3]));
    return reading.ok && !inEra(definition, `${reading.value}-01`, `${reading.value}-${pad(daysInMonth(Number(reading.value.slice(0, 4)), Number(reading.value.slice(5, 7))))}`) ? impossible : reading;
  }
  if (!yearOnly) return unreadable;
  const westernOnly = WESTERN_YEAR.exec(text);
  if (westernOnly) return { ok: true, value: westernOnly[1] as string };
  const eraOnly = ERA_ONLY_YEAR.exec(text);
  if (!eraOnly) return unreadable;
  const definition = eraNamed(eraOnly[1] as string);
  const year = westernYear(definition, eraOnly[2] as string);
  return inEra(definition, `${year}-01-01`, `${year}-12-31`) ? { ok: true, value: String(year) } : impossible;
}

function monthOf(year: number, month: number): Reading<string> {
  return month >= 1 && month <= 12 ? { ok: true, value: `${year}-${pad(month)}` } : impossible;
}

/** The era and its year (元年 for 1) on a day; undefined before 明治6年. */
function eraYearOn(date: string): string | undefined {
  const era = ERAS.find((e) => date >= e.firstDay);
  if (!era) return undefined;
  const year = Number(date.slice(0, 4)) - era.offset;
  return `${era.name}${year === 1 ? '元' : year}年`;
}

/** 2026-04-01 → 令和8年4月1日 (days before 明治6年 in western years: 1868年1月1日). */
export function formatEraDate(date: string): string {
  const monthDay = `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
  return `${eraYearOn(date) ?? `${Number(date.slice(0, 4))}年`}${monthDay}`;
}

/** 2013-03 → 平成25年3月, by the era on the month's first day (1989-01 is 昭和64年1月). */
export function formatEraYearMonth(yearMonth: string): string {
  return `${eraYearOn(`${yearMonth}-01`) ?? `${Number(yearMonth.slice(0, 4))}年`}${Number(yearMonth.slice(5, 7))}月`;
}

/** 2003 → 平成15年: a year by the era at its end, so that 2019 is 令和元年. */
export function formatEraYear(year: number): string {
  return eraYearOn(`${year}-12-31`) ?? `${year}年`;
}

/**
 * 2026 → 令和8年度: a fiscal year named as the calendar year it starts in, so that 2019年度 is
 * 令和元年度 and 1989年度 平成元年度, as the government names them.
 */
export function formatEraFiscalYear(fiscalYear: number): string {
  return `${formatEraYear(fiscalYear)}度`;
}
