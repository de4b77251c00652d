import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openPGlite, openPostgres, type Database } from '../../src/db/database.js';
import { serverUrl, TEMPLATE_DATABASE, TEST_TARGET } from './target.js';

let image: Blob | undefined;

/**
 * A fresh, migrated database for one test file: a PGlite copy of the migrated image, or a new
 * database on the server copied from the migrated template. Closing it drops it.
 */
export async function createTestDatabase(): Promise<Database> {
  if (TEST_TARGET === 'pglite') {
    image ??= new Blob([readFileSync(inject('pgliteImage'))]);
    return openPGlite(undefined, image);
  }
  const name = `keitax_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`));
  const db = await openPostgres(serverUrl(name), 4);
  const closePool = db.close.bind(db);
  return Object.assign(db, {
    close: async () => {
      await closePool();
      await withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  });
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
