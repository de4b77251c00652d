import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffActor } from '../../src/access/actor.js';
import { AccessControl } from '../../src/access/guard.js';
import { AssessmentService } from '../../src/assessment/service.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { takeFolder } from '../../src/db/owner-lock.js';
import { loadKeys } from '../../src/keys/keys.js';
import { isValidMunicipalityCode } from '../../src/municipality/model.js';
import { Problem } from '../../src/server/problem.js';
import { isValidCorporateNumber } from '../../src/shared/corporate-number.js';
import { isValidIndividualNumber } from '../../src/shared/individual-number.js';
import { CLASS_SHARES, individualNumberOf, INSPECTION_YEARS, personAt, syntheticPersons, syntheticVehicles, type SyntheticCityOptions } from '../../src/synthetic/generate.js';
import { seedSyntheticCity } from '../../src/synthetic/load.js';
import { NATIONAL } from '../../src/tax-rules/service.js';
import { findCurrentVehicle, vehicleHistory } from '../../src/vehicles/service.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV, TEST_VAULT } from '../support/keys.js';

const CITY: SyntheticCityOptions = { municipalityCode: '112224', persons: 500, vehicles: 600, seed: 42 };
const supervisor = staffActor({ municipalityCode: CITY.municipalityCode, staffNo: 'S0001', staffName: '係長 職員', officeCode: '01', roles: ['supervisor'], ipAddress: '127.0.0.1', terminal: 'vitest', reauthenticatedAt: null });

describe('the synthetic city, generated', () => {
  it('is the same city for the same seed, and another for another seed', () => {
    const city = (seed: number) => ({ persons: [...syntheticPersons({ ...CITY, seed })], vehicles: [...syntheticVehicles({ ...CITY, seed })] });
    const [first, again, other] = [city(42), city(42), city(43)];
    expect(again).toEqual(first);
    expect(other.persons.map((p) => p.addressee.nameKanji)).not.toEqual(first.persons.map((p) => p.addressee.nameKanji));
    expect(other.vehicles.map((v) => v.vehicleClassCode)).not.toEqual(first.vehicles.map((v) => v.vehicleClassCode));
    // Random access agrees with the stream: a vehicle's owner is the person the stream makes.
    expect(personAt(CITY, 123)).toEqual(first.persons[123]);
  });

  it('numbers every addressee with valid check digits: municipality, individual and corporate numbers', () => {
    const persons = [...syntheticPersons(CITY)];
    expect(isValidMunicipalityCode(CITY.municipalityCode)).toBe(true);
    expect(new Set(persons.map((p) => p.addressee.addresseeNo)).size).toBe(CITY.persons);
    expect(persons.every((p) => /^112224[0-9]{9}$/.test(p.addressee.addresseeNo))).toBe(true);
    const people = persons.filter((p) => p.addressee.kind !== 'corporation');
    expect(people.every((p) => p.individualNumber !== null && isValidIndividualNumber(p.individualNumber))).toBe(true);
    expect(new Set(people.map((p) => p.individualNumber)).size).toBe(people.length);
    const corporations = persons.filter((p) => p.addressee.kind === 'corporation');
    expect(corporations.length).toBeGreaterThan(10);
    expect(corporations.every((p) => p.individualNumber === null && isValidCorporateNumber(String(p.addressee.corporateNumber)))).toBe(true);
    expect(individualNumberOf(0)).toBeNull();
    expect(new Set(persons.map((p) => p.addressee.kind))).toEqual(new Set(['resident', 'non_resident', 'corporation']));
    expect(new Set(persons.map((p) => p.addressee.status))).toEqual(new Set(['active', 'deceased', 'moved_out']));
  });

  it('draws the classes in their declared shares, first inspections over 30 years', () => {
    const city = { ...CITY, persons: 5000, vehicles: 20_000 };
    const firstGenerations = [...syntheticVehicles(city)].filter((v) => v.generation === 1 && !v.previousOwnerDeclarationNo);
    expect(firstGenerations).toHaveLength(city.vehicles);
    const counts = new Map<string, number>();
    for (const v of firstGenerations) counts.set(v.vehicleClassCode, (counts.get(v.vehicleClassCode) ?? 0) + 1);
    for (const [classCode, share] of Object.entries(CLASS_SHARES)) {
      const expected = (share / 1000) * city.vehicles;
      // Within four standard deviations of a binomial draw, and never missing.
      expect(Math.abs((counts.get(classCode) ?? 0) - expected), classCode).toBeLessThanOrEqual(4 * Math.sqrt(expected) + 1);
      expect(counts.get(classCode), classCode).toBeGreaterThan(0);
    }
    const inspected = firstGenerations.map((v) => Number(String(v.firstInspection ?? '').slice(0, 4))).filter(Boolean);
    expect(Math.min(...inspected)).toBe(INSPECTION_YEARS[0]);
    expect(Math.max(...inspected)).toBe(INSPECTION_YEARS.at(-1));
  });
});

