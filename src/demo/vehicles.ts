/**
 * @module The demo city's vehicles. Those declared at the city's counter (mopeds, small special
 * vehicles) are registered, re-titled, deregistered (one by the city's own decision, one stolen),
 * tax-stopped and remarked through the vehicle register's own use cases, with plates issued from
 * stock loaded at each office — so the demo shows what a counter produces; a few of each class
 * keep the load quick. Vehicles declared elsewhere (kei, two-wheelers) arrive as forwarded data:
 * a few of each class through the register's forwarded use cases, as the import writes them
 * (new, owner change, deregistration, inspection data); the rest bulk-loaded with their search
 * keys, numbered in a series of their own.
 */
import type { Insertable } from 'kysely';
import { staffActor } from '../access/actor.js';
import type { CityTransaction } from '../db/database.js';
import type { Vehicle } from '../db/schema.js';
import type { Vault } from '../integrated-addressees/vault.js';
import { defineDesignSeries, loadPlateRange } from '../plates/service.js';
import { NATIONAL } from '../tax-rules/service.js';
import type { RegistrationReason } from '../vehicles/model.js';
import {
  addRemarkIn,
  amendParticularsIn,
  changeOwnerIn,
  deregisterExOfficioIn,
  deregisterVehicleIn,
  registerForwardedVehicleIn,
  registerVehicleIn,
  stopTaxIn,
  vehicleSearchKeys,
  type VehicleWork,
} from '../vehicles/service.js';
import { DEMO_STAFF } from './generate.js';

/** The classes the city's counter declares, with the kana of their standard and (where the city has one) design plates. */
const COUNTER_CLASSES: Record<string, { kana: string; designKana?: string }> = {
  moped_class1: { kana: 'あ', designKana: 'か' },
  moped_class2_otsu: { kana: 'い', designKana: 'き' },
  moped_class2_ko: { kana: 'う', designKana: 'く' },
  minicar: { kana: 'え' },
  small_special_farm: { kana: 'ら' },
  small_special_other: { kana: 'り' },
};
const OFFICES = ['01', '02', '03'] as const;
/** Plates per office and class: each office's box of numbers after the previous office's. */
const BOX = 100;
/** How many vehicles of each counter class the demo declares (each declaration is a full use case). */
const PER_CLASS = 8;
/** Forwarded records are numbered in series 9 (900001…), apart from the counters' series. */
const FORWARDED_SERIES_BASE = 900_000;
/** How many vehicles of each forwarded class arrive through the register's forwarded use cases (the rest are bulk-loaded). */
const FORWARDED_PER_CLASS = 2;
/** Which counter declarations end otherwise than the rotation below: by the city's decision (職権廃車), by another city's copy (税止め). */
const EX_OFFICIO_AT = 3;
const TAX_STOP_AT = 7;

const REMARKS = [
  { body: '窓口で標識交付証明書を交付', methodCode: 'counter' },
  { body: '電話で廃車手続の必要書類を案内', methodCode: 'phone' },
  { body: '定置場の変更予定について郵送で照会あり', methodCode: 'mail' },
] as const;

