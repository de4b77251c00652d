import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import type { SealedColumn } from '../../src/integrated-addressees/sealed-columns.js';
import { loadKeys } from '../../src/keys/keys.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';

const MIGRATIONS = new URL('../../migrations/', import.meta.url).pathname;

/** Every `table.column` of the schema holding a sealed value: bytea columns named `…_ciphertext`. */
function sealedColumnsOfSchema(): string[] {
  const text = readdirSync(MIGRATIONS)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => readFileSync(join(MIGRATIONS, name), 'utf8'))
    .join('\n');
  const inTables = [...text.matchAll(/create table ([a-z_]+) \(([\s\S]*?)\n\);/g)].flatMap(([, table, body]) =>
    [...(body ?? '').matchAll(/^\s+([a-z_]+_ciphertext)\s+bytea/gm)].map(([, column]) => `${table}.${column}`),
  );
  const added = [...text.matchAll(/alter table ([a-z_]+) add column (?:if not exists )?([a-z_]+_ciphertext)\s+bytea/g)].map(([, table, column]) => `${table}.${column}`);
  return [...inTables, ...added].sort();
}

describe('the vault registry of sealed columns (one keys rotate covers them all)', () => {
  let db: Database;
  let registered: () => SealedColumn[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig(TEST_KEY_ENV);
    const { sealedColumnOwners } = compose({ db, config, keys: loadKeys(config).keys, startedAt: new Date() });
    registered = () => sealedColumnOwners.flatMap((owner) => owner.sealedColumns);
  });
  afterAll(() => db.close());

  it('registers every column of the schema that holds sealed data, and nothing else', () => {
    expect(sealedColumnsOfSchema().length).toBeGreaterThanOrEqual(4);
    expect(registered().map((c) => `${c.table}.${c.column}`).sort()).toEqual(sealedColumnsOfSchema());
  });

  it('keeps each key id in the column beside its value, as the schema has it', async () => {
    const { rows } = await sql<{ tableName: string; columnName: string }>`select table_name, column_name from information_schema.columns where table_schema = 'public'`.execute(db.owner);
    const columns = new Set(rows.map((row) => `${row.tableName}.${row.columnName}`));
    expect(registered().filter((c) => !columns.has(`${c.table}.${c.keyIdColumn}`)).map((c) => `${c.table}.${c.keyIdColumn}`)).toEqual([]);
  });

  it('binds each value to its own row and column', () => {
    const contexts = registered().map((c) => c.context('112224', 'ROW1'));
    expect(new Set(contexts).size).toBe(contexts.length);
    for (const column of registered()) expect(column.context('112224', 'ROW1')).not.toBe(column.context('112224', 'ROW2'));
  });
});
