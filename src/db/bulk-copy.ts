/**
 * @module Bulk loading by COPY, the fastest way rows reach either database: on a PostgreSQL server
 * `COPY … FROM STDIN` streamed through node-postgres (pg-copy-streams), on PGlite `COPY … FROM
 * '/dev/blob'` with the rows as a Blob, batch by batch. PostgreSQL refuses COPY FROM into a table
 * under row-level security, so rows are copied into a temporary table of the same shape and moved
 * with one INSERT … SELECT, which the policies check like any insert.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Streams rows into `table` (snake_case), `columns` in order, each row as its values; answers how many rows were copied. */
export type CopyInto = (table: string, columns: readonly string[], rows: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>) => Promise<number>;

/** How one driver runs a statement and copies text lines into a table, on the bulk load's one session. */
interface CopySession {
  run(statement: string): Promise<void>;
  copyText(statement: string, chunks: AsyncIterable<string>): Promise<void>;
}

/** Text sent per write to the server, and per COPY from a blob on PGlite. */
const SERVER_CHUNK_CHARS = 256 * 1024;
const PGLITE_BLOB_CHARS = 32 * 1024 * 1024;

/** A value in COPY's text format: \N for null, t/f, bytea as \\x hex, and backslash, tab and line breaks escaped. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value).toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'string' ? value : String(value as number);
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}

const identifier = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return name;
};

/** Groups rows as COPY text of about `size` characters each. */
async function* chunksOf(rows: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>, size: number, count: { rows: number }): AsyncGenerator<string> {
  let lines: string[] = [];
  let length = 0;
  for await (const row of rows) {
    const line = `${row.map(copyValue).join('\t')}\n`;
    lines.push(line);
    length += line.length;
    count.rows++;
    if (length >= size) {
      yield lines.join('');
      lines = [];
      length = 0;
    }
  }
  if (lines.length > 0) yield lines.join('');
}

function stagedCopy(session: CopySession, chunkChars: number): CopyInto {
  return async (table, columns, rows) => {
    const target = identifier(table);
    const stage = `keitax_stage_${target}`;
    const list = columns.map(identifier).join(', ');
    const count = { rows: 0 };
    await session.run(`create temporary table ${stage} on commit drop as select ${list} from ${target} with no data`);
    await session.copyText(`copy ${stage} (${list}) from stdin`, chunksOf(rows, chunkChars, count));
    await session.run(`insert into ${target} (${list}) select ${list} from ${stage}`);
    await session.run(`drop table ${stage}`);
    return count.rows;
  };
}

/** COPY on one pooled connection of a PostgreSQL server, streamed with backpressure. */
export function serverCopy(client: pg.PoolClient): CopyInto {
  return stagedCopy(
    {
      run: async (statement) => void (await client.query(statement)),
      copyText: async (statement, chunks) => {
        const stream = client.query(copyFrom(statement));
        for await (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
        stream.end();
        await finished(stream);
      },
    },
    SERVER_CHUNK_CHARS,
  );
}

/**
 * COPY on PGlite's one session: each batch handed over as a Blob through the /dev/blob device.
 * Reading a device is a superuser's right, so the copy into the stage runs as the session's own
 * user and the transaction returns to `appRole` for the move into the table.
 */
export function embeddedCopy(pglite: PGlite, appRole: string): CopyInto {
  return stagedCopy(
    {
      run: async (statement) => void (await pglite.exec(statement)),
      copyText: async (statement, chunks) => {
        const fromBlob = statement.replace(/from stdin$/, "from '/dev/blob'");
        await pglite.exec('set local role none');
        for await (const chunk of chunks) await pglite.query(fromBlob, [], { blob: new Blob([chunk]) });
        await pglite.exec(`set local role ${identifier(appRole)}`);
      },
    },
    PGLITE_BLOB_CHARS,
  );
}