/** Loads `vehicles` (the generated fleet) into the demo city, inside its loading transaction; the staff must exist already. */
export async function seedDemoVehicles(trx: CityTransaction, vault: Vault, code: string, vehicles: Insertable<Vehicle>[]): Promise<void> {
  const atCounter = (row: Insertable<Vehicle>) => row.vehicleClassCode in COUNTER_CLASSES;
  await loadPlateStock(trx);
  const forwarded = vehicles.filter((row) => !atCounter(row));
  const throughRegister = forwardedThroughRegister(forwarded);
  const bulk = forwarded.filter((row) => !throughRegister.includes(row));
  for (let i = 0; i < bulk.length; i += 200) {
    await trx
      .insertInto('vehicle')
      .values(bulk.slice(i, i + 200).map((row) => ({ ...inForwardedSeries(row), ...vehicleSearchKeys({ chassisNo: row.chassisNo ?? null, platePart1: row.platePart1 ?? null, platePart2: row.platePart2 ?? null, platePart3: row.platePart3 ?? null }) })))
      .execute();
  }
  const clerks = DEMO_STAFF.filter((staff) => staff.role === 'counter_clerk' || staff.role === 'assessor');
  await seedForwardedVehicles(trx, vault, code, throughRegister);
  const declared = Object.keys(COUNTER_CLASSES).flatMap((classCode) => vehicles.filter((row) => row.vehicleClassCode === classCode && row.generation === 1).slice(0, PER_CLASS));
  for (const [index, row] of declared.entries()) {
    const clerk = clerks[index % clerks.length] ?? clerks[0]!;
    const actor = staffActor({ municipalityCode: code, staffNo: clerk.staffNo, staffName: clerk.name, officeCode: clerk.officeCode, roles: [clerk.role], ipAddress: null, terminal: 'demo', reauthenticatedAt: null });
    const work: VehicleWork = { trx, actor, municipalityCode: code, vault };
    const office = row.registrationOfficeCode ?? clerk.officeCode;
    const registered = await registerVehicleIn(work, NATIONAL, {
      officeCode: office,
      receivedDate: row.registrationReceivedDate ?? (row.registrationDate as string),
      owner: { addresseeNo: row.ownerAddresseeNo },
      vehicleUserKindCode: 'owner',
      registrationReasonCode: (row.registrationReasonCode ?? 'new') as RegistrationReason,
      registrationDate: row.registrationDate as string,
      particulars: {
        vehicleClassCode: row.vehicleClassCode,
        chassisNo: row.chassisNo ?? null,
        vehicleMakeCode: row.vehicleMakeCode ?? null,
        vehicleMakeName: row.vehicleMakeName ?? null,
        modelDesignation: row.modelDesignation ?? null,
        modelYear: row.modelYear ?? null,
        fuelTypeCode: row.fuelTypeCode ?? null,
        displacementCc: row.displacementCc ?? null,
        ratedOutputKw: row.ratedOutputKw ?? null,
        maxOutputKw: row.maxOutputKw ?? null,
        wheels: row.vehicleClassCode === 'minicar' ? 4 : row.vehicleClassCode.startsWith('moped') ? 2 : null,
        cabin: row.vehicleClassCode === 'minicar' ? true : null,
        trackWidthCm: row.vehicleClassCode === 'minicar' ? 90 : null,
        crimePreventionRegistrationNo: row.crimePreventionRegistrationNo ?? null,
      },
      // Every third moped of a class the city designs a plate for gets the city's design.
      plateDesign: COUNTER_CLASSES[row.vehicleClassCode]?.designKana && index % 3 === 0 ? 'city_design' : 'standard',
      storagePlace: { storageAddressCode: row.storageAddressCode as string, storageBlockNo: row.storageBlockNo ?? null, storageLotNo: row.storageLotNo ?? null },
    });
    const no = { year: registered.declarationYear, serial: registered.declarationSerial };
    // Of every four: one passes to the next declaration's owner (名義変更), one is deregistered.
    const nextOwner = declared[(index + 1) % declared.length]?.ownerAddresseeNo;
    const changeDate = laterDate(row.registrationDate as string);
    if (index % 4 === 1 && nextOwner && nextOwner !== row.ownerAddresseeNo) {
      await changeOwnerIn(work, no, { officeCode: office, generation: 1, changeDate, receivedDate: changeDate, newOwner: { addresseeNo: nextOwner } });
    } else if (index === EX_OFFICIO_AT) {
      const investigation = '定置場に車両なし。所有者に照会文書を2回送付し返答なし。近隣への聞き取りで数年前に解体済みと確認';
      await deregisterExOfficioIn(work, no, { officeCode: office, generation: 1, changeDate, receivedDate: changeDate, investigation, plateReturnCode: 'not_returned' });
    } else if (index === TAX_STOP_AT) {
      await stopTaxIn(work, no, { officeCode: office, generation: 1, changeDate, receivedDate: changeDate, otherCityName: '草加市', otherCityDeclarationNo: 'S-2024-0123' });
    } else if (index % 4 === 2) {
      await deregisterVehicleIn(work, no, {
        officeCode: office,
        generation: 1,
        changeDate,
        receivedDate: changeDate,
        deregistrationReasonCode: (['scrapped', 'transferred', 'moved_out', 'stolen'] as const)[Math.floor(index / 4) % 4] ?? 'scrapped',
        plateReturnCode: 'returned',
        plateReturnedDate: changeDate,
      });
    }
    if (index % 3 === 0) {
      const remark = REMARKS[index % REMARKS.length]!;
      await addRemarkIn(work, no, { ...remark, remarkDate: row.registrationDate as string });
    }
  }
}

/** A few records in force of each forwarded class, one generation each, to arrive through the register as the import writes them. */
function forwardedThroughRegister(forwarded: Insertable<Vehicle>[]): Insertable<Vehicle>[] {
  const inForce = forwarded.filter((row) => !row.supersededAt && !row.deregistrationDate && !row.newOwnerAddresseeNo && row.generation === 1 && (row.taxationCode ?? 'taxable') === 'taxable');
  return [...new Set(forwarded.map((row) => row.vehicleClassCode))].flatMap((classCode) => inForce.filter((row) => row.vehicleClassCode === classCode).slice(0, FORWARDED_PER_CLASS));
}

/**
 * Forwarded vehicles through the register's own use cases, as the import writes them (channel
 * 回送データ): each registered; of each class's pair, the first then gets its inspection data,
 * and of every other class the second passes to the next vehicle's owner or is deregistered.
 */
