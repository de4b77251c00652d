import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPGlite, openPostgres } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { serverUrl, TEMPLATE_DATABASE, TEST_TARGET } from './target.js';

/**
 * Migrates one database before the suite, so each test file only copies it: a PGlite snapshot
 * on disk, or a template database on the server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  return TEST_TARGET === 'postgres' ? prepareServerTemplate() : preparePGliteImage(project);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated PGlite snapshot that test databases start from. */
    pgliteImage: string;
  }
}

async function preparePGliteImage(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'keitax-test-'));
  const db = await openPGlite(undefined);
  try {
    await migrate(db);
    const file = join(dir, 'migrated.tar');
    writeFileSync(file, Buffer.from(await (await db.snapshot()).arrayBuffer()));
    project.provide('pgliteImage', file);
  } finally {
    await db.close();
  }
  return async () => rmSync(dir, { recursive: true, force: true });
}

async function prepareServerTemplate() {
  await dropTestDatabases();
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const db = await openPostgres(serverUrl(TEMPLATE_DATABASE), 1);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  return dropTestDatabases;
}

async function dropTestDatabases() {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'keitax\\_test\\_%'`,
    );
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await admin.end();
  }
}
