/**
 * @module The parameter of the two-wheeler boundaries: 125–250 cc is a light two-wheeler, over 250
 * cc a small motor vehicle outside this tax.
 */
import { z } from 'zod';
import { defineParameter } from './parameter.js';

export const twoWheelBoundaries = defineParameter({
  id: 'classification.twoWheel',
  label: '二輪の区分(125cc超250cc以下は軽自動車、250cc超は二輪の小型自動車)',
  per: 'fiscalYear',
  municipal: false,
  schema: z.strictObject({ keiAboveCc: z.number().positive(), keiMaxCc: z.number().positive() }),
  periods: [{ from: 2016, to: null, citation: '道路運送車両法施行規則第2条・別表第1', confidence: 'V', note: '上里町・神川町の資料で確認(TAX-RULES.md §7)。', value: { keiAboveCc: 125, keiMaxCc: 250 } }],
});
