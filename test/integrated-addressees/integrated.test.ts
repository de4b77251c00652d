import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLineActor } from '../../src/access/actor.js';
import { AccessControl } from '../../src/access/guard.js';
import type { Permission } from '../../src/access/permissions.js';
import { ROLE_CODES, ROLES } from '../../src/access/roles.js';
import { AddresseeService, linkedAddressees } from '../../src/addressees/service.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { IntegratedAddresseeService } from '../../src/integrated-addressees/service.js';
import { Vault } from '../../src/integrated-addressees/vault.js';
import { loadKeys } from '../../src/keys/keys.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';
import { generatedIndividualNumber } from '../support/residents.js';

const CITY = '112224';
const SRC = new URL('../../src/', import.meta.url).pathname;
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });

describe('integrated addressees (S3)', () => {
  let db: Database;
  let service: IntegratedAddresseeService;
  let addressees: AddresseeService;
  const assessor = testActor(CITY, ['assessor']);
  const linkage = commandLineActor(CITY, ['linkage.operate']);
  let integratedAddresseeNo: string;
  let addresseeNo: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;
    const access = new AccessControl(db, keys);
    const vault = new Vault(keys.vault);
    service = new IntegratedAddresseeService(access, vault, 5, linkedAddressees);
    addressees = new AddresseeService(access, vault);
    await db.withMunicipality(CITY, (trx) => trx.insertInto('municipality').values({ municipalityCode: CITY, name: '試験市', prefecture: '試験県' }).execute());
    const row = await addressees.register(assessor, {
      kind: 'non_resident',
      nameKanji: '統合\u3000太郎',
      nameKana: 'トウゴウ\u3000タロウ',
      address: '他県他市1番',
      individualNumber: generatedIndividualNumber(1),
      reason: '申告',
    });
    addresseeNo = row.addresseeNo;
    integratedAddresseeNo = row.integratedAddresseeNo ?? '';
  });
  afterAll(() => db.close());

  it('hands out numbers of the municipality that are never handed out again', async () => {
    const numbers = [integratedAddresseeNo];
    for (let i = 0; i < 3; i++) numbers.push((await addressees.register(assessor, { kind: 'corporation', nameKanji: `法人${i}`, nameKana: 'ホウジン', address: '越谷市1', reason: '申告' })).integratedAddresseeNo ?? '');
    expect(numbers).toEqual(['112224000000001', '112224000000002', '112224000000003', '112224000000004']);
    // A failed registration rolls its draw back with it; the next number follows the last one given.
    await expect(addressees.register(assessor, { kind: 'non_resident', nameKanji: '重複', nameKana: 'チョウフク', address: 'x', individualNumber: generatedIndividualNumber(1), reason: 'r' })).rejects.toMatchObject({ status: 409 });
    expect((await addressees.register(assessor, { kind: 'non_resident', nameKanji: '次', nameKana: 'ツギ', address: 'x', reason: 'r' })).integratedAddresseeNo).toBe('112224000000005');
  });

  it('answers by individual number and by integrated number, the number masked', async () => {
    const byNumber = await service.lookupByIndividualNumber(assessor, generatedIndividualNumber(1));
    expect(byNumber).toEqual({
      integratedAddresseeNo,
      maskedIndividualNumber: `********${generatedIndividualNumber(1).slice(-4)}`,
      addressees: [expect.objectContaining({ addresseeNo, nameKanji: '統合\u3000太郎' })],
    });
    expect(await service.lookupByIntegratedAddresseeNo(assessor, integratedAddresseeNo)).toEqual(byNumber);
    expect(await service.lookupByIndividualNumber(assessor, generatedIndividualNumber(2))).toBeNull();
  });

  it('keeps the provision code for the intermediate-server linkage alone (C13)', async () => {
    await service.recordProvisionCode(linkage, integratedAddresseeNo, 'CODE-abc123');
    expect(await service.provisionCodeOf(linkage, integratedAddresseeNo)).toBe('CODE-abc123');
    expect(await service.integratedNoOfProvisionCode(linkage, 'CODE-abc123')).toBe(integratedAddresseeNo);
    const withoutLinkage = ROLE_CODES.filter((role) => !(ROLES[role].permissions as readonly Permission[]).includes('linkage.operate'));
    expect(withoutLinkage).toContain('counter_clerk');
    for (const role of withoutLinkage) {
      const staff = testActor(CITY, [role]);
      await expect(service.provisionCodeOf(staff, integratedAddresseeNo)).rejects.toMatchObject({ status: 403 });
      await expect(service.integratedNoOfProvisionCode(staff, 'CODE-abc123')).rejects.toMatchObject({ status: 403 });
    }
    const stored = await db.withMunicipality(CITY, (trx) => trx.selectFrom('integratedAddressee').selectAll().where('integratedAddresseeNo', '=', integratedAddresseeNo).executeTakeFirstOrThrow());
    expect(Buffer.from(stored.provisionCodeCiphertext ?? []).toString('latin1')).not.toContain('CODE-abc123');
  });

  it('lets nothing outside the vault module touch provision codes: no name matching through them (C13)', () => {
    const touching = sources(SRC)
      .map((file) => relative(SRC, file))
      .filter((file) => /provision_?code/i.test(readFileSync(join(SRC, file), 'utf8')))
      .filter((file) => !file.startsWith('integrated-addressees/') && file !== 'db/schema.ts');
    expect(touching).toEqual([]);
  });

  it('opens no connection to any other system (S3 talks only to the systems the seed names, through callers)', () => {
    const networking = sources(join(SRC, 'integrated-addressees'))
      .filter((file) => /from 'node:(http|https|net|tls|dgram)'|\bfetch\(|new WebSocket/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(networking).toEqual([]);
  });
});
