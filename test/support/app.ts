import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { compose, type AppDependencies } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { loadKeys, type Keys } from '../../src/keys/keys.js';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase } from './database.js';
import { TEST_KEY_ENV } from './keys.js';

export interface TestApp {
  app: FastifyInstance;
  /** The services the app was built with (src/composition.ts). */
  deps: AppDependencies;
  keys: Keys;
  config: ReturnType<typeof loadConfig>;
  /** Every log line the app has written so far. */
  logs(): string;
}

/** The real app over `db`, with logs captured and no built screens (an empty web root). */
export async function buildTestApp(db: Database, env: NodeJS.ProcessEnv = {}, extend?: (app: FastifyInstance) => void): Promise<TestApp> {
  const stream = new PassThrough();
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const config = loadConfig({ LOG_LEVEL: 'info', KEITAX_DATA_DIR: mkdtempSync(join(tmpdir(), 'keitax-test-data-')), ...TEST_KEY_ENV, ...env });
  const { keys } = loadKeys(config);
  const deps = compose({ db, config, keys, startedAt: new Date() });
  const app = await buildApp(
    deps,
    { webRoot: mkdtempSync(join(tmpdir(), 'keitax-no-web-')), logStream: stream },
  );
  extend?.(app);
  await app.ready();
  return { app, deps, keys, config, logs: () => written };
}

/**
 * A fresh database and the app over it for the tests of one describe block: `opened` is handed
 * both before the first test (to keep them and sign someone in), and both close after the last.
 */
export function appPerSuite(opened: (t: TestApp, db: Database) => Promise<void> | void): void {
  let db: Database | undefined;
  let t: TestApp | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    await opened(t, db);
  });
  afterAll(async () => {
    await t?.app.close();
    await db?.close();
  });
}
