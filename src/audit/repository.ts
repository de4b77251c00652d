/**
 * @module SQL of the audit log: appending an entry to the municipality's hash chain and reading
 * the chain back for review and verification.
 */
import { sql } from 'kysely';
import type { CityTransaction } from '../db/database.js';
import { entryHash, normaliseIp, type AuditEvent, type ChainedEntry } from './chain.js';

/**
 * Appends one entry to the municipality's chain inside the caller's transaction, so the entry
 * commits with the change it records or not at all. A transaction-scoped advisory lock orders
 * concurrent writers; callers append last, just before commit, to hold it briefly.
 */
export async function appendAuditEntry(trx: CityTransaction, hmacKey: Buffer, municipalityCode: string, event: AuditEvent): Promise<ChainedEntry> {
  await sql`select pg_advisory_xact_lock(hashtext(${`keitax.audit.${municipalityCode}`}))`.execute(trx);
  const head = await chainHead(trx, municipalityCode);
  const unhashed = {
    ...event,
    ipAddress: normaliseIp(event.ipAddress),
    municipalityCode,
    seq: (head?.seq ?? 0) + 1,
    occurredAt: new Date(),
    previousHash: head?.entryHash ?? null,
  };
  const entry: ChainedEntry = { ...unhashed, entryHash: entryHash(hmacKey, unhashed) };
  await trx
    .insertInto('auditLog')
    .values({ ...entry, detail: entry.detail === null ? null : JSON.stringify(entry.detail) })
    .execute();
  return entry;
}

/** Entries after `afterSeq` in chain order, a page at a time (for verification and export). */
export async function readChainPage(trx: CityTransaction, municipalityCode: string, afterSeq: number, limit: number): Promise<ChainedEntry[]> {
  const rows = await trx
    .selectFrom('auditLog')
    .selectAll()
    .where('municipalityCode', '=', municipalityCode)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, detail: (row.detail ?? null) as Record<string, unknown> | null }));
}

export async function chainHead(trx: CityTransaction, municipalityCode: string): Promise<{ seq: number; entryHash: Uint8Array } | undefined> {
  return trx
    .selectFrom('auditLog')
    .select(['seq', 'entryHash'])
    .where('municipalityCode', '=', municipalityCode)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
