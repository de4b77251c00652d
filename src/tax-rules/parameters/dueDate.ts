/**
 * @module The parameters of the due date (納期限): the ordinance's day and the days that move a due
 * date to the next business day.
 */
import { z } from 'zod';
import { daysInMonth } from '../../shared/dates.js';
import { defineParameter } from './parameter.js';

export const annualDueDate = defineParameter({
  id: 'dueDate.annual',
  label: '納期限(条例で定める月日。休日等は翌日へ)',
  per: 'fiscalYear',
  municipal: true,
  schema: z
    .strictObject({ month: z.number().int().min(4, '納期限は4月以降の月にしてください').max(12), day: z.number().int().min(1).max(31) })
    .refine((d) => d.day <= daysInMonth(2001, d.month), '存在しない日付です'),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '市町村税条例(種別割の納期)',
      confidence: 'M',
      note: '埼玉県内の通例(5月31日、休日等は翌日。吉川市 2023年5月31日・川越市 2025年6月2日)。越谷市の条例の日付は未確認(M): 団体の設定で指定する。',
      value: { month: 5, day: 31 },
    },
  ],
});

export const nonBusinessDays = defineParameter({
  id: 'dueDate.nonBusinessDays',
  label: '期限が土曜・日曜・国民の祝日・12月29日〜1月3日に当たるときは翌日',
  per: 'calendarYear',
  municipal: false,
  schema: z.strictObject({ saturday: z.boolean(), sunday: z.boolean(), nationalHolidays: z.boolean(), yearEndFrom: z.string(), yearEndTo: z.string() }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第20条の5第2項、地方税法施行令第6条の18第1項',
      confidence: 'V',
      value: { saturday: true, sunday: true, nationalHolidays: true, yearEndFrom: '12-29', yearEndTo: '01-03' },
    },
  ],
});
