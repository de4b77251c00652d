import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { verifyAuditChain } from '../../src/audit/verify.js';
import { AuditWitness } from '../../src/audit/witness.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { loadKeys } from '../../src/keys/keys.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';

/** AccessControl witnesses each head it commits (ADR 0009), and only what is committed. */
const CITY = '112224';
const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;

describe('witnessing the chain through AccessControl', () => {
  let db: Database;
  let access: AccessControl;
  const dir = mkdtempSync(join(tmpdir(), 'keitax-witnessing-'));
  const read = () => access.run(testActor(CITY, ['assessor']), { permission: 'vehicle.read' }, async () => 'read');
  const witnessed = () =>
    readdirSync(dir)
      .filter((name) => name.startsWith(`${CITY}.witness.`))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').trim().split('\n'))
      .map((line) => JSON.parse(line).seq as number);
  const verify = () => db.withMunicipality(CITY, (trx) => verifyAuditChain(trx, keys, dir, CITY));

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.owner.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県' }).execute();
    access = new AccessControl(db, keys, new AuditWitness(dir, keys.audit.hmacKey));
  });
  afterAll(() => db.close());

  it('writes one line per committed head, in a file of this process, after the commit', async () => {
    await read();
    await read();
    expect(readdirSync(dir)).toEqual([`${CITY}.witness.${hostname()}-${process.pid}.jsonl`]);
    expect(witnessed()).toEqual([1, 2]);
    // A denial and a failure are committed entries of their own; the failed work's rollback leaves none.
    await expect(access.run(testActor(CITY, ['auditor']), { permission: 'vehicle.read' }, async () => 1)).rejects.toMatchObject({ status: 403 });
    await expect(
      access.run(testActor(CITY, ['assessor']), { permission: 'vehicle.read' }, async () => {
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(witnessed()).toEqual([1, 2, 3, 4]);
    expect(await verify()).toMatchObject({ ok: true, headSeq: 4, witnessedSeq: 4 });
  });

  it('witnesses an entry appended inside a caller-held transaction when the next one is appended', async () => {
    await db.withMunicipality(CITY, (trx) =>
      access.append(trx, testActor(CITY, []), { operation: 'auth.sign_in', subjectType: 'staff', subjectId: 'S1', result: 'succeeded', rowCount: null, detail: null }),
    );
    expect((await verify()).witnessedSeq).toBe(4);
    await read();
    expect(witnessed()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps a commit when its witness cannot be written, and says so', async () => {
    const errors: unknown[] = [];
    const blocked = join(dir, 'not-a-folder');
    writeFileSync(blocked, '');
    const unwitnessed = new AccessControl(db, keys, new AuditWitness(blocked, keys.audit.hmacKey, (error) => errors.push(error)));
    await expect(unwitnessed.run(testActor(CITY, ['assessor']), { permission: 'vehicle.read' }, async () => 'read')).resolves.toBe('read');
    // Both tries failed: the head before it (seen while appending) and its own, after the commit.
    expect(errors).toHaveLength(2);
    expect((await verify()).headSeq).toBe(7);
  });
});
