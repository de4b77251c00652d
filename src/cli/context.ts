import { compose, type AppDependencies } from '../composition.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate, type MigrationReport } from '../db/migrate.js';
import { loadKeys } from '../keys/keys.js';

/** A command is given what the server is (src/composition.ts), over the configured database. */
export interface CommandContext extends AppDependencies {
  /** What bringing the schema up to date did before the command ran. */
  migration: MigrationReport;
}

/** Opens the configured database (migrated), runs one command's work, and closes it. */
export async function withCommandContext(work: (context: CommandContext) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const keys = loadKeys(config).keys;
  const db = await openDatabase(config.database);
  try {
    const migration = await migrate(db);
    await work({ ...compose({ db, config, keys, startedAt: new Date() }), migration });
  } finally {
    await db.close();
  }
}

/** Reads the first line of standard input: passwords never go on the command line. */
export async function readSecretLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}
