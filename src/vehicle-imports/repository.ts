/** @module SQL of forwarded-data imports and the records taken from them (the review queue among them). */
import type { Insertable, Selectable } from 'kysely';
import type { CityTransaction } from '../db/database.js';
import type { VehicleImport, VehicleImportRecord } from '../db/schema.js';

export type ImportRow = Selectable<VehicleImport>;
export type TakenRecordRow = Selectable<VehicleImportRecord>;

export async function insertImport(trx: CityTransaction, row: Insertable<VehicleImport>): Promise<void> {
  await trx.insertInto('vehicleImport').values(row).execute();
}

export async function completeImport(
  trx: CityTransaction,
  importId: string,
  counts: Pick<ImportRow, 'appliedCount' | 'queuedCount' | 'alreadyTakenCount' | 'invalidCount'> & { problems: unknown },
): Promise<void> {
  await trx
    .updateTable('vehicleImport')
    .set({ ...counts, problems: JSON.stringify(counts.problems) })
    .where('importId', '=', importId)
    .execute();
}

export async function listImports(trx: CityTransaction, limit: number): Promise<ImportRow[]> {
  return trx.selectFrom('vehicleImport').selectAll().orderBy('importedAt', 'desc').limit(limit).execute();
}

/** Whether a record with this key was taken before, from any file. */
export async function isTaken(trx: CityTransaction, recordKey: Buffer): Promise<boolean> {
  return (await trx.selectFrom('vehicleImportRecord').select('recordId').where('recordKey', '=', recordKey).executeTakeFirst()) !== undefined;
}

export async function insertRecord(trx: CityTransaction, row: Insertable<VehicleImportRecord>): Promise<void> {
  await trx.insertInto('vehicleImportRecord').values(row).execute();
}

export async function listRecords(trx: CityTransaction, status: TakenRecordRow['status'], limit: number): Promise<TakenRecordRow[]> {
  return trx.selectFrom('vehicleImportRecord').selectAll().where('status', '=', status).orderBy('takenAt').orderBy('rowNo').limit(limit).execute();
}

export async function findRecord(trx: CityTransaction, recordId: string): Promise<TakenRecordRow | undefined> {
  return trx.selectFrom('vehicleImportRecord').selectAll().where('recordId', '=', recordId).forUpdate().executeTakeFirst();
}

export async function resolveRecord(
  trx: CityTransaction,
  recordId: string,
  resolution: Pick<TakenRecordRow, 'status' | 'reasonCode' | 'ownerAddresseeNo' | 'resolvedByStaffNo' | 'resolutionNote'> & Partial<Pick<TakenRecordRow, 'appliedDeclarationNo' | 'appliedGeneration' | 'appliedAt'>>,
): Promise<void> {
  await trx
    .updateTable('vehicleImportRecord')
    .set({ ...resolution, resolvedAt: new Date() })
    .where('recordId', '=', recordId)
    .execute();
}
