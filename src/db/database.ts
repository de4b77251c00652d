import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import { PGliteDialect } from './pglite-dialect.js';
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
  /** Owner access for migrations and maintenance only; never for requests. */
  readonly owner: Kysely<DB>;
  /** Answers whether the database responds, and its server version. */
  ping(): Promise<{ serverVersion: string }>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'pglite' ? openPGlite(target.dataDir) : openPostgres(target.url, target.poolSize);
}

export interface EmbeddedDatabase extends Database {
  /** The whole data folder as one uncompressed tarball: a backup, or the image of a new database. */
  snapshot(): Promise<Blob>;
}

/**
 * Opens embedded PostgreSQL; `dataDir` undefined keeps it in memory (tests). A new database may
 * start from `image`, a snapshot of another, which skips initdb.
 */
export async function openPGlite(dataDir: string | undefined, image?: Blob): Promise<EmbeddedDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(image ? { loadDataDir: image } : {}),
    extensions: { pg_trgm, pgcrypto },
    parsers,
  });
  const owner = kyselyOver(new PGliteDialect(pglite));
  const db = new KyselyDatabase('pglite', owner, async () => {
    await owner.destroy();
    await pglite.close();
  });
  return Object.assign(db, { snapshot: () => pglite.dumpDataDir('none') });
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: { getTypeParser: (oid, format) => parsers[oid] ?? pg.types.getTypeParser(oid, format) },
  });
  const owner = kyselyOver(new PostgresDialect({ pool }));
  return new KyselyDatabase('postgres', owner, () => owner.destroy());
}

function kyselyOver(dialect: ConstructorParameters<typeof Kysely<DB>>[0]['dialect']): Kysely<DB> {
  return new Kysely<DB>({ dialect, plugins: [new CamelCasePlugin({ underscoreBeforeDigits: true })] });
}

class KyselyDatabase implements Database {
  constructor(
    readonly kind: DatabaseTarget['kind'],
    readonly owner: Kysely<DB>,
    private readonly closeConnections: () => Promise<void>,
  ) {}

  async withMunicipality<T>(municipalityCode: string, work: (trx: CityTransaction) => Promise<T>): Promise<T> {
    if (!/^[0-9]{6}$/.test(municipalityCode)) {
      throw new Error(`municipality code must be 6 digits, got ${JSON.stringify(municipalityCode)}`);
    }
    return this.asApplication(municipalityCode, work);
  }

  withoutMunicipality<T>(work: (trx: CityTransaction) => Promise<T>): Promise<T> {
    return this.asApplication('', work);
  }

  private asApplication<T>(municipalityCode: string, work: (trx: CityTransaction) => Promise<T>): Promise<T> {
    return this.owner.transaction().execute(async (trx) => {
      // set_config(..., true) lasts until the end of this transaction only, so a pooled
      // connection never carries one request's role or municipality into the next.
      await sql`select set_config('role', ${APP_ROLE}, true), set_config(${MUNICIPALITY_SETTING}, ${municipalityCode}, true)`.execute(
        trx,
      );
      return work(trx);
    });
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
