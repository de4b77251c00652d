import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { AuditReview, type AuditQuery } from '../../src/audit/service.js';
import { AuditWitness } from '../../src/audit/witness.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { loadKeys } from '../../src/keys/keys.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';

/** The auditor's questions of the log (C7, C18), asked of the service itself. */
const CITY = '112224';
const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;
const auditor = testActor(CITY, ['auditor'], 'AUD01');

describe('AuditReview', () => {
  let db: Database;
  let access: AccessControl;
  let review: AuditReview;
  const dir = mkdtempSync(join(tmpdir(), 'keitax-review-'));
  const search = (query: Partial<AuditQuery>) => review.search(auditor, { limit: 100, ...query });
  const lastEntry = async () => (await search({ limit: 1 }))[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.owner.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県' }).execute();
    access = new AccessControl(db, keys, new AuditWitness(dir, keys.audit.hmacKey));
    review = new AuditReview(access, keys, dir);
    const read = (staffNo: string, operation: string, id: string) =>
      access.run(testActor(CITY, ['assessor'], staffNo), { permission: 'vehicle.read', operation, subject: { type: 'vehicle', id }, detail: { note: 'x' } }, async (_trx, note) => note.rows(3));
    await read('S1', 'vehicle.read', '2025-1');
    await read('S2', 'vehicle.search', '2025-2');
    await read('S1', 'vehicle_read', '2025-3'); // an underscore, which LIKE would read as a wildcard
    await access.run(testActor(CITY, ['auditor'], 'S3'), { permission: 'vehicle.read', subject: { type: 'addressee', id: '9' } }, async () => 0).catch(() => undefined);
    // Entries dated on both sides of a Japanese calendar day: 2026-04-01 runs 03-31T15:00Z–04-01T15:00Z.
    await sql`alter table audit_log disable trigger user`.execute(db.owner);
    await sql`update audit_log set occurred_at = '2026-03-31T15:00:00Z' where seq = 1`.execute(db.owner);
    await sql`update audit_log set occurred_at = '2026-04-01T14:59:59Z' where seq = 2`.execute(db.owner);
    await sql`update audit_log set occurred_at = '2026-04-01T15:00:00Z' where seq = 3`.execute(db.owner);
    await sql`update audit_log set occurred_at = '2026-03-31T14:59:59Z' where seq = 4`.execute(db.owner);
    await sql`alter table audit_log enable trigger user`.execute(db.owner);
  });
  afterAll(() => db.close());

  it('returns entries newest first, as the API sends them', async () => {
    const entries = await search({ to: '2026-04-02' });
    expect(entries.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(entries[3]).toEqual({
      seq: 1,
      occurredAt: '2026-03-31T15:00:00.000Z',
      staffNo: 'S1',
      officeCode: '01',
      terminal: 'vitest',
      ipAddress: '127.0.0.1',
      operation: 'vehicle.read',
      subjectType: 'vehicle',
      subjectId: '2025-1',
      result: 'succeeded',
      rowCount: 3,
      detail: { note: 'x' },
    });
  });

  it('filters by each criterion, and records which criteria were used (never their values)', async () => {
    const seqs = async (query: Partial<AuditQuery>) => (await search({ to: '2026-04-02', ...query })).map((e) => e.seq);
    expect(await seqs({ staffNo: 'S1' })).toEqual([3, 1]);
    expect(await seqs({ subjectType: 'addressee' })).toEqual([4]);
    expect(await seqs({ subjectId: '2025-2' })).toEqual([2]);
    expect(await seqs({ operation: 'vehicle.' })).toEqual([4, 2, 1]);
    expect(await seqs({ operation: 'vehicle_' })).toEqual([3]);
    expect(await seqs({ operation: '%' })).toEqual([]);
    expect(await seqs({ result: 'denied' })).toEqual([4]);
    expect(await seqs({ beforeSeq: 3 })).toEqual([2, 1]);
    expect(await seqs({ limit: 2 })).toEqual([4, 3]);
    expect(await lastEntry()).toMatchObject({ operation: 'audit.search', result: 'succeeded', rowCount: 2, detail: { criteria: ['to'] } });
    await search({ staffNo: 'S1', subjectId: undefined, result: 'denied' });
    expect((await lastEntry())?.detail).toEqual({ criteria: ['staffNo', 'result'] });
  });

  it('reads a period as Japanese calendar days, both ends included', async () => {
    const seqs = async (from: string, to: string) => (await search({ from, to })).map((e) => e.seq);
    expect(await seqs('2026-04-01', '2026-04-01')).toEqual([2, 1]);
    expect(await seqs('2026-03-31', '2026-03-31')).toEqual([4]);
    expect(await seqs('2026-04-02', '2026-04-02')).toEqual([3]);
  });

  it('exports only for an actor holding both the export and the read permission, recorded as an export', async () => {
    const rows = await review.search(auditor, { staffNo: 'S2', limit: 10 }, { download: true });
    expect(rows).toHaveLength(1);
    expect(await lastEntry()).toMatchObject({ operation: 'audit.export', rowCount: 1 });
    const readerOnly = { ...auditor, permissions: new Set(['audit.read' as const]) };
    await expect(review.search(readerOnly, { limit: 1 }, { download: true })).rejects.toMatchObject({ status: 403 });
    const exporterOnly = { ...auditor, permissions: new Set(['data.export' as const]) };
    await expect(review.search(exporterOnly, { limit: 1 }, { download: true })).rejects.toMatchObject({ status: 403 });
    expect(await lastEntry()).toMatchObject({ operation: 'audit.export', result: 'denied', detail: { permission: 'audit.read' } });
    await expect(review.search(testActor(CITY, ['assessor']), { limit: 1 })).rejects.toMatchObject({ status: 403 });
  });

  it('verifies the chain and records the verdict in the chain itself', async () => {
    const report = await review.verify(auditor);
    // The test dated entries by hand, so the chain shows them altered: the verdict is recorded as it is.
    expect(report).toMatchObject({ ok: false, municipalityCode: CITY });
    expect(await lastEntry()).toMatchObject({ operation: 'audit.verify', detail: { ok: false, entries: report.entries, problems: report.problems.length } });
  });

  it('signs a checkpoint of the head, its own audit entry following it', async () => {
    const first = await review.checkpoint(auditor);
    expect(first?.seq).toBeGreaterThan(4);
    const again = await review.checkpoint(auditor);
    // The first checkpoint's own audit entry moved the head on by one.
    expect(again).toEqual({ seq: first!.seq + 1 });
    const emptyDir = new AuditReview(access, keys, mkdtempSync(join(tmpdir(), 'keitax-review-')));
    expect(await emptyDir.checkpoint(auditor)).toMatchObject({ seq: expect.any(Number) });
  });
});
