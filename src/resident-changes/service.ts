/**
 * @module Keeps addressees current from the resident registry (C16, seed III.7 その他①): a file of
 * changes is applied to the addressees matched by individual number, in one transaction with
 * one audit entry. A row already applied or queued (by its keyed hash) is skipped, so running a
 * file again changes nothing; a row that does not match cleanly waits in the review queue with
 * the reason — never dropped.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import {
  addressAreaExists,
  addresseesByIndividualNumber,
  changeAddressee,
  createAddressee,
  findAddressee,
  matchByBasicItems,
  type AddresseeWork,
} from '../addressees/service.js';
import type { CityTransaction } from '../db/database.js';
import { maskIndividualNumber } from '../shared/individual-number.js';
import { holdsIndividualNumber, integratedNoOfIndividualNumber } from '../integrated-addressees/service.js';
import { sealedColumn, type SealedColumnOwner } from '../integrated-addressees/sealed-columns.js';
import type { Sealed, Vault } from '../integrated-addressees/vault.js';
import { Problem } from '../server/problem.js';
import type { EncodingChoice } from '../shared/csv-file.js';
import { readResidentChangeFile } from './file.js';
import { ARRIVALS, CHANGE_TYPE_LABELS, type CellProblem, type ImportReport, type ResidentChangeRow } from './model.js';
import {
  completeImport,
  findImport,
  findReview,
  insertApplied,
  insertImport,
  insertReview,
  listImports,
  listReviews,
  resealReview,
  resolveReview,
  reviewsUnderOlderKeys,
  rowState,
  type ImportRow,
  type ReviewRow,
} from './repository.js';
import { planForAddressee, planResidentChange, type Plan } from './rules.js';
import { RESIDENT_CHANGE_OPERATIONS } from './operations.js';

export interface ImportInput {
  fileName: string;
  bytes: Uint8Array;
  encoding: EncodingChoice;
}

export type Resolution = { action: 'apply'; addresseeNo: string; note: string } | { action: 'register'; note: string } | { action: 'dismiss'; note: string };

export interface ReviewItem extends Omit<ReviewRow, 'municipalityCode' | 'rowKey' | 'individualNumberCiphertext' | 'individualNumberKeyId' | 'previousIndividualNumberCiphertext' | 'previousIndividualNumberKeyId'> {
  maskedIndividualNumber: string;
}

const SEALED = {
  individual_number: sealedColumn('resident_change_review', 'individual_number'),
  previous_individual_number: sealedColumn('resident_change_review', 'previous_individual_number'),
};
const numberContext = (municipalityCode: string, reviewId: string, field: keyof typeof SEALED) => SEALED[field].context(municipalityCode, reviewId);

/** The row as a stable string: the same change keys the same in any file, line or encoding. */
function canonical(row: ResidentChangeRow): string {
  const { rowNo: _rowNo, ...content } = row;
  return JSON.stringify(Object.keys(content).sort().map((key) => [key, content[key as keyof typeof content]]));
}

export class ResidentChangeService implements SealedColumnOwner {
  readonly sealedColumns = Object.values(SEALED);
  readonly sealedValues = 'numbers of queued resident changes';

  constructor(
    private readonly access: AccessControl,
    private readonly vault: Vault,
  ) {}

