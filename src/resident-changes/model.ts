/**
 * @module Resident registry changes (住民異動) as the resident registry system hands them over, one row
 * per change (docs/resident-change-file.md). Codes in English, labels as the file writes them.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { ResidentChangeReview } from '../db/schema.js';
import { cellProblemSchema } from '../shared/cell-problem.js';

export type ChangeType = ResidentChangeReview['changeType'];
export type ReviewReason = ResidentChangeReview['reasonCode'];

export const CHANGE_TYPE_BY_LABEL: Readonly<Record<string, ChangeType>> = {
  転入: 'moved_in',
  出生: 'birth',
  転出: 'moved_out',
  転居: 'moved_within',
  死亡: 'deceased',
  氏名変更: 'name_changed',
  個人番号変更: 'number_changed',
};

export const CHANGE_TYPE_LABELS = Object.fromEntries(Object.entries(CHANGE_TYPE_BY_LABEL).map(([label, code]) => [code, label])) as Readonly<
  Record<ChangeType, string>
>;

/** Changes that bring a person into the register: the others must find the person already there. */
export const ARRIVALS: ReadonlySet<ChangeType> = new Set(['moved_in', 'birth']);

export const REVIEW_REASON_LABELS: Readonly<Record<ReviewReason, string>> = {
  not_found: 'この個人番号の宛名がありません',
  basic_items_differ: '個人番号は一致しますが、基本4情報の一部が一致しません',
  possible_duplicate: '同じ人と思われる宛名が既にあります(重複の可能性)',
  already_resident: '既に住民として登録されています',
  not_a_resident: '住民ではない宛名(住登外者・法人)に対する異動です',
  number_in_use: '新しい個人番号が別の宛名に登録されています',
};

/**
 * One row of the file, checked and normalised: the columns a queued row keeps (rowNo is the line
 * of the file, the header being line 1, as a spreadsheet shows it), and its individual numbers —
 * the previous one for 個人番号変更 only.
 */
export type ResidentChangeRow = Pick<
  Selectable<ResidentChangeReview>,
  'rowNo' | 'changeType' | 'effectiveDate' | 'nameKanji' | 'nameKana' | 'sexCode' | 'birthDate' | 'postalCode' | 'addressCode' | 'address'
> & { individualNumber: string; previousIndividualNumber: string | null };

// A cell that is wrong: row and column, never the value (the screens show the file's problems).
export { cellProblemSchema, type CellProblem } from '../shared/cell-problem.js';

/** An import as the list of recent imports shows it: who, when, and what became of each row. */
export const importRecordResponse = z.object({
  importId: z.string(),
  fileName: z.string(),
  encoding: z.enum(['utf-8', 'shift_jis']),
  importedAt: z.string(),
  staffNo: z.string().nullable(),
  rowCount: z.number(),
  applied: z.number().describe('反映した行'),
  alreadyApplied: z.number().describe('反映済みのため何もしなかった行'),
  queued: z.number().describe('確認待ちに回した行'),
  alreadyQueued: z.number().describe('既に確認待ちの行'),
  invalid: z.number().describe('内容に誤りがあり取り込まなかった行'),
  problems: z.array(cellProblemSchema),
});
export type ImportRecord = z.infer<typeof importRecordResponse>;

/** What importing a file answers, to the clerk who imported it. */
export const importReportResponse = importRecordResponse.omit({ importedAt: true, staffNo: true });
export type ImportReport = z.infer<typeof importReportResponse>;

/** A row that waits for a clerk (確認待ち), its individual number masked. */
export const reviewResponse = z.object({
  reviewId: z.string(),
  importId: z.string(),
  rowNo: z.number(),
  changeType: z.enum(['moved_in', 'birth', 'moved_out', 'moved_within', 'deceased', 'name_changed', 'number_changed']),
  effectiveDate: z.string(),
  nameKanji: z.string(),
  nameKana: z.string(),
  sexCode: z.enum(['1', '2']),
  birthDate: z.string(),
  postalCode: z.string().nullable(),
  addressCode: z.string().nullable(),
  address: z.string(),
  maskedIndividualNumber: z.string(),
  reasonCode: z.string(),
  reasonDetail: z.object({ differing: z.array(z.string()).optional(), candidates: z.array(z.string()).optional() }),
  status: z.enum(['open', 'applied', 'dismissed']),
  queuedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByStaffNo: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  addresseeNo: z.string().nullable(),
});
export type ResidentChangeReviewView = z.infer<typeof reviewResponse>;
