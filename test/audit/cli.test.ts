import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { AuditWitness } from '../../src/audit/witness.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { loadKeys } from '../../src/keys/keys.js';
import { testActor } from '../support/auth.js';
import { runCli } from '../support/cli.js';

describe('keitax audit verify', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keitax-audit-cli-'));
  const env = { KEITAX_DATA_DIR: dataDir };

  beforeAll(async () => {
    const config = loadConfig(env);
    const keys = loadKeys(config).keys;
    const db = await openDatabase(config.database);
    await migrate(db);
    await db.withMunicipality('112224', (trx) => trx.insertInto('municipality').values({ municipalityCode: '112224', name: '越谷市', prefecture: '埼玉県' }).execute());
    // This process witnesses the heads it commits; the CLI, another process, checks them.
    const access = new AccessControl(db, keys, new AuditWitness(config.audit.checkpointDir, keys.audit.hmacKey));
    for (let i = 1; i <= 4; i++) await access.run(testActor('112224', ['assessor']), { permission: 'vehicle.read', subject: { type: 'vehicle', id: `2025-${i}` } }, async () => i);
    await db.close();
  }, 180_000); // a migrated data folder on disk: slow on a busy machine

  it('signs a checkpoint and reports an intact chain', async () => {
    expect((await runCli(['audit', 'checkpoint'], env)).stdout).toContain('signed seq 4');
    const run = await runCli(['audit', 'verify'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('OK: the audit chain is intact');
  }, 120_000);

  /** What a database superuser could do: switch the triggers off and edit the table. */
  async function tamper(statement: ReturnType<typeof sql>) {
    const db = await openDatabase(loadConfig(env).database);
    await db.owner.transaction().execute(async (trx) => {
      await sql`alter table audit_log disable trigger user`.execute(trx);
      await statement.execute(trx);
      await sql`alter table audit_log enable trigger user`.execute(trx);
    });
    await db.close();
  }

  it('fails at the row a database administrator edited', async () => {
    await tamper(sql`update audit_log set staff_no = 'X9999' where seq = 3`);
    const run = await runCli(['audit', 'verify'], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('seq 3: 記録の内容がハッシュと一致しません(改ざん)');
    expect(run.stdout).toContain('FAIL');
  }, 120_000);

  it('fails when the newest entry is deleted, through the witness of the process that committed it', async () => {
    await tamper(sql`delete from audit_log where seq = 4`);
    const run = await runCli(['audit', 'verify'], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/seq 4: .+の証跡\(.+\)にある連番 4 の記録がログにありません\(末尾の削除\)/);
  }, 120_000);
});
