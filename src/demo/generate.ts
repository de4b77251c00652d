/**
 * @module The demo city: 越谷市's code and town names with generated, fictional people and vehicles.
 * Deterministic (one seed, one city) so screenshots and tests can rely on it. Names are drawn
 * from common name lists; every phone number uses the unassigned 000 exchange, and addresses
 * carry generated block numbers, so no record describes a real person. Individual numbers are
 * `99` and a serial with a valid check digit: generated, never taken from anyone.
 */
import type { Insertable } from 'kysely';
import type { RoleCode } from '../access/roles.js';
import { corporateNumberCheckDigit } from '../shared/corporate-number.js';
import type { AddressArea, Addressee, MailDestination, Office, TaxAdministratorAssignment, Vehicle } from '../db/schema.js';
import { CORPORATION_NAMES, DEMO_MUNICIPALITY, ELSEWHERE, fiscalYearOf, GIVEN_NAMES, isoDate, NAME_SEPARATOR, pad, randomSource, SURNAMES, TOWNS, particularsColumns, vehicleDetails, type ClassCode } from '../shared/fictional.js';
import { individualNumberCheckDigit } from '../shared/individual-number.js';
import type { Municipality } from '../municipality/model.js';
import type { DeregistrationReason, RegistrationReason } from '../vehicles/model.js';

export { DEMO_MUNICIPALITY };

/** An integrated addressee of the demo city and, for a person, the individual number to seal for it. */
export interface DemoIntegratedAddressee {
  integratedAddresseeNo: string;
  individualNumber: string | null;
}

/** A history entry of the demo city (who: the migration, or a demo clerk). */
export interface DemoHistory {
  addresseeNo: string;
  changedAt: string;
  source: 'entry' | 'resident_registry';
  changeKind: 'registered' | 'updated' | 'mail_destination_set' | 'tax_administrator_set';
  reason: string;
  effectiveDate: string | null;
  changes: Record<string, { before?: unknown; after?: unknown }>;
}

/** Demo sign-in accounts: one per role, with a documented password and enrolment code (README). */
export const DEMO_PASSWORD = 'Koshigaya-Demo-2026!';

export interface DemoStaff {
  staffNo: string;
  name: string;
  officeCode: string;
  department: string;
  role: RoleCode;
  /** The one-time passkey enrolment code, fixed so the README can print it. */
  enrollmentCode: string;
}

export const DEMO_STAFF: DemoStaff[] = (
  [
    ['D001', '課税　一郎', '01', '市民税課 軽自動車税係', 'assessor'],
    ['D002', '北部　窓口', '02', '北部出張所', 'counter_clerk'],
    ['D003', '南部　窓口', '03', '南部出張所', 'counter_clerk'],
    ['D004', '減免　花子', '01', '市民税課 軽自動車税係', 'reductions_clerk'],
    ['D005', '係長　次郎', '01', '市民税課 軽自動車税係長', 'supervisor'],
    ['D006', '収納　三郎', '10', '収納課', 'collections_viewer'],
    ['D007', '福祉　四郎', '11', '生活福祉課', 'welfare_viewer'],
    ['D008', '監査　五郎', '01', '総務課 情報公開担当', 'auditor'],
    ['D009', '管理　六郎', '01', '情報政策課', 'system_admin'],
    ['D010', '委託　七郎', '90', '保守運用委託事業者', 'contractor'],
  ] as const
).map(([staffNo, name, officeCode, department, role]) => ({ staffNo, name, officeCode, department, role, enrollmentCode: `DEMO-${staffNo}-2026` }));

export interface DemoCity {
  municipality: Municipality;
  offices: Insertable<Office>[];
  addressAreas: Insertable<AddressArea>[];
  integratedAddressees: DemoIntegratedAddressee[];
  addressees: Insertable<Addressee>[];
  taxAdministrators: Insertable<TaxAdministratorAssignment>[];
  mailDestinations: Insertable<MailDestination>[];
  history: DemoHistory[];
  vehicles: Insertable<Vehicle>[];
}

/** How many of each class the demo city has, roughly in the proportions of a real register. */
const FLEET: [ClassCode, number][] = [
  ['moped_class1', 60],
  ['moped_class2_otsu', 12],
  ['moped_class2_ko', 30],
  ['minicar', 4],
  ['small_special_farm', 12],
  ['small_special_other', 10],
  ['kei_two_wheel', 30],
  ['small_two_wheeler', 24],
  ['kei_three_wheel', 3],
  ['kei_four_wheel_passenger_commercial', 6],
  ['kei_four_wheel_passenger_private', 150],
  ['kei_four_wheel_cargo_commercial', 15],
  ['kei_four_wheel_cargo_private', 60],
];

