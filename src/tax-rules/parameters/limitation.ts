/**
 * @module The parameters of the limitation periods: for correcting an assessment (更正) and for
 * collecting (徴収権の消滅時効).
 */
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
      citation: '地方税法第17条の5第3項・第4項・第7項',
      confidence: 'V',
      note: '第3項: 賦課決定(増額)は3年、第4項: 減額は5年、第7項: 偽りその他不正の行為は7年。第1項の5年は申告納付の税のもの(TAX-RULES.md §7、条文で確認)。',
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
