import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { searchQuery, type VehicleSearchCriteria } from '../../src/vehicles/repository.js';
import { searchKeyOf } from '../../src/vehicles/search-keys.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_TARGET } from '../support/target.js';

const CITY = '112224';

/**
 * Row-level security lets the planner use only leakproof operators as index conditions; a
 * vehicle search written with LIKE scans the whole register as the application role. With
 * sequential scans priced out, every search shape must still find an index path.
 */
describe(`vehicle search stays index-usable under row-level security (${TEST_TARGET})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    // 20,000 current vehicles with varied keys and fresh statistics, so the planner weighs real choices.
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('municipality').values({ municipalityCode: CITY, name: '試験市', prefecture: '試験県' }).execute();
      await sql`
        insert into addressee (municipality_code, addressee_no, kind, name_kanji, name_kana, address)
        select ${CITY}, lpad(g::text, 15, '0'), 'non_resident', '氏' || g, 'シ' || g, '町' || g from generate_series(1, 2000) g`.execute(trx);
      await sql`
        insert into vehicle (municipality_code, declaration_year, declaration_serial, generation, vehicle_class_code, owner_addressee_no,
                             plate_part_1, plate_part_2, plate_part_3, chassis_no,
                             plate_search, plate_serial_search, plate_search_reversed, chassis_search, chassis_search_reversed)
        select ${CITY}, 2026, g, 1, 'moped_class1', lpad((1 + g % 2000)::text, 15, '0'),
               '越谷市', chr(12354 + g % 40), g::text, 'AF' || (g % 90) || '-' || g,
               '越谷市' || chr(12354 + g % 40) || g, g::text, reverse('越谷市' || chr(12354 + g % 40) || g),
               'AF' || (g % 90) || g, reverse('AF' || (g % 90) || g)
          from generate_series(1, 20000) g`.execute(trx);
    });
    await sql`analyze vehicle`.execute(db.owner);
  });
  afterAll(() => db.close());

  const plan = (criteria: Partial<VehicleSearchCriteria>) =>
    db.withMunicipality(CITY, async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const compiled = searchQuery(trx, { municipalityCode: CITY, includeDeregistered: true, limit: 51, ...criteria }).compile();
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(inline(compiled.sql, compiled.parameters))}`.execute(trx);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });

  /** The lines where an index is searched by a condition on `column` (not merely walked and filtered). */
  const indexConditionsOn = (text: string, column: string) => text.split('\n').filter((line) => /Index Cond:/.test(line) && line.includes(column));

  it.each([
    ['plate, any part (spaced, full width)', { plateKey: searchKeyOf('あ １２３') }, ['plate_search ', 'plate_serial_search', 'plate_search_reversed']],
    ['chassis number, its beginning or its last characters', { chassisKey: searchKeyOf('４５６７') }, ['chassis_search ', 'chassis_search_reversed']],
    ['declaration number', { declarationNo: { year: 2026, serial: 123 } }, ['declaration_serial']],
    ['owner (addressee numbers found by name)', { ownerAddresseeNos: ['000000000000012', '000000000000013'] }, ['owner_addressee_no']],
  ])('%s', async (_, criteria, columns) => {
    const text = await plan(criteria);
    expect(text).not.toMatch(/Seq Scan on vehicle/);
    for (const column of columns) expect(indexConditionsOn(text, column), `${column}\n${text}`).not.toEqual([]);
  });

  it('would catch a search written with LIKE (the check works)', async () => {
    const text = await db.withMunicipality(CITY, async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain select declaration_serial from vehicle where plate_search like '%123%'`.execute(trx);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(indexConditionsOn(text, 'plate_search')).toEqual([]);
  });
});

/** Parameters written into the statement, for EXPLAIN (test-only: the values are fixed strings above). */
function inline(text: string, parameters: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = parameters[Number(n) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  });
}
