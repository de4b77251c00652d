/** @module SQL of the integrated addressee register (団体内統合宛名, S3) and its record of reveals. */
import type { Selectable } from 'kysely';
import type { CityTransaction } from '../db/database.js';
import type { IndividualNumberReveal, IntegratedAddressee } from '../db/schema.js';
import type { Sealed } from './vault.js';

export type IntegratedAddresseeRow = Selectable<IntegratedAddressee>;
export type RevealReasonCode = Selectable<IndividualNumberReveal>['reasonCode'];

export async function insertIntegratedAddressee(trx: CityTransaction, municipalityCode: string, integratedAddresseeNo: string): Promise<void> {
  await trx.insertInto('integratedAddressee').values({ municipalityCode, integratedAddresseeNo }).execute();
}

export async function findIntegratedAddressee(trx: CityTransaction, integratedAddresseeNo: string): Promise<IntegratedAddresseeRow | undefined> {
  return trx.selectFrom('integratedAddressee').selectAll().where('integratedAddresseeNo', '=', integratedAddresseeNo).executeTakeFirst();
}

export async function findByIndividualNumberHash(trx: CityTransaction, hash: Buffer): Promise<string | undefined> {
  const row = await trx.selectFrom('integratedAddressee').select('integratedAddresseeNo').where('individualNumberLookupHash', '=', hash).executeTakeFirst();
  return row?.integratedAddresseeNo;
}

export async function findByProvisionCodeHash(trx: CityTransaction, hash: Buffer): Promise<string | undefined> {
  const row = await trx.selectFrom('integratedAddressee').select('integratedAddresseeNo').where('provisionCodeLookupHash', '=', hash).executeTakeFirst();
  return row?.integratedAddresseeNo;
}

export async function storeIndividualNumber(
  trx: CityTransaction,
  integratedAddresseeNo: string,
  columns: Pick<IntegratedAddresseeRow, 'individualNumberCiphertext' | 'individualNumberKeyId' | 'individualNumberLookupHash'>,
): Promise<void> {
  await trx
    .updateTable('integratedAddressee')
    .set({ ...columns, updatedAt: new Date() })
    .where('integratedAddresseeNo', '=', integratedAddresseeNo)
    .execute();
}

export async function storeProvisionCode(trx: CityTransaction, integratedAddresseeNo: string, sealed: Sealed, lookupHash: Buffer): Promise<void> {
  await trx
    .updateTable('integratedAddressee')
    .set({ provisionCodeCiphertext: sealed.ciphertext, provisionCodeKeyId: sealed.keyId, provisionCodeLookupHash: lookupHash, updatedAt: new Date() })
    .where('integratedAddresseeNo', '=', integratedAddresseeNo)
    .execute();
}

/** Rows with a value sealed under a key other than `currentKeyId`, a batch at a time, locked. */
export async function rowsUnderOlderKeys(trx: CityTransaction, currentKeyId: string, limit: number): Promise<IntegratedAddresseeRow[]> {
  return trx
    .selectFrom('integratedAddressee')
    .selectAll()
    .where((eb) => eb.or([eb('individualNumberKeyId', '<>', currentKeyId), eb('provisionCodeKeyId', '<>', currentKeyId)]))
    .orderBy('integratedAddresseeNo')
    .limit(limit)
    .forUpdate()
    .execute();
}

export async function resealRow(trx: CityTransaction, integratedAddresseeNo: string, individualNumber: Sealed | undefined, provisionCode: Sealed | undefined): Promise<void> {
  await trx
    .updateTable('integratedAddressee')
    .set({
      ...(individualNumber ? { individualNumberCiphertext: individualNumber.ciphertext, individualNumberKeyId: individualNumber.keyId } : {}),
      ...(provisionCode ? { provisionCodeCiphertext: provisionCode.ciphertext, provisionCodeKeyId: provisionCode.keyId } : {}),
      updatedAt: new Date(),
    })
    .where('integratedAddresseeNo', '=', integratedAddresseeNo)
    .execute();
}

export async function insertReveal(
  trx: CityTransaction,
  row: { municipalityCode: string; staffNo: string; addresseeNo: string; reasonCode: RevealReasonCode; reason: string },
): Promise<{ revealId: string; revealedAt: Date }> {
  return trx.insertInto('individualNumberReveal').values(row).returning(['revealId', 'revealedAt']).executeTakeFirstOrThrow();
}

export async function findReveal(trx: CityTransaction, revealId: string): Promise<Selectable<IndividualNumberReveal> | undefined> {
  return trx.selectFrom('individualNumberReveal').selectAll().where('revealId', '=', revealId).executeTakeFirst();
}
