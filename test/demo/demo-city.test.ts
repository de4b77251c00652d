import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { isValidCorporateNumber } from '../../src/shared/corporate-number.js';
import { addresseeSearchSchema } from '../../src/addressees/model.js';
import { AddresseeService, linkedAddressees } from '../../src/addressees/service.js';
import { loadConfig } from '../../src/config.js';
import { isValidIndividualNumber } from '../../src/shared/individual-number.js';
import { IntegratedAddresseeService } from '../../src/integrated-addressees/service.js';
import { loadKeys } from '../../src/keys/keys.js';
import { testActor } from '../support/auth.js';
import type { Database } from '../../src/db/database.js';
import { generateDemoCity } from '../../src/demo/generate.js';
import { seedDemoCity } from '../../src/demo/seed.js';
import { Problem } from '../../src/server/problem.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV, TEST_VAULT } from '../support/keys.js';

describe('demo city', () => {
  const city = generateDemoCity();

  it('is the same on every run', () => {
    expect(generateDemoCity()).toEqual(city);
  });

  it('has a few hundred people and corporations, and vehicles of every class', async () => {
    expect(city.addressees.length).toBeGreaterThanOrEqual(300);
    expect(new Set(city.addressees.map((a) => a.kind))).toEqual(new Set(['resident', 'non_resident', 'corporation']));
    const classes = new Set(city.vehicles.map((v) => v.vehicleClassCode));
    expect(classes.size).toBe(13);
  });

  it('holds only fictional contact data and valid identifiers', () => {
    for (const a of city.addressees) {
      if (a.phone) expect(a.phone).toMatch(/^048-000-\d{4}$/);
      if (a.corporateNumber) expect(isValidCorporateNumber(a.corporateNumber), a.corporateNumber).toBe(true);
    }
  });

  it('gives everyone an integrated addressee number and every person a generated, valid individual number', () => {
    const integrated = new Map(city.integratedAddressees.map((i) => [i.integratedAddresseeNo, i.individualNumber]));
    expect(integrated.size).toBe(city.addressees.length);
    for (const a of city.addressees) {
      const number = integrated.get(a.integratedAddresseeNo ?? '');
      if (a.kind === 'corporation') expect(number).toBeNull();
      else expect(number && isValidIndividualNumber(number) && number.startsWith('99'), a.addresseeNo).toBe(true);
    }
    expect(city.mailDestinations.length).toBeGreaterThan(5);
    expect(new Set(city.history.map((h) => h.changeKind))).toEqual(new Set(['registered', 'updated', 'tax_administrator_set', 'mail_destination_set']));
  });

  it('covers every kei rate case: old, heavy, year-only certificates, new electric cars', () => {
    const inspections = city.vehicles.map((v) => v.firstInspection).filter((f): f is string => !!f);
    expect(inspections.some((f) => f < '2015-04')).toBe(true);
    expect(inspections.some((f) => /^\d{4}$/.test(f))).toBe(true);
    expect(city.vehicles.some((v) => v.fuelTypeCode === 'electric' && (v.firstInspection ?? '') >= '2025')).toBe(true);
  });

  describe('loaded into a database', () => {
    let db: Database;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.close());

    it('loads whole, with history generations, and refuses to load twice', async () => {
      const summary = await seedDemoCity(db, TEST_VAULT);
      expect(summary).toEqual({ municipalityCode: '112224', addressees: city.addressees.length, vehicles: city.vehicles.length, staff: 10 });
      const generations = await db.withMunicipality('112224', (trx) =>
        trx.selectFrom('vehicle').select('generation').where('generation', '>', 1).execute(),
      );
      expect(generations.length).toBeGreaterThan(0);
      await expect(seedDemoCity(db, TEST_VAULT)).rejects.toBeInstanceOf(Problem);
    });

    it('holds what a register holds: every class in force with plates from stock, forwarded arrivals, owner changes, every way of deregistering, a tax stop, remarks', async () => {
      const rows = await db.withMunicipality('112224', (trx) =>
        trx.selectFrom('vehicle').select(['vehicleClassCode', 'declarationChannel', 'changeReasonCode', 'deregistrationReasonCode', 'newOwnerDeclarationNo', 'supersededAt', 'generation', 'exOfficioInvestigation']).execute(),
      );
      const inForce = rows.filter((row) => !row.supersededAt);
      expect(new Set(inForce.map((row) => row.vehicleClassCode)).size).toBe(13);
      const forwardedThroughRegister = rows.filter((row) => row.declarationChannel === 'forwarded' && row.changeReasonCode !== null);
      expect(new Set(forwardedThroughRegister.map((row) => row.changeReasonCode))).toEqual(new Set(['inspection_data', 'owner_change']));
      expect(rows.some((row) => row.declarationChannel === 'forwarded' && row.deregistrationReasonCode === 'other' && !row.supersededAt)).toBe(true);
      expect(rows.filter((row) => row.declarationChannel === 'forwarded' && row.vehicleClassCode.startsWith('kei_four')).length).toBeGreaterThan(0);
      const ended = new Set(inForce.map((row) => row.deregistrationReasonCode).filter(Boolean));
      for (const reason of ['scrapped', 'transferred', 'stolen', 'ex_officio', 'moved_out']) expect(ended.has(reason), reason).toBe(true);
      expect(inForce.find((row) => row.deregistrationReasonCode === 'ex_officio')).toMatchObject({ declarationChannel: 'ex_officio', exOfficioInvestigation: expect.stringContaining('照会') });
      expect(inForce.filter((row) => row.changeReasonCode === 'tax_stop').map((row) => row.declarationChannel)).toEqual(['other_city_copy']);
      expect(inForce.filter((row) => row.newOwnerDeclarationNo).length).toBeGreaterThan(2);
      const [plates, remarks] = await db.withMunicipality('112224', async (trx) => [
        await trx.selectFrom('plate').select(['state', 'design']).where('state', '=', 'issued').execute(),
        await trx.selectFrom('remark').select('remarkNo').execute(),
      ]);
      expect(new Set(plates.map((plate) => plate.design))).toEqual(new Set(['standard', 'city_design']));
      expect(remarks.length).toBeGreaterThan(5);
    });

    it('seals the individual numbers so the register finds them, and hands out numbers after the demo city’s', async () => {
      const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;
      const access = new AccessControl(db, keys);
      const assessor = testActor('112224', ['assessor']);
      const person = city.integratedAddressees.find((i) => i.individualNumber)!;
      const found = await new IntegratedAddresseeService(access, TEST_VAULT, 5, linkedAddressees).lookupByIndividualNumber(assessor, person.individualNumber!);
      expect(found?.integratedAddresseeNo).toBe(person.integratedAddresseeNo);
      const hits = await new AddresseeService(access, TEST_VAULT).search(assessor, addresseeSearchSchema.parse({ name: 'ｻﾄｳ' }));
      expect(hits.hits.length).toBeGreaterThan(0);
      const registered = await new AddresseeService(access, TEST_VAULT).register(assessor, { kind: 'non_resident', nameKanji: '新規', nameKana: 'シンキ', address: '他県', reason: '申告' });
      expect(registered.addresseeNo).toBe(`112224${String(city.addressees.length + 1).padStart(9, '0')}`);
    });
  });
});
