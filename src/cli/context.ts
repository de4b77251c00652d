/**
 * @module What a command-line command works with: the configuration, the database (opened
 * directly, or joined through the running server's socket) and the composed services, closed again
 * when the command ends.
 */
import { readFileSync } from 'node:fs';
import { compose, type AppDependencies } from '../composition.js';
import { loadConfig, type Config } from '../config.js';
import { currentOwner } from '../db/owner-lock.js';
import { openOrJoinDatabase } from '../db/database.js';
import { migrate, type MigrationReport } from '../db/migrate.js';
import { loadKeys } from '../keys/keys.js';
import type { Terminal } from './terminal.js';

/** A command is given what the server is (src/composition.ts), over the configured database. */
export interface CommandContext extends AppDependencies {
  /** What bringing the schema up to date did before the command ran. */
  migration: MigrationReport;
}

/**
 * Opens the configured database (migrated) — through the running server when it owns the
 * embedded folder — runs one command's work, and closes it.
 */
export async function withCommandContext(terminal: Terminal, work: (context: CommandContext) => Promise<void>): Promise<void> {
  const config = withServersCheckpoints(loadConfig(terminal.env));
  const keys = loadKeys(config).keys;
  const db = await openOrJoinDatabase(config.database);
  try {
    const migration = await migrate(db);
    await work({ ...compose({ db, config, keys, startedAt: new Date() }), migration });
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
export async function readSecretLine(terminal: Terminal): Promise<string> {
  let text = '';
  for await (const chunk of terminal.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}
