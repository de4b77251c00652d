import { readFileSync } from 'node:fs';
import { AccessControl } from '../access/guard.js';
import { AuditWitness } from '../audit/witness.js';
import { loadConfig, type Config } from '../config.js';
import { currentOwner } from '../db/owner-lock.js';
import { openOrJoinDatabase, type Database } from '../db/database.js';
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

/**
 * Opens the configured database (migrated) — through the running server when it owns the
 * embedded folder — runs one command's work, and closes it.
 */
export async function withCommandContext(work: (context: CommandContext) => Promise<void>): Promise<void> {
  const config = withServersCheckpoints(loadConfig());
  const keys = loadKeys(config).keys;
  const db = await openOrJoinDatabase(config.database);
  try {
    const migration = await migrate(db);
    await work({ config, db, keys, access: new AccessControl(db, keys, new AuditWitness(config.audit.checkpointDir, keys.audit.hmacKey)), migration });
  } finally {
    await db.close();
  }
}

/** Joining a running server, a command signs audit checkpoints where the server does: one chain, one folder. */
function withServersCheckpoints(config: Config): Config {
  const owner = config.database.kind === 'pglite' && config.database.dataDir ? currentOwner(config.database.dataDir) : undefined;
  return owner?.checkpointDir ? { ...config, audit: { ...config.audit, checkpointDir: owner.checkpointDir } } : config;
}

/** Reads a file named on the command line; one that cannot be read is refused saying why, in Japanese. */
export function readInputFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'が見つかりません。ファイル名とフォルダを確かめてください' : code === 'EISDIR' ? 'はフォルダです。ファイルを指定してください' : code === 'EACCES' ? 'を読む権限がありません' : `を読めません(${code ?? String(error)})`;
    throw new Error(`ファイル ${path} ${why}。`, { cause: error });
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
