import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { appliedMigrations, loadMigrations, migrate, MigrationError } from '../../src/db/migrate.js';
import { renderSchemaTypes } from '../../src/db/schema-types.js';
import { createTestDatabase } from '../support/database.js';

describe('migrations', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('are all applied to a test database, in order', async () => {
    const applied = await appliedMigrations(db);
    expect(applied.map((m) => m.name)).toEqual(loadMigrations().map((m) => m.name));
  });

  it('apply nothing the second time', async () => {
    const report = await migrate(db);
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toBe(loadMigrations().length);
  });

  it('refuse a migration edited after it was applied, and change nothing', async () => {
    const edited = loadMigrations().map((m, i) => (i === 1 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(db, edited)).rejects.toThrow(MigrationError);
    expect(await appliedMigrations(db)).toHaveLength(loadMigrations().length);
  });

  it('roll back entirely when a new migration fails', async () => {
    const broken = [
      ...loadMigrations(),
      { version: '9998', name: '9998_ok', sql: 'create table scratch_ok (id int)', checksum: 'a' },
      { version: '9999', name: '9999_broken', sql: 'create table scratch_broken (id nonexistent_type)', checksum: 'b' },
    ];
    await expect(migrate(db, broken)).rejects.toThrow();
    const rows = await db.owner.selectFrom('schemaMigration').select('version').where('version', '>=', '9998').execute();
    expect(rows).toEqual([]);
  });

  it('are the source of src/db/schema.ts, which is up to date (npm run db:types)', async () => {
    const committed = readFileSync(new URL('../../src/db/schema.ts', import.meta.url), 'utf8');
    expect(await renderSchemaTypes(db)).toBe(committed);
  });
});
