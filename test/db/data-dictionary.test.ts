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

  it('gives no table but the vault a column for the individual number, and the vault only sealed or hashed ones (C4)', async () => {
    const tables = await columnsOf(db);
    const numberColumns = [...tables].flatMap(([table, columns]) =>
      [...columns].filter((c) => /individual_number|my_number|provision_code/.test(c)).map((c) => `${table}.${c}`),
    );
    // integrated_addressee is the vault; queued resident changes keep their rows' numbers sealed by it until a clerk decides.
    const VAULT_TABLES = new Set(['integrated_addressee', 'resident_change_review']);
    expect(numberColumns.filter((c) => !VAULT_TABLES.has(c.split('.')[0] ?? ''))).toEqual([]);
    expect(numberColumns.filter((c) => !/_(ciphertext|key_id|lookup_hash)$/.test(c))).toEqual([]);
  });
});
