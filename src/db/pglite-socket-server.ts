/**
 * @module The running server's embedded database offered to other processes (the command line,
 * psql) over a Unix socket speaking the PostgreSQL wire protocol, in the same turns as the
 * server's own queries.
 */
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { SessionTurns } from './pglite-dialect.js';

/** libpq's name for a server's socket in its socket folder (port 5432): `psql -h FOLDER` finds it. */
export const SOCKET_FILE = '.s.PGSQL.5432';

/** A client that holds the session inside a transaction and says nothing for this long is cut off. */
const IDLE_IN_TRANSACTION_MS = 60_000;

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);

export interface SocketServer {
  /** The folder holding the socket, as `psql -h` and node-postgres's `host` take it. */
  readonly socketDir: string;
  close(): Promise<void>;
}

/**
 * Serves one PGlite over the PostgreSQL wire protocol on a Unix socket, so the CLI, `psql` and
 * `pg_dump` reach the database the running server holds (docs/decisions/0008-one-owner-of-the-embedded-database.md).
 *
 * PGlite is one session. A client takes a turn (the same turns as in-process queries) with its
 * first message and keeps it until PGlite answers ReadyForQuery outside a transaction: neither a
 * transaction nor an extended-protocol batch (Parse … Sync) of one holder ever interleaves with
 * another's. The folder is the owner's alone (0700): the socket itself asks for no password.
 */
export async function serveOverSocket(pglite: PGlite, turns: SessionTurns, socketDir: string): Promise<SocketServer> {
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  chmodSync(socketDir, 0o700);
  const path = join(socketDir, SOCKET_FILE);
  // Only the owner of the data folder's lock gets here: a socket left behind is a crashed owner's.
  rmSync(path, { force: true });
  const sessions = new Set<WireSession>();
  const server = createServer((socket) => {
    const session = new WireSession(pglite, turns, socket);
    sessions.add(session);
    socket.once('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    socketDir,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...sessions].map((session) => session.end()));
      await closed;
    },
  };
}

class WireSession {
  private buffer = Buffer.alloc(0);
  private work: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private ended: Promise<void> | undefined;

  constructor(
    private readonly pglite: PGlite,
    private readonly turns: SessionTurns,
    private readonly socket: Socket,
  ) {
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.work = this.work.then(() => this.drain()).catch(() => void socket.destroy());
    });
    socket.on('error', () => socket.destroy());
    socket.once('close', () => void this.end());
  }

  /** Gives the session back, first undoing what the client left open. */
  end(): Promise<void> {
    return (this.ended ??= (async () => {
      this.socket.destroy();
      await this.work;
      clearTimeout(this.idleTimer);
      if (!this.release) return;
      // A client gone mid-batch or mid-transaction: end the batch, roll back, and move on.
      await this.pglite.runExclusive(() => this.pglite.execProtocolRaw(SYNC));
      // exec takes PGlite's own query lock; the raw protocol calls above need it taken for them.
      if (this.pglite.isInTransaction()) await this.pglite.exec('rollback');
      this.giveBack();
    })());
  }

  private async drain(): Promise<void> {
    for (let message = this.nextMessage(); message; message = this.nextMessage()) {
      if (this.ended) return;
      await this.handle(message);
    }
  }

  /** The next whole message off the buffer: a startup-phase one (length first) or a typed one. */
  private nextMessage(): Buffer | undefined {
    if (this.buffer.length < 5) return undefined;
    const startupPhase = this.buffer.length >= 8 && [SSL_REQUEST, CANCEL_REQUEST, PROTOCOL_3].includes(this.buffer.readInt32BE(4));
    const length = startupPhase ? this.buffer.readInt32BE(0) : 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return undefined;
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return message;
  }

  private async handle(message: Buffer): Promise<void> {
    const code = message.length >= 8 ? message.readInt32BE(4) : 0;
    if (code === SSL_REQUEST) {
      this.socket.write('N');
      return;
    }
    // There is no backend to signal: a cancel request is dropped, as the protocol allows.
    if (code === CANCEL_REQUEST) return void this.socket.end();
    if (message[0] === 0x58 /* Terminate */) return void this.socket.end();

    clearTimeout(this.idleTimer);
    this.release ??= await this.turns.take();
    let tail = Buffer.alloc(0);
    await this.pglite.runExclusive(() =>
      this.pglite.execProtocolRawStream(message, {
        onRawData: (data) => {
          this.socket.write(data);
          tail = Buffer.concat([tail, data]).subarray(-6);
        },
      }),
    );
    // ReadyForQuery ('Z', length 5, status) ends every reply to Sync or Query; 'I' = no transaction.
    const ready = tail.length === 6 && tail[0] === 0x5a && tail.readInt32BE(1) === 5;
    if (ready && tail[5] === 0x49) this.giveBack();
    else this.idleTimer = setTimeout(() => void this.end(), IDLE_IN_TRANSACTION_MS).unref();
  }

  private giveBack(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}
