/** @module The parameter of the plate compensation fee (標識の弁償金) for a lost or damaged plate. */
import { z } from 'zod';
import { defineParameter } from './parameter.js';

export const plateCompensationFee = defineParameter({
  id: 'plateCompensation.fee',
  label: '標識の弁償金(亡失・き損)',
  per: 'fiscalYear',
  municipal: true,
  schema: z.strictObject({ amount: z.number().int().min(0).max(10_000), waivedWithTheftReport: z.boolean() }),
  periods: [
    {
      from: 2016,
      to: null,
      citation: '市町村の原動機付自転車等標識交付規則(弁償金)',
      confidence: 'V',
      note: '埼玉県内の通例 200円(川口市・川越市)。警察への盗難届の提示で免除。',
      value: { amount: 200, waivedWithTheftReport: true },
    },
  ],
});
