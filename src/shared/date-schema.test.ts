import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calendarDateSchema, yearMonthSchema } from './date-schema.js';
import { addDays, addMonthsClamped, japanToday } from './dates.js';

const messages = (result: { error?: z.ZodError }) => result.error?.issues.map((i) => i.message);

describe('the API date schemas', () => {
  it('take any form clerks type and send on YYYY-MM-DD', () => {
    const schema = calendarDateSchema('開始日');
    expect(schema.parse('R8.4.1')).toBe('2026-04-01');
    expect(schema.parse('令和８年４月１日')).toBe('2026-04-01');
    expect(schema.parse('2026/4/1')).toBe('2026-04-01');
  });

  it('answer a day that never existed, and say which forms they read', () => {
    const schema = calendarDateSchema('開始日');
    expect(messages(schema.safeParse('R8.2.30'))).toEqual(['存在しない日付です']);
    expect(messages(schema.safeParse('平成31年5月1日'))).toEqual(['存在しない日付です']);
    expect(messages(schema.safeParse('02/30/2026'))).toEqual(['開始日は 2026-04-01、R8.4.1、令和8年4月1日 などの形で入力してください']);
    expect(messages(schema.safeParse('1'.repeat(31)))).toEqual(['開始日は 2026-04-01、R8.4.1、令和8年4月1日 などの形で入力してください']);
  });

  it('keep dates within a plausible window', () => {
    const today = japanToday();
    const birth = calendarDateSchema('生年月日', 'birth');
    expect(birth.parse('1900-01-01')).toBe('1900-01-01');
    expect(birth.parse(today)).toBe(today);
    expect(messages(birth.safeParse('1899-12-31'))?.[0]).toMatch(/^生年月日は明治33年1月1日から.+までの日付で入力してください$/);
    expect(birth.safeParse(addDays(today, 1)).success).toBe(false);

    const event = calendarDateSchema('異動日', 'event');
    const yearAhead = addMonthsClamped(today, 12);
    expect(event.parse(yearAhead)).toBe(yearAhead);
    expect(event.safeParse(addDays(yearAhead, 1)).success).toBe(false);
    expect(event.safeParse('令和99年1月1日').success).toBe(false);
    expect(event.safeParse('1949-12-31').success).toBe(false);

    const term = calendarDateSchema('終了日', 'term');
    expect(term.safeParse(addMonthsClamped(today, 119)).success).toBe(true);
    expect(term.safeParse(addMonthsClamped(today, 121)).success).toBe(false);
  });

  it('name every wrong field of an object at once', () => {
    const schema = z.object({ from: calendarDateSchema('開始日'), to: calendarDateSchema('終了日') }).superRefine((_, ctx) => ctx.addIssue({ code: 'custom', message: 'object checked' }));
    expect(messages(schema.safeParse({ from: 'R8.2.30', to: 'x' }))).toEqual(['存在しない日付です', '終了日は 2026-04-01、R8.4.1、令和8年4月1日 などの形で入力してください', 'object checked']);
  });

  it('take months, and years alone where allowed', () => {
    expect(yearMonthSchema('初度検査年月').parse('H25.3')).toBe('2013-03');
    expect(messages(yearMonthSchema('初度検査年月').safeParse('H31.5'))).toEqual(['存在しない日付です']);
    expect(yearMonthSchema('初度検査年月', { yearOnly: true }).parse('H15')).toBe('2003');
    expect(messages(yearMonthSchema('初度検査年月').safeParse('2003'))?.[0]).toMatch(/^初度検査年月は 2013-03、H25.3/);
  });
});
