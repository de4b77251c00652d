/**
 * @module A small fake city for the notices' tests: four taxpayers — one with a heavy-rate car, an
 * old-rate truck and a 新基準原付, one with a 納税管理人, one with a 送付先 — whose levies an
 * assessment run writes for FY2025 and FY2026.
 */
import type { Insertable } from 'kysely';
import type { CityTransaction } from '../../src/db/database.js';
import type { Vehicle } from '../../src/db/schema.js';

export const person = (code: string, n: number) => `${code}${String(n).padStart(9, '0')}`;

/** The taxpayers of `code`: A (three vehicles), F (納税管理人 G), H (送付先). */
export const taxpayersOf = (code: string) => ({ A: person(code, 1), F: person(code, 6), G: person(code, 7), H: person(code, 8) });

export async function seedNoticeCity(trx: CityTransaction, code: string): Promise<void> {
  const { A, F, G, H } = taxpayersOf(code);
  await trx.insertInto('municipality').values({ municipalityCode: code, name: '越谷市', prefecture: '埼玉県' }).onConflict((oc) => oc.doNothing()).execute();
  await trx.insertInto('office').values({ municipalityCode: code, officeCode: '01', name: '市民税課', kind: 'main' }).onConflict((oc) => oc.doNothing()).execute();
  await trx
    .insertInto('addressee')
    .values(
      [
        [A, '架空 一郎', '3430813', '越谷市越ヶ谷一丁目1番1号'],
        [F, '架空 六郎', '3430023', '架空県架空市6番'],
        [G, '代理 七子', '3430845', '越谷市南越谷七丁目7番'],
        [H, '架空 八郎', '3430808', '架空県架空市8番'],
      ].map(([addresseeNo, nameKanji, postalCode, address]) => ({ municipalityCode: code, addresseeNo: addresseeNo as string, kind: 'non_resident', nameKanji: nameKanji as string, nameKana: 'カクウ', postalCode, address: address as string })),
    )
    .execute();
  await trx.insertInto('taxAdministratorAssignment').values({ municipalityCode: code, taxpayerAddresseeNo: F, administratorAddresseeNo: G, validFrom: '2024-01-01' }).execute();
  await trx.insertInto('mailDestination').values({ municipalityCode: code, addresseeNo: H, validFrom: '2024-01-01', name: '架空税理士事務所', postalCode: '3430822', address: '越谷市架空町2番' }).execute();
  const vehicle = (serial: number, owner: string, fields: Partial<Insertable<Vehicle>> & { vehicleClassCode: string }) => ({
    municipalityCode: code,
    declarationYear: 2024,
    declarationSerial: serial,
    generation: 1,
    ownerAddresseeNo: owner,
    registrationDate: '2024-05-01',
    ...fields,
  });
  await trx
    .insertInto('vehicle')
    .values([
      // First inspected 2012-05: 10,800 yen in FY2025, 12,900 yen (重課) from FY2026.
      vehicle(1, A, { vehicleClassCode: 'kei_four_wheel_passenger_private', firstInspection: '2012-05', fuelTypeCode: 'gasoline', chassisNo: 'HA36S-100001', platePart1: '越谷', platePart2: '580 あ', platePart3: '12-34' }),
      // First inspected before April 2015: the old rate, 4,000 yen both years.
      vehicle(2, A, { vehicleClassCode: 'kei_four_wheel_cargo_private', firstInspection: '2014-06', fuelTypeCode: 'gasoline', chassisNo: 'DA16T-100002', platePart1: '越谷', platePart2: '480 か', platePart3: '56-78' }),
      // A 110 cc moped of at most 4.0 kW registered after April 2025: a 新基準原付, 2,000 yen.
      vehicle(3, A, { vehicleClassCode: 'moped_class1', displacementCc: 110, maxOutputKw: 3.5, wheels: 2, registrationDate: '2025-06-01', chassisNo: 'JA59-100003', platePart1: '越谷市', platePart2: 'あ', platePart3: '567' }),
      vehicle(4, F, { vehicleClassCode: 'kei_two_wheel', displacementCc: 200, chassisNo: 'MD38-100004' }),
      vehicle(5, H, { vehicleClassCode: 'kei_two_wheel', displacementCc: 200, chassisNo: 'MD38-100005' }),
    ])
    .execute();
}
