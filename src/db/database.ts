/**
 * @module Opening the database — embedded PGlite or a PostgreSQL server — and the
 * municipality-bound transaction (CityTransaction) in which row-level security keeps each city to
 * its own rows.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type PostgresPoolClient, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import { Problem } from '../server/problem.js';
import { embeddedCopy, serverCopy, type CopyInto } from './bulk-copy.js';
import { currentOwner, takeFolder, type FolderOwner, type Served } from './owner-lock.js';
import { PGliteDialect, SessionTurns } from './pglite-dialect.js';
import { serveOverSocket, type SocketServer } from './pglite-socket-server.js';
import type { DB } from './schema.js';

/** The login role's stand-in for application work: row-level security applies to it. */
export const APP_ROLE = 'keitax_app';
/** The per-transaction setting the row-level-security policies compare `municipality_code` with. */
export const MUNICIPALITY_SETTING = 'keitax.municipality_code';

/** A transaction bound to one municipality: the only handle through which city data is reached. */
export type CityTransaction = Transaction<DB>;

/**
 * Type parsers shared by both drivers, so the two databases hand back identical values:
 * `date` stays a `YYYY-MM-DD` string (a calendar date has no time zone to drift in),
 * `bigint` and `numeric` become numbers (ids and kW figures, far below 2^53).
 */
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const parsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: Number,
  [OID.numeric]: Number,
  [OID.date]: (value) => value,
};

export interface Database {
  readonly kind: DatabaseTarget['kind'];
  /**
   * Runs `work` in one transaction as the application role, with row-level security keyed to
   * `municipalityCode`. Rows of every other municipality are invisible and cannot be written.
   * Any error rolls the whole transaction back.
   */
  withMunicipality<T>(municipalityCode: string, work: (trx: CityTransaction) => Promise<T>): Promise<T>;
  /** Runs `work` as the application role with no municipality: city tables read as empty. */
  withoutMunicipality<T>(work: (trx: CityTransaction) => Promise<T>): Promise<T>;
  /**
   * Like withMunicipality, with `copy` streaming rows into tables by COPY on the transaction's own
   * connection (bulk-copy.ts): for loading a whole city at once, never for requests.
   */
  withBulkLoad<T>(municipalityCode: string, work: (trx: CityTransaction, copy: CopyInto) => Promise<T>): Promise<T>;
  /** Owner access for migrations and maintenance only; never for requests. */
  readonly owner: Kysely<DB>;
  /** Answers whether the database responds, and its server version. */
  ping(): Promise<{ serverVersion: string }>;
  close(): Promise<void>;
}

/** Opens the target directly; an embedded folder is taken for this process (owner-lock.ts). */
export async function openDatabase(target: DatabaseTarget, role: FolderOwner['role'] = 'command'): Promise<Database> {
  return target.kind === 'pglite' ? openPGlite(target.dataDir, undefined, role) : openPostgres(target.url, target.poolSize);
}

/**
 * The CLI's way in. While a server owns the embedded folder, a command talks to the server's
 * database through its socket, so what it writes is there for the server at once, and what the
 * server holds in memory is what the command reads. With no server, the command opens (and so
 * takes) the folder itself.
 */
export async function openOrJoinDatabase(target: DatabaseTarget): Promise<Database> {
  const owner = target.kind === 'pglite' && target.dataDir ? currentOwner(target.dataDir) : undefined;
  if (owner?.role === 'serve' && owner.socketDir) return openPostgres(socketUrl(owner.socketDir), 1);
  return openDatabase(target);
}

/** The connection string of an embedded database served on a socket, as `psql -h DIR` reaches it. */
export function socketUrl(socketDir: string): string {
  return `postgresql://postgres@/postgres?host=${encodeURIComponent(socketDir)}`;
}

export interface EmbeddedDatabase extends Database {
  /** The whole data folder as one uncompressed tarball: a backup, or the image of a new database. */
  snapshot(): Promise<Blob>;
  /**
   * Serves this database on a Unix socket in `socketDir` (pglite-socket-server.ts) and records it
   * in the folder's lock, so CLI commands come in through it instead of opening the folder.
   */
  serveSocket(served: Served): Promise<SocketServer>;
}

/**
 * Opens embedded PostgreSQL; `dataDir` undefined keeps it in memory (tests). A new database may
 * start from `image`, a snapshot of another, which skips initdb. A folder is taken for this
 * process first: while another live process holds it, this throws DatabaseInUseError.
 */
export async function openPGlite(dataDir: string | undefined, image?: Blob, role: FolderOwner['role'] = 'command'): Promise<EmbeddedDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lock = dataDir ? takeFolder(dataDir, role) : undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(image ? { loadDataDir: image } : {}),
      extensions: { pg_trgm, pgcrypto },
      parsers,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const turns = new SessionTurns();
  const owner = kyselyOver(new PGliteDialect(pglite, turns));
  let socket: SocketServer | undefined;
  // A bulk load keeps the session from BEGIN to COMMIT, as a transaction does, and copies on it directly.
  const bulkSession = async (): Promise<BulkSession> => {
    const release = await turns.take();
    const session = kyselyOver(new PGliteDialect(pglite, new SessionTurns()));
    return { owner: session, copy: embeddedCopy(pglite, APP_ROLE), release: () => session.destroy().finally(release) };
  };
  const db = new KyselyDatabase('pglite', owner, bulkSession, async () => {
    await socket?.close();
    await owner.destroy();
    await pglite.close();
    lock?.release();
  });
  return Object.assign(db, {
    snapshot: () => pglite.dumpDataDir('none'),
    serveSocket: async (served: Served) => {
      socket = await serveOverSocket(pglite, turns, served.socketDir);
      lock?.announce(served);
      return socket;
    },
  });
}

