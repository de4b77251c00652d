/**
 * @module Periods of a tax administrator (納税管理人) or a mail destination (送付先): one at a time per
 * taxpayer. A new period starting after an open-ended one closes it the day before; one that
 * would overlap a closed period, or start before another, is refused so that no day has two.
 */
import { addDays } from '../shared/dates.js';

export interface Period {
  validFrom: string;
  validTo: string | null;
}

export type PeriodPlan = { ok: true; close?: { validFrom: string; validTo: string } } | { ok: false; conflictWith: Period };

export function planNewPeriod(existing: readonly Period[], next: Period): PeriodPlan {
  let close: { validFrom: string; validTo: string } | undefined;
  for (const period of existing) {
    const openEndedBefore = period.validTo === null && period.validFrom < next.validFrom;
    if (openEndedBefore && !close) {
      close = { validFrom: period.validFrom, validTo: dayBefore(next.validFrom) };
      continue;
    }
    if (overlaps(period, next)) return { ok: false, conflictWith: period };
  }
  return close ? { ok: true, close } : { ok: true };
}

/** The period in effect on `day`, if any. */
export function periodOn<T extends Period>(periods: readonly T[], day: string): T | undefined {
  return periods.find((p) => p.validFrom <= day && (p.validTo === null || p.validTo >= day));
}

function overlaps(a: Period, b: Period): boolean {
  const aEnd = a.validTo ?? '9999-12-31';
  const bEnd = b.validTo ?? '9999-12-31';
  return a.validFrom <= bEnd && b.validFrom <= aEnd;
}

export function dayBefore(date: string): string {
  return addDays(date, -1);
}
