import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { seedDemoCity } from '../../src/demo/seed.js';
import { loadKeys } from '../../src/keys/keys.js';
import { PLATE_CLASS_CODES } from '../../src/plates/model.js';
import { PlateService } from '../../src/plates/service.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV, TEST_VAULT } from '../support/keys.js';

describe("the demo city's plates", () => {
  let db: Database;
  let plates: PlateService;
  const clerk = testActor('112224', ['counter_clerk']);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoCity(db, TEST_VAULT);
    plates = new PlateService(new AccessControl(db, loadKeys(loadConfig(TEST_KEY_ENV)).keys));
  });
  afterAll(() => db.close());

  it('stocks every city-counter class at each of the three offices, and the city design for the three moped classes', async () => {
    const { groups, designSeries } = await plates.inventory(clerk, {});
    const inStock = (design: string) =>
      new Set(groups.filter((g) => g.design === design && g.counts.in_stock > 0).map((g) => `${g.officeCode} ${g.vehicleClassCode}`));
    expect(inStock('standard')).toEqual(new Set(['01', '02', '03'].flatMap((office) => PLATE_CLASS_CODES.map((code) => `${office} ${code}`))));
    expect(inStock('city_design')).toEqual(new Set(['01', '02', '03'].flatMap((office) => ['moped_class1', 'moped_class2_otsu', 'moped_class2_ko'].map((code) => `${office} ${code}`))));
    expect(designSeries.map((s) => s.designName)).toEqual(['しらこばと橋とガーヤちゃん', 'しらこばと橋とガーヤちゃん', 'しらこばと橋とガーヤちゃん']);
  });

  it("holds the plates the demo vehicles carry: issued while registered, returned after deregistration", async () => {
    const { groups } = await plates.inventory(clerk, {});
    const total = (state: 'issued' | 'returned') => groups.reduce((sum, g) => sum + g.counts[state], 0);
    // The register's current records of the classes the counter declares, each with its plate.
    const current = await db.owner
      .selectFrom('vehicle')
      .select(['declarationYear', 'declarationSerial', 'platePart1', 'platePart2', 'platePart3', 'plateReturnCode', 'deregistrationDate', 'registrationOfficeCode'])
      .where('supersededAt', 'is', null)
      .where('vehicleClassCode', 'in', [...PLATE_CLASS_CODES])
      .execute();
    const returned = current.filter((v) => v.plateReturnCode === 'returned');
    const onTheRoad = current.filter((v) => v.deregistrationDate === null);
    expect(returned.length).toBeGreaterThan(0);
    expect(total('returned')).toBe(returned.length);
    expect(total('issued')).toBe(onTheRoad.length);
    const vehicle = onTheRoad[0]!;
    const history = await plates.history(clerk, { part1: vehicle.platePart1!, part2: vehicle.platePart2!, part3: vehicle.platePart3! });
    expect(history).toMatchObject({ state: 'issued', officeCode: vehicle.registrationOfficeCode });
  });
});
