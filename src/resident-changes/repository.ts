/** @module SQL of resident-change imports, applied rows and the review queue. */
import type { Insertable, Selectable } from 'kysely';
import type { CityTransaction } from '../db/database.js';
import type { ResidentChangeApplied, ResidentChangeImport, ResidentChangeReview } from '../db/schema.js';

export type ReviewRow = Selectable<ResidentChangeReview>;
export type ImportRow = Selectable<ResidentChangeImport>;

export async function insertImport(trx: CityTransaction, row: Insertable<ResidentChangeImport>): Promise<void> {
  await trx.insertInto('residentChangeImport').values(row).execute();
}

export async function completeImport(
  trx: CityTransaction,
  importId: string,
  counts: Pick<ImportRow, 'appliedCount' | 'alreadyAppliedCount' | 'queuedCount' | 'alreadyQueuedCount' | 'invalidCount'> & { problems: unknown },
): Promise<void> {
  await trx
    .updateTable('residentChangeImport')
    .set({ ...counts, problems: JSON.stringify(counts.problems) })
    .where('importId', '=', importId)
    .execute();
}

export async function listImports(trx: CityTransaction, limit: number): Promise<ImportRow[]> {
  return trx.selectFrom('residentChangeImport').selectAll().orderBy('importedAt', 'desc').limit(limit).execute();
}

export async function findImport(trx: CityTransaction, importId: string): Promise<ImportRow | undefined> {
  return trx.selectFrom('residentChangeImport').selectAll().where('importId', '=', importId).executeTakeFirst();
}

/** Whether a row with this key was applied or queued before, in any file. */
export async function rowState(trx: CityTransaction, rowKey: Buffer): Promise<'applied' | 'queued' | undefined> {
  if (await trx.selectFrom('residentChangeApplied').select('rowNo').where('rowKey', '=', rowKey).executeTakeFirst()) return 'applied';
  if (await trx.selectFrom('residentChangeReview').select('rowNo').where('rowKey', '=', rowKey).executeTakeFirst()) return 'queued';
  return undefined;
}

export async function insertApplied(trx: CityTransaction, row: Insertable<ResidentChangeApplied>): Promise<void> {
  await trx.insertInto('residentChangeApplied').values(row).execute();
}

export async function insertReview(trx: CityTransaction, row: Insertable<ResidentChangeReview>): Promise<void> {
  await trx.insertInto('residentChangeReview').values(row).execute();
}

export async function listReviews(trx: CityTransaction, status: ReviewRow['status'], limit: number): Promise<ReviewRow[]> {
  return trx.selectFrom('residentChangeReview').selectAll().where('status', '=', status).orderBy('queuedAt').orderBy('rowNo').limit(limit).execute();
}

export async function findReview(trx: CityTransaction, reviewId: string): Promise<ReviewRow | undefined> {
  return trx.selectFrom('residentChangeReview').selectAll().where('reviewId', '=', reviewId).forUpdate().executeTakeFirst();
}

export async function resolveReview(
  trx: CityTransaction,
  reviewId: string,
  resolution: { status: 'applied' | 'dismissed'; staffNo: string | null; note: string; addresseeNo: string | null },
): Promise<void> {
  await trx
    .updateTable('residentChangeReview')
    .set({ status: resolution.status, resolvedAt: new Date(), resolvedByStaffNo: resolution.staffNo, resolutionNote: resolution.note, addresseeNo: resolution.addresseeNo })
    .where('reviewId', '=', reviewId)
    .execute();
}

/** Queued rows with a number sealed under a key other than `currentKeyId`, locked, a batch at a time. */
export async function reviewsUnderOlderKeys(trx: CityTransaction, currentKeyId: string, limit: number): Promise<ReviewRow[]> {
  return trx
    .selectFrom('residentChangeReview')
    .selectAll()
    .where((eb) => eb.or([eb('individualNumberKeyId', '<>', currentKeyId), eb('previousIndividualNumberKeyId', '<>', currentKeyId)]))
    .orderBy('reviewId')
    .limit(limit)
    .forUpdate()
    .execute();
}

export async function resealReview(
  trx: CityTransaction,
  reviewId: string,
  sealed: Pick<ReviewRow, 'individualNumberCiphertext' | 'individualNumberKeyId' | 'previousIndividualNumberCiphertext' | 'previousIndividualNumberKeyId'>,
): Promise<void> {
  await trx.updateTable('residentChangeReview').set(sealed).where('reviewId', '=', reviewId).execute();
}