async function seedForwardedVehicles(trx: CityTransaction, vault: Vault, code: string, rows: Insertable<Vehicle>[]): Promise<void> {
  const assessor = DEMO_STAFF.find((staff) => staff.role === 'assessor') ?? DEMO_STAFF[0]!;
  const actor = staffActor({ municipalityCode: code, staffNo: assessor.staffNo, staffName: assessor.name, officeCode: assessor.officeCode, roles: [assessor.role], ipAddress: null, terminal: 'demo', reauthenticatedAt: null });
  const work: VehicleWork = { trx, actor, municipalityCode: code, vault, channel: 'forwarded' };
  for (const [index, row] of rows.entries()) {
    const twoWheel = row.vehicleClassCode === 'kei_two_wheel' || row.vehicleClassCode === 'small_two_wheeler';
    const source = twoWheel ? '運輸支局' : '軽自動車検査協会';
    const registrationDate = row.registrationDate as string;
    const registered = await registerForwardedVehicleIn(work, NATIONAL, {
      ownerAddresseeNo: row.ownerAddresseeNo,
      registrationDate,
      receivedDate: row.registrationReceivedDate ?? registrationDate,
      particulars: {
        vehicleClassCode: row.vehicleClassCode,
        chassisNo: row.chassisNo ?? null,
        vehicleMakeCode: row.vehicleMakeCode ?? null,
        vehicleMakeName: row.vehicleMakeName ?? null,
        modelDesignation: row.modelDesignation ?? null,
        modelYear: row.modelYear ?? null,
        fuelTypeCode: row.fuelTypeCode ?? null,
        displacementCc: row.displacementCc ?? null,
        ratedOutputKw: row.ratedOutputKw ?? null,
        firstInspection: row.firstInspection ?? null,
        lowEmission4star: row.lowEmission4star ?? false,
        fuelEfficiency2020Pct: row.fuelEfficiency2020Pct ?? null,
        wheels: twoWheel ? 2 : row.vehicleClassCode === 'kei_three_wheel' ? 3 : 4,
        bodyType: row.vehicleClassCode === 'kei_three_wheel' ? 'cargo' : null,
      },
      plate: { platePart1: row.platePart1 ?? '', platePart2: row.platePart2 ?? '', platePart3: row.platePart3 ?? '' },
      registrationRemark1: `${source}の送付データ(新規)`,
    });
    const no = { year: registered.declarationYear, serial: registered.declarationSerial };
    const changeDate = laterDate(registrationDate);
    const basis = { generation: 1, changeDate, receivedDate: changeDate };
    const nextOwner = rows[(index + 1) % rows.length]?.ownerAddresseeNo;
    if (index % 2 === 0) {
      await amendParticularsIn(work, NATIONAL, no, { ...basis, reason: 'inspection_data', particulars: { fuelEfficiency2030Pct: 80 } });
    } else if (index % 4 === 1 && nextOwner && nextOwner !== row.ownerAddresseeNo) {
      await changeOwnerIn(work, no, { ...basis, newOwner: { addresseeNo: nextOwner } });
    } else if (index % 4 === 3) {
      await deregisterVehicleIn(work, no, { ...basis, deregistrationReasonCode: 'other', plateReturnCode: 'returned', plateReturnedDate: changeDate, deregistrationRemark1: `${source}の送付データ(廃車)` });
    }
  }
}

/** Plates in stock at every office, for every class the counter declares, standard and the city's design. */
async function loadPlateStock(trx: CityTransaction): Promise<void> {
  for (const [vehicleClassCode, { designKana }] of Object.entries(COUNTER_CLASSES)) {
    if (designKana) await defineDesignSeries(trx, { vehicleClassCode, designName: 'しらこばと橋とガーヤちゃん' });
  }
  for (const [office, officeCode] of OFFICES.entries()) {
    for (const [vehicleClassCode, { kana, designKana }] of Object.entries(COUNTER_CLASSES)) {
      const range = { officeCode, vehicleClassCode: vehicleClassCode as 'moped_class1', part1: '越谷市', firstSerial: office * BOX + 1, lastSerial: (office + 1) * BOX, receivedOn: '2008-04-01' };
      await loadPlateRange(trx, 'D001', { ...range, design: 'standard', part2: kana });
      if (designKana) await loadPlateRange(trx, 'D001', { ...range, design: 'city_design', part2: designKana });
    }
  }
}

/** A day some years after `date`, within the register's past: when a demo vehicle changed. */
function laterDate(date: string): string {
  const year = Math.min(Number(date.slice(0, 4)) + 2, 2026);
  return `${year}-${date.slice(5, 7) > '10' ? '10' : date.slice(5, 7)}-${date.slice(8, 10)}`;
}

function inForwardedSeries(row: Insertable<Vehicle>): Insertable<Vehicle> {
  return {
    ...row,
    declarationChannel: 'forwarded',
    declarationSerial: FORWARDED_SERIES_BASE + row.declarationSerial,
    ...(row.deregistrationDeclarationSerial ? { deregistrationDeclarationSerial: FORWARDED_SERIES_BASE + row.deregistrationDeclarationSerial } : {}),
  };
}