export function generateDemoCity(seed = 20260401): DemoCity {
  const rnd = randomSource(seed);
  const code = DEMO_MUNICIPALITY.code;
  const randomDate = (fromYear: number, toYear: number) => isoDate(rnd.int(fromYear, toYear), rnd.int(1, 12), rnd.int(1, 28));

  const offices: Insertable<Office>[] = [
    { municipalityCode: code, officeCode: '01', name: '本庁 市民税課', kind: 'main' },
    { municipalityCode: code, officeCode: '02', name: '北部出張所', kind: 'branch' },
    { municipalityCode: code, officeCode: '03', name: '南部出張所', kind: 'branch' },
    { municipalityCode: code, officeCode: '10', name: '収納課', kind: 'other_department' },
    { municipalityCode: code, officeCode: '11', name: '生活福祉課', kind: 'other_department' },
    { municipalityCode: code, officeCode: '90', name: '保守運用委託事業者', kind: 'contractor' },
  ];
  const addressAreas: Insertable<AddressArea>[] = TOWNS.map(([town, kana], i) => ({
    municipalityCode: code,
    addressCode: pad((i + 1) * 100, 6),
    townName: town,
    townNameKana: kana,
    postalCode: `34300${pad(i + 10, 2)}`,
  }));

  const addressees: Insertable<Addressee>[] = [];
  const integratedAddressees: DemoIntegratedAddressee[] = [];
  let addresseeSerial = 0;
  const nextAddresseeNo = () => `${code}${pad(++addresseeSerial, 9)}`;
  /** S3 付番 for each addressee; people also get a generated individual number. */
  const integrate = (person: boolean) => {
    const serial = integratedAddressees.length + 1;
    const body = `99${pad(serial, 9)}`;
    const integratedAddresseeNo = `${code}${pad(serial, 9)}`;
    integratedAddressees.push({ integratedAddresseeNo, individualNumber: person ? `${body}${individualNumberCheckDigit(body)}` : null });
    return integratedAddresseeNo;
  };
  const phone = () => `048-000-${pad(rnd.int(0, 9999), 4)}`;
  const cityAddress = () => {
    const area = rnd.pick(addressAreas);
    return {
      area,
      addressCode: area.addressCode,
      postalCode: area.postalCode ?? null,
      address: `${DEMO_MUNICIPALITY.prefecture}${DEMO_MUNICIPALITY.name}${area.townName}${rnd.int(1, 9)}丁目${rnd.int(1, 30)}番${rnd.int(1, 20)}号`,
    };
  };
  const person = (kind: 'resident' | 'non_resident') => {
    const [surname, surnameKana] = rnd.pick(SURNAMES);
    const [given, givenKana, sex] = rnd.pick(GIVEN_NAMES);
    const home =
      kind === 'resident'
        ? cityAddress()
        : {
            addressCode: null,
            postalCode: `1${pad(rnd.int(0, 999999), 6)}`,
            address: `${rnd.pick(ELSEWHERE)}架空町${rnd.int(1, 9)}丁目${rnd.int(1, 30)}番${rnd.int(1, 20)}号`,
          };
    const record: Insertable<Addressee> = {
      municipalityCode: code,
      addresseeNo: nextAddresseeNo(),
      kind,
      integratedAddresseeNo: integrate(true),
      nameKanji: `${surname}${NAME_SEPARATOR}${given}`,
      nameKana: `${surnameKana}${NAME_SEPARATOR}${givenKana}`,
      sexCode: sex,
      birthDate: randomDate(1938, 2006),
      postalCode: home.postalCode,
      addressCode: home.addressCode,
      address: home.address,
      phone: rnd.chance(0.8) ? phone() : null,
      status: kind === 'resident' && rnd.chance(0.04) ? 'deceased' : 'active',
    };
    // A date from the serial, not from `rnd`: the draws of the people and vehicles stay as they were.
    if (record.status === 'deceased') record.statusDate = `${2020 + (addresseeSerial % 6)}-${pad(1 + (addresseeSerial % 12), 2)}-15`;
    addressees.push(record);
    return record;
  };

  const residents = Array.from({ length: 250 }, () => person('resident'));
  const nonResidents = Array.from({ length: 40 }, () => person('non_resident'));
  const corporations = CORPORATION_NAMES.map(([name, kana]) => {
    const base = pad(rnd.int(0, 999_999_999), 9) + pad(rnd.int(0, 999), 3);
    const home = cityAddress();
    const record: Insertable<Addressee> = {
      municipalityCode: code,
      addresseeNo: nextAddresseeNo(),
      kind: 'corporation',
      integratedAddresseeNo: integrate(false),
      nameKanji: name,
      nameKana: kana,
      corporateNumber: `${corporateNumberCheckDigit(base)}${base}`,
      postalCode: home.postalCode,
      addressCode: home.addressCode,
      address: home.address,
      phone: phone(),
    };
    addressees.push(record);
    return record;
  });

  // Half of the non-residents have a resident acting as their tax administrator (納税管理人).
  const taxAdministrators: Insertable<TaxAdministratorAssignment>[] = nonResidents
    .filter((_, i) => i % 2 === 0)
    .map((taxpayer) => ({
      municipalityCode: code,
      taxpayerAddresseeNo: taxpayer.addresseeNo,
      administratorAddresseeNo: rnd.pick(residents).addresseeNo,
      validFrom: randomDate(2018, 2025),
    }));

  const owners = [...residents.filter((r) => r.status === 'active'), ...nonResidents, ...corporations];
  const vehicles: Insertable<Vehicle>[] = [];
  const plateSerials = new Map<string, number>();
  let declarationSerial = 0;

  for (const [classCode, count] of FLEET) {
    for (let i = 0; i < count; i++) {
      const owner = classCode.endsWith('_commercial') || classCode === 'small_special_other'
        ? rnd.pick(corporations)
        : rnd.pick(owners);
      const details = vehicleDetails(classCode, rnd);
      const registrationDate = details.firstInspection
        ? `${details.firstInspection.slice(0, 4)}-${details.firstInspection.slice(5, 7) || '12'}-${pad(rnd.int(1, 28), 2)}`
        : randomDate(2008, 2025);
      const declarationYear = fiscalYearOf(registrationDate);
      const plate = plateFor(classCode, rnd, plateSerials);
      const storage = owner.addressCode ? { code: owner.addressCode } : { code: rnd.pick(addressAreas).addressCode };
      const cityDeclared = details.cityDeclared;
      const base: Insertable<Vehicle> = {
        municipalityCode: code,
        declarationYear,
        declarationSerial: ++declarationSerial,
        vehicleClassCode: classCode,
        platePart1: plate[0],
        platePart2: plate[1],
        platePart3: plate[2],
        generation: 1,
        ownerAddresseeNo: owner.addresseeNo,
        registrationReasonCode: rnd.pick<RegistrationReason>(['new', 'new', 'new', 'transfer', 'moved_in']),
        registrationDate,
        registrationReceivedDate: registrationDate,
        ...particularsColumns(details),
        chassisNo: details.chassisNo,
        modelYear: Number(registrationDate.slice(0, 4)),
        storageAddressCode: storage.code,
        storageBlockNo: String(rnd.int(1, 30)),
        storageLotNo: String(rnd.int(1, 20)),
        vehicleUserKindCode: 'owner',
        registrationOfficeCode: cityDeclared ? rnd.pick(['01', '01', '02', '03']) : null,
        firstInspection: details.firstInspection,
        towed: false,
        crimePreventionRegistrationNo: cityDeclared && classCode.startsWith('moped') ? `K${pad(rnd.int(0, 9_999_999), 7)}` : null,
      };

      const roll = rnd.next();
      if (roll < 0.1) {
        // Changed hands: generation 1 is kept, superseded by generation 2 under the new owner.
        const newOwner = rnd.pick(owners);
        const changeDate = randomDate(Math.max(Number(registrationDate.slice(0, 4)) + 1, 2016), 2026);
        vehicles.push({ ...base, supersededAt: `${changeDate}T09:00:00+09:00`, newOwnerAddresseeNo: newOwner.addresseeNo });
        vehicles.push({
          ...base,
          generation: 2,
          ownerAddresseeNo: newOwner.addresseeNo,
          previousOwnerAddresseeNo: owner.addresseeNo,
          changeReasonCode: 'owner_change',
          changeDate,
          changeOfficeCode: cityDeclared ? '01' : null,
          storageAddressCode: newOwner.addressCode ?? storage.code,
        });
      } else if (roll < 0.18) {
        const deregistrationDate = randomDate(Math.max(Number(registrationDate.slice(0, 4)) + 1, 2016), 2026);
        vehicles.push({
          ...base,
          deregistrationDeclarationYear: fiscalYearOf(deregistrationDate),
          deregistrationDeclarationSerial: ++declarationSerial,
          deregistrationReasonCode: rnd.pick<DeregistrationReason>(['scrapped', 'transferred', 'moved_out', 'stolen']),
          deregistrationDate,
          deregistrationReceivedDate: deregistrationDate,
          plateReturnCode: cityDeclared ? 'returned' : null,
          plateReturnedDate: cityDeclared ? deregistrationDate : null,
        });
      } else if (roll < 0.2) {
        vehicles.push({ ...base, taxationCode: 'tax_hold', taxHoldReasonCode: 'whereabouts_unknown', taxationRemark: '納税通知書返戻・所在調査中' });
      } else {
        vehicles.push(base);
      }
    }
  }

  vehicles.push(...suspiciousVehicles(code, residents, corporations, () => ++declarationSerial));

  // Some residents have notices sent elsewhere (送付先): a relative's house, an accountant.
  const mailDestinations: Insertable<MailDestination>[] = residents
    .filter((r) => r.status === 'active' && rnd.chance(0.08))
    .map((r) => ({
      municipalityCode: code,
      addresseeNo: r.addresseeNo,
      validFrom: randomDate(2019, 2025),
      name: rnd.chance(0.5) ? `${r.nameKanji.split(NAME_SEPARATOR)[0]}${NAME_SEPARATOR}${rnd.pick(GIVEN_NAMES)[0]}方` : 'こしがや税理士事務所',
      postalCode: `1${pad(rnd.int(0, 999999), 6)}`,
      address: `${rnd.pick(ELSEWHERE)}架空町${rnd.int(1, 9)}丁目${rnd.int(1, 30)}番${rnd.int(1, 20)}号`,
    }));

  const history = demoHistory(addressees, taxAdministrators, mailDestinations, rnd);
  return { municipality: DEMO_MUNICIPALITY, offices, addressAreas, integratedAddressees, addressees, taxAdministrators, mailDestinations, history, vehicles };
}

