import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import type { Database } from '../../src/db/database.js';
import { loadConfig } from '../../src/config.js';
import { loadKeys } from '../../src/keys/keys.js';
import { Problem } from '../../src/server/problem.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { insertOneOfEverything } from '../support/fixtures.js';
import { TEST_KEY_ENV } from '../support/keys.js';

const CITY = '112224';

describe('AccessControl: the one door to city data', () => {
  let db: Database;
  let access: AccessControl;
  const auditRows = () =>
    db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').selectAll().orderBy('seq').execute());

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.owner.insertInto('role').values({ roleCode: 'fixture_role', nameJa: '試験用' }).execute();
    await db.withMunicipality(CITY, (trx) => insertOneOfEverything(trx, CITY));
    access = new AccessControl(db, loadKeys(loadConfig(TEST_KEY_ENV)).keys);
  });
  afterAll(() => db.close());

  it('runs permitted work and records who touched whose data, with the row count, in the same transaction', async () => {
    const before = (await auditRows()).length;
    const names = await access.run(
      testActor(CITY, ['counter_clerk'], 'C0001'),
      { permission: 'addressee.read', subject: { type: 'addressee', id: `${CITY}000000001` } },
      async (trx, note) => {
        const rows = await trx.selectFrom('addressee').select('nameKanji').where('addresseeNo', '=', `${CITY}000000001`).execute();
        note.rows(rows.length);
        return rows;
      },
    );
    expect(names).toEqual([{ nameKanji: '試験　一郎' }]);
    const entry = (await auditRows()).at(-1);
    expect((await auditRows()).length).toBe(before + 1);
    expect(entry).toMatchObject({
      staffNo: 'C0001',
      officeCode: '01',
      ipAddress: '127.0.0.1',
      operation: 'addressee.read',
      subjectType: 'addressee',
      subjectId: `${CITY}000000001`,
      result: 'succeeded',
      rowCount: 1,
    });
  });

  it('refuses work the actor lacks the permission for, runs none of it, and records the refusal', async () => {
    let ran = false;
    const attempt = access.run(testActor(CITY, ['auditor'], 'A0001'), { permission: 'addressee.read', subject: { type: 'addressee', id: 'x' } }, async () => {
      ran = true;
    });
    await expect(attempt).rejects.toMatchObject({ status: 403 });
    expect(ran).toBe(false);
    expect((await auditRows()).at(-1)).toMatchObject({ staffNo: 'A0001', operation: 'addressee.read', result: 'denied', subjectId: 'x' });
  });

  it('rolls back failed work and records the failure', async () => {
    const attempt = access.run(testActor(CITY, ['assessor']), { permission: 'addressee.write', operation: 'addressee.update' }, async (trx) => {
      await trx.updateTable('addressee').set({ phone: '048-000-0000' }).where('addresseeNo', '=', `${CITY}000000001`).execute();
      throw Problem.conflict('試験用の失敗');
    });
    await expect(attempt).rejects.toBeInstanceOf(Problem);
    const phone = await db.withMunicipality(CITY, (trx) => trx.selectFrom('addressee').select('phone').where('addresseeNo', '=', `${CITY}000000001`).executeTakeFirst());
    expect(phone?.phone).toBeNull();
    expect((await auditRows()).at(-1)).toMatchObject({ operation: 'addressee.update', result: 'failed', detail: { status: 409 } });
  });

  it('fails closed: when the audit entry cannot be written, the work does not happen', async () => {
    await sql`revoke insert on audit_log from keitax_app`.execute(db.owner);
    try {
      const attempt = access.run(testActor(CITY, ['assessor']), { permission: 'addressee.write' }, (trx) =>
        trx.updateTable('addressee').set({ phone: '048-000-1111' }).where('addresseeNo', '=', `${CITY}000000001`).execute(),
      );
      await expect(attempt).rejects.toThrow(/permission denied/);
    } finally {
      await sql`grant insert on audit_log to keitax_app`.execute(db.owner);
    }
    const phone = await db.withMunicipality(CITY, (trx) => trx.selectFrom('addressee').select('phone').where('addresseeNo', '=', `${CITY}000000001`).executeTakeFirst());
    expect(phone?.phone).toBeNull();
  });

  it('lets the application role neither change nor delete audit entries, and the owner neither', async () => {
    await expect(db.withMunicipality(CITY, (trx) => trx.updateTable('auditLog').set({ operation: 'x' }).execute())).rejects.toThrow(/permission denied/);
    await expect(db.withMunicipality(CITY, (trx) => trx.deleteFrom('auditLog').execute())).rejects.toThrow(/permission denied/);
    await expect(sql`update audit_log set operation = 'x'`.execute(db.owner)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db.owner)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db.owner)).rejects.toThrow(/append-only/);
  });
});
