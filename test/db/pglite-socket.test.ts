import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DatabaseInUseError, lockFileOf } from '../../src/db/owner-lock.js';
import { openPGlite, socketUrl, type EmbeddedDatabase } from '../../src/db/database.js';
import { TEST_TARGET } from '../support/target.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Settles `promise` within `ms`, or says it is still waiting. */
const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, pause(ms).then(() => 'still waiting' as const)]);

/** The migrated image every test database starts from: no initdb per open. */
const migratedImage = () => new Blob([readFileSync(inject('pgliteImage'))]);

describe.runIf(TEST_TARGET === 'pglite')('the embedded database served on a socket', () => {
  let db: EmbeddedDatabase;
  let url: string;
  const clients: pg.Client[] = [];

  const client = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    clients.push(c);
    return c;
  };
  const count = async () => Number((await sql<{ n: string }>`select count(*) as n from socket_test`.execute(db.owner)).rows[0]?.n);

  beforeAll(async () => {
    db = await openPGlite(undefined, migratedImage());
    const folder = mkdtempSync(join(tmpdir(), 'keitax-socket-'));
    url = socketUrl((await db.serveSocket({ socketDir: folder, checkpointDir: folder })).socketDir);
    await sql`create table socket_test (n int)`.execute(db.owner);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await db.close();
  });

  it('answers a client over the PostgreSQL protocol, parameters and all', async () => {
    const c = await client();
    expect((await c.query('select $1::int + 1 as answer', [41])).rows).toEqual([{ answer: 42 }]);
  });

  it('keeps in-process queries out of a transaction a client has open, and runs them after it', async () => {
    const c = await client();
    await c.query('begin');
    await c.query('insert into socket_test values (1)');
    const inProcess = count();
    // Were it let in, the in-process query would run inside the client's transaction and see its row.
    expect(await within(inProcess, 300)).toBe('still waiting');
    await c.query('rollback');
    expect(await inProcess).toBe(0);
  });

  it("keeps a client out of the server's own transaction until it commits", async () => {
    const c = await client();
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const serverTransaction = db.owner.transaction().execute(async (trx) => {
      await sql`insert into socket_test values (2)`.execute(trx);
      await committed;
      await sql`insert into socket_test values (3)`.execute(trx);
    });
    await pause(50);
    const seen = c.query('select count(*)::int as n from socket_test');
    expect(await within(seen, 300)).toBe('still waiting');
    commit();
    await serverTransaction;
    expect((await seen).rows).toEqual([{ n: 2 }]);
    await sql`delete from socket_test`.execute(db.owner);
  });

  it('runs many clients and in-process queries at once, each answer its own', async () => {
    const clientsAtOnce = await Promise.all(Array.from({ length: 6 }, () => client()));
    const answers = await Promise.all(
      Array.from({ length: 18 }, (_, i) =>
        i % 3 === 2
          ? sql<{ v: number }>`select ${i}::int as v`.execute(db.owner).then((r) => r.rows[0]?.v)
          : clientsAtOnce[Math.floor(i / 3)]!.query('select $1::int as v', [i]).then((r) => r.rows[0]?.v),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 18 }, (_, i) => i));
  });

  it('rolls back what a client left open when it goes, and the server carries on', async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => {});
    await c.connect();
    await c.query('begin');
    await c.query('insert into socket_test values (4)');
    const inProcess = count();
    (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect(await inProcess).toBe(0);
  });
});

// The migrated image is prepared only for the PGlite target (test/support/global-setup.ts).
describe.runIf(TEST_TARGET === 'pglite')('one owner of an embedded folder', () => {
  let folder: string;
  let image: Blob;
  beforeAll(() => {
    folder = join(mkdtempSync(join(tmpdir(), 'keitax-owner-')), 'pglite');
    image = migratedImage();
  });

  it('refuses a second direct open while the folder is held, saying what to do, and lets it in once closed', async () => {
    const first = await openPGlite(folder, image);
    const second = openPGlite(folder);
    await expect(second).rejects.toBeInstanceOf(DatabaseInUseError);
    await expect(second).rejects.toThrow(`組み込みデータベース ${folder} は別の keitax コマンド(pid ${process.pid})が使用中のため、開けません。そのコマンドが終わるのを待ってから、もう一度実行してください。`);
    await first.close();
    await (await openPGlite(folder)).close();
  });

  it('names a live server as the owner and sends the operator through it', async () => {
    writeFileSync(lockFileOf(folder), JSON.stringify({ pid: process.ppid, host: hostname(), role: 'serve', startedAt: new Date().toISOString(), socketDir: '/somewhere' }));
    await expect(openPGlite(folder)).rejects.toThrow(`動作中の keitax サーバー(pid ${process.ppid})が使用中のため、開けません。keitax のコマンドはサーバー経由でこのデータベースを使います。`);
  });

  it('takes over a lock left by a process that has gone', async () => {
    writeFileSync(lockFileOf(folder), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), role: 'serve', startedAt: '2026-01-01T00:00:00Z' }));
    await (await openPGlite(folder)).close();
  });
});
