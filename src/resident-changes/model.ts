import type { Selectable } from 'kysely';
import type { ResidentChangeReview } from '../db/schema.js';

/**
 * Resident registry changes (住民異動) as the resident registry system hands them over, one row
 * per change (docs/resident-change-file.md). Codes in English, labels as the file writes them.
 */
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

/** A cell that is wrong: row and column, never the value. */
export interface CellProblem {
  row: number;
  column: string;
  message: string;
}

export interface ImportReport {
  importId: string;
  fileName: string;
  encoding: 'utf-8' | 'shift_jis';
  rowCount: number;
  applied: number;
  alreadyApplied: number;
  queued: number;
  alreadyQueued: number;
  invalid: number;
  problems: CellProblem[];
}
