/**
 * @module The API's calendar dates and months, typed in any form src/shared/era.ts reads (R8.4.1,
 * 令和8年4月1日, 2026/4/1, full-width digits), sent on as `YYYY-MM-DD` / `YYYY-MM`. A day that
 * never existed is 「存在しない日付です」.
 *
 * Plausible windows, so that a slip of the keyboard (令和99年, 2117) is refused rather than stored:
 * - `birth`: from 1900-01-01 (older than anyone a tax office writes to) to today;
 * - `event` (a move, a death, the start of a period): from 1950-01-01, before the 地方税法
 *   (昭和25年法律第226号) no event concerns this tax, to a year from today, for changes notified
 *   ahead;
 * - `term` (the planned end of a period or an account): from 1950-01-01 to ten years from today.
 * Today is Japan's today, read at each validation.
 */
import { z } from 'zod';
import { addMonthsClamped, japanToday } from './dates.js';
import { formatEraDate, readDate, readingProblem, readYearMonth, unreadableDate } from './era.js';

export const DATE_WINDOWS = {
  birth: () => ({ from: '1900-01-01', to: japanToday() }),
  event: () => ({ from: '1950-01-01', to: addMonthsClamped(japanToday(), 12) }),
  term: () => ({ from: '1950-01-01', to: addMonthsClamped(japanToday(), 120) }),
} as const;
export type DateWindow = keyof typeof DATE_WINDOWS;

/** Well over the longest form read (`令和元年12月31日`, `２０２６－０４－０１`). */
const MAX_LENGTH = 30;

/*
 * Each schema refines, then rewrites the string in place (`overwrite`): a refinement's issue
 * lets the rest of an object be checked too (so every wrong field is named at once), and a
 * string that stays a string can still be written as JSON Schema for the API's documentation.
 */
const readOr = (reading: { ok: true; value: string } | { ok: false }, typed: string) => (reading.ok ? reading.value : typed);

/** A calendar date (`label` names it in messages), within `window` when one is given. */
export function calendarDateSchema(label: string, window?: DateWindow) {
  return z
    .string()
    .max(MAX_LENGTH, unreadableDate(label))
    .superRefine((value, ctx) => {
      if (value.length > MAX_LENGTH) return;
      const reading = readDate(value);
      const message = readingProblem(reading, label) ?? (reading.ok && window ? outside(label, reading.value, DATE_WINDOWS[window]()) : undefined);
      if (message) ctx.addIssue({ code: 'custom', message });
    })
    .overwrite((value) => readOr(readDate(value), value))
    .describe('日付。YYYY-MM-DD のほか 2026/4/1、R8.4.1、令和8年4月1日 も読みます');
}

function outside(label: string, date: string, { from, to }: { from: string; to: string }): string | undefined {
  return date < from || date > to ? `${label}は${formatEraDate(from)}から${formatEraDate(to)}までの日付で入力してください` : undefined;
}

/** A month (`YYYY-MM`; with `yearOnly`, a year alone `YYYY` too), as typed in any form era.ts reads. */
export function yearMonthSchema(label: string, { yearOnly = false } = {}) {
  return z
    .string()
    .max(MAX_LENGTH, unreadableDate(label, { month: true, yearOnly }))
    .superRefine((value, ctx) => {
      if (value.length > MAX_LENGTH) return;
      const message = readingProblem(readYearMonth(value, { yearOnly }), label, { month: true, yearOnly });
      if (message) ctx.addIssue({ code: 'custom', message });
    })
    .overwrite((value) => readOr(readYearMonth(value, { yearOnly }), value))
    .describe(`年月。YYYY-MM のほか H25.3、平成25年3月 も読みます${yearOnly ? '(年のみは YYYY、H15)' : ''}`);
}
