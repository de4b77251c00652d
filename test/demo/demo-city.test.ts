import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCorporateNumber } from '../../src/addressees/identifiers.js';
import type { Database } from '../../src/db/database.js';
import { generateDemoCity } from '../../src/demo/generate.js';
import { seedDemoCity } from '../../src/demo/seed.js';
import { Problem } from '../../src/server/problem.js';
import { createTestDatabase } from '../support/database.js';

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
      const summary = await seedDemoCity(db);
      expect(summary).toEqual({ municipalityCode: '112224', addressees: city.addressees.length, vehicles: city.vehicles.length, staff: 10 });
      const generations = await db.withMunicipality('112224', (trx) =>
        trx.selectFrom('vehicle').select('generation').where('generation', '>', 1).execute(),
      );
      expect(generations.length).toBeGreaterThan(0);
      await expect(seedDemoCity(db)).rejects.toBeInstanceOf(Problem);
    });
  });
});
