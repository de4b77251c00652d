/**
 * @module The tax ledger (課税台帳) and the annual survey of the tax (課税状況調): what a search
 * takes, what an entry and the survey hold, and the survey's layout. Pure: the screens share it.
 */
import { z } from 'zod';
import { addresseeNoSchema } from '../addressees/model.js';
import { codeText, integerText } from '../shared/text.js';
import { RATE_CASE_LABEL, RATE_CASES, type RateCase } from '../tax-rules/model.js';
import { declarationNoSchema } from '../vehicles/model.js';

export { RATE_CASE_LABEL, RATE_CASES, type RateCase };

/** The ledger's operations in an auditor's words (the audit screen and its CSV). */
export const TAX_LEDGER_OPERATION_LABELS = {
  'taxLedger.search': '課税台帳の検索',
  'taxLedger.export': '課税台帳の出力(CSV・PDF)',
  'taxLedger.survey': '課税状況調の集計・出力',
} as const;

export const fiscalYearText = integerText({ label: '年度', min: 2016, max: 2200 });

/** Where a page of the ledger starts: after this notice number and declaration number (the ledger's order). */
export interface LedgerPosition {
  noticeNo: string;
  declarationYear: number;
  declarationSerial: number;
}

/** A position as the API hands it back and takes it: `202600000012:2025-000034`. */
export const formatPosition = (p: LedgerPosition) => `${p.noticeNo}:${p.declarationYear}-${String(p.declarationSerial).padStart(6, '0')}`;

const positionSchema = codeText('続きの位置', 40)
  .regex(/^[0-9]{1,12}:[0-9]{4}-[0-9]{1,8}$/, '続きの位置は前の検索結果の「next」をそのまま指定してください')
  .transform((value): LedgerPosition => {
    const [noticeNo = '', declaration = ''] = value.split(':');
    const [year, serial] = declaration.split('-').map(Number) as [number, number];
    return { noticeNo, declarationYear: year, declarationSerial: serial };
  });

/** The filters a ledger search and a ledger export take: any of taxpayer, declaration number, notice number. */
export const ledgerFilterSchema = z.object({
  addresseeNo: addresseeNoSchema.optional(),
  declarationNo: declarationNoSchema.optional(),
  noticeNo: codeText('通知書番号', 20).regex(/^[0-9]{12}$/, '通知書番号は12桁の数字です').optional(),
});
export type LedgerFilter = z.infer<typeof ledgerFilterSchema>;

export const ledgerSearchSchema = ledgerFilterSchema.extend({
  after: positionSchema.optional(),
  limit: integerText({ label: '件数', min: 1, max: 500 }).default(100),
});
export type LedgerSearch = z.infer<typeof ledgerSearchSchema>;

export const CSV_ENCODINGS = { 'utf-8': 'UTF-8(BOM付き)', shift_jis: 'Shift_JIS' } as const;
export type CsvEncoding = keyof typeof CSV_ENCODINGS;
export const csvEncodingSchema = z.enum(Object.keys(CSV_ENCODINGS) as [CsvEncoding, ...CsvEncoding[]], '文字コードは utf-8 か shift_jis を指定してください').default('utf-8');

/** How the survey and the ledger name a class: as the survey's rows do (原付 by cc, 軽四輪 by use). */
export const CLASS_LABELS: Readonly<Record<string, string>> = {
  moped_class1: '原動機付自転車 第一種(50cc以下)',
  moped_class2_otsu: '原動機付自転車 第二種乙(90cc以下)',
  moped_class2_ko: '原動機付自転車 第二種甲(125cc以下)',
  minicar: '原動機付自転車 ミニカー',
  kei_two_wheel: '軽自動車 二輪(125cc超250cc以下)',
  kei_three_wheel: '軽自動車 三輪',
  kei_four_wheel_passenger_commercial: '軽自動車 四輪乗用 営業用',
  kei_four_wheel_passenger_private: '軽自動車 四輪乗用 自家用',
  kei_four_wheel_cargo_commercial: '軽自動車 四輪貨物 営業用',
  kei_four_wheel_cargo_private: '軽自動車 四輪貨物 自家用',
  small_special_farm: '小型特殊自動車 農耕作業用',
  small_special_other: '小型特殊自動車 その他',
  small_two_wheeler: '二輪の小型自動車(250cc超)',
};
export const classLabel = (code: string) => CLASS_LABELS[code] ?? code;

