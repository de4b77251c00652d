import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { arrival, generatedIndividualNumber, residentChangeCsv } from '../support/residents.js';

const CITY = '112224';
/** Numbers that go in through every door: a registration, an import, a queued row, a number change. */
const REGISTERED = generatedIndividualNumber(501);
const IMPORTED = generatedIndividualNumber(502);
const QUEUED = generatedIndividualNumber(503);
const CHANGED = generatedIndividualNumber(504);
const NUMBERS = [REGISTERED, IMPORTED, QUEUED, CHANGED];

/**
 * The individual number lives in the vault alone (C4, seed II.2④): after every way in has been
 * used — and the number revealed once — no table column outside the vault's sealed values, no
 * log line, and no response but the audited reveal holds any of the numbers.
 */
describe('no individual number outside the vault (C4)', () => {
  let db: Database;
  let t: TestApp;
  let supervisor: SignedIn;
  let addresseeNo: string;
  let importId: string;
  const responses: { route: string; body: string }[] = [];

  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url, headers: supervisor.headers, ...(payload ? { payload } : {}) });
    responses.push({ route: `${method} ${url}`, body: res.body });
    return res;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    supervisor = await signInAs(t, db, ['supervisor']);
    await db.withMunicipality(CITY, (trx) =>
      trx.insertInto('addressArea').values({ municipalityCode: CITY, addressCode: '100', townName: '越ヶ谷', townNameKana: 'コシガヤ' }).execute(),
    );
    const created = await call('POST', '/api/v1/addressees', {
      kind: 'non_resident',
      nameKanji: '漏洩　検査',
      nameKana: 'ロウエイ　ケンサ',
      address: '東京都足立区架空町1-1',
      individualNumber: REGISTERED,
      reason: '申告',
    });
    addresseeNo = created.json().addresseeNo;
    const csv = residentChangeCsv([
      arrival(502),
      arrival(503, { 異動区分: '転居' }),
      arrival(502, { 異動区分: '個人番号変更', 旧個人番号: IMPORTED, 個人番号: CHANGED, 異動日: '2026-05-01' }),
    ]);
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/resident-changes/imports?fileName=c.csv', headers: { ...supervisor.headers, 'content-type': 'text/csv' }, payload: csv });
    responses.push({ route: 'POST /api/v1/resident-changes/imports', body: imported.body });
    expect(imported.json()).toMatchObject({ applied: 2, queued: 1 });
    importId = imported.json().importId;
    const revealed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/addressees/${addresseeNo}/individual-number/reveal`,
      headers: supervisor.headers,
      payload: { reasonCode: 'other', reason: '検査' },
    });
    expect(revealed.json().individualNumber).toBe(REGISTERED);

    await call('POST', '/api/v1/addressees/search', { name: 'ロウエイ' });
    await call('POST', '/api/v1/addressees/search', { name: 'シケン' });
    await call('POST', '/api/v1/addressees/match', { nameKanji: '漏洩 検査' });
    await call('POST', '/api/v1/integrated-addressees/lookup', { individualNumber: REGISTERED });
    await call('POST', '/api/v1/integrated-addressees/lookup', { individualNumber: '123456789017' });
    // Every GET the API declares, with the parameters this test knows.
    const known: Record<string, string> = { addresseeNo, importId };
    for (const route of t.app.declaredRoutes().filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/'))) {
      const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
      if (params.some((p) => !(p in known))) continue;
      await call('GET', route.url.replace(/:(\w+)/g, (_, p: string) => known[p] ?? ''));
    }
    await call('GET', '/api/v1/resident-changes/reviews?status=open');
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  type Executor = Parameters<Parameters<Database['withMunicipality']>[1]>[0] | Database['owner'];
  const columnsOf = async () => {
    const { rows } = await sql<{ tableName: string; columnName: string; dataType: string }>`
      select c.table_name, c.column_name, c.data_type from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
       where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`.execute(db.owner);
    const cityTables = new Set(rows.filter((c) => c.columnName === 'municipality_code').map((c) => c.tableName));
    return { city: rows.filter((c) => cityTables.has(c.tableName)), global: rows.filter((c) => !cityTables.has(c.tableName)) };
  };
  /** Columns where any of the numbers appears: as text, or as its bytes inside a bytea. */
  const scan = async (executor: Executor, columns: { tableName: string; columnName: string; dataType: string }[]) => {
    const found: string[] = [];
    for (const { tableName, columnName, dataType } of columns) {
      const column = sql.ref(columnName);
      const hit =
        dataType === 'bytea'
          ? sql<{ n: number }>`select count(*)::int as n from ${sql.table(tableName)}
              where ${sql.join(NUMBERS.map((n) => sql`position(convert_to(${n}, 'UTF8') in ${column}) > 0`), sql` or `)}`
          : sql<{ n: number }>`select count(*)::int as n from ${sql.table(tableName)} where ${column}::text like any(${NUMBERS.map((n) => `%${n}%`)})`;
      if (((await hit.execute(executor)).rows[0]?.n ?? 0) > 0) found.push(`${tableName}.${columnName}`);
    }
    return found;
  };

  it('keeps every number out of every column of every table, sealed values included', async () => {
    const columns = await columnsOf();
    expect(columns.city.length).toBeGreaterThan(100);
    // Global tables as the owner; city tables in the city's transaction (row-level security).
    expect(await scan(db.owner, columns.global)).toEqual([]);
    expect(await db.withMunicipality(CITY, (trx) => scan(trx, columns.city))).toEqual([]);
  });

  it('would find a number that leaked into a column (the scan works)', async () => {
    const columns = await columnsOf();
    const rollback = new Error('rollback');
    let found: string[] = [];
    await db
      .withMunicipality(CITY, async (trx) => {
        await trx.updateTable('addressee').set({ phone: REGISTERED }).where('addresseeNo', '=', addresseeNo).execute();
        await trx.updateTable('residentChangeReview').set({ individualNumberCiphertext: new TextEncoder().encode(`x${QUEUED}x`) }).execute();
        found = await scan(trx, columns.city);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    expect(found.sort()).toEqual(['addressee.phone', 'resident_change_review.individual_number_ciphertext']);
  });

  it('keeps every number out of the API responses but the reveal, which are many', async () => {
    expect(responses.length).toBeGreaterThan(10);
    expect(responses.filter((r) => NUMBERS.some((n) => r.body.includes(n))).map((r) => r.route)).toEqual([]);
    expect(responses.some((r) => r.body.includes(`********${REGISTERED.slice(-4)}`))).toBe(true);
  });

  it('keeps every number out of the logs', () => {
    expect(t.logs().length).toBeGreaterThan(0);
    expect(NUMBERS.filter((n) => t.logs().includes(n))).toEqual([]);
  });
});
