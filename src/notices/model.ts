/**
 * @module What a tax notice (納税通知書) prints, as facts of its own: names, addresses and labels
 * already worded as they print, amounts in yen, dates as `YYYY-MM-DD`. The assessment builds one
 * `NoticeData` per taxpayer and mail destination from its levies; nothing here knows its tables.
 * docs/notices.md lists the items and the layouts.
 */

/** The tax division that answers the taxpayer's questions (問い合わせ先). */
export interface TaxDivisionContact {
  /** 担当課: 市民税課 軽自動車税担当 … */
  section: string;
  phone: string;
  address: string;
}

export interface NoticeMunicipality {
  /** The city as it signs the notice (越谷市長 …), and its name (越谷市). */
  name: string;
  mayorTitle: string;
  contact: TaxDivisionContact;
  /**
   * 収納企業コード: the 5 digits the city holds under 国コード 9 for convenience-store payment (a
   * city setting), or null where the city takes no payment at convenience stores: no barcode.
   */
  convenienceStoreCompanyCode: string | null;
}

/** Where the notice goes: the taxpayer, their 送付先, or their 納税管理人 ("…様方"). */
export interface MailDestination {
  postalCode: string;
  address: string;
  /** The name on the envelope: the taxpayer, or `納税管理人 山田 花子 様方`. */
  name: string;
}

export interface NoticeTaxpayer {
  /** 宛名番号 */
  addresseeNo: string;
  name: string;
  mailTo: MailDestination;
}

/** Why a vehicle's rate is what it is (地方税法 第444条, 附則第30条). */
export const RATE_CASES = {
  standard: '標準税率',
  heavyRate: '重課',
  greenReduction: '軽課(グリーン化特例)',
  previousRate: '旧税率',
  newStandardMoped: '新基準原付',
} as const;
export type RateCase = keyof typeof RATE_CASES;

export interface NoticeVehicle {
  /** 車種区分 as it prints (軽四輪乗用・自家用 …). */
  classLabel: string;
  /** 標識番号, or the 車台番号 where the vehicle has no plate (a small special vehicle before issue). */
  plateText: string | null;
  chassisNo: string | null;
  /** The tax for the year after any reduction, in yen. */
  amount: number;
  rateCase: RateCase;
  /** Why the case applies, as it prints: 「初度検査 平成24年5月から13年を経過」 … */
  rateReason: string | null;
  /** 減免 granted: its label and the yen it takes off (already deducted from `amount`). */
  reduction: { label: string; amount: number } | null;
  /** Why the amount differs from last year's, where it does: 「重課の開始」 … */
  differsFromLastYear: string | null;
  /**
   * A 3-/4-wheel kei vehicle, whose 継続検査 needs a 納税証明書: a cash payer's page for it carries
   * the stub the payment counter stamps.
   */
  inspectionCertificateStub: boolean;
}

export interface NoticeData {
  municipality: NoticeMunicipality;
  fiscalYear: number;
  /** 通知書番号: digits only, as the barcode carries them (at most 19). */
  noticeNo: string;
  taxpayer: NoticeTaxpayer;
  /** The notice's date (発付日), printed on it. */
  issuedOn: string;
  /** 納期限, already moved to the next business day. */
  dueDate: string;
  vehicles: NoticeVehicle[];
  /** The sum of the vehicles' amounts. */
  total: number;
  payment: { directDebit: boolean };
  /** 再発行: printed again from the taxpayer's screen. */
  reprint: boolean;
}

/** The longest notice number the barcode's 任意 data carries beside a two-digit page number. */
export const NOTICE_NO_DIGITS = 19;

/** Problems that make a notice unprintable: the assessment must never hand one over. */
export function noticeProblems(notice: NoticeData): string[] {
  const problems: string[] = [];
  if (!new RegExp(`^\\d{1,${NOTICE_NO_DIGITS}}$`).test(notice.noticeNo)) problems.push(`通知書番号 ${notice.noticeNo} は${NOTICE_NO_DIGITS}桁以内の数字ではありません`);
  if (notice.vehicles.length === 0) problems.push(`通知書番号 ${notice.noticeNo} に車両がありません`);
  const sum = notice.vehicles.reduce((total, vehicle) => total + vehicle.amount, 0);
  if (sum !== notice.total) problems.push(`通知書番号 ${notice.noticeNo} の合計 ${notice.total} 円が車両の税額の和 ${sum} 円と一致しません`);
  return problems;
}