/**
 * Each addressee's history: registered when the register was migrated (residents from the
 * resident registry), then the tax administrators and mail destinations as set by a clerk, and
 * for some residents a move within the city.
 */
function demoHistory(
  addressees: Insertable<Addressee>[],
  taxAdministrators: Insertable<TaxAdministratorAssignment>[],
  mailDestinations: Insertable<MailDestination>[],
  rnd: ReturnType<typeof randomSource>,
): DemoHistory[] {
  const at = (day: string) => `${day}T10:00:00+09:00`;
  const history: DemoHistory[] = addressees.map((a) => ({
    addresseeNo: a.addresseeNo,
    changedAt: at('2018-04-01'),
    source: a.kind === 'resident' ? 'resident_registry' : 'entry',
    changeKind: 'registered',
    reason: '旧システムからの移行(デモデータ)',
    effectiveDate: '2018-04-01',
    changes: { nameKanji: { after: a.nameKanji }, address: { after: a.address } },
  }));
  for (const a of addressees.filter((x) => x.kind === 'resident' && x.status === 'active' && rnd.chance(0.1))) {
    const day = `20${rnd.int(19, 25)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`;
    history.push({
      addresseeNo: a.addresseeNo,
      changedAt: at(day),
      source: 'resident_registry',
      changeKind: 'updated',
      reason: '住民異動(転居) 住民記録からの取込み',
      effectiveDate: day,
      changes: { address: { before: a.address.replace(/(\d+)号$/, (_, n: string) => `${Number(n) + 1}号`), after: a.address } },
    });
  }
  for (const t of taxAdministrators) {
    history.push({
      addresseeNo: t.taxpayerAddresseeNo,
      changedAt: at(t.validFrom),
      source: 'entry',
      changeKind: 'tax_administrator_set',
      reason: '納税管理人申告書の受付',
      effectiveDate: t.validFrom,
      changes: { administratorAddresseeNo: { after: t.administratorAddresseeNo }, validFrom: { after: t.validFrom } },
    });
  }
  for (const m of mailDestinations) {
    history.push({
      addresseeNo: m.addresseeNo,
      changedAt: at(m.validFrom),
      source: 'entry',
      changeKind: 'mail_destination_set',
      reason: '送付先変更届の受付',
      effectiveDate: m.validFrom,
      changes: { name: { after: m.name }, address: { after: m.address }, validFrom: { after: m.validFrom } },
    });
  }
  return history.sort((a, b) => a.changedAt.localeCompare(b.changedAt));
}

