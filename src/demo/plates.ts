/**
 * @module The demo city's plates (標識): stock of every city-counter class at each of the three
 * offices, standard and — for 原付 第一種, 第二種乙 and 第二種甲 — 越谷市's own design, and the
 * plates its vehicles carry, loaded as a migrated register's (issued, and returned at
 * deregistration), so the inventory and the register agree.
 */
import type { Insertable } from 'kysely';
import type { CityTransaction } from '../db/database.js';
import type { Vehicle } from '../db/schema.js';
import { PLATE_CLASS_CODES, type IssuedPlatesLoad, type PlateClassCode } from '../plates/model.js';
import { defineDesignSeries, loadIssuedPlates, loadPlateRange } from '../plates/service.js';

const COUNTER_OFFICES = ['01', '02', '03'] as const;
const DESIGN_CLASSES: readonly PlateClassCode[] = ['moped_class1', 'moped_class2_otsu', 'moped_class2_ko'];
export const DEMO_DESIGN_NAME = 'しらこばと橋とガーヤちゃん';

/** 標識2 of each class in the demo city, as src/demo/generate.ts gives its vehicles. */
const CLASS_KANA: Record<PlateClassCode, string> = {
  moped_class1: 'あ',
  moped_class2_otsu: 'い',
  moped_class2_ko: 'う',
  minicar: 'え',
  small_special_farm: 'ら',
  small_special_other: 'り',
};

/**
 * Stock numbers start above those the generated vehicles carry (below 1000): office 01 from
 * 1001, 02 from 2001, 03 from 3001; the city's design from 5001, 6001, 7001.
 */
const stockRange = (office: (typeof COUNTER_OFFICES)[number], design: 'standard' | 'city_design') => {
  const first = (design === 'standard' ? 0 : 4000) + Number(office) * 1000 + 1;
  return { firstSerial: first, lastSerial: first + (office === '01' ? 29 : 19) };
};

const isPlateClass = (code: string): code is PlateClassCode => (PLATE_CLASS_CODES as readonly string[]).includes(code);

export async function seedDemoPlates(trx: CityTransaction, vehicles: readonly Insertable<Vehicle>[], staffNo: string): Promise<void> {
  for (const vehicleClassCode of DESIGN_CLASSES) await defineDesignSeries(trx, { vehicleClassCode, designName: DEMO_DESIGN_NAME });
  for (const vehicleClassCode of PLATE_CLASS_CODES) {
    for (const officeCode of COUNTER_OFFICES) {
      for (const design of DESIGN_CLASSES.includes(vehicleClassCode) ? (['standard', 'city_design'] as const) : (['standard'] as const)) {
        const range = { officeCode, vehicleClassCode, design, part1: '越谷市', part2: CLASS_KANA[vehicleClassCode], receivedOn: '2026-04-01', ...stockRange(officeCode, design) };
        await loadPlateRange(trx, staffNo, range);
      }
    }
  }
  await issueVehiclePlates(trx, vehicles, staffNo);
}

/** Each city-counter vehicle's plate, as a migrated register would hold it: issued at its registration office, returned at its deregistration. */
async function issueVehiclePlates(trx: CityTransaction, vehicles: readonly Insertable<Vehicle>[], staffNo: string): Promise<void> {
  // The newest generation of each record says where its plate is now.
  const current = new Map<string, Insertable<Vehicle>>();
  for (const vehicle of vehicles) current.set(`${vehicle.declarationYear}-${vehicle.declarationSerial}`, vehicle);
  const entries: IssuedPlatesLoad = [];
  for (const [declarationNo, vehicle] of current) {
    const { vehicleClassCode, platePart1, platePart2, platePart3, registrationOfficeCode, registrationDate } = vehicle;
    if (!isPlateClass(vehicleClassCode) || !platePart1 || !platePart2 || !platePart3 || !registrationOfficeCode || !registrationDate) continue;
    const { deregistrationDate, deregistrationDeclarationYear, deregistrationDeclarationSerial } = vehicle;
    const returned =
      vehicle.plateReturnCode === 'returned' && deregistrationDate && deregistrationDeclarationYear && deregistrationDeclarationSerial
        ? { on: String(deregistrationDate), declarationNo: `${deregistrationDeclarationYear}-${deregistrationDeclarationSerial}` }
        : undefined;
    entries.push({
      officeCode: registrationOfficeCode,
      vehicleClassCode,
      design: 'standard',
      plate: { part1: platePart1, part2: platePart2, part3: platePart3 },
      issuedOn: String(registrationDate),
      declarationNo,
      ...(returned ? { returned } : {}),
    });
  }
  await loadIssuedPlates(trx, staffNo, entries);
}
