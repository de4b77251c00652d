import { z } from 'zod';
import { defineParameter } from './parameter.js';

export const correctionLimitation = defineParameter({
  id: 'limitation.correction',
  label: '更正(賦課決定)の期間制限(法定納期限の翌日から起算)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ increaseYears: z.number().int().positive(), decreaseYears: z.number().int().positive(), deceitYears: z.number().int().positive() }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '地方税法第17条の5',
      confidence: 'M',
      note: '5年は確認済み(V)。増額3年・減額5年・偽り等7年の区分は未確認(M)。',
      value: { increaseYears: 3, decreaseYears: 5, deceitYears: 7 },
    },
  ],
});

export const collectionLimitation = defineParameter({
  id: 'limitation.collection',
  label: '徴収権の消滅時効(法定納期限の翌日から起算)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ years: z.number().int().positive() }),
  periods: [{ from: 2016, to: null, citation: '地方税法第18条第1項', confidence: 'V', value: { years: 5 } }],
});
