/**
 * @module Who holds an embedded database folder. PGlite is one process's memory over a folder: a second
 * process opening the same folder works on its own copy and the last to close overwrites the
 * other's writes. So every direct open takes this lock, and the server, while it holds it, lets
 * others in through its socket (docs/decisions/0008-one-owner-of-the-embedded-database.md).
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

export interface FolderOwner {
  pid: number;
  host: string;
  /** `serve`: the server; `command`: a CLI command that opened the folder itself. */
  role: 'serve' | 'command';
  startedAt: string;
  /** Where the owner serves the database (pglite-socket-server.ts); absent until it does. */
  socketDir?: string;
  /** Where the serving owner signs audit checkpoints: a command joining it signs there too. */
  checkpointDir?: string;
}

/** What a serving owner tells the commands that join it. */
export type Served = Required<Pick<FolderOwner, 'socketDir' | 'checkpointDir'>>;

/** Refused: another live process owns the folder. The message says what to do, in Japanese. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly owner: FolderOwner,
  ) {
    super(inUseMessage(folder, owner));
  }
}

function inUseMessage(folder: string, owner: FolderOwner): string {
  const who = owner.role === 'serve' ? `動作中の keitax サーバー(pid ${owner.pid})` : `別の keitax コマンド(pid ${owner.pid})`;
  const todo =
    owner.role === 'serve'
      ? owner.socketDir
        ? 'keitax のコマンドはサーバー経由でこのデータベースを使います。直接開く必要があるときは、先にサーバーを止めてください。'
        : 'サーバーの起動が終わるまで数秒待ってから、もう一度実行してください。'
      : 'そのコマンドが終わるのを待ってから、もう一度実行してください。'
  return `組み込みデータベース ${folder} は${who}が使用中のため、開けません。${todo}`;
}

export function lockFileOf(pgliteDir: string): string {
  return `${pgliteDir}.lock`;
}

/** The folder the owner's socket lives in: beside the database, inside the data folder. */
export function socketDirOf(pgliteDir: string): string {
  return join(dirname(pgliteDir), 'socket');
}

/** The live owner of the folder, if any; a lock left by a process that has gone is ignored. */
export function currentOwner(pgliteDir: string): FolderOwner | undefined {
  const owner = readOwner(lockFileOf(pgliteDir));
  return owner && isAlive(owner) ? owner : undefined;
}

export interface HeldLock {
  /** Records where the owner now serves the database, for the next CLI command to find. */
  announce(served: Served): void;
  release(): void;
}

/** Takes the folder for this process, or throws DatabaseInUseError naming the live owner. */
export function takeFolder(pgliteDir: string, role: FolderOwner['role']): HeldLock {
  const file = lockFileOf(pgliteDir);
  mkdirSync(dirname(file), { recursive: true });
  const me: FolderOwner = { pid: process.pid, host: hostname(), role, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = readOwner(file);
      if (owner && isAlive(owner)) throw new DatabaseInUseError(pgliteDir, owner);
      // The owner died without closing (killed, power cut): its lock means nothing now.
      rmSync(file, { force: true });
    }
  }
  const stillMine = () => readOwner(file)?.pid === me.pid;
  return {
    announce: (served) => writeFileSync(file, JSON.stringify({ ...me, ...served }), { mode: 0o600 }),
    release: () => {
      if (stillMine()) rmSync(file, { force: true });
    },
  };
}

function readOwner(file: string): FolderOwner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as FolderOwner;
  } catch {
    // Missing, or half-written by a process killed while writing it: nobody holds it.
    return undefined;
  }
}

/** A process on another host cannot be checked: its lock stands until removed by hand. */
function isAlive(owner: FolderOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
