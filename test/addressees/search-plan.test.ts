import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addresseeSearchSchema } from '../../src/addressees/model.js';
import { matchCandidatesQuery, searchQuery } from '../../src/addressees/repository.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_TARGET } from '../support/target.js';

const CITY = '112224';

/**
 * Row-level security lets the planner use only leakproof operators as index conditions; a
 * search written with LIKE or pg_trgm's % scans the whole register as the application role.
 * With sequential scans priced out, every search shape must still find an index path.
 */
describe(`addressee search stays index-usable under row-level security (${TEST_TARGET})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    // 20,000 addressees with varied keys and fresh statistics, so the planner weighs real choices.
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('municipality').values({ municipalityCode: CITY, name: '試験市', prefecture: '試験県' }).execute();
      await sql`
        insert into addressee (municipality_code, addressee_no, kind, name_kanji, name_kana, sex_code, birth_date, address,
                               name_kanji_search, name_kana_search, name_kanji_search_tail, name_kana_search_tail,
                               address_search, address_search_local, phone_search, search_version)
        select ${CITY}, lpad(g::text, 15, '0'), 'resident', '氏' || g, 'シ' || g, '1', date '1930-01-01' + g % 25000, '町' || g,
               chr(20000 + g % 3000) || g, chr(12449 + g % 80) || g, chr(21000 + g % 500) || g, chr(12449 + g % 70) || g,
               '越谷市' || chr(22000 + g % 400) || g, chr(22000 + g % 400) || g, lpad(g::text, 10, '0'), 1
          from generate_series(1, 20000) g`.execute(trx);
    });
    await sql`analyze addressee`.execute(db.owner);
  });
  afterAll(() => db.close());

  const plan = (build: (trx: Parameters<Parameters<Database['withMunicipality']>[1]>[0]) => { compile(): { sql: string; parameters: readonly unknown[] } }) =>
    db.withMunicipality(CITY, async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const compiled = build(trx).compile();
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(inline(compiled.sql, compiled.parameters))}`.execute(trx);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });

  /** The lines where an index is searched by a condition on `column` (not merely walked and filtered). */
  const indexConditionsOn = (text: string, column: string) => text.split('\n').filter((line) => /Index Cond:/.test(line) && line.includes(column));

  it.each([
    ['kana name', { name: 'ｻﾄｳ ﾀﾛｳ' }, ['name_kana_search ', 'name_kana_search_tail']],
    ['kanji name', { name: '髙橋' }, ['name_kanji_search ', 'name_kanji_search_tail']],
    ['one-character name', { name: '林' }, ['name_kanji_search ']],
    ['address', { address: '越ヶ谷3丁目' }, ['address_search ', 'address_search_local']],
    ['birth date', { birthDate: 'S55.4.15' }, ['birth_date']],
    ['phone', { phone: '048-000-1234' }, ['phone_search']],
    ['addressee number', { addresseeNo: '12' }, ['addressee_no']],
  ])('%s', async (_, criteria, columns) => {
    const text = await plan((trx) => searchQuery(trx, { ...addresseeSearchSchema.parse(criteria), municipalityCode: CITY }));
    expect(text).not.toMatch(/Seq Scan on addressee/);
    for (const column of columns) expect(indexConditionsOn(text, column), `${column}\n${text}`).not.toEqual([]);
  });

  it('for the four-basic-item candidates too', async () => {
    const text = await plan((trx) => matchCandidatesQuery(trx, { municipalityCode: CITY, nameKanji: '高橋太郎', nameKana: 'タカハシタロウ', birthDate: '1980-01-01' }));
    expect(indexConditionsOn(text, 'birth_date')).not.toEqual([]);
    expect(indexConditionsOn(text, 'name_kana_search')).not.toEqual([]);
  });

  it('would catch a search written with LIKE (the check works)', async () => {
    const text = await plan((trx) => trx.selectFrom('addressee').select('addresseeNo').where(sql<boolean>`name_kana_search like '%サトウ%'`));
    expect(indexConditionsOn(text, 'name_kana_search')).toEqual([]);
  });
});

/** Parameters written into the statement, for EXPLAIN (test-only: the values are fixed strings above). */
function inline(text: string, parameters: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = parameters[Number(n) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  });
}