describe('the synthetic city, loaded', () => {
  let db: Database;
  let access: AccessControl;
  beforeAll(async () => {
    db = await createTestDatabase();
    access = new AccessControl(db, loadKeys(loadConfig(TEST_KEY_ENV)).keys);
    await seedSyntheticCity(db, TEST_VAULT, CITY);
  });
  afterAll(() => db.close());

  const generated = () => [...syntheticVehicles(CITY)];

  it('holds every generated row, within the register’s own constraints, with the individual numbers sealed', async () => {
    const counts = await db.withMunicipality(CITY.municipalityCode, async (trx) => {
      const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx)).rows[0]?.n);
      return {
        addressees: await count('addressee'),
        integrated: await count('integrated_addressee'),
        history: await count('addressee_history'),
        vehicles: await count('vehicle'),
        sealed: Number((await sql<{ n: number }>`select count(*)::int as n from integrated_addressee where individual_number_ciphertext is not null`.execute(trx)).rows[0]?.n),
        mail: await count('mail_destination'),
        administrators: await count('tax_administrator_assignment'),
      };
    });
    const people = [...syntheticPersons(CITY)].filter((p) => p.individualNumber).length;
    expect(counts).toMatchObject({ addressees: CITY.persons, integrated: CITY.persons, history: CITY.persons, vehicles: generated().length, sealed: people });
    expect(counts.mail).toBeGreaterThan(0);
    expect(counts.administrators).toBeGreaterThan(0);
    // The number is found by its keyed hash, as the register finds one: sealed by the vault, not stored in clear.
    const sealed = await db.withMunicipality(CITY.municipalityCode, (trx) =>
      trx.selectFrom('integratedAddressee').select(['individualNumberLookupHash', 'individualNumberCiphertext']).where('integratedAddresseeNo', '=', '112224000000002').executeTakeFirstOrThrow(),
    );
    expect(Buffer.from(sealed.individualNumberLookupHash!)).toEqual(TEST_VAULT.lookupHash('individual_number', CITY.municipalityCode, individualNumberOf(1)!));
    expect(Buffer.from(sealed.individualNumberCiphertext!).toString('latin1')).not.toContain(individualNumberOf(1));
  });

  it('reads back through the register’s own functions: the record in force, and a history of several generations', async () => {
    const rows = generated();
    const changed = rows.find((v) => v.newOwnerDeclarationNo && rows.some((w) => w.previousOwnerDeclarationNo === `${v.declarationYear}-${v.declarationSerial}` && w.deregistrationDate));
    expect(changed).toBeDefined();
    await db.withMunicipality(CITY.municipalityCode, async (trx) => {
      const first = rows[0]!;
      const current = await findCurrentVehicle(trx, `${first.declarationYear}-${first.declarationSerial}`);
      expect(current?.chassisNo).toBe(first.chassisNo);
      expect(current?.owner.addresseeNo).toBe(first.ownerAddresseeNo);
      const history = await vehicleHistory(trx, `${changed!.declarationYear}-${changed!.declarationSerial}`);
      expect(history.length).toBeGreaterThanOrEqual(2);
    });
  });

  it('refuses to load a city over one already registered, and changes nothing', async () => {
    const before = await db.withMunicipality(CITY.municipalityCode, async (trx) => (await sql<{ n: number }>`select count(*)::int as n from vehicle`.execute(trx)).rows[0]?.n);
    const error = await seedSyntheticCity(db, TEST_VAULT, CITY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).status).toBe(409);
    const after = await db.withMunicipality(CITY.municipalityCode, async (trx) => (await sql<{ n: number }>`select count(*)::int as n from vehicle`.execute(trx)).rows[0]?.n);
    expect(after).toBe(before);
  });

  it('is assessed for FY2026 with every rate case, every vehicle computed, and reconciles', async () => {
    const service = new AssessmentService(access, NATIONAL);
    const run = await service.run(supervisor, 2026);
    expect(run.status).toBe('completed');
    expect(run.totals.notComputed).toBe(0);
    expect(run.totals.vehicles).toBeGreaterThan(CITY.vehicles * 0.7);
    expect(Object.keys(run.totals.byRateCase)).toEqual(expect.arrayContaining(['standard', 'old', 'heavy', 'green75']));
    expect(Object.keys(run.totals.byClass).length).toBeGreaterThanOrEqual(10);
    const reconciliation = await service.reconcile(supervisor, 2026);
    expect(reconciliation.agrees).toBe(true);
  });
});

describe('keitax seed-synthetic', () => {
  it('refuses options it cannot use, saying which and why', async () => {
    const run = await runCli(['seed-synthetic', '--municipality', '112225', '--persons', '0', '--vehicles', 'many'], TEST_KEY_ENV);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--municipality: 地方公共団体コードの検査数字が一致しません');
    expect(run.stderr).toContain('--persons: 宛名の数は1以上で指定してください');
    expect(run.stderr).toContain('--vehicles: 車両の数は数字で指定してください');
  });

  it('refuses an embedded folder another process holds, such as a running server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keitax-synthetic-'));
    const held = takeFolder(join(dataDir, 'pglite'), 'serve');
    try {
      const run = await runCli(['seed-synthetic', '--municipality', '112224', '--persons', '10', '--vehicles', '10', '--data-dir', dataDir], TEST_KEY_ENV);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('使用中のため、開けません');
    } finally {
      held.release();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
