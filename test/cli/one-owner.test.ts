import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { openOrJoinDatabase, openPGlite, type Database } from '../../src/db/database.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { runCliProcess } from '../support/cli.js';
import { arrival, residentChangeCsv } from '../support/residents.js';
import { TEST_TARGET } from '../support/target.js';

const CITY = '112224';

/**
 * `npm start` on a data folder, and the README's operator commands in another terminal: what
 * they change is the running server's database, at once, and the audit chain stays one chain.
 */
describe.runIf(TEST_TARGET === 'pglite')('CLI commands while the server owns the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keitax-one-owner-'));
  const env = { KEITAX_DATA_DIR: dataDir, KEITAX_DEMO: 'never', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' };
  // The server signs checkpoints elsewhere than the default; commands are run without saying so.
  const serverCheckpoints = join(dataDir, 'checkpoints-of-the-server');
  const serverEnv = { ...env, KEITAX_AUDIT_CHECKPOINT_DIR: serverCheckpoints };
  const cli = (...args: string[]) => runCliProcess(args, env);
  let config: Config;
  let server: RunningServer;
  let joined: Database;
  let admin: SignedIn;
  let leaver: SignedIn;
  let assessor: SignedIn;

  const api = (path: string, who: SignedIn, init: RequestInit = {}) =>
    fetch(`${server.url}/api/v1${path}`, { ...init, headers: { ...who.headers, ...init.headers } });

  beforeAll(async () => {
    config = loadConfig(serverEnv);
    const pgliteDir = config.database.kind === 'pglite' ? config.database.dataDir : undefined;
    const setup = await openPGlite(pgliteDir, new Blob([readFileSync(inject('pgliteImage'))]));
    await setup.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県', isDemo: true }).execute();
      await trx.insertInto('addressArea').values({ municipalityCode: CITY, addressCode: '100', townName: '越ヶ谷', townNameKana: 'コシガヤ' }).execute();
    });
    await setup.close();
    server = await startServer(config, () => {});
    joined = await openOrJoinDatabase(config.database);
    admin = await signInAs({ config }, joined, ['system_admin'], 'A0001');
    leaver = await signInAs({ config }, joined, ['counter_clerk'], 'D006');
    assessor = await signInAs({ config }, joined, ['assessor'], 'D001');
  }, 120_000);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await joined.close();
    await server.close();
  };
  afterAll(stop);

  it('refuses a second direct open of the folder, saying the server has it and what to do', async () => {
    const pgliteDir = config.database.kind === 'pglite' ? config.database.dataDir : undefined;
    await expect(openPGlite(pgliteDir)).rejects.toThrow(`動作中の keitax サーバー(pid ${process.pid})が使用中のため、開けません。keitax のコマンドはサーバー経由でこのデータベースを使います。直接開く必要があるときは、先にサーバーを止めてください。`);
  });

  it('disables an account from the command line: the server refuses its session at once', async () => {
    expect((await api('/auth/session', leaver)).status).toBe(200);
    const run = await cli('staff', 'disable', '--staff-no', 'D006', '--reason', '退職');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((await api('/auth/session', leaver)).status).toBe(401);
    expect(await (await api('/staff/D006', admin)).json()).toMatchObject({ staffNo: 'D006', status: 'disabled' });
  }, 60_000);

  it('imports a resident-change file from the command line: the same file uploaded on screen changes nothing more', async () => {
    const csv = residentChangeCsv([arrival(21), arrival(22)]);
    const file = join(dataDir, '異動.csv');
    writeFileSync(file, csv);
    const run = await cli('import', 'residents', file);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('applied 2, already applied 0');
    const upload = await api('/resident-changes/imports?fileName=again.csv', assessor, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(await upload.json()).toMatchObject({ applied: 0, alreadyApplied: 2 });
  }, 60_000);

  it('imports forwarded vehicle data from the command line: the same file uploaded on screen changes nothing more', async () => {
    const csv = readFileSync(new URL('../../docs/examples/forwarded-declarations.csv', import.meta.url), 'utf8');
    const file = join(dataDir, '送付データ.csv');
    writeFileSync(file, csv);
    const run = await cli('import', 'declarations', file);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('keitax-csv-declarations): 3 records');
    const upload = await api('/vehicle-imports?fileName=again.csv', assessor, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(await upload.json()).toMatchObject({ applied: 0, queued: 0, alreadyTaken: 3 });
  }, 60_000);

  it('signs a checkpoint from the command line where the server signs them, and the chain verifies after the server stops', async () => {
    const checkpoint = await cli('audit', 'checkpoint');
    expect(checkpoint.stderr).toBe('');
    expect(checkpoint.stdout).toMatch(new RegExp(`^signed seq \\d+ into ${serverCheckpoints}\n`));
    await stop();
    const verify = await runCliProcess(['audit', 'verify'], serverEnv);
    expect(verify.stdout).toContain('OK: the audit chain is intact');
    expect(verify.status).toBe(0);
  }, 60_000);
});
