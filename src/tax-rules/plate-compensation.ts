/** @module 標識の弁償金 (plate compensation): the fee for a lost or damaged plate. */
import { z } from 'zod';
import { yen, type Explained } from './model.js';
import { plateCompensationFee } from './parameters/plateCompensation.js';
import { explained, type RuleBook } from './rulebook.js';

export const plateCompensationInputSchema = z.strictObject({
  fiscalYear: z.number().int().min(2016).max(2100),
  theftReportShown: z.boolean().describe('警察への盗難届の受理番号等を確認した'),
});

/** 弁償金 for a lost or damaged plate the city issued; waived where a theft report is shown. */
export function plateCompensation(book: RuleBook, input: z.infer<typeof plateCompensationInputSchema>): { amount: number } & Explained {
  const fee = book.get(plateCompensationFee, input.fiscalYear, 'fiscalYear');
  const waived = input.theftReportShown && fee.value.waivedWithTheftReport;
  return {
    amount: waived ? 0 : fee.value.amount,
    ...explained(waived ? '盗難届の提示があるため弁償金は免除します。' : `標識の亡失・き損による弁償金 ${yen(fee.value.amount)}。`, [fee]),
  };
}
