import { describe, expect, it } from 'vitest';
import { dayBefore, periodOn, planNewPeriod } from './periods.js';

describe('planNewPeriod', () => {
  it('accepts the first period', () => {
    expect(planNewPeriod([], { validFrom: '2026-04-01', validTo: null })).toEqual({ ok: true });
  });

  it('closes an open-ended earlier period on the day before the new one', () => {
    expect(planNewPeriod([{ validFrom: '2024-01-01', validTo: null }], { validFrom: '2026-03-01', validTo: null })).toEqual({
      ok: true,
      close: { validFrom: '2024-01-01', validTo: '2026-02-28' },
    });
  });

  it('refuses a period overlapping a closed one, or starting on or before an open one', () => {
    const closed = { validFrom: '2024-01-01', validTo: '2025-03-31' };
    expect(planNewPeriod([closed], { validFrom: '2025-03-01', validTo: null })).toEqual({ ok: false, conflictWith: closed });
    const open = { validFrom: '2026-04-01', validTo: null };
    expect(planNewPeriod([open], { validFrom: '2026-04-01', validTo: null })).toEqual({ ok: false, conflictWith: open });
    expect(planNewPeriod([open], { validFrom: '2025-04-01', validTo: '2025-12-31' })).toEqual({ ok: true });
  });

  it('follows a closed period without touching it', () => {
    expect(planNewPeriod([{ validFrom: '2024-01-01', validTo: '2025-03-31' }], { validFrom: '2025-04-01', validTo: null })).toEqual({ ok: true });
  });
});

describe('periodOn and dayBefore', () => {
  it('finds the period in effect on a day', () => {
    const periods = [
      { id: 'a', validFrom: '2024-01-01', validTo: '2025-03-31' },
      { id: 'b', validFrom: '2025-04-01', validTo: null },
    ];
    expect(periodOn(periods, '2025-03-31')?.id).toBe('a');
    expect(periodOn(periods, '2030-01-01')?.id).toBe('b');
    expect(periodOn(periods, '2023-12-31')).toBeUndefined();
  });

  it('steps back over month and leap days', () => {
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
  });
});
