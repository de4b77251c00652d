/**
 * @module Applying the SQL migrations of `migrations/` in order, each once, and refusing a
 * database whose applied migration was changed since.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.js';

/** `migrations/` at the package root: two levels up from both src/db and dist/db. */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {}

/** Reads `NNNN_name.sql` files in version order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.replace(/\.sql$/, ''),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/**
 * Applies pending migrations as the database owner, all in one transaction: either the schema
 * reaches the newest version or it stays where it was. A migration already applied must be
 * unchanged (its checksum is kept): editing history is refused, write a new migration instead.
 * An advisory lock keeps two starting processes from racing.
 */
export async function migrate(db: Database, migrations = loadMigrations()): Promise<MigrationReport> {
  const owner = db.owner;
  await sql`create table if not exists schema_migration (
    version text primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(owner);

  return owner.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('keitax.migrate'))`.execute(trx);
    const done = new Map(
      (await trx.selectFrom('schemaMigration').select(['version', 'name', 'checksum']).execute()).map((row) => [
        row.version,
        row,
      ]),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = done.get(migration.version);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new MigrationError(
            `migration ${migration.name} was changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      await sql.raw(migration.sql).execute(trx);
      await trx
        .insertInto('schemaMigration')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: done.size };
  });
}

export async function appliedMigrations(db: Database): Promise<{ version: string; name: string; appliedAt: Date }[]> {
  return db.owner.selectFrom('schemaMigration').select(['version', 'name', 'appliedAt']).orderBy('version').execute();
}