  importFile(actor: Actor, input: ImportInput): Promise<ImportReport> {
    return this.access.run(actor, { ...RESIDENT_CHANGE_OPERATIONS['resident.import'], detail: { fileName: input.fileName } }, async (trx, note) => {
      const file = readResidentChangeFile(input.bytes, input.encoding);
      const importId = randomUUID();
      await insertImport(trx, {
        municipalityCode: actor.municipalityCode,
        importId,
        staffNo: actor.staffNo,
        fileName: input.fileName,
        fileSha256: createHash('sha256').update(input.bytes).digest(),
        encoding: file.encoding,
        rowCount: file.rowCount,
        ...{ appliedCount: 0, alreadyAppliedCount: 0, queuedCount: 0, alreadyQueuedCount: 0, invalidCount: 0 },
      });
      const counts = { applied: 0, alreadyApplied: 0, queued: 0, alreadyQueued: 0 };
      const problems: CellProblem[] = [...file.problems];
      const work = this.work(trx, actor);
      for (const row of file.rows) {
        const rowKey = this.vault.lookupHash('resident_change_row', actor.municipalityCode, canonical(row));
        const state = await rowState(trx, rowKey);
        if (state) {
          counts[state === 'applied' ? 'alreadyApplied' : 'alreadyQueued']++;
          continue;
        }
        if (row.addressCode && !(await addressAreaExists(trx, row.addressCode))) {
          problems.push({ row: row.rowNo, column: '住所コード', message: 'この団体の町字にない住所コードです' });
          continue;
        }
        const plan = await this.plan(work, row);
        if (plan.action === 'queue') {
          await this.queue(work, row, rowKey, importId, plan);
          counts.queued++;
        } else {
          const addresseeNo = await this.carryOut(work, row, plan, `${input.fileName} ${row.rowNo}行目`);
          await insertApplied(trx, { municipalityCode: actor.municipalityCode, rowKey, importId, rowNo: row.rowNo, addresseeNo, changeType: row.changeType, effectiveDate: row.effectiveDate });
          counts.applied++;
        }
      }
      const invalid = new Set(problems.map((p) => p.row)).size;
      await completeImport(trx, importId, {
        appliedCount: counts.applied,
        alreadyAppliedCount: counts.alreadyApplied,
        queuedCount: counts.queued,
        alreadyQueuedCount: counts.alreadyQueued,
        invalidCount: invalid,
        problems,
      });
      note.rows(counts.applied + counts.queued);
      note.detail({ importId, ...counts, invalid });
      return { importId, fileName: input.fileName, encoding: file.encoding, rowCount: file.rowCount, ...counts, invalid, problems };
    });
  }

  recentImports(actor: Actor, limit = 20): Promise<ImportRow[]> {
    return this.access.run(actor, { ...RESIDENT_CHANGE_OPERATIONS['resident.import.list'] }, (trx) => listImports(trx, limit));
  }

  importReport(actor: Actor, importId: string): Promise<ImportRow> {
    return this.access.run(actor, { ...RESIDENT_CHANGE_OPERATIONS['resident.import.report'] }, async (trx) => {
      const found = await findImport(trx, importId);
      if (!found) throw Problem.notFound('この取込みの記録はありません。');
      return found;
    });
  }

  reviews(actor: Actor, status: ReviewRow['status'], limit = 200): Promise<ReviewItem[]> {
    return this.access.run(actor, { ...RESIDENT_CHANGE_OPERATIONS['resident.review.list'] }, async (trx, note) => {
      const rows = await listReviews(trx, status, limit);
      note.rows(rows.length);
      return rows.map((row) => {
        const { municipalityCode: _m, rowKey: _k, individualNumberCiphertext: _a, individualNumberKeyId: _b, previousIndividualNumberCiphertext: _c, previousIndividualNumberKeyId: _d, ...shown } = row;
        return { ...shown, maskedIndividualNumber: maskIndividualNumber(this.rowOf(actor.municipalityCode, row).individualNumber) };
      });
    });
  }

