import { AccessControl } from '../access/guard.js';
import { AuditWitness } from '../audit/witness.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrate, type MigrationReport } from '../db/migrate.js';
import { loadKeys, type Keys } from '../keys/keys.js';

export interface CommandContext {
  config: Config;
  db: Database;
  keys: Keys;
  access: AccessControl;
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
    await work({ config, db, keys, access: new AccessControl(db, keys, new AuditWitness(config.audit.checkpointDir, keys.audit.hmacKey)), migration });
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
