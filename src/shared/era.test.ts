import { describe, expect, it } from 'vitest';
import { isCalendarDate, parseJapaneseDate } from './era.js';

describe('parseJapaneseDate', () => {
  it.each([
    ['1980-04-15', '1980-04-15'],
    ['19800415', '1980-04-15'],
    ['1980/4/15', '1980-04-15'],
    ['１９８０年４月１５日', '1980-04-15'],
    ['昭和55年4月15日', '1980-04-15'],
    ['S55.4.15', '1980-04-15'],
    ['s55.4.15', '1980-04-15'],
    ['昭55/4/15', '1980-04-15'],
    ['H1.1.8', '1989-01-08'],
    ['平成元年1月8日', '1989-01-08'],
    ['R7.4.1', '2025-04-01'],
    ['令和元年5月1日', '2019-05-01'],
  ])('%s → %s', (input, iso) => {
    expect(parseJapaneseDate(input)).toBe(iso);
  });

  it.each(['1980-02-30', '2023-02-29', 'S55.13.1', '平成元年1月7日', '令和元年4月30日', '12345', 'あした', ''])('refuses %s', (input) => {
    expect(parseJapaneseDate(input)).toBeUndefined();
  });

  it('checks calendar days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-2-1')).toBe(false);
  });
});
