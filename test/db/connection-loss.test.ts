import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { Problem } from '../../src/server/problem.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { serverUrl, TEST_TARGET } from '../support/target.js';

/**
 * A PostgreSQL restart, a failover or `pg_terminate_backend` drops the pool's connections. The
 * requests then in flight fail cleanly (503, nothing saved); the process lives; the next ones
 * connect anew and succeed.
 */
describe.runIf(TEST_TARGET === 'postgres')('a dropped database connection', () => {
  let db: Database;
  let t: TestApp;
  let admin: SignedIn;
  let databaseName: string;

  /** Ends every connection of the app's pool, as an administrator of the server would. */
  async function terminateBackends(): Promise<number> {
    const client = new pg.Client({ connectionString: serverUrl() });
    await client.connect();
    try {
      const { rowCount } = await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [databaseName]);
      return rowCount ?? 0;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    databaseName = String((await sql<{ name: string }>`select current_database() as name`.execute(db.owner)).rows[0]?.name);
    t = await buildTestApp(db, {}, (app) =>
      // A request that is still at the database when its connection goes.
      app.get('/test/slow', { config: { permission: 'public' } }, () =>
        db.withMunicipality(t.config.municipalityCode, async (trx) => {
          await sql`select pg_sleep(3)`.execute(trx);
          return { ok: true };
        }),
      ),
    );
    admin = await signInAs(t, db, ['system_admin'], 'ADM01');
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  const listStaff = () => t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: admin.headers });

  it('lives through the loss of idle pooled connections, and the next requests succeed', async () => {
    await Promise.all([listStaff(), listStaff(), listStaff()]);
    expect(await terminateBackends()).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const response of await Promise.all([listStaff(), listStaff()])) expect(response.statusCode).toBe(200);
  });

  it('answers a request in flight with a Japanese 503 problem, then serves the next', async () => {
    const inFlight = t.app.inject({ method: 'GET', url: '/test/slow' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await terminateBackends();
    const response = await inFlight;
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 503, title: '一時的に利用できません', detail: expect.stringContaining('データベースとの接続が切れたため、処理は行われていません') });
    expect((await listStaff()).statusCode).toBe(200);
  });

  it('rolls back the transaction it was in, and says so as a problem to the caller', async () => {
    const work = db.withMunicipality(t.config.municipalityCode, async (trx) => {
      await trx.insertInto('office').values({ municipalityCode: t.config.municipalityCode, officeCode: '77', name: '消える拠点', kind: 'branch' }).execute();
      await sql`select pg_sleep(3)`.execute(trx);
    });
    // Held from the start: the rejection arrives while the backends are being terminated.
    const outcome = work.then(
      () => 'committed',
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await terminateBackends();
    expect(await outcome).toBeInstanceOf(Problem);
    const offices = await db.withMunicipality(t.config.municipalityCode, (trx) => trx.selectFrom('office').select('officeCode').where('officeCode', '=', '77').execute());
    expect(offices).toEqual([]);
  });
});
