import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { entryHash } from '../../src/audit/chain.js';
import { checkpointFile, readCheckpoints } from '../../src/audit/checkpoint.js';
import type { VerifyReport } from '../../src/audit/model.js';
import { takeCheckpoint, verifyAuditChain } from '../../src/audit/verify.js';
import { AuditWitness } from '../../src/audit/witness.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { generateKeyMaterial, loadKeys } from '../../src/keys/keys.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';

const CITY = '112224';
const OTHER_CITY = '131016';
const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;
const strangerKeys = loadKeys(loadConfig({ ...TEST_KEY_ENV, ...(({ auditHmacKey, auditSigningKey }) => ({ KEITAX_AUDIT_HMAC_KEY: auditHmacKey, KEITAX_AUDIT_SIGNING_KEY: auditSigningKey }))(generateKeyMaterial()) })).keys;

/** What a database superuser could do: switch the triggers off and edit the table. */
async function tamper(db: Database, ...statements: ReturnType<typeof sql>[]) {
  await db.owner.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger user`.execute(trx);
    for (const statement of statements) await statement.execute(trx);
    await sql`alter table audit_log enable trigger user`.execute(trx);
  });
}

/** A forger re-hashes the chain from `fromSeq` on with `hmacKey`, so every link and hash agrees. */
async function rehash(db: Database, hmacKey: Buffer, fromSeq = 1) {
  const rows = await db.owner.selectFrom('auditLog').selectAll().where('municipalityCode', '=', CITY).orderBy('seq').execute();
  let previous: Uint8Array | null = null;
  for (const row of rows) {
    if (row.seq >= fromSeq) {
      const rehashed = entryHash(hmacKey, { ...row, detail: row.detail as Record<string, unknown> | null, previousHash: previous });
      await tamper(db, sql`update audit_log set previous_hash = ${previous}, entry_hash = ${rehashed} where municipality_code = ${CITY} and seq = ${row.seq}`);
      previous = rehashed;
    } else {
      previous = row.entryHash;
    }
  }
}

const found = (report: VerifyReport) => report.problems.map(({ seq, code }) => ({ seq, code }));

describe('audit chain', () => {
  let db: Database;
  let dir: string;
  let access: AccessControl;

  const readVehicle = (i: number, staffNo = `S${i}`) =>
    access.run(testActor(CITY, ['assessor'], staffNo), { permission: 'vehicle.read', subject: { type: 'vehicle', id: `2025-${i}` }, detail: { b: i, a: ['x', { z: 1, y: null }] } }, async () => i);
  const verify = (withKeys = keys, city = CITY) => db.withMunicipality(city, (trx) => verifyAuditChain(trx, withKeys, dir, city));
  const checkpoint = () => db.withMunicipality(CITY, (trx) => takeCheckpoint(trx, keys, dir, CITY));
  const witnessFiles = () => readdirSync(dir).filter((name) => name.startsWith(`${CITY}.witness.`));
  const witnessLines = () => witnessFiles().flatMap((name) => readFileSync(join(dir, name), 'utf8').trim().split('\n'));

  beforeEach(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'keitax-checkpoints-'));
    await db.owner
      .insertInto('municipality')
      .values([
        { municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県' },
        { municipalityCode: OTHER_CITY, name: '千代田区', prefecture: '東京都' },
      ])
      .execute();
    access = new AccessControl(db, keys, new AuditWitness(dir, keys.audit.hmacKey));
    for (let i = 1; i <= 6; i++) await readVehicle(i);
  });
  afterEach(() => db.close());

  it('verifies an untouched chain, checkpoints and witness included', async () => {
    expect(await checkpoint()).toMatchObject({ seq: 6 });
    expect(await checkpoint()).toBeUndefined(); // head unchanged: nothing new to sign
    expect(await verify()).toEqual({ municipalityCode: CITY, entries: 6, headSeq: 6, checkpoints: 1, witnessedSeq: 6, ok: true, problems: [] });
  });

  describe('finds each tampering', () => {
    it('an edited entry, at its sequence number', async () => {
      await tamper(db, sql`update audit_log set subject_id = '2025-999' where seq = 3`);
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([{ seq: 3, code: 'altered', problem: '記録の内容がハッシュと一致しません(改ざん)' }]);
    });

    it.each([
      ['staff_no', sql`update audit_log set staff_no = 'X1' where seq = 6`],
      ['office_code', sql`update audit_log set office_code = '99' where seq = 6`],
      ['terminal', sql`update audit_log set terminal = 'other' where seq = 6`],
      ['ip_address', sql`update audit_log set ip_address = '192.0.2.9' where seq = 6`],
      ['operation', sql`update audit_log set operation = 'vehicle.write' where seq = 6`],
      ['subject_type', sql`update audit_log set subject_type = 'addressee' where seq = 6`],
      ['result', sql`update audit_log set result = 'denied' where seq = 6`],
      ['row_count', sql`update audit_log set row_count = 5 where seq = 6`],
      ['detail', sql`update audit_log set detail = '{"b":6}' where seq = 6`],
      ['occurred_at', sql`update audit_log set occurred_at = occurred_at - interval '1 second' where seq = 6`],
    ])('the newest entry with its %s edited', async (_field, statement) => {
      await tamper(db, statement);
      expect(found(await verify())).toEqual([{ seq: 6, code: 'altered' }]);
    });

    it('a deleted entry in the middle', async () => {
      await tamper(db, sql`delete from audit_log where seq = 4`);
      const report = await verify();
      expect(found(report)).toEqual([
        { seq: 4, code: 'gap' },
        { seq: 5, code: 'unlinked' },
      ]);
      expect(report.problems[0]?.problem).toBe('連番 4〜4 の記録がありません(削除または番号の付け替え)');
    });

    it('a deleted tail covered by the last checkpoint', async () => {
      await checkpoint();
      await tamper(db, sql`delete from audit_log where seq >= 5`);
      const report = await verify();
      expect(found(report)).toEqual([
        { seq: 6, code: 'truncated' },
        { seq: 6, code: 'truncated' },
      ]);
      expect(report.problems.map((p) => p.problem)).toEqual(expect.arrayContaining([expect.stringMatching(/のチェックポイントにある連番 6 の記録がログにありません\(末尾の削除\)$/)]));
    });

    it('a deleted tail written after the last checkpoint (the window the witness closes)', async () => {
      await checkpoint();
      await readVehicle(7);
      await readVehicle(8);
      await tamper(db, sql`delete from audit_log where seq >= 7`);
      const report = await verify();
      expect(found(report)).toEqual([{ seq: 8, code: 'truncated' }]);
      expect(report.problems[0]?.problem).toMatch(/の証跡\(.+\)にある連番 8 の記録がログにありません/);
    });

    it('the newest entry deleted alone, before any checkpoint', async () => {
      await tamper(db, sql`delete from audit_log where seq = 6`);
      expect(found(await verify())).toEqual([{ seq: 6, code: 'truncated' }]);
    });

    it('swapped entries', async () => {
      await tamper(db, sql`update audit_log set seq = 1000 where seq = 2`, sql`update audit_log set seq = 2 where seq = 5`, sql`update audit_log set seq = 5 where seq = 1000`);
      expect(found(await verify())).toEqual([
        { seq: 2, code: 'unlinked' },
        { seq: 2, code: 'altered' },
        { seq: 3, code: 'unlinked' },
        { seq: 5, code: 'unlinked' },
        { seq: 5, code: 'altered' },
        { seq: 6, code: 'unlinked' },
      ]);
    });

    it('an entry moved to another municipality, in both chains', async () => {
      await tamper(db, sql`update audit_log set municipality_code = ${OTHER_CITY} where seq = 3`);
      expect(found(await verify())).toEqual([
        { seq: 3, code: 'gap' },
        { seq: 4, code: 'unlinked' },
      ]);
      expect(found(await verify(keys, OTHER_CITY))).toEqual([
        { seq: 1, code: 'gap' },
        { seq: 3, code: 'unlinked' },
        { seq: 3, code: 'altered' },
      ]);
    });

    it('a forged entry appended without the key', async () => {
      const head = await db.owner.selectFrom('auditLog').selectAll().where('seq', '=', 6).executeTakeFirstOrThrow();
      const forged = entryHash(strangerKeys.audit.hmacKey, { ...head, seq: 7, detail: null, previousHash: head.entryHash });
      await tamper(db, sql`insert into audit_log (municipality_code, seq, operation, result, previous_hash, entry_hash) values (${CITY}, 7, 'vehicle.read', 'succeeded', ${head.entryHash}, ${forged})`);
      expect(found(await verify())).toEqual([{ seq: 7, code: 'altered' }]);
    });

    it('a consistent rewrite without the key: every entry from the first rewritten one', async () => {
      await tamper(db, sql`update audit_log set subject_id = 'forged' where seq >= 4`);
      await rehash(db, strangerKeys.audit.hmacKey, 4);
      expect(found(await verify())).toEqual([
        { seq: 4, code: 'altered' },
        { seq: 5, code: 'altered' },
        { seq: 6, code: 'altered' },
        { seq: 6, code: 'rewritten' },
      ]);
    });

    it('a consistent rewrite of the whole chain with the HMAC key, through the signed checkpoint and the witness', async () => {
      await checkpoint();
      await tamper(db, sql`update audit_log set subject_id = 'forged'`);
      await rehash(db, keys.audit.hmacKey);
      const report = await verify();
      expect(found(report)).toEqual([
        { seq: 6, code: 'rewritten' },
        { seq: 6, code: 'rewritten' },
      ]);
      expect(report.problems.map((p) => p.problem)).toEqual(expect.arrayContaining([expect.stringMatching(/のチェックポイントと内容が異なります\(チェーンの書き換え\)$/)]));
    });

    it('a consistent rewrite with the key after the last checkpoint, through the witness alone', async () => {
      await checkpoint();
      await readVehicle(7);
      await tamper(db, sql`update audit_log set subject_id = 'forged' where seq = 7`);
      await rehash(db, keys.audit.hmacKey, 7);
      expect(found(await verify())).toEqual([{ seq: 7, code: 'rewritten' }]);
    });

    it('a forged checkpoint line, and one that does not parse', async () => {
      await checkpoint();
      const [line] = readFileSync(checkpointFile(dir, CITY), 'utf8').trim().split('\n');
      appendFileSync(checkpointFile(dir, CITY), `${JSON.stringify({ ...JSON.parse(line!), seq: 5 })}\nnot json\n`);
      expect(readCheckpoints(dir, CITY).checkpoints).toHaveLength(2);
      expect(found(await verify())).toEqual([
        { seq: 0, code: 'checkpoint_unreadable' },
        { seq: 5, code: 'checkpoint_forged' },
      ]);
    });

    it('a checkpoint signed by another key', async () => {
      await checkpoint();
      const report = await verify({ ...keys, audit: { ...keys.audit, verifyKey: strangerKeys.audit.verifyKey } });
      expect(found(report)).toEqual([{ seq: 6, code: 'checkpoint_forged' }]);
    });

    it('forged witness lines: an edited one, one without a valid MAC, one copied from another municipality', async () => {
      const [file] = witnessFiles();
      const lines = witnessLines().map((line) => JSON.parse(line));
      writeFileSync(
        join(dir, file!),
        [
          ...lines.slice(0, 5).map((line) => JSON.stringify(line)),
          JSON.stringify({ ...lines[5], seq: 9 }),
          JSON.stringify({ ...lines[5], mac: 'ab'.repeat(32) }),
          JSON.stringify({ ...lines[5], mac: 'ab' }),
          'not json',
          '',
        ].join('\n'),
      );
      writeFileSync(join(dir, `${OTHER_CITY}.witness.copied.jsonl`), `${JSON.stringify(lines[5])}\n`);
      const report = await verify();
      expect(found(report)).toEqual([
        { seq: 0, code: 'witness_forged' },
        { seq: 0, code: 'witness_forged' },
        { seq: 0, code: 'witness_forged' },
        { seq: 0, code: 'witness_forged' },
      ]);
      expect(report.problems[0]?.problem).toBe(`証跡ファイル ${file} の 6 行目が正しくありません(偽造または破損)`);
      expect(found(await verify(keys, OTHER_CITY))).toEqual([{ seq: 0, code: 'witness_forged' }]);
      expect(report.witnessedSeq).toBe(5);
    });

    it('everything deleted, the checkpoint and witness files kept', async () => {
      await checkpoint();
      await tamper(db, sql`delete from audit_log`);
      const report = await verify();
      expect(report).toMatchObject({ entries: 0, headSeq: 0, ok: false });
      expect(found(report)).toEqual([
        { seq: 6, code: 'truncated' },
        { seq: 6, code: 'truncated' },
      ]);
    });

    it('everything deleted with the checkpoint and witness files: the staff register shows the log existed', async () => {
      await checkpoint();
      await db.withMunicipality(CITY, async (trx) => {
        await trx.insertInto('office').values({ municipalityCode: CITY, officeCode: '01', name: '本庁', kind: 'main' }).execute();
        await trx.insertInto('staff').values({ municipalityCode: CITY, staffNo: 'S1', name: '試験 職員', officeCode: '01', department: '市民税課' }).execute();
      });
      await tamper(db, sql`delete from audit_log`);
      rmSync(dir, { recursive: true });
      const report = await verify();
      expect(report.problems).toEqual([{ seq: 1, code: 'emptied', problem: '職員が 1 人登録されているのに監査ログが空です(全件削除)' }]);
    });

    it('a wrong-length or missing hash, without stopping the walk', async () => {
      await tamper(db, sql`update audit_log set entry_hash = '\\x0102' where seq = 3`, sql`update audit_log set previous_hash = null where seq = 5`);
      expect(found(await verify())).toEqual([
        { seq: 3, code: 'altered' },
        { seq: 4, code: 'unlinked' },
        { seq: 5, code: 'unlinked' },
        { seq: 5, code: 'altered' },
      ]);
      await tamper(db, sql`alter table audit_log alter column entry_hash drop not null`, sql`update audit_log set entry_hash = null where seq = 2`);
      expect(found(await verify())).toContainEqual({ seq: 2, code: 'altered' });
    });
  });
});

describe('an empty chain beside the staff register', () => {
  let db: Database;
  const dir = mkdtempSync(join(tmpdir(), 'keitax-checkpoints-'));
  const verify = () => db.withMunicipality(CITY, (trx) => verifyAuditChain(trx, keys, dir, CITY));

  beforeEach(async () => {
    db = await createTestDatabase();
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県', isDemo: true }).execute();
      await trx.insertInto('office').values({ municipalityCode: CITY, officeCode: '01', name: '本庁', kind: 'main' }).execute();
      await trx.insertInto('staff').values({ municipalityCode: CITY, staffNo: 'D001', name: '試験 職員', officeCode: '01', department: '市民税課' }).execute();
    });
  });
  afterEach(() => db.close());

  it('is expected in the demo city, whose accounts are loaded without audit, until someone signs in', async () => {
    expect(await verify()).toMatchObject({ entries: 0, ok: true, problems: [] });
    await db.withMunicipality(CITY, (trx) => trx.updateTable('staff').set({ lastSignInAt: new Date() }).execute());
    expect((await verify()).problems).toEqual([{ seq: 1, code: 'emptied', problem: 'サインインした職員が 1 人いるのに監査ログが空です(全件削除)' }]);
  });

  it('is expected with no staff at all', async () => {
    await db.withMunicipality(CITY, (trx) => trx.deleteFrom('staff').execute());
    await db.withMunicipality(CITY, (trx) => trx.updateTable('municipality').set({ isDemo: false }).execute());
    expect((await verify()).ok).toBe(true);
  });
});

describe('verifying a chain longer than one page', () => {
  it('checks every entry across the page boundary', async () => {
    const db = await createTestDatabase();
    try {
      await db.owner.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県' }).execute();
      const occurredAt = new Date('2026-04-01T00:00:00Z');
      let previousHash: Uint8Array | null = null;
      const rows = [];
      for (let seq = 1; seq <= 5002; seq++) {
        const unhashed = { municipalityCode: CITY, seq, occurredAt, staffNo: null, officeCode: null, terminal: null, ipAddress: null, operation: 'vehicle.read', subjectType: null, subjectId: null, result: 'succeeded' as const, rowCount: null, detail: null, previousHash };
        const hash = entryHash(keys.audit.hmacKey, unhashed);
        rows.push({ ...unhashed, entryHash: hash });
        previousHash = hash;
      }
      for (let i = 0; i < rows.length; i += 1000) await db.owner.insertInto('auditLog').values(rows.slice(i, i + 1000)).execute();
      const dir = mkdtempSync(join(tmpdir(), 'keitax-checkpoints-'));
      const verify = () => db.withMunicipality(CITY, (trx) => verifyAuditChain(trx, keys, dir, CITY));
      expect(await verify()).toMatchObject({ entries: 5002, headSeq: 5002, ok: true });
      await tamper(db, sql`update audit_log set subject_id = 'x' where seq = 5001`);
      expect(found(await verify())).toEqual([{ seq: 5001, code: 'altered' }]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
