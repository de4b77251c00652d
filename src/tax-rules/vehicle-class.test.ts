import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../demo/generate.js';
import { annualAmount } from './amount.js';
import { RATE_KEYS, TaxInputError } from './model.js';
import { NATIONAL } from './rulebook.js';
import { vehicleInputOf, type VehicleRecord } from './vehicle-class.js';

const empty: Omit<VehicleRecord, 'vehicleClassCode'> = {
  firstInspection: null,
  fuelTypeCode: null,
  towed: false,
  lowEmission4star: false,
  fuelEfficiency2015Pct: null,
  fuelEfficiency2020Pct: null,
  fuelEfficiency2030Pct: null,
  displacementCc: null,
  ratedOutputKw: null,
  maxOutputKw: null,
};

describe('database vehicle class codes → engine input', () => {
  it('knows every code of the vehicle_class table, and the table every rate key', () => {
    const sql = readFileSync(new URL('../../migrations/0005_vehicle.sql', import.meta.url), 'utf8');
    const codes = [...sql.matchAll(/^\s+\('([a-z0-9_]+)',/gm)].map((m) => m[1]);
    expect([...codes].sort()).toEqual([...RATE_KEYS].sort());
  });

  it('splits class and use, and leaves out what the record does not hold', () => {
    expect(vehicleInputOf({ ...empty, vehicleClassCode: 'kei_four_wheel_cargo_commercial', firstInspection: '2014', fuelTypeCode: 'diesel', fuelEfficiency2020Pct: 110 }, 2026)).toEqual({
      fiscalYear: 2026,
      vehicleClass: 'kei_four_wheel_cargo',
      use: 'commercial',
      firstInspection: '2014',
      fuel: 'diesel',
      towed: false,
      lowEmission4Star: false,
      fuelEfficiency: { fy2020: 110 },
    });
    expect(vehicleInputOf({ ...empty, vehicleClassCode: 'moped_class2_ko', displacementCc: 124, maxOutputKw: 6.5 }, 2026)).toMatchObject({ vehicleClass: 'moped_class2_ko', displacementCc: 124 });
    expect(() => vehicleInputOf({ ...empty, vehicleClassCode: 'bus' }, 2026)).toThrow(TaxInputError);
  });

  it('carries every fact the record holds, each under its engine name', () => {
    const full: VehicleRecord = {
      vehicleClassCode: 'kei_four_wheel_passenger_private',
      firstInspection: '2019-05',
      fuelTypeCode: 'gasoline',
      towed: true,
      lowEmission4star: true,
      fuelEfficiency2015Pct: 120,
      fuelEfficiency2020Pct: 90,
      fuelEfficiency2030Pct: 75,
      displacementCc: 658,
      ratedOutputKw: 0.6,
      maxOutputKw: 47,
    };
    expect(vehicleInputOf(full, 2027)).toStrictEqual({
      fiscalYear: 2027,
      vehicleClass: 'kei_four_wheel_passenger',
      use: 'private',
      firstInspection: '2019-05',
      fuel: 'gasoline',
      towed: true,
      lowEmission4Star: true,
      fuelEfficiency: { fy2015: 120, fy2020: 90, fy2030: 75 },
      displacementCc: 658,
      ratedOutputKw: 0.6,
      maxOutputKw: 47,
    });
    // Zero is a fact, not a missing one: only null is left out.
    expect(vehicleInputOf({ ...full, fuelEfficiency2015Pct: 0, fuelEfficiency2020Pct: null, fuelEfficiency2030Pct: null }, 2027).fuelEfficiency).toStrictEqual({ fy2015: 0 });
    expect(vehicleInputOf({ ...full, fuelEfficiency2015Pct: null, fuelEfficiency2020Pct: null, fuelEfficiency2030Pct: 0 }, 2027).fuelEfficiency).toStrictEqual({ fy2030: 0 });
  });

  it('gives a class without a use no use, and a record without facts only its class and flags', () => {
    expect(vehicleInputOf({ ...empty, vehicleClassCode: 'kei_two_wheel' }, 2026)).toStrictEqual({
      fiscalYear: 2026,
      vehicleClass: 'kei_two_wheel',
      towed: false,
      lowEmission4Star: false,
    });
  });

  it('refuses a code outside the rate table, naming the code', () => {
    const refusal = (code: string) => {
      try {
        vehicleInputOf({ ...empty, vehicleClassCode: code }, 2026);
      } catch (error) {
        return (error as TaxInputError).errors;
      }
      return [];
    };
    expect(refusal('bus')).toEqual([{ field: 'vehicleClassCode', message: '車種コード「bus」は税額計算の対象にありません' }]);
    expect(refusal('kei_four_wheel_passenger')).toEqual([{ field: 'vehicleClassCode', message: '車種コード「kei_four_wheel_passenger」は税額計算の対象にありません' }]);
  });

  it('computes every current vehicle of the demo city for FY2026 but the kei it keeps without a first inspection for the checks before mailing', () => {
    const current = generateDemoCity().vehicles.filter((v) => !v.supersededAt && !v.deregistrationDate);
    expect(current.length).toBeGreaterThan(300);
    const isKeiWithoutInspection = (v: (typeof current)[number]) => v.vehicleClassCode.startsWith('kei_four_wheel') && !v.firstInspection;
    expect(current.filter(isKeiWithoutInspection).map((v) => v.platePart3)).toEqual(['90-02']);
    const cases = new Set<string>();
    for (const v of current.filter((v) => !isKeiWithoutInspection(v))) {
      const input = vehicleInputOf({ ...empty, ...v } as VehicleRecord, 2026);
      const inspected = input.firstInspection && input.firstInspection.slice(0, 7) > '2026-04';
      if (!inspected) cases.add(annualAmount(NATIONAL, input).rateCase);
    }
    expect([...cases].sort()).toEqual(expect.arrayContaining(['heavy', 'old', 'standard']));
  });
});