  /**
   * A clerk's decision on a queued row: apply it to the addressee they found, register the
   * person (an arrival nobody matched), or dismiss it with a note.
   */
  resolve(actor: Actor, reviewId: string, resolution: Resolution): Promise<{ addresseeNo: string | null }> {
    return this.access.run(actor, RESIDENT_CHANGE_OPERATIONS[`resident.review.${resolution.action}`], async (trx, note) => {
      const review = await findReview(trx, reviewId);
      if (!review) throw Problem.notFound('この確認待ちの行はありません。');
      if (review.status !== 'open') throw Problem.conflict('この行は既に処理済みです。画面を更新してください。');
      const row = this.rowOf(actor.municipalityCode, review);
      const work = this.work(trx, actor);
      let addresseeNo: string | null = null;
      if (resolution.action === 'apply') {
        const chosen = await findAddressee(trx, resolution.addresseeNo);
        if (!chosen) throw Problem.validation([{ field: 'addresseeNo', message: 'この宛名番号の宛名はありません' }]);
        const holder = await integratedNoOfIndividualNumber(work, row.individualNumber);
        if (holder && holder !== chosen.integratedAddresseeNo) {
          throw Problem.conflict('この行の個人番号は別の宛名に登録されています。その宛名に適用してください。', [{ field: 'addresseeNo', message: '個人番号を持つ宛名と違います' }]);
        }
        // Only a 個人番号変更 may replace the number an addressee already has.
        if (!holder && row.changeType !== 'number_changed' && (await holdsIndividualNumber(work, chosen.integratedAddresseeNo))) {
          throw Problem.conflict('選んだ宛名には別の個人番号が登録されています。同じ方か確認してください。', [{ field: 'addresseeNo', message: '別の個人番号を持つ宛名です' }]);
        }
        addresseeNo = await this.carryOut(work, row, planForAddressee(row, chosen.addresseeNo), `確認待ちの行を職員が適用: ${resolution.note}`);
      } else if (resolution.action === 'register') {
        if (!ARRIVALS.has(row.changeType)) throw Problem.validation([{ field: 'action', message: '新規登録できるのは転入・出生の行だけです' }]);
        addresseeNo = await this.carryOut(work, row, { action: 'create' }, `確認待ちの行を職員が新規登録: ${resolution.note}`);
      }
      if (addresseeNo) {
        await insertApplied(trx, { municipalityCode: actor.municipalityCode, rowKey: review.rowKey, importId: review.importId, rowNo: review.rowNo, addresseeNo, changeType: row.changeType, effectiveDate: row.effectiveDate });
        note.subject({ type: 'addressee', id: addresseeNo });
      }
      await resolveReview(trx, reviewId, { status: addresseeNo ? 'applied' : 'dismissed', staffNo: actor.staffNo, note: resolution.note, addresseeNo });
      note.rows(1);
      return { addresseeNo };
    });
  }

  /** Re-seals one batch of queued rows' numbers under the current vault key (`keitax keys rotate`). */
  resealBatch(actor: Actor, batchSize: number): Promise<number> {
    return this.access.run(actor, { ...RESIDENT_CHANGE_OPERATIONS['resident.review.rekey'] }, async (trx, note) => {
      const rows = await reviewsUnderOlderKeys(trx, this.vault.currentKeyId, batchSize);
      let values = 0;
      for (const row of rows) {
        const number = this.vault.reseal({ ciphertext: row.individualNumberCiphertext, keyId: row.individualNumberKeyId }, numberContext(actor.municipalityCode, row.reviewId, 'individual_number'));
        const previous =
          row.previousIndividualNumberCiphertext && row.previousIndividualNumberKeyId
            ? this.vault.reseal({ ciphertext: row.previousIndividualNumberCiphertext, keyId: row.previousIndividualNumberKeyId }, numberContext(actor.municipalityCode, row.reviewId, 'previous_individual_number'))
            : undefined;
        await resealReview(trx, row.reviewId, {
          individualNumberCiphertext: (number ?? { ciphertext: row.individualNumberCiphertext }).ciphertext,
          individualNumberKeyId: number?.keyId ?? row.individualNumberKeyId,
          previousIndividualNumberCiphertext: previous?.ciphertext ?? row.previousIndividualNumberCiphertext,
          previousIndividualNumberKeyId: previous?.keyId ?? row.previousIndividualNumberKeyId,
        });
        values += (number ? 1 : 0) + (previous ? 1 : 0);
      }
      note.rows(values);
      return values;
    });
  }

  /** Looks the row's people up and asks the rules what to do. */
  private async plan(work: AddresseeWork, row: ResidentChangeRow): Promise<Plan> {
    const key = row.changeType === 'number_changed' ? (row.previousIndividualNumber ?? row.individualNumber) : row.individualNumber;
    const holders = await addresseesByIndividualNumber(work, key);
    let lookalikes: string[] = [];
    if (ARRIVALS.has(row.changeType) && holders.length === 0) {
      const match = await matchByBasicItems(work, { nameKanji: row.nameKanji, nameKana: row.nameKana, sexCode: row.sexCode, birthDate: row.birthDate });
      lookalikes = match.candidates.filter((c) => c.match.matched.includes('name') && c.match.matched.includes('birthDate')).map((c) => c.addressee.addresseeNo);
    }
    const newHolder = row.changeType === 'number_changed' ? await integratedNoOfIndividualNumber(work, row.individualNumber) : undefined;
    return planResidentChange(row, {
      holders,
      lookalikes,
      newNumberHeldElsewhere: newHolder !== undefined && !holders.some((h) => h.integratedAddresseeNo === newHolder),
    });
  }

