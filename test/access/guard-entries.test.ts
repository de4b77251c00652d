import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessControl, forbidden } from '../../src/access/guard.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { loadKeys } from '../../src/keys/keys.js';
import { Problem } from '../../src/server/problem.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';

/**
 * What AccessControl writes into each audit entry: who, the subject the work found, the detail
 * the work noted, the missing permission of a refusal and the status of a failure. The entries
 * are an auditor's only evidence, so every field is pinned.
 */
const CITY = '112224';

describe('AccessControl: what each audit entry says', () => {
  let db: Database;
  let access: AccessControl;
  const lastEntry = () => db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());
  const refusal = (attempt: Promise<unknown>) =>
    attempt.then(
      () => {
        throw new Error('the work was allowed');
      },
      (error: unknown) => error as Problem,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.owner.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県' }).execute();
    access = new AccessControl(db, loadKeys(loadConfig(TEST_KEY_ENV)).keys);
  });
  afterAll(() => db.close());

  it('records who acted, the subject the work found and its detail merged over the spec’s', async () => {
    const result = await access.run(testActor(CITY, ['assessor'], 'S0101'), { permission: 'vehicle.read', operation: 'vehicle.search', detail: { fields: ['plate'], page: 1 } }, async (_trx, note) => {
      note.subject({ type: 'vehicle', id: '2025-7' });
      note.detail({ page: 2 });
      note.detail({ hits: 1 });
      note.rows(1);
      return 'found';
    });
    expect(result).toBe('found');
    expect(await lastEntry()).toMatchObject({
      staffNo: 'S0101',
      officeCode: '01',
      terminal: 'vitest',
      ipAddress: '127.0.0.1',
      operation: 'vehicle.search',
      subjectType: 'vehicle',
      subjectId: '2025-7',
      result: 'succeeded',
      rowCount: 1,
      detail: { fields: ['plate'], page: 2, hits: 1 },
    });
    await access.run(testActor(CITY, ['assessor'], 'S0102'), { permission: 'vehicle.read' }, async () => undefined);
    expect(await lastEntry()).toMatchObject({ staffNo: 'S0102', operation: 'vehicle.read', subjectType: null, subjectId: null, rowCount: null, detail: null });
    // No detail is SQL null, not the JSON value null: `detail is null` finds it.
    const { seq } = await lastEntry();
    expect((await sql<{ n: number }>`select count(*)::int as n from audit_log where seq = ${seq} and detail is null`.execute(db.owner)).rows[0]?.n).toBe(1);
  });

  it('refuses for the first permission the actor lacks, also-required ones included, naming it in Japanese', async () => {
    const assessor = testActor(CITY, ['assessor'], 'S0201');
    const denied = await refusal(access.run(assessor, { permission: 'vehicle.read', alsoRequires: ['data.export', 'audit.read'], subject: { type: 'vehicle', id: '2025-8' } }, async () => 'ran'));
    expect(denied).toEqual(forbidden('data.export'));
    expect(denied).toMatchObject({
      status: 403,
      title: 'この操作を行う権限がありません',
      detail: '「データの一括出力・CSV出力(複製)」の権限がありません。業務上必要な場合は、所属長を通じてシステム管理者に権限の付与を依頼してください。',
    });
    expect(await lastEntry()).toMatchObject({
      staffNo: 'S0201',
      terminal: 'vitest',
      operation: 'vehicle.read',
      subjectType: 'vehicle',
      subjectId: '2025-8',
      result: 'denied',
      rowCount: null,
      detail: { permission: 'data.export' },
    });
    const auditor = testActor(CITY, ['auditor'], 'S0202');
    expect(await refusal(access.run(auditor, { permission: 'audit.read', alsoRequires: ['data.export', 'vehicle.read'], operation: 'audit.export' }, async () => 'ran'))).toEqual(forbidden('vehicle.read'));
    expect(await lastEntry()).toMatchObject({ staffNo: 'S0202', operation: 'audit.export', subjectType: null, subjectId: null, detail: { permission: 'vehicle.read' } });
    expect(await access.run(auditor, { permission: 'audit.read', alsoRequires: ['data.export'] }, async () => 'ran')).toBe('ran');
  });

  it('records a failure with the subject and detail noted so far, and its status: 500 for an unexpected error', async () => {
    const clerk = testActor(CITY, ['assessor'], 'S0301');
    const conflict = Problem.conflict('試験用の失敗');
    await expect(
      access.run(clerk, { permission: 'vehicle.read', detail: { step: 'search' } }, async (_trx, note) => {
        note.subject({ type: 'vehicle', id: '2025-9' });
        note.rows(4);
        throw conflict;
      }),
    ).rejects.toBe(conflict);
    expect(await lastEntry()).toMatchObject({ staffNo: 'S0301', subjectType: 'vehicle', subjectId: '2025-9', result: 'failed', rowCount: null, detail: { step: 'search', status: 409 } });
    const crash = new TypeError('unexpected');
    await expect(access.run(clerk, { permission: 'vehicle.read', subject: { type: 'vehicle', id: '2025-10' } }, async () => Promise.reject(crash))).rejects.toBe(crash);
    expect(await lastEntry()).toMatchObject({ subjectId: '2025-10', result: 'failed', detail: { status: 500 } });
  });
});
