/** @module A data folder holding the demo city (416 vehicle records), for the tests that run `keitax assess` on one. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { compose } from '../../src/composition.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openPGlite, type EmbeddedDatabase } from '../../src/db/database.js';
import { seedDemoCity } from '../../src/demo/seed.js';
import { loadKeys } from '../../src/keys/keys.js';

export interface DemoFolder {
  /** The settings of a command working on the folder. */
  env: NodeJS.ProcessEnv;
  config: Config;
  /** Opens the folder's database in this process (no command may have it open meanwhile). */
  open(): Promise<EmbeddedDatabase>;
}

/** A new data folder from the migrated test image, with the demo city loaded. */
export async function demoFolder(name: string): Promise<DemoFolder> {
  const env = { KEITAX_DATA_DIR: mkdtempSync(join(tmpdir(), `keitax-${name}-`)), KEITAX_DEMO: 'never', LOG_LEVEL: 'silent' };
  const config = loadConfig(env);
  const dataDir = config.database.kind === 'pglite' ? config.database.dataDir : undefined;
  const open = () => openPGlite(dataDir);
  const db = await openPGlite(dataDir, new Blob([readFileSync(inject('pgliteImage'))]));
  try {
    await seedDemoCity(db, compose({ db, config, keys: loadKeys(config).keys, startedAt: new Date() }).vault);
  } finally {
    await db.close();
  }
  return { env, config, open };
}
