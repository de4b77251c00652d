import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { appendCheckpoint, checkpointSignatureValid, readCheckpoints, signCheckpoint } from '../../src/audit/checkpoint.js';
import { takeCheckpoint, verifyAuditChain } from '../../src/audit/verify.js';
import { AuditWitness } from '../../src/audit/witness.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { loadKeys } from '../../src/keys/keys.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';

/**
 * How verification and checkpoints reach the database: each municipality's own chain, paged
 * from the start, and the staff register weighed against an empty chain. One database for the
 * file and one municipality per test, so each test stands alone and the file is quick enough
 * to mutate (the tamper matrix, a database per case, is `chain.test.ts`).
 */
const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;

describe('verification and checkpoints on the database', () => {
  let db: Database;
  let access: AccessControl;
  const dir = mkdtempSync(join(tmpdir(), 'keitax-verify-'));
  const verify = (city: string, checkpointDir = dir) => db.withMunicipality(city, (trx) => verifyAuditChain(trx, keys, checkpointDir, city));
  const checkpoint = (city: string, checkpointDir: string) => db.withMunicipality(city, (trx) => takeCheckpoint(trx, keys, checkpointDir, city));
  const touch = (city: string, times: number) =>
    Array.from({ length: times }).reduce<Promise<unknown>>(
      (previous, _, i) => previous.then(() => access.run(testActor(city, ['assessor'], `S${i}`), { permission: 'vehicle.read', subject: { type: 'vehicle', id: `2025-${i}` } }, async () => i)),
      Promise.resolve(),
    );
  const city = async (municipalityCode: string, { isDemo = false, staff = 0, signedIn = 0 } = {}) => {
    await db.owner.insertInto('municipality').values({ municipalityCode, name: `市${municipalityCode}`, prefecture: '埼玉県', isDemo }).execute();
    await db.withMunicipality(municipalityCode, async (trx) => {
      if (staff === 0) return;
      await trx.insertInto('office').values({ municipalityCode, officeCode: '01', name: '本庁', kind: 'main' }).execute();
      for (let i = 0; i < staff; i++) {
        await trx
          .insertInto('staff')
          .values({ municipalityCode, staffNo: `D00${i}`, name: '試験 職員', officeCode: '01', department: '市民税課', lastSignInAt: i < signedIn ? new Date() : null })
          .execute();
      }
    });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    access = new AccessControl(db, keys, new AuditWitness(dir, keys.audit.hmacKey));
  });
  afterAll(() => db.close());

  it("walks the municipality's own chain, not another's", async () => {
    await city('112224');
    await city('131016');
    await touch('112224', 3);
    await touch('131016', 2);
    expect(await verify('112224')).toEqual({ municipalityCode: '112224', entries: 3, headSeq: 3, checkpoints: 0, witnessedSeq: 3, ok: true, problems: [] });
    expect(await verify('131016')).toMatchObject({ municipalityCode: '131016', entries: 2, headSeq: 2, witnessedSeq: 2, ok: true });
  });

  it('weighs an empty chain against the staff register: accounts, sign-ins, the demo city', async () => {
    await city('112038', { staff: 2 });
    expect((await verify('112038')).problems).toEqual([{ seq: 1, code: 'emptied', problem: '職員が 2 人登録されているのに監査ログが空です(全件削除)' }]);
    await city('011002', { staff: 3, signedIn: 2 });
    expect((await verify('011002')).problems).toEqual([{ seq: 1, code: 'emptied', problem: 'サインインした職員が 2 人いるのに監査ログが空です(全件削除)' }]);
    // The demo city's accounts are loaded without audit: only a sign-in shows the log existed.
    await city('271004', { isDemo: true, staff: 2 });
    expect(await verify('271004')).toMatchObject({ entries: 0, ok: true, problems: [] });
    await city('141003', { isDemo: true, staff: 2, signedIn: 1 });
    expect((await verify('141003')).problems).toEqual([{ seq: 1, code: 'emptied', problem: 'サインインした職員が 1 人いるのに監査ログが空です(全件削除)' }]);
    await city('401307');
    expect((await verify('401307')).ok).toBe(true);
    // A code with no municipality row has no staff either: nothing to weigh, and no crash.
    expect(await verify('472018')).toMatchObject({ entries: 0, ok: true, problems: [] });
  });

  it('signs the head once, again when it moves or when the last checkpoint names another hash', async () => {
    const own = mkdtempSync(join(tmpdir(), 'keitax-verify-'));
    await city('231002');
    expect(await checkpoint('231002', own)).toBeUndefined();
    expect(readCheckpoints(own, '231002').checkpoints).toEqual([]);
    await touch('231002', 2);
    const first = await checkpoint('231002', own);
    expect(first).toMatchObject({ municipalityCode: '231002', seq: 2 });
    expect(checkpointSignatureValid(keys, first!)).toBe(true);
    expect(await checkpoint('231002', own)).toBeUndefined();
    await touch('231002', 1);
    expect(await checkpoint('231002', own)).toMatchObject({ seq: 3 });
    // A checkpoint of the same number but another hash is not the head: the head is signed again.
    appendCheckpoint(own, signCheckpoint(keys, '231002', { seq: 3, entryHash: Buffer.alloc(32) }));
    expect(await checkpoint('231002', own)).toMatchObject({ seq: 3 });
    expect(readCheckpoints(own, '231002').checkpoints.map((c) => c.seq)).toEqual([2, 3, 3, 3]);
    expect(await verify('231002', own)).toMatchObject({ ok: false, checkpoints: 4, problems: [{ seq: 3, code: 'rewritten' }] });
  });
});
