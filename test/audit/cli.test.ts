import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { loadKeys } from '../../src/keys/keys.js';
import { testActor } from '../support/auth.js';
import { runCli } from '../support/cli.js';

describe('keitax audit verify', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keitax-audit-cli-'));
  const env = { KEITAX_DATA_DIR: dataDir };

  beforeAll(async () => {
    const config = loadConfig(env);
    const keys = loadKeys(config).keys;
    const db = await openDatabase(config.database);
    await migrate(db);
    await db.withMunicipality('112224', (trx) => trx.insertInto('municipality').values({ municipalityCode: '112224', name: '越谷市', prefecture: '埼玉県' }).execute());
    const access = new AccessControl(db, keys);
    for (let i = 1; i <= 4; i++) await access.run(testActor('112224', ['assessor']), { permission: 'vehicle.read', subject: { type: 'vehicle', id: `2025-${i}` } }, async () => i);
    await db.close();
  });

  it('signs a checkpoint and reports an intact chain', () => {
    expect(runCli(['audit', 'checkpoint'], env).stdout).toContain('signed seq 4');
    const run = runCli(['audit', 'verify'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('OK: the audit chain is intact');
  }, 60_000);

  it('fails at the row a database administrator edited', async () => {
    const db = await openDatabase(loadConfig(env).database);
    await db.owner.transaction().execute(async (trx) => {
      await sql`alter table audit_log disable trigger user`.execute(trx);
      await sql`update audit_log set staff_no = 'X9999' where seq = 3`.execute(trx);
      await sql`alter table audit_log enable trigger user`.execute(trx);
    });
    await db.close();
    const run = runCli(['audit', 'verify'], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('seq 3: content does not match its hash (altered)');
    expect(run.stdout).toContain('FAIL');
  }, 60_000);
});
