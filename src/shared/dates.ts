/** @module The one calendar: the city lives in Japan time. A calendar date is a `YYYY-MM-DD` string of the
 * Japanese calendar; today comes from {@link japanToday}, never from `toISOString()` (which is
 * UTC, a day behind from 00:00 to 09:00 in Japan) nor from `getDate()` (the server's zone).
 * Arithmetic on calendar dates runs on UTC midnights, where no zone or daylight saving can
 * shift a day. test/calendar-dates.test.ts keeps other modules from deriving dates themselves.
 */
const JAPAN = 'Asia/Tokyo';
const DAY_MS = 86_400_000;

const japanDay = new Intl.DateTimeFormat('en-CA', { timeZone: JAPAN, year: 'numeric', month: '2-digit', day: '2-digit' });
const japanClock = new Intl.DateTimeFormat('sv-SE', { timeZone: JAPAN, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** Today's calendar date in Japan (YYYY-MM-DD), whatever the server's time zone. */
export function japanToday(now = new Date()): string {
  return japanDay.format(now);
}

/** A moment as a clock in Japan shows it, `YYYY-MM-DD HH:MM:SS JST`, for people to read. */
export function formatJapanTime(moment: Date | string): string {
  return `${japanClock.format(typeof moment === 'string' ? new Date(moment) : moment)} JST`;
}

/** The instant a calendar day begins in Japan (UTC+9 all year: no daylight saving since 1951). */
export function japanMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+09:00`);
}

/** 年度 (April–March) a calendar date falls in, named by the year it starts in. */
export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}

function utcMidnight(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function ofUtcMidnight(ms: number): string {
  const day = new Date(ms);
  return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function addDays(date: string, days: number): string {
  return ofUtcMidnight(utcMidnight(date) + days * DAY_MS);
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
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

/** 0 for Sunday … 6 for Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/** True for a real calendar day written YYYY-MM-DD (no 2月30日). */
export function isCalendarDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
