/** @module The barcode of one payment slip of a notice: the same digits on the PDF and in the print data. */
import { BARCODE_AMOUNT_LIMIT, paymentBarcodeDigits } from './barcode.js';
import { NOTICE_NO_DIGITS, type NoticeData } from './model.js';

/**
 * The 44 digits for the slip of page `page` (1-based) paying `amount`: the 任意 data are the
 * notice number and the page, so each slip of a notice is told apart when the store reports it
 * paid. None where the city takes no convenience-store payment, or the amount is more than the
 * six digits carry.
 */
export function slipBarcodeDigits(notice: NoticeData, page: number, amount: number): string | null {
  const companyCode = notice.municipality.convenienceStoreCompanyCode;
  if (companyCode === null || amount > BARCODE_AMOUNT_LIMIT) return null;
  return paymentBarcodeDigits({
    companyCode,
    optionalData: `${notice.noticeNo.padStart(NOTICE_NO_DIGITS, '0')}${String(page).padStart(2, '0')}`,
    reissueCount: notice.reprint ? 1 : 0,
    dueDate: notice.dueDate,
    amount,
  });
}