function plateFor(classCode: ClassCode, rnd: ReturnType<typeof randomSource>, serials: Map<string, number>): [string, string, string] {
  const next = (key: string) => {
    const n = (serials.get(key) ?? rnd.int(100, 300)) + rnd.int(1, 7);
    serials.set(key, n);
    return n;
  };
  const cityKana: Partial<Record<ClassCode, string>> = {
    moped_class1: 'あ', moped_class2_otsu: 'い', moped_class2_ko: 'う', minicar: 'え', small_special_farm: 'ら', small_special_other: 'り',
  };
  const kana = cityKana[classCode];
  if (kana) return ['越谷市', kana, String(next(classCode))];
  if (classCode === 'kei_two_wheel' || classCode === 'small_two_wheeler') return ['越谷', classCode === 'kei_two_wheel' ? 'う' : 'さ', String(next(classCode))];
  const classNumber = classCode.includes('cargo') ? '480' : classCode === 'kei_three_wheel' ? '680' : '580';
  const plateKana = classCode.endsWith('_commercial') ? 'り' : rnd.pick(['あ', 'い', 'う', 'え', 'か', 'き']);
  const serial = next(`${classNumber}${plateKana}`);
  return ['越谷', `${classNumber} ${plateKana}`, `${pad(Math.floor(serial / 100) % 100, 2)}-${pad(serial % 100, 2)}`];
}

