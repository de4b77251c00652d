import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { AssessmentService } from '../../src/assessment/service.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { loadKeys } from '../../src/keys/keys.js';
import { MailingCheckService } from '../../src/mailing-checks/service.js';
import { MANIFEST_FILE, type NoticeManifest } from '../../src/notices/batch.js';
import { NATIONAL } from '../../src/tax-rules/service.js';
import { testActor } from '../support/auth.js';
import { runCli } from '../support/cli.js';
import { seedNoticeCity } from './city.js';

describe('keitax notices print', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keitax-notices-cli-'));
  const env = { KEITAX_DATA_DIR: dataDir };

  beforeAll(async () => {
    const config = loadConfig(env);
    const db = await openDatabase(config.database);
    await migrate(db);
    await db.withMunicipality('112224', (trx) => seedNoticeCity(trx, '112224'));
    const access = new AccessControl(db, loadKeys(config).keys);
    const assessment = new AssessmentService(access, NATIONAL);
    const supervisor = testActor('112224', ['supervisor']);
    await assessment.run(supervisor, 2026);
    // Released for mailing: the checks run, every finding reviewed, signed off.
    const checks = new MailingCheckService(access, assessment);
    for (const { findingNo } of (await checks.run(supervisor, 2026)).findings) await checks.review(supervisor, 2026, findingNo, '確認した');
    await checks.signOff(supervisor, 2026);
    await db.close();
  }, 180_000); // a migrated data folder on disk: slow on a busy machine

  it('prints every notice of the year into files of --per-file notices with the manifest, reconciled with the run', async () => {
    const out = join(dataDir, 'print');
    const run = await runCli(['notices', 'print', '--fiscal-year', '2026', '--out', out, '--per-file', '2'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2 files, 3 notices, 5 vehicles, 26,100円 (reconciled with the assessment)');
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as NoticeManifest;
    expect(manifest.files.map((file) => file.notices)).toEqual([2, 1]);
    expect(existsSync(join(out, 'notices-0002.pdf'))).toBe(true);
  }, 120_000);

  it('refuses a year without a completed assessment, and a file size that is not a whole number, in Japanese', async () => {
    const none = await runCli(['notices', 'print', '--fiscal-year', '2027', '--out', join(dataDir, 'none')], env);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('2027年度の当初賦課はまだ完了していません');
    const bad = await runCli(['notices', 'print', '--fiscal-year', '2026', '--out', join(dataDir, 'bad'), '--per-file', '0'], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('1ファイルの通知書数は1から100000までの整数で指定してください');
  }, 120_000);
});
