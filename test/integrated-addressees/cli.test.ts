import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { AddresseeService, linkedAddressees } from '../../src/addressees/service.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { IntegratedAddresseeService } from '../../src/integrated-addressees/service.js';
import { Vault } from '../../src/integrated-addressees/vault.js';
import { loadKeys } from '../../src/keys/keys.js';
import { testActor } from '../support/auth.js';
import { runCli } from '../support/cli.js';
import { arrival, generatedIndividualNumber, residentChangeCsv } from '../support/residents.js';

const CITY = '112224';

describe('keitax import residents and keitax keys rotate', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keitax-vault-cli-'));
  const env = { KEITAX_DATA_DIR: dataDir };
  const csvFile = join(dataDir, '異動.csv');
  const assessor = testActor(CITY, ['assessor']);

  /** Opens the embedded database with the keys keys.json holds now, runs `work`, closes it. */
  async function withServices<T>(work: (s: { db: Database; addressees: AddresseeService; integrated: IntegratedAddresseeService; vault: Vault }) => Promise<T>): Promise<T> {
    const config = loadConfig(env);
    const keys = loadKeys(config).keys;
    const db = await openDatabase(config.database);
    try {
      const vault = new Vault(keys.vault);
      const access = new AccessControl(db, keys);
      return await work({ db, addressees: new AddresseeService(access, vault), integrated: new IntegratedAddresseeService(access, vault, 5, linkedAddressees), vault });
    } finally {
      await db.close();
      // PGlite finishes closing its folder on a later turn of the event loop; runCli's spawnSync
      // would block that turn and the child would wait for the folder for ever.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  beforeAll(async () => {
    await withServices(async ({ db, addressees }) => {
      await migrate(db);
      await db.withMunicipality(CITY, async (trx) => {
        await trx.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県' }).execute();
        await trx.insertInto('addressArea').values({ municipalityCode: CITY, addressCode: '100', townName: '越ヶ谷', townNameKana: 'コシガヤ' }).execute();
      });
      for (let i = 1; i <= 5; i++) {
        await addressees.register(assessor, { kind: 'non_resident', nameKanji: `回転\u3000${i}`, nameKana: 'カイテン', address: '他県', individualNumber: generatedIndividualNumber(i), reason: '申告' });
      }
    });
    writeFileSync(csvFile, residentChangeCsv([arrival(11), arrival(12), arrival(99, { 異動区分: '死亡' })]));
  });

  it('imports a resident-change file and reports what it did; a second run changes nothing', async () => {
    const first = await runCli(['import', 'residents', csvFile], env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('異動.csv (utf-8): 3 rows');
    expect(first.stdout).toContain('applied 2, already applied 0, queued for review 1, already queued 0, invalid 0');
    const second = await runCli(['import', 'residents', csvFile], env);
    expect(second.stdout).toContain('applied 0, already applied 2, queued for review 0, already queued 1, invalid 0');
  });

  it('refuses a file with a broken header, naming the column, and exits 1', async () => {
    const broken = join(dataDir, 'broken.csv');
    writeFileSync(broken, '異動区分,氏名\r\n転入,試験\r\n');
    const run = await runCli(['import', 'residents', broken], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('1行目・異動日: 必須の列がありません');
  });

  it('exits 1 when any row of the file was invalid, saying what to fix', async () => {
    const invalid = join(dataDir, 'invalid.csv');
    writeFileSync(invalid, residentChangeCsv([arrival(14, { 個人番号: '123456789012' })]));
    const run = await runCli(['import', 'residents', invalid], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('applied 0, already applied 0, queued for review 0, already queued 0, invalid 1');
    expect(run.stderr).toContain('誤りのある 1 行は反映していません。上に示した行と項目を直して、もう一度取り込んでください');
  });

  it('re-encrypts every value under a new key in batches, audited, and the old key can go', async () => {
    const before = JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8'));
    const run = await runCli(['keys', 'rotate', '--new-key', '--batch-size', '2'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const after = JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8'));
    const newKeyId = after.vaultKeys.split(':')[0];
    expect(run.stdout).toContain(`added vault key ${newKeyId}`);
    expect(run.stdout).toContain(`re-sealed under key ${newKeyId}: 7 individual numbers and provision codes, 1 numbers of queued resident changes`);
    expect(after.auditHmacKey).toBe(before.auditHmacKey);
    expect(after.vaultLookupKey).toBe(before.vaultLookupKey);

    // Drop the old key: everything still opens, because everything moved to the new one.
    writeFileSync(join(dataDir, 'keys.json'), JSON.stringify({ ...after, vaultKeys: after.vaultKeys.split(',')[0] }));
    await withServices(async ({ db, integrated }) => {
      const keyIds = await db.withMunicipality(CITY, (trx) => trx.selectFrom('integratedAddressee').select('individualNumberKeyId').distinct().execute());
      expect(keyIds.map((k) => k.individualNumberKeyId).filter(Boolean)).toEqual([newKeyId]);
      for (const serial of [1, 5, 11]) {
        expect((await integrated.lookupByIndividualNumber(assessor, generatedIndividualNumber(serial)))?.maskedIndividualNumber).toBe(`********${generatedIndividualNumber(serial).slice(-4)}`);
      }
      const audit = await db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').select(['operation', 'rowCount', 'staffNo', 'terminal']).where('operation', 'like', '%.rekey').orderBy('seq').execute());
      expect(audit.map((a) => a.rowCount)).toEqual([2, 2, 2, 1, 0, 1, 0]);
      expect(audit[0]).toMatchObject({ operation: 'integratedAddressee.rekey', staffNo: null });
    });
    const again = await runCli(['keys', 'rotate'], env);
    expect(again.stdout).toContain('0 individual numbers and provision codes, 0 numbers of queued resident changes');
  });

  it('prints a full set of keys, or one new vault key', async () => {
    const all = (await runCli(['keys', 'generate'], {})).stdout;
    expect(all).toMatch(/^KEITAX_AUDIT_HMAC_KEY=.+\nKEITAX_AUDIT_SIGNING_KEY=.+\nKEITAX_VAULT_KEYS=\d{8}-[0-9a-f]{4}:.+\nKEITAX_VAULT_LOOKUP_KEY=.+\n$/);
    expect((await runCli(['keys', 'generate', '--vault-key'], {})).stdout).toMatch(/^\d{8}-[0-9a-f]{4}:[A-Za-z0-9+/=]{44}\n$/);
  });
});
