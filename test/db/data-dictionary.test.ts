import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase } from '../support/database.js';

/** docs/data-dictionary.csv: every item of the seed's 別添1 and the column that holds it. */
function dictionary() {
  const [header, ...lines] = readFileSync(new URL('../../docs/data-dictionary.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const names = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i], value])) as Record<string, string>);
}

async function columnsOf(db: Database): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ tableName: string; columnName: string }>`
    select table_name, column_name from information_schema.columns where table_schema = 'public'`.execute(db.owner);
  const tables = new Map<string, Set<string>>();
  for (const { tableName, columnName } of rows) tables.set(tableName, (tables.get(tableName) ?? new Set()).add(columnName));
  return tables;
}

describe('data dictionary', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('maps the 266 items of 別添1', () => {
    expect(dictionary()).toHaveLength(266);
  });

  it('names only columns that exist in the migrated database', async () => {
    const tables = await columnsOf(db);
    const missing = dictionary()
      .filter((row) => !tables.get(row.table ?? '')?.has(row.column ?? ''))
      .map((row) => `${row.seed_table} ${row.item_no}.${row.item_name} → ${row.table}.${row.column}`);
    expect(missing).toEqual([]);
  });

  it('keeps the deleted-vehicle table the same shape as the vehicle table (軽自削除テーブル)', async () => {
    const tables = await columnsOf(db);
    const vehicle = [...(tables.get('vehicle') ?? [])];
    expect(vehicle.length).toBeGreaterThanOrEqual(73);
    expect(vehicle.filter((column) => !tables.get('vehicle_deleted')?.has(column))).toEqual([]);
  });

  it('gives no vehicle-tax table a column for the individual number (C4)', async () => {
    const tables = await columnsOf(db);
    const offending = [...tables]
      .filter(([table]) => table !== 'integrated_addressee')
      .flatMap(([table, columns]) => [...columns].filter((c) => /individual_number|my_number/.test(c)).map((c) => `${table}.${c}`));
    expect(offending).toEqual([]);
  });
});
