import { describe, expect, it } from 'vitest';
import { formatEraDate, formatEraFiscalYear, formatEraYear, formatEraYearMonth, readDate, readYearMonth } from './era.js';

const impossible = { ok: false, reason: 'impossible' };
const unreadable = { ok: false, reason: 'unreadable' };

describe('readDate', () => {
  it.each([
    ['2026-04-01', '2026-04-01'],
    ['20260401', '2026-04-01'],
    ['2026/4/1', '2026-04-01'],
    ['2026.4.1', '2026-04-01'],
    ['2026年4月1日', '2026-04-01'],
    ['２０２６－０４－０１', '2026-04-01'],
    ['１９８０年４月１５日', '1980-04-15'],
    [' 2026-04-01 ', '2026-04-01'],
    ['R8.4.1', '2026-04-01'],
    ['r8.4.1', '2026-04-01'],
    ['Ｒ８．４．１', '2026-04-01'],
    ['R08.04.01', '2026-04-01'],
    ['R8/4/1', '2026-04-01'],
    ['R8-4-1', '2026-04-01'],
    ['令和8年4月1日', '2026-04-01'],
    ['令和８年４月１日', '2026-04-01'],
    ['令和 8年 4月 1日', '2026-04-01'],
    ['令8.4.1', '2026-04-01'],
    ['昭和55年4月15日', '1980-04-15'],
    ['S55.4.15', '1980-04-15'],
    ['昭55/4/15', '1980-04-15'],
    ['2024-02-29', '2024-02-29'],
    ['R6.2.29', '2024-02-29'],
  ])('reads %s as %s', (input, date) => {
    expect(readDate(input)).toEqual({ ok: true, value: date });
  });

  // Each era's first and last day, and the day either side that belongs to its neighbour.
  it.each([
    ['M6.1.1', '1873-01-01'],
    ['明治45年7月29日', '1912-07-29'],
    ['大正元年7月30日', '1912-07-30'],
    ['T1.7.30', '1912-07-30'],
    ['大正15年12月24日', '1926-12-24'],
    ['昭和元年12月25日', '1926-12-25'],
    ['S1.12.25', '1926-12-25'],
    ['昭和64年1月7日', '1989-01-07'],
    ['平成元年1月8日', '1989-01-08'],
    ['H1.1.8', '1989-01-08'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['令和元年5月1日', '2019-05-01'],
    ['R1.5.1', '2019-05-01'],
    ['R2.1.1', '2020-01-01'],
  ])('era boundary %s is %s', (input, date) => {
    expect(readDate(input)).toEqual({ ok: true, value: date });
  });

  it.each([
    '2026-02-30',
    '2023-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-04-00',
    'R8.2.30',
    'R8.13.1',
    '令和8年2月30日',
    '平成31年5月1日',
    'H31.5.1',
    'R1.4.30',
    '令和元年4月30日',
    '平成元年1月7日',
    'H1.1.7',
    '昭和64年1月8日',
    'S64.1.8',
    '昭和元年12月24日',
    '大正15年12月25日',
    '大正元年7月29日',
    '明治45年7月30日',
    'M5.12.31',
    'H32.1.1',
    'R0.5.1',
  ])('%s is a day that never existed', (input) => {
    expect(readDate(input)).toEqual(impossible);
  });

  it.each(['', 'あした', '12345', '02/30/2026', '2026-4', 'X8.4.1', '令和八年四月一日', '2026-04-01-01', 'R8.4', '2026/04/01 10:00'])('cannot read %j', (input) => {
    expect(readDate(input)).toEqual(unreadable);
  });
});

describe('readYearMonth', () => {
  it.each([
    ['2013-03', '2013-03'],
    ['2013/3', '2013-03'],
    ['2013.3', '2013-03'],
    ['2013年3月', '2013-03'],
    ['201303', '2013-03'],
    ['２０１３－０３', '2013-03'],
    ['H25.3', '2013-03'],
    ['h25.3', '2013-03'],
    ['平成25年3月', '2013-03'],
    ['平25/3', '2013-03'],
    ['H31.4', '2019-04'],
    ['R1.5', '2019-05'],
    ['令和元年5月', '2019-05'],
    ['S64.1', '1989-01'],
    ['H1.1', '1989-01'],
  ])('reads %s as %s', (input, month) => {
    expect(readYearMonth(input)).toEqual({ ok: true, value: month });
  });

  it.each(['2013-13', '2013-00', 'H31.5', 'R1.4', '令和元年4月', 'S64.2', 'H25.13', 'T16.1', '大正16年1月'])('%s is a month that never existed', (input) => {
    expect(readYearMonth(input)).toEqual(impossible);
  });

  it.each(['', '2013', 'H15', '2013-03-01', 'H25', '3月'])('cannot read %j as a month', (input) => {
    expect(readYearMonth(input)).toEqual(unreadable);
  });

  it('reads a year alone where a certificate gives only the year', () => {
    const yearOnly = { yearOnly: true };
    expect(readYearMonth('2003', yearOnly)).toEqual({ ok: true, value: '2003' });
    expect(readYearMonth('H15', yearOnly)).toEqual({ ok: true, value: '2003' });
    expect(readYearMonth('平成15年', yearOnly)).toEqual({ ok: true, value: '2003' });
    expect(readYearMonth('R1', yearOnly)).toEqual({ ok: true, value: '2019' });
    expect(readYearMonth('H31', yearOnly)).toEqual({ ok: true, value: '2019' });
    expect(readYearMonth('H15.10', yearOnly)).toEqual({ ok: true, value: '2003-10' });
    expect(readYearMonth('H32', yearOnly)).toEqual(impossible);
    expect(readYearMonth('R0', yearOnly)).toEqual(impossible);
    expect(readYearMonth('へいせい', yearOnly)).toEqual(unreadable);
  });
});

describe('shown in 和暦', () => {
  it.each([
    ['2026-04-01', '令和8年4月1日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['1989-01-08', '平成元年1月8日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1926-12-25', '昭和元年12月25日'],
    ['1926-12-24', '大正15年12月24日'],
    ['1912-07-30', '大正元年7月30日'],
    ['1912-07-29', '明治45年7月29日'],
    ['1873-01-01', '明治6年1月1日'],
    ['1872-12-31', '1872年12月31日'],
  ])('%s is %s', (date, shown) => {
    expect(formatEraDate(date)).toBe(shown);
    if (date >= '1873-01-01') expect(readDate(shown)).toEqual({ ok: true, value: date });
  });

  it('shows months and fiscal years', () => {
    expect(formatEraYearMonth('2013-03')).toBe('平成25年3月');
    expect(formatEraYearMonth('2019-05')).toBe('令和元年5月');
    expect(formatEraYearMonth('1989-01')).toBe('昭和64年1月');
    expect(formatEraYear(2003)).toBe('平成15年');
    expect(formatEraYear(2019)).toBe('令和元年');
    expect(formatEraFiscalYear(2026)).toBe('令和8年度');
    expect(formatEraFiscalYear(2019)).toBe('令和元年度');
    expect(formatEraFiscalYear(2018)).toBe('平成30年度');
    expect(formatEraFiscalYear(1989)).toBe('平成元年度');
    expect(formatEraFiscalYear(1988)).toBe('昭和63年度');
  });
});
