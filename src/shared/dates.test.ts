import { describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped, dayOfWeek, daysBetween, fiscalYearOf, formatJapanTime, isCalendarDate, japanMidnight, japanToday } from './dates.js';

describe('the Japanese calendar', () => {
  it('takes today from the clock in Japan, not in UTC', () => {
    expect(japanToday(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(japanToday(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
    expect(japanToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('shows an instant as a clock in Japan shows it', () => {
    expect(formatJapanTime(new Date('2026-06-14T23:30:00Z'))).toBe('2026-06-15 08:30:00 JST');
    expect(formatJapanTime('2026-06-15T15:05:09Z')).toBe('2026-06-16 00:05:09 JST');
  });

  it('begins a calendar day at midnight in Japan', () => {
    expect(japanMidnight('2026-04-01').toISOString()).toBe('2026-03-31T15:00:00.000Z');
  });

  it('names the fiscal year by the April it starts in', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2026-12-31')).toBe(2026);
  });

  it('adds days and months to calendar dates', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsClamped('2026-01-15', -13)).toBe('2024-12-15');
    expect(dayOfWeek('2026-06-01')).toBe(1);
  });

  it('checks calendar days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-00-01')).toBe(false);
    expect(isCalendarDate('2024-2-1')).toBe(false);
  });
});