/** The survey's groups and, in each, its rows by vehicle class, in the order the survey lists them. */
export const SURVEY_GROUPS: readonly { heading: string; classes: readonly string[] }[] = [
  { heading: '原動機付自転車', classes: ['moped_class1', 'moped_class2_otsu', 'moped_class2_ko', 'minicar'] },
  {
    heading: '軽自動車',
    classes: ['kei_two_wheel', 'kei_three_wheel', 'kei_four_wheel_passenger_commercial', 'kei_four_wheel_passenger_private', 'kei_four_wheel_cargo_commercial', 'kei_four_wheel_cargo_private'],
  },
  { heading: '小型特殊自動車', classes: ['small_special_farm', 'small_special_other'] },
  { heading: '二輪の小型自動車', classes: ['small_two_wheeler'] },
];

/**
 * The change reason (異動事由) a levy carries when a 減免 (地方税法第463条の23) lowered it: the
 * reduction is its original amount less its current one. No capability records one yet (issue
 * 12), so the survey counts none — from the levies, not from an assumption.
 */
export const REDUCTION_CHANGE_REASON = 'reduction';

/** Levy change reasons (異動事由) in a clerk's words; an unknown code is shown as it is. */
export const LEVY_CHANGE_REASONS: Readonly<Record<string, string>> = { [REDUCTION_CHANGE_REASON]: '減免' };

export interface CountAndSum {
  count: number;
  amount: number;
}

/** One row of the survey: a vehicle class, or a group's or the whole survey's total. */
export interface SurveyRow {
  kind: 'class' | 'group' | 'total';
  /** The class code; the group's heading for a group row; `total` for the total. */
  key: string;
  label: string;
  /** Levied vehicles and their original amounts (当初税額) by rate case. */
  byRateCase: Record<RateCase, CountAndSum>;
  levied: CountAndSum;
  /** 減免: how many levies were lowered and by how many yen. */
  reductions: CountAndSum;
  /** Vehicles standing on April 1 and not levied: 課税保留, 非課税(課税免除), 税止め since last year. */
  taxHold: number;
  nonTaxable: number;
  taxStopped: number;
}

export interface SurveyReport {
  fiscalYear: number;
  assessmentDate: string;
  rows: SurveyRow[];
  /** The levies the survey was counted from, read one by one: its total must equal them. */
  levies: CountAndSum;
}

/** One line of the ledger: a levy with its taxpayer and vehicle. */
export interface LedgerEntry {
  fiscalYear: number;
  noticeNo: string;
  addresseeNo: string;
  taxpayerName: string;
  declarationNo: string;
  generation: number;
  vehicleClassCode: string;
  classLabel: string;
  plate: string;
  rateCase: RateCase;
  rateCaseLabel: string;
  originalAmount: number;
  amount: number;
  changeAmount: number;
  dueDate: string | null;
  changeReason: string | null;
}

export interface LedgerPage {
  entries: LedgerEntry[];
  /** Pass as `after` for the next page; null on the last. */
  next: string | null;
}

const countAndSum = z.object({ count: z.number(), amount: z.number() });
export const surveyReportResponse = z.object({
  fiscalYear: z.number(),
  assessmentDate: z.string(),
  rows: z.array(
    z.object({
      kind: z.enum(['class', 'group', 'total']),
      key: z.string(),
      label: z.string(),
      byRateCase: z.object(Object.fromEntries(RATE_CASES.map((rateCase) => [rateCase, countAndSum])) as Record<RateCase, typeof countAndSum>),
      levied: countAndSum,
      reductions: countAndSum,
      taxHold: z.number(),
      nonTaxable: z.number(),
      taxStopped: z.number(),
    }),
  ),
  levies: countAndSum,
});

export const ledgerEntryResponse = z.object({
  fiscalYear: z.number(),
  noticeNo: z.string(),
  addresseeNo: z.string(),
  taxpayerName: z.string(),
  declarationNo: z.string(),
  generation: z.number(),
  vehicleClassCode: z.string(),
  classLabel: z.string(),
  plate: z.string(),
  rateCase: z.enum(RATE_CASES),
  rateCaseLabel: z.string(),
  originalAmount: z.number(),
  amount: z.number(),
  changeAmount: z.number(),
  dueDate: z.string().nullable(),
  changeReason: z.string().nullable(),
});
export const ledgerPageResponse = z.object({ entries: z.array(ledgerEntryResponse), next: z.string().nullable() });
