/**
 * @module The parameter of the assessment date (賦課期日, 4月1日): whoever owns the vehicle on that day
 * pays the whole year.
 */
import { z } from 'zod';
import { defineParameter } from './parameter.js';

export const assessmentDate = defineParameter({
  id: 'assessmentDate',
  label: '賦課期日(この日の所有者に1年分を課税)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第463条の16',
      confidence: 'M',
      note: '4月1日であることは多数の市町村資料で確認(V)。条番号が未確認(M)。',
      value: { month: 4, day: 1 },
    },
  ],
});