  /** Writes a plan's change (through the addressee register, with its history); returns whose. */
  private async carryOut(work: AddresseeWork, row: ResidentChangeRow, plan: Exclude<Plan, { action: 'queue' }>, source: string): Promise<string> {
    const reason = `住民異動(${CHANGE_TYPE_LABELS[row.changeType]}) ${source}`;
    if (plan.action === 'create') {
      const { nameKanji, nameKana, sexCode, birthDate, postalCode, addressCode, address, individualNumber, effectiveDate } = row;
      const created = await createAddressee(
        work,
        { kind: 'resident', nameKanji, nameKana, sexCode, birthDate, postalCode, addressCode, address, status: 'active', statusDate: effectiveDate, individualNumber },
        { reason, effectiveDate },
      );
      return created.addresseeNo;
    }
    const before = await findAddressee(work.trx, plan.addresseeNo, { lock: true });
    if (!before) throw Problem.notFound(`宛名番号 ${plan.addresseeNo} の宛名はありません。`);
    const statusChanges = plan.changes.status !== undefined && plan.changes.status !== before.status;
    await changeAddressee(work, before, plan.changes, {
      changeKind: statusChanges ? 'status_changed' : plan.attachNumber && row.changeType === 'number_changed' ? 'individual_number_set' : 'updated',
      reason,
      effectiveDate: row.effectiveDate,
      individualNumber: plan.attachNumber,
    });
    return before.addresseeNo;
  }

  private async queue(work: AddresseeWork, row: ResidentChangeRow, rowKey: Buffer, importId: string, plan: Extract<Plan, { action: 'queue' }>): Promise<void> {
    const reviewId = randomUUID();
    const code = work.municipalityCode;
    const number = this.vault.seal(row.individualNumber, numberContext(code, reviewId, 'individual_number'));
    const previous: Sealed | undefined = row.previousIndividualNumber ? this.vault.seal(row.previousIndividualNumber, numberContext(code, reviewId, 'previous_individual_number')) : undefined;
    const { rowNo, changeType, effectiveDate, nameKanji, nameKana, sexCode, birthDate, postalCode, addressCode, address } = row;
    await insertReview(work.trx, {
      municipalityCode: code,
      reviewId,
      rowKey,
      importId,
      ...{ rowNo, changeType, effectiveDate, nameKanji, nameKana, sexCode, birthDate, postalCode, addressCode, address },
      individualNumberCiphertext: number.ciphertext,
      individualNumberKeyId: number.keyId,
      previousIndividualNumberCiphertext: previous?.ciphertext ?? null,
      previousIndividualNumberKeyId: previous?.keyId ?? null,
      reasonCode: plan.reason,
      reasonDetail: JSON.stringify(plan.detail),
    });
  }

  /** The queued row as it came from the file, its numbers opened from the vault. */
  private rowOf(municipalityCode: string, review: ReviewRow): ResidentChangeRow {
    const open = (ciphertext: Uint8Array, keyId: string, field: 'individual_number' | 'previous_individual_number') =>
      this.vault.open({ ciphertext, keyId }, numberContext(municipalityCode, review.reviewId, field));
    return {
      rowNo: review.rowNo,
      changeType: review.changeType,
      effectiveDate: review.effectiveDate,
      individualNumber: open(review.individualNumberCiphertext, review.individualNumberKeyId, 'individual_number'),
      previousIndividualNumber:
        review.previousIndividualNumberCiphertext && review.previousIndividualNumberKeyId
          ? open(review.previousIndividualNumberCiphertext, review.previousIndividualNumberKeyId, 'previous_individual_number')
          : null,
      nameKanji: review.nameKanji,
      nameKana: review.nameKana,
      sexCode: review.sexCode,
      birthDate: review.birthDate,
      postalCode: review.postalCode,
      addressCode: review.addressCode,
      address: review.address,
    };
  }

  private work(trx: CityTransaction, actor: Actor): AddresseeWork {
    return { trx, municipalityCode: actor.municipalityCode, vault: this.vault, actor, source: 'resident_registry' };
  }
}
