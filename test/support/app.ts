import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { buildApp } from '../../src/server/app.js';

export interface TestApp {
  app: FastifyInstance;
  /** Every log line the app has written so far. */
  logs(): string;
}

/** The real app over `db`, with logs captured and no built screens (an empty web root). */
export async function buildTestApp(db: Database, env: NodeJS.ProcessEnv = {}, extend?: (app: FastifyInstance) => void): Promise<TestApp> {
  const stream = new PassThrough();
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const app = await buildApp(
    { db, config: loadConfig({ LOG_LEVEL: 'info', ...env }), startedAt: new Date() },
    { webRoot: mkdtempSync(join(tmpdir(), 'keitax-no-web-')), logStream: stream },
  );
  extend?.(app);
  await app.ready();
  return { app, logs: () => written };
}