/**
 * Connects to a PostgreSQL server. A connection the server drops (a restart, a failover,
 * `pg_terminate_backend`) makes its client emit 'error'; unheard, that event would end the
 * process. Here it is logged, the broken client leaves the pool, and the next query connects anew.
 */
export async function openPostgres(url: string, poolSize = 10, onConnectionError: (error: Error) => void = warnConnectionLost): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: { getTypeParser: (oid, format) => parsers[oid] ?? pg.types.getTypeParser(oid, format) },
  });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  const owner = kyselyOver(new PostgresDialect({ pool }));
  // A bulk load holds one pooled connection: its transaction and its COPY streams run on it.
  const bulkSession = async (): Promise<BulkSession> => {
    const client = await pool.connect();
    const connection: PostgresPoolClient = { query: client.query.bind(client) as PostgresPoolClient['query'], release: () => undefined };
    const session = kyselyOver(new PostgresDialect({ pool: { connect: () => Promise.resolve(connection), end: () => Promise.resolve() } }));
    return { owner: session, copy: serverCopy(client), release: () => session.destroy().finally(() => client.release()) };
  };
  return new KyselyDatabase('postgres', owner, bulkSession, () => owner.destroy());
}

/** One connection held for a bulk load: Kysely over it, and COPY on it. */
interface BulkSession {
  owner: Kysely<DB>;
  copy: CopyInto;
  release(): Promise<void>;
}

function warnConnectionLost(error: Error): void {
  console.warn(`database connection lost (the next query reconnects): ${error.message}`);
}

/** SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, terminate). */
const CONNECTION_LOST_CODE = /^(08|57P0[1-3])/;

/** Did this error come from losing the connection, rather than from the query itself? */
export function isConnectionLost(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_LOST_CODE.test(code) || code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'EPIPE')) return true;
  return typeof message === 'string' && /Connection terminated|not queryable/i.test(message);
}

/** What a request whose connection was lost answers: nothing was saved, try again. */
export const connectionLostProblem = () =>
  new Problem(503, '一時的に利用できません', 'データベースとの接続が切れたため、処理は行われていません。少し待ってから、もう一度お試しください。');

function kyselyOver(dialect: ConstructorParameters<typeof Kysely<DB>>[0]['dialect']): Kysely<DB> {
  return new Kysely<DB>({ dialect, plugins: [new CamelCasePlugin({ underscoreBeforeDigits: true })] });
}

class KyselyDatabase implements Database {
  constructor(
    readonly kind: DatabaseTarget['kind'],
    readonly owner: Kysely<DB>,
    private readonly bulkSession: () => Promise<BulkSession>,
    private readonly closeConnections: () => Promise<void>,
  ) {}

  async withBulkLoad<T>(municipalityCode: string, work: (trx: CityTransaction, copy: CopyInto) => Promise<T>): Promise<T> {
    const session = await this.bulkSession();
    try {
      const onSession = new KyselyDatabase(this.kind, session.owner, this.bulkSession, () => Promise.resolve());
      return await onSession.withMunicipality(municipalityCode, (trx) => work(trx, session.copy));
    } finally {
      await session.release();
    }
  }

  async withMunicipality<T>(municipalityCode: string, work: (trx: CityTransaction) => Promise<T>): Promise<T> {
    if (!/^[0-9]{6}$/.test(municipalityCode)) {
      throw new Error(`municipality code must be 6 digits, got ${JSON.stringify(municipalityCode)}`);
    }
    return this.asApplication(municipalityCode, work);
  }

  withoutMunicipality<T>(work: (trx: CityTransaction) => Promise<T>): Promise<T> {
    return this.asApplication('', work);
  }

  private async asApplication<T>(municipalityCode: string, work: (trx: CityTransaction) => Promise<T>): Promise<T> {
    try {
      return await this.owner.transaction().execute(async (trx) => {
        // set_config(..., true) lasts until the end of this transaction only, so a pooled
        // connection never carries one request's role or municipality into the next.
        await sql`select set_config('role', ${APP_ROLE}, true), set_config(${MUNICIPALITY_SETTING}, ${municipalityCode}, true)`.execute(
          trx,
        );
        return work(trx);
      });
    } catch (error) {
      // The transaction died with its connection, so nothing of it was committed.
      throw isConnectionLost(error) ? connectionLostProblem() : error;
    }
  }

  async ping(): Promise<{ serverVersion: string }> {
    const { rows } = await sql<{ serverVersion: string }>`select current_setting('server_version') as server_version`.execute(
      this.owner,
    );
    return { serverVersion: rows[0]?.serverVersion ?? 'unknown' };
  }

  close(): Promise<void> {
    return this.closeConnections();
  }
}
