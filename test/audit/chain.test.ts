import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { entryHash } from '../../src/audit/chain.js';
import { readCheckpoints } from '../../src/audit/checkpoint.js';
import { takeCheckpoint, verifyAuditChain } from '../../src/audit/verify.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { loadKeys } from '../../src/keys/keys.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';

const CITY = '112224';
const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;

/** What a database administrator could do: switch the triggers off and edit the table. */
async function tamper(db: Database, statement: ReturnType<typeof sql>) {
  await db.owner.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger user`.execute(trx);
    await statement.execute(trx);
    await sql`alter table audit_log enable trigger user`.execute(trx);
  });
}

describe('audit chain', () => {
  let db: Database;
  let dir: string;

  beforeEach(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'keitax-checkpoints-'));
    await db.withMunicipality(CITY, (trx) =>
      trx.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県' }).execute(),
    );
    const access = new AccessControl(db, keys);
    for (let i = 1; i <= 6; i++) {
      await access.run(testActor(CITY, ['assessor'], `S${i}`), { permission: 'vehicle.read', subject: { type: 'vehicle', id: `2025-${i}` }, detail: { b: i, a: ['x', { z: 1, y: null }] } }, async () => i);
    }
  });
  afterEach(() => db.close());

  const verify = (withKeys = keys) => db.withMunicipality(CITY, (trx) => verifyAuditChain(trx, withKeys, dir, CITY));
  const checkpoint = () => db.withMunicipality(CITY, (trx) => takeCheckpoint(trx, keys, dir, CITY));

  it('verifies an untouched chain, checkpoints included', async () => {
    expect(await checkpoint()).toMatchObject({ seq: 6 });
    expect(await checkpoint()).toBeUndefined(); // head unchanged: nothing new to sign
    expect(await verify()).toEqual({ municipalityCode: CITY, entries: 6, headSeq: 6, checkpoints: 1, ok: true, problems: [] });
  });

  it('finds an edited entry, at its sequence number', async () => {
    await tamper(db, sql`update audit_log set subject_id = '2025-999' where seq = 3`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ seq: 3, problem: 'content does not match its hash (altered)' }]);
  });

  it('finds a deleted entry', async () => {
    await tamper(db, sql`delete from audit_log where seq = 4`);
    const report = await verify();
    expect(report.problems.map((p) => p.seq)).toEqual([4, 5]);
    expect(report.problems[0]?.problem).toMatch(/missing/);
  });

  it('finds reordered entries', async () => {
    await tamper(db, sql`update audit_log set seq = 1000 where seq = 2`);
    await tamper(db, sql`update audit_log set seq = 2 where seq = 5`);
    await tamper(db, sql`update audit_log set seq = 5 where seq = 1000`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]?.seq).toBe(2);
    expect(report.problems[0]?.problem).toMatch(/link/);
  });

  it('finds a consistent rewrite of the whole chain by someone holding the HMAC key, through the signed checkpoint', async () => {
    await checkpoint();
    // Rewrite every entry's subject and re-hash the chain from the start, as a forger with the key would.
    await tamper(db, sql`update audit_log set subject_id = 'forged'`);
    const rows = await db.owner.selectFrom('auditLog').selectAll().orderBy('seq').execute();
    let previous: Uint8Array | null = null;
    for (const row of rows) {
      const rehashed = entryHash(keys.audit.hmacKey, { ...row, detail: row.detail as Record<string, unknown>, previousHash: previous });
      await tamper(db, sql`update audit_log set previous_hash = ${previous}, entry_hash = ${rehashed} where seq = ${row.seq}`);
      previous = rehashed;
    }
    const report = await verify();
    expect(report.problems).toEqual([{ seq: 6, problem: expect.stringMatching(/differs from the checkpoint/) }]);
  });

  it('finds a truncated log through the checkpoint', async () => {
    await checkpoint();
    await tamper(db, sql`delete from audit_log where seq >= 5`);
    expect((await verify()).problems).toEqual([{ seq: 6, problem: expect.stringMatching(/truncated/) }]);
  });

  it('refuses a checkpoint signed by another key', async () => {
    await checkpoint();
    const stranger = loadKeys(loadConfig({ ...TEST_KEY_ENV, KEITAX_AUDIT_SIGNING_KEY: (await import('../../src/keys/keys.js')).generateKeyMaterial().auditSigningKey })).keys;
    expect(readCheckpoints(dir, CITY).checkpoints).toHaveLength(1);
    const report = await verify(stranger);
    expect(report.problems[0]?.problem).toMatch(/invalid signature/);
  });
});
