import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, type Database } from '../../src/db/database.js';
import { createTestDatabase } from '../support/database.js';
import { FIXTURE_ROLE, insertOneOfEverything } from '../support/fixtures.js';
import { TEST_TARGET } from '../support/target.js';

// Two valid 地方公共団体コード: 越谷市 and 千代田区.
const CITY_A = '112224';
const CITY_B = '131016';

/** Global tables: law-defined reference data and bookkeeping, holding no city data. */
const GLOBAL_TABLES = ['role', 'schema_migration', 'vehicle_class'];

async function cityTables(db: Database): Promise<string[]> {
  const { rows } = await sql<{ tableName: string }>`
    select table_name from information_schema.columns
     where table_schema = 'public' and column_name = 'municipality_code' order by table_name`.execute(db.owner);
  return rows.map((r) => r.tableName);
}

async function countRows(db: Database, context: string | null, table: string, ofCity: string): Promise<number> {
  const query = sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where municipality_code = ${ofCity}`;
  const run = (trx: Parameters<Parameters<Database['withMunicipality']>[1]>[0]) => query.execute(trx);
  const { rows } = context === null ? await db.withoutMunicipality(run) : await db.withMunicipality(context, run);
  return rows[0]?.n ?? -1;
}

describe(`municipality isolation (row-level security, on ${TEST_TARGET})`, () => {
  let db: Database;
  let tables: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.owner.insertInto('role').values({ roleCode: FIXTURE_ROLE, nameJa: '試験用' }).execute();
    await db.withMunicipality(CITY_A, (trx) => insertOneOfEverything(trx, CITY_A));
    await db.withMunicipality(CITY_B, (trx) => insertOneOfEverything(trx, CITY_B));
    tables = await cityTables(db);
  });
  afterAll(() => db.close());

  it('covers every table: each holds a row of both cities', async () => {
    expect(tables.length).toBeGreaterThanOrEqual(18);
    for (const table of tables) {
      expect(await countRows(db, CITY_A, table, CITY_A), `${table} in its own city`).toBe(1 + (table === 'addressee' ? 1 : 0));
      expect(await countRows(db, CITY_B, table, CITY_B), `${table} in its own city`).toBe(1 + (table === 'addressee' ? 1 : 0));
    }
  });

  it("shows one municipality none of the other's rows, in any table", async () => {
    for (const table of tables) {
      expect(await countRows(db, CITY_A, table, CITY_B), `${table}: B seen from A`).toBe(0);
      expect(await countRows(db, CITY_B, table, CITY_A), `${table}: A seen from B`).toBe(0);
    }
  });

  it('shows nothing at all without a municipality', async () => {
    for (const table of tables) {
      expect(await countRows(db, null, table, CITY_A), table).toBe(0);
    }
  });

  it("cannot write into another municipality's data", async () => {
    await expect(
      db.withMunicipality(CITY_A, (trx) =>
        trx.insertInto('office').values({ municipalityCode: CITY_B, officeCode: '99', name: '侵入', kind: 'branch' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await db.withMunicipality(CITY_A, (trx) =>
      trx.updateTable('addressee').set({ nameKanji: '改ざん' }).where('municipalityCode', '=', CITY_B).executeTakeFirst(),
    );
    expect(updated.numUpdatedRows).toBe(0n);
    const deleted = await db.withMunicipality(CITY_A, (trx) =>
      trx.deleteFrom('remark').where('municipalityCode', '=', CITY_B).executeTakeFirst(),
    );
    expect(deleted.numDeletedRows).toBe(0n);
    expect(await countRows(db, CITY_B, 'remark', CITY_B)).toBe(1);
  });

  it('cannot move a row into another municipality', async () => {
    await expect(
      db.withMunicipality(CITY_A, (trx) =>
        trx.updateTable('office').set({ municipalityCode: CITY_B }).where('officeCode', '=', '01').execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('enables and forces row-level security with the policy on every city table, and only there', async () => {
    const { rows } = await sql<{ tableName: string; rls: boolean; forced: boolean; policies: number }>`
      select c.relname as table_name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid and p.polname = 'municipality_isolation') as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' order by 1`.execute(db.owner);
    const isolated = rows.filter((r) => r.rls && r.forced && r.policies === 1).map((r) => r.tableName);
    expect(isolated).toEqual(tables);
    expect(rows.filter((r) => !r.rls).map((r) => r.tableName)).toEqual(GLOBAL_TABLES);
  });

  it('does its work as a role that row-level security binds', async () => {
    const { rows } = await db.withMunicipality(CITY_A, (trx) =>
      sql<{ currentUser: string; rolsuper: boolean; rolbypassrls: boolean }>`
        select current_user, rolsuper, rolbypassrls from pg_roles where rolname = current_user`.execute(trx),
    );
    expect(rows).toEqual([{ currentUser: APP_ROLE, rolsuper: false, rolbypassrls: false }]);
  });

  it('forgets the municipality when the transaction ends', async () => {
    await db.withMunicipality(CITY_A, async () => undefined);
    expect(await countRows(db, null, 'municipality', CITY_A)).toBe(0);
  });

  it('refuses a malformed municipality code before touching the database', async () => {
    await expect(db.withMunicipality("112224' or true --", async () => 1)).rejects.toThrow(/6 digits/);
  });
});