/**
 * Forwarded kei cars the checks before mailing (src/mailing-checks/rules.ts) must flag, fixed
 * rather than random so that the rest of the city stays as it was: a new car recorded as petrol on
 * April 1 and found electric after the levy (no green reduction), a cargo car without its first-inspection
 * month, a car of an owner who died before April 1, and one chassis on two records (one
 * deregistered after April 1, so both are levied).
 */
function suspiciousVehicles(code: string, residents: readonly Insertable<Addressee>[], corporations: readonly Insertable<Addressee>[], nextSerial: () => number): Insertable<Vehicle>[] {
  const deceased = residents.find((r) => r.status === 'deceased') ?? residents[0];
  const corporation = corporations[0];
  if (!deceased || !corporation) return [];
  const car = (owner: Insertable<Addressee>, plateSerial: string, fields: Partial<Insertable<Vehicle>>): Insertable<Vehicle> => ({
    municipalityCode: code,
    declarationYear: 2024,
    declarationSerial: nextSerial(),
    vehicleClassCode: 'kei_four_wheel_passenger_private',
    platePart1: '越谷',
    platePart2: '580 を',
    platePart3: plateSerial,
    generation: 1,
    ownerAddresseeNo: owner.addresseeNo as string,
    registrationReasonCode: 'new',
    registrationDate: '2024-06-10',
    registrationReceivedDate: '2024-06-10',
    vehicleMakeCode: '02',
    vehicleMakeName: 'スズキ',
    fuelTypeCode: 'gasoline',
    displacementCc: 658,
    chassisNo: `MK53S-9${plateSerial.replace('-', '')}`,
    modelDesignation: '5BA-MK53S',
    modelYear: 2024,
    storageAddressCode: owner.addressCode ?? null,
    storageBlockNo: '1',
    storageLotNo: '1',
    vehicleUserKindCode: 'owner',
    firstInspection: '2024-06',
    towed: false,
    ...fields,
  });
  // Recorded as petrol until the inspection data forwarded on April 20, after the levy was computed, said electric.
  const newElectric = car(corporation, '90-01', { registrationDate: '2025-06-20', firstInspection: '2025-06', modelYear: 2025, supersededAt: '2026-04-20T09:00:00+09:00' });
  return [
    ...[newElectric, { ...newElectric, generation: 2, fuelTypeCode: 'electric' as const, displacementCc: null, ratedOutputKw: 47, supersededAt: null, changeReasonCode: 'inspection_data', changeDate: '2026-04-20' }],
    car(corporation, '90-02', { vehicleClassCode: 'kei_four_wheel_cargo_private', firstInspection: null }),
    car(deceased, '90-03', {}),
    car(corporation, '90-04', { chassisNo: 'DA17V-990404', deregistrationDate: '2026-04-10', deregistrationReceivedDate: '2026-04-10', deregistrationReasonCode: 'scrapped' }),
    car(corporation, '90-05', { chassisNo: 'DA17V-990404', registrationDate: '2026-03-02', registrationReceivedDate: '2026-03-02' }),
  ];
}
