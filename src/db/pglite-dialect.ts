/**
 * @module The Kysely dialect over embedded PGlite, with the turns that keep each transaction to
 * itself on PGlite's single session.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Turns at PGlite's one session. In-process queries (this dialect) and clients of the socket
 * (pglite-socket-server.ts) take the same turns, so a transaction, whoever began it, runs from
 * BEGIN to COMMIT with nothing else in between.
 */
export class SessionTurns {
  private queue: Promise<void> = Promise.resolve();

  /** Waits for the session; the returned function hands it to the next in line. */
  async take(): Promise<() => void> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }
}

/**
 * A Kysely dialect for PGlite (PostgreSQL compiled to WASM, in-process). PGlite has exactly one
 * connection, so the driver hands it out to one holder at a time: a transaction keeps it from
 * BEGIN to COMMIT and every other query waits its turn. The npm dialects for PGlite are stale or
 * drag in CLI stacks (docs/decisions/0002-embedded-postgres.md), hence this small one.
 */
export class PGliteDialect implements Dialect {
  constructor(
    private readonly pglite: PGlite,
    private readonly turns: SessionTurns,
  ) {}

  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.turns);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private releaseCurrent: (() => void) | undefined;

  constructor(
    pglite: PGlite,
    private readonly turns: SessionTurns,
  ) {
    this.connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    this.releaseCurrent = await this.turns.take();
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.releaseCurrent;
    this.releaseCurrent = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modes = [
      settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : undefined,
      settings.accessMode,
    ].filter(Boolean);
    await connection.executeQuery(CompiledQuery.raw(['begin', ...modes].join(' ')));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
  }

  /** The PGlite instance belongs to whoever created it; they close it. */
  async destroy(): Promise<void> {}
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  /**
   * Like node-postgres, a query without parameters goes through the simple protocol, which also
   * accepts several statements at once (migrations); one with parameters is prepared.
   */
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result =
      query.parameters.length === 0
        ? ((await this.pglite.exec(query.sql, { rowMode: 'object' })).at(-1) ?? { rows: [], fields: [] })
        : await this.pglite.query<R>(query.sql, [...query.parameters], { rowMode: 'object' });
    return {
      rows: result.rows as R[],
      ...(result.affectedRows === undefined ? {} : { numAffectedRows: BigInt(result.affectedRows) }),
    };
  }

  // eslint-disable-next-line require-yield -- the interface demands a generator; PGlite cannot stream
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries; page with LIMIT/OFFSET or a keyset instead');
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
