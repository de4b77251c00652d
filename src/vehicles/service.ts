/**
 * @module The vehicle register (軽自テーブル, S1 (1)–(4)): counter declarations, history across
 * generations and owners, remarks, deletion and restoration, search, and what a vehicle owes.
 *
 * A change never overwrites: it writes generation n+1 and marks generation n superseded, in one
 * transaction (docs/decisions/0004-vehicle-generations.md). Functions taking a `CityTransaction`
 * or a `VehicleWork` run inside a caller's AccessControl transaction (certificates, imports);
 * `VehicleService` is the door for routes.
 */
import { sql } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { AccessControl, AuditNote } from '../access/guard.js';
import { addressAreaExists, createAddressee, findAddressee, namesOf, type AddresseeRow, type AddresseeService } from '../addressees/service.js';
import type { CityTransaction } from '../db/database.js';
import type { VaultWork } from '../integrated-addressees/service.js';
import { listOffices } from '../municipality/service.js';
import { Problem, type FieldError } from '../server/problem.js';
import { fiscalYearOf, formatJapanTime, japanToday } from '../shared/dates.js';
import { formatEraDate } from '../shared/era.js';
import { staffNames } from '../staff/service.js';
import { RATE_CASE_LABEL, TaxInputError, type VehicleInput } from '../tax-rules/model.js';
import { createCompensationSlip, issuePlate, recordOtherCityPlate, takeBackPlate } from '../plates/service.js';
import { annualAmount, vehicleInputOf, type RuleBook } from '../tax-rules/service.js';
import {
  CHANGE_REASONS,
  DEREGISTRATION_REASONS,
  formatDeclarationNo,
  GENERATION_STATES,
  plateSchema,
  plateText,
  readDeclarationNo,
  REGISTRATION_REASONS,
  type ClassChangeInput,
  type CurrentVehicle,
  type DeclarationNo,
  type DeclarationResult,
  type DeletedVehicle,
  type DeregistrationInput,
  type ExOfficioDeregistrationInput,
  type ForwardedRegistrationInput,
  type GenerationState,
  type HistoryRow,
  type OwnerChangeInput,
  type OwnerInput,
  type ParticularsAmendment,
  type PersonDisplay,
  type PlateInput,
  type PlateReissueInput,
  type RegistrationInput,
  type RemarkEditInput,
  type RemarkInput,
  type RemarkView,
  type StorageChangeInput,
  type TaxOwed,
  type TaxStopInput,
  type VehicleDetail,
  type VehicleParticulars,
  type VehicleRecord,
  type VehicleSearchInput,
  type VehicleSearchResult,
} from './model.js';
import { VEHICLE_OPERATIONS } from './operations.js';
import {
  drawSerial,
  findActiveByKeys,
  findCurrentGeneration,
  findDeletedGenerations,
  findGeneration,
  findRemark,
  insertGeneration,
  insertRemark,
  listDeleted,
  listGenerations,
  listGenerationsOfOwner,
  listRemarks,
  listVehicleClasses,
  moveToDeleted,
  restoreFromDeleted,
  searchQuery,
  seriesOf,
  supersede,
  updateRemark,
  type NewGeneration,
  type VehicleClassRow,
  type VehicleRow,
} from './repository.js';
import { searchKeyOf, vehicleSearchKeys } from './search-keys.js';

// Within a caller's transaction: how many vehicles are current (the status page); the search keys a bulk load (the demo city) writes.
export { countCurrentVehicles } from './repository.js';
export { vehicleSearchKeys } from './search-keys.js';

/** What a declaration runs with: the caller's transaction, who acts, and the vault (to register a non-resident). */
export interface VehicleWork extends VaultWork {
  actor: Actor;
  /** How the declarations reached the city: at the counter unless told (回送データ: forwarded). */
  channel?: 'counter' | 'forwarded';
}

const asDeclarationNo = (value: DeclarationNo | string): DeclarationNo | undefined => (typeof value === 'string' ? readDeclarationNo(value) : value);

function stateOf(row: Pick<VehicleRow, 'supersededAt' | 'deregistrationDate' | 'newOwnerDeclarationNo'>): GenerationState {
  if (row.supersededAt) return 'superseded';
  if (row.newOwnerDeclarationNo) return 're_titled';
  return row.deregistrationDate ? 'deregistered' : 'current';
}

const isoOrNull = (value: Date | null) => (value ? value.toISOString() : null);
const noOrNull = (year: number | null, serial: number | null) => (year !== null && serial !== null ? formatDeclarationNo({ year, serial }) : null);

/** A row as the API returns it: its declaration numbers written out, its search keys left out. */
function toRecord(row: VehicleRow): VehicleRecord {
  const {
    municipalityCode: _m,
    plateSearch: _a,
    plateSerialSearch: _b,
    plateSearchReversed: _c,
    chassisSearch: _d,
    chassisSearchReversed: _e,
    deregistrationDeclarationYear,
    deregistrationDeclarationSerial,
    priorYearDeclarationYear,
    priorYearDeclarationSerial,
    recordCreatedAt,
    supersededAt,
    ...fields
  } = row;
  return {
    ...fields,
    declarationNo: formatDeclarationNo({ year: row.declarationYear, serial: row.declarationSerial }),
    deregistrationDeclarationNo: noOrNull(deregistrationDeclarationYear, deregistrationDeclarationSerial),
    priorYearDeclarationNo: noOrNull(priorYearDeclarationYear, priorYearDeclarationSerial),
    recordCreatedAt: recordCreatedAt.toISOString(),
    supersededAt: isoOrNull(supersededAt),
    state: stateOf(row),
  };
}

function personOf(row: AddresseeRow): PersonDisplay {
  return { addresseeNo: row.addresseeNo, kind: row.kind, nameKanji: row.nameKanji, nameKana: row.nameKana, address: row.address, postalCode: row.postalCode };
}

function classDisplay(classes: Map<string, VehicleClassRow>, code: string) {
  const found = classes.get(code);
  return { code, nameJa: found?.nameJa ?? code, displayColour: found?.displayColour ?? '#ffffff', taxClass: found?.taxClass ?? code };
}

async function classMap(trx: CityTransaction): Promise<Map<string, VehicleClassRow>> {
  return new Map((await listVehicleClasses(trx)).map((row) => [row.vehicleClassCode, row]));
}

async function officeNames(trx: CityTransaction): Promise<Map<string, string>> {
  return new Map((await listOffices(trx)).map((office) => [office.officeCode, office.name]));
}

/**
 * The record in force (or the last generation of a deregistered vehicle) with its owner, user,
 * class and offices for display; undefined when there is none.
 */
export async function findCurrentVehicle(trx: CityTransaction, declarationNo: DeclarationNo | string): Promise<CurrentVehicle | undefined> {
  const no = asDeclarationNo(declarationNo);
  const row = no && (await findCurrentGeneration(trx, no));
  if (!row) return undefined;
  const [owner, user, classes, offices, staff] = await Promise.all([
    findAddressee(trx, row.ownerAddresseeNo),
    row.vehicleUserAddresseeNo ? findAddressee(trx, row.vehicleUserAddresseeNo) : undefined,
    classMap(trx),
    officeNames(trx),
    staffNames(trx, row.staffNo ? [row.staffNo] : []),
  ]);
  if (!owner) throw new Error(`vehicle ${formatDeclarationNo(no)} names owner ${row.ownerAddresseeNo}, who is not in the register`);
  return {
    ...toRecord(row),
    owner: personOf(owner),
    vehicleUser: user ? personOf(user) : null,
    vehicleClass: classDisplay(classes, row.vehicleClassCode),
    registrationOfficeName: row.registrationOfficeCode ? (offices.get(row.registrationOfficeCode) ?? null) : null,
    changeOfficeName: row.changeOfficeCode ? (offices.get(row.changeOfficeCode) ?? null) : null,
    staffName: (row.staffNo && staff.get(row.staffNo)) || null,
  };
}

/** What made a generation, in a clerk's words. */
function eventOf(row: VehicleRow, previous: VehicleRow | undefined): { label: string; date: string | null } {
  if (row.newOwnerDeclarationNo) return { label: `名義変更(新所有者 ${row.newOwnerDeclarationNo} へ)`, date: row.changeDate };
  if (row.deregistrationDate && !previous?.deregistrationDate) {
    const reason = DEREGISTRATION_REASONS[row.deregistrationReasonCode as keyof typeof DEREGISTRATION_REASONS] ?? 'その他';
    return { label: row.changeReasonCode === 'tax_stop' ? '税止め(他市町村へ)' : `廃車(${reason})`, date: row.deregistrationDate };
  }
  if (previous) return { label: CHANGE_REASONS[row.changeReasonCode as keyof typeof CHANGE_REASONS] ?? '変更', date: row.changeDate };
  if (row.previousOwnerDeclarationNo) return { label: `名義変更(旧所有者 ${row.previousOwnerDeclarationNo} から)`, date: row.registrationDate };
  return { label: `登録(${REGISTRATION_REASONS[row.registrationReasonCode as keyof typeof REGISTRATION_REASONS] ?? '新規'})`, date: row.registrationDate };
}

/** History rows for `rows` (any records, newest first within each), with names filled in. */
async function historyRows(trx: CityTransaction, rows: VehicleRow[]): Promise<HistoryRow[]> {
  const [owners, classes, offices, staff] = await Promise.all([namesOf(trx, rows.map((row) => row.ownerAddresseeNo)), classMap(trx), officeNames(trx), staffNames(trx, rows.flatMap((row) => (row.staffNo ? [row.staffNo] : [])))]);
  const byKey = new Map(rows.map((row) => [`${row.declarationYear}-${row.declarationSerial}-${row.generation}`, row]));
  return rows.map((row) => {
    const previous = byKey.get(`${row.declarationYear}-${row.declarationSerial}-${row.generation - 1}`);
    const event = eventOf(row, previous);
    const state = stateOf(row);
    const office = row.changeOfficeCode ?? row.registrationOfficeCode;
    return {
      declarationNo: formatDeclarationNo({ year: row.declarationYear, serial: row.declarationSerial }),
      generation: row.generation,
      state,
      stateLabel: GENERATION_STATES[state],
      vehicleClass: classDisplay(classes, row.vehicleClassCode),
      plate: plateText(row),
      chassisNo: row.chassisNo,
      ownerAddresseeNo: row.ownerAddresseeNo,
      ownerName: owners.get(row.ownerAddresseeNo) ?? '',
      eventLabel: event.label,
      eventDate: event.date,
      officeName: office ? (offices.get(office) ?? null) : null,
      staffNo: row.staffNo,
      staffName: (row.staffNo && staff.get(row.staffNo)) || null,
      recordedAt: row.recordCreatedAt.toISOString(),
      previousOwnerDeclarationNo: row.previousOwnerDeclarationNo,
      newOwnerDeclarationNo: row.newOwnerDeclarationNo,
    };
  });
}

/** How many owner changes a history follows at most, either way: far more than any vehicle has. */
const MAX_OWNERS = 50;

/**
 * A vehicle's whole history: every generation of its record and of the records before and after
 * it through owner changes (名義変更 links the old and new declaration numbers), newest first.
 */
export async function vehicleHistory(trx: CityTransaction, declarationNo: DeclarationNo | string): Promise<HistoryRow[]> {
  const start = asDeclarationNo(declarationNo);
  if (!start) return [];
  // Each record's place in the chain of owners: the start at 0, earlier owners below, later above.
  const placed = new Map<string, { position: number; generations: VehicleRow[] }>();
  const queue: { no: DeclarationNo; position: number }[] = [{ no: start, position: 0 }];
  while (queue.length > 0 && placed.size < MAX_OWNERS * 2) {
    const { no, position } = queue.shift() as { no: DeclarationNo; position: number };
    const key = formatDeclarationNo(no);
    if (placed.has(key)) continue;
    const generations = await listGenerations(trx, no);
    if (generations.length === 0) continue;
    placed.set(key, { position, generations });
    for (const row of generations) {
      const previous = row.previousOwnerDeclarationNo ? readDeclarationNo(row.previousOwnerDeclarationNo) : undefined;
      const next = row.newOwnerDeclarationNo ? readDeclarationNo(row.newOwnerDeclarationNo) : undefined;
      if (previous) queue.push({ no: previous, position: position - 1 });
      if (next) queue.push({ no: next, position: position + 1 });
    }
  }
  const ordered = [...placed.values()].sort((a, b) => b.position - a.position).flatMap((record) => record.generations);
  return historyRows(trx, ordered);
}

/** Every vehicle an addressee owns or owned, every generation, newest first. */
export async function ownerHistory(trx: CityTransaction, addresseeNo: string): Promise<HistoryRow[]> {
  return historyRows(trx, await listGenerationsOfOwner(trx, addresseeNo));
}

/** The engine's input from a record: the seed's items (tax-rules) and the register's own engine items. */
type EngineColumns = Parameters<typeof vehicleInputOf>[0] & Pick<VehicleRow, 'wheels' | 'cabin' | 'trackWidthCm' | 'bodyType' | 'naturalGasEmissionStandard'>;

function engineInput(row: EngineColumns, fiscalYear: number): VehicleInput {
  return {
    ...vehicleInputOf(row, fiscalYear),
    ...(row.wheels !== null ? { wheels: row.wheels } : {}),
    ...(row.cabin !== null ? { cabin: row.cabin } : {}),
    ...(row.trackWidthCm !== null ? { trackWidthCm: row.trackWidthCm } : {}),
    ...(row.bodyType !== null ? { body: row.bodyType } : {}),
    ...(row.naturalGasEmissionStandard ? { naturalGasEmissionStandard: true } : {}),
  };
}

/** This fiscal year's tax on a record in force, or why it cannot be computed. */
export function taxOwed(book: RuleBook, row: VehicleRow, today = japanToday()): TaxOwed {
  const fiscalYear = fiscalYearOf(today);
  if (row.deregistrationDate) return { fiscalYear, notComputed: '廃車済みの車両です(賦課期日に所有していた年度だけ課税されます)' };
  try {
    const result = annualAmount(book, engineInput(row, fiscalYear));
    return {
      fiscalYear,
      amount: result.amount,
      rateCase: result.rateCase,
      rateCaseLabel: RATE_CASE_LABEL[result.rateCase],
      explanation: result.explanation,
      citations: result.citations,
      cautions: result.cautions,
    };
  } catch (error) {
    if (error instanceof TaxInputError) return { fiscalYear, notComputed: error.errors.map((e) => e.message).join('。') };
    throw error;
  }
}

/** The engine's field names as the declaration's fields. */
const ENGINE_FIELDS: Record<string, string> = {
  fuel: 'fuelTypeCode',
  body: 'bodyType',
  lowEmission4Star: 'lowEmission4star',
  vehicleClass: 'vehicleClassCode',
  use: 'vehicleClassCode',
};

/** Classes declared at the city's counter (mopeds, small special vehicles); the rest arrive as forwarded data. */
const isCityClass = (vehicleClass: VehicleClassRow) => vehicleClass.declaredAt === 'city';

/**
 * The items each class requires, and for the classes the city registers the engine's own check
 * of class against measurements (a 第一種 plate on a 90cc moped is refused, naming the field).
 */
function classIssues(book: RuleBook, vehicleClass: VehicleClassRow | undefined, particulars: VehicleParticulars, at: string, onDate: string): FieldError[] {
  if (!vehicleClass) return [{ field: `${at}.vehicleClassCode`, message: '車種を選んでください' }];
  const issues: FieldError[] = [];
  const field = (name: string) => `${at}.${name}`;
  const tax = vehicleClass.taxClass;
  if (tax.startsWith('moped') || tax === 'minicar' || tax.startsWith('small_special')) {
    if (!particulars.chassisNo) issues.push({ field: field('chassisNo'), message: '車台番号を入力してください' });
  }
  if ((tax.startsWith('moped') || tax === 'minicar') && (particulars.displacementCc ?? null) === null && (particulars.ratedOutputKw ?? null) === null) {
    issues.push({ field: field('displacementCc'), message: '原動機付自転車は総排気量(電動機は定格出力)を入力してください' });
  }
  if (tax === 'minicar' && (particulars.wheels ?? null) === null) issues.push({ field: field('wheels'), message: 'ミニカーは車輪の数を入力してください' });
  if (tax === 'kei_three_wheel' || tax.startsWith('kei_four_wheel')) {
    if (!particulars.firstInspection) issues.push({ field: field('firstInspection'), message: '三輪・四輪の軽自動車は初度検査年月を入力してください' });
    if (!particulars.fuelTypeCode) issues.push({ field: field('fuelTypeCode'), message: '三輪・四輪の軽自動車は燃料の種類を入力してください' });
  }
  if (tax === 'kei_three_wheel' && !particulars.bodyType) issues.push({ field: field('bodyType'), message: '三輪の軽自動車は車体(乗用・貨物)を選んでください' });
  if (issues.length > 0 || !isCityClass(vehicleClass)) return issues;
  try {
    annualAmount(book, engineInput(rowOfParticulars(vehicleClass.vehicleClassCode, particulars), fiscalYearOf(onDate)));
  } catch (error) {
    if (!(error instanceof TaxInputError)) throw error;
    // A year the engine holds no rules for (a declaration of years ago) cannot be judged by it.
    return error.errors.filter((e) => e.field !== 'fiscalYear').map((e) => ({ field: field(ENGINE_FIELDS[e.field] ?? e.field), message: e.message }));
  }
  return [];
}

/** The columns a record takes from a declaration's particulars. */
function rowOfParticulars(vehicleClassCode: string, p: VehicleParticulars) {
  return {
    vehicleClassCode,
    chassisNo: p.chassisNo ?? null,
    vehicleMakeCode: p.vehicleMakeCode ?? null,
    vehicleMakeName: p.vehicleMakeName ?? null,
    modelDesignation: p.modelDesignation ?? null,
    modelYear: p.modelYear ?? null,
    modelTypeNo: p.modelTypeNo ?? null,
    engineModel: p.engineModel ?? null,
    fuelTypeCode: p.fuelTypeCode ?? null,
    displacementCc: p.displacementCc ?? null,
    ratedOutputKw: p.ratedOutputKw ?? null,
    maxOutputKw: p.maxOutputKw ?? null,
    wheels: p.wheels ?? null,
    cabin: p.cabin ?? null,
    trackWidthCm: p.trackWidthCm ?? null,
    bodyType: p.bodyType ?? null,
    firstInspection: p.firstInspection ?? null,
    lowEmission4star: p.lowEmission4star ?? false,
    naturalGasEmissionStandard: p.naturalGasEmissionStandard ?? false,
    fuelEfficiency2015Pct: p.fuelEfficiency2015Pct ?? null,
    fuelEfficiency2020Pct: p.fuelEfficiency2020Pct ?? null,
    fuelEfficiency2030Pct: p.fuelEfficiency2030Pct ?? null,
    towed: p.towed ?? false,
    crimePreventionRegistrationNo: p.crimePreventionRegistrationNo ?? null,
    keiTaxNumber: p.keiTaxNumber ?? null,
  };
}

/** The columns of a row a new generation starts from: everything but what the database writes itself. */
function carriedOver(row: VehicleRow): NewGeneration {
  const {
    recordCreatedAt: _r,
    supersededAt: _s,
    plateSearch: _a,
    plateSerialSearch: _b,
    plateSearchReversed: _c,
    chassisSearch: _d,
    chassisSearchReversed: _e,
    ...fields
  } = row;
  return fields;
}

function checkDateOrder(pairs: [earlier: { field: string; label: string; date: string | null | undefined }, later: { field: string; label: string; date: string | null | undefined }][]): void {
  const errors = pairs
    .filter(([earlier, later]) => earlier.date && later.date && later.date < earlier.date)
    .map(([earlier, later]) => ({ field: later.field, message: `${later.label}は${earlier.label}(${formatEraDate(earlier.date as string)})より前にはできません` }));
  if (errors.length > 0) throw Problem.validation(errors);
}

/** The office that received the declaration: the one given, else the clerk's own; a counter of the city. */
async function receivingOffice(trx: CityTransaction, actor: Actor, officeCode: string | undefined): Promise<string> {
  const code = officeCode ?? actor.officeCode;
  const office = (await listOffices(trx)).find((candidate) => candidate.officeCode === code);
  if (!code || !office) throw Problem.validation([{ field: 'officeCode', message: '受付拠点(市民税課・出張所)を選んでください' }]);
  if (office.kind !== 'main' && office.kind !== 'branch') {
    throw Problem.validation([{ field: 'officeCode', message: `${office.name}は申告を受け付ける拠点ではありません。市民税課か出張所を選んでください` }]);
  }
  return code;
}

/**
 * The office a declaration is numbered in: for forwarded data the main office (市民税課, which
 * receives what 軽自動車検査協会 and 運輸支局 forward), else the receiving counter.
 */
async function declaringOffice(work: VehicleWork, officeCode: string | undefined): Promise<string> {
  if (work.channel !== 'forwarded') return receivingOffice(work.trx, work.actor, officeCode);
  const main = (await listOffices(work.trx)).find((office) => office.kind === 'main');
  if (!main) throw Problem.conflict('本庁(市民税課)の拠点が登録されていないため、回送データを台帳に反映できません。システム管理者に連絡してください。');
  return main.officeCode;
}

/** The next declaration number of the office's series in the fiscal year of `receivedDate`. */
export async function drawDeclarationNo(trx: CityTransaction, municipalityCode: string, officeCode: string, receivedDate: string): Promise<DeclarationNo> {
  const year = fiscalYearOf(receivedDate);
  // Series in a fixed order: the main office first, then the branches by code.
  const counters = (await listOffices(trx))
    .filter((office) => office.kind === 'main' || office.kind === 'branch')
    .sort((a, b) => Number(a.kind !== 'main') - Number(b.kind !== 'main') || a.officeCode.localeCompare(b.officeCode))
    .map((office) => office.officeCode);
  const series = await seriesOf(trx, municipalityCode, officeCode, counters);
  const serial = await drawSerial(trx, municipalityCode, year, series);
  if (serial === undefined) throw Problem.conflict(`${year}年度のこの拠点の申告書番号を使い切りました。システム管理者に連絡してください。`);
  return { year, serial };
}

/** The owner a declaration names: someone in the register, or a non-resident registered now. */
async function resolveOwner(work: VehicleWork, owner: OwnerInput, field: string): Promise<AddresseeRow> {
  if ('newNonResident' in owner) {
    const { reason, ...fields } = owner.newNonResident;
    return createAddressee({ ...work, source: 'entry' }, fields, { reason });
  }
  const found = await findAddressee(work.trx, owner.addresseeNo);
  if (!found) throw Problem.validation([{ field: `${field}.addresseeNo`, message: 'この宛名番号の宛名はありません。基本4情報で検索してください' }]);
  if (found.status === 'deceased' || found.status === 'dissolved') {
    throw Problem.validation([{ field: `${field}.addresseeNo`, message: '死亡・解散した宛名は所有者にできません' }]);
  }
  return found;
}

async function checkVehicleUser(trx: CityTransaction, input: { vehicleUserKindCode?: 'owner' | 'other' | undefined; vehicleUserAddresseeNo?: string | null | undefined }) {
  if (input.vehicleUserKindCode !== 'other') return { vehicleUserKindCode: input.vehicleUserKindCode ?? 'owner', vehicleUserAddresseeNo: null };
  if (!input.vehicleUserAddresseeNo) throw Problem.validation([{ field: 'vehicleUserAddresseeNo', message: '使用者の宛名番号を入力してください' }]);
  if (!(await findAddressee(trx, input.vehicleUserAddresseeNo))) throw Problem.validation([{ field: 'vehicleUserAddresseeNo', message: 'この宛名番号の宛名はありません' }]);
  return { vehicleUserKindCode: 'other' as const, vehicleUserAddresseeNo: input.vehicleUserAddresseeNo };
}

async function checkStoragePlace(trx: CityTransaction, storageAddressCode: string, field: string): Promise<void> {
  if (!(await addressAreaExists(trx, storageAddressCode))) {
    throw Problem.validation([{ field, message: 'この住所コードは市内の町字にありません。定置場の住所コードを確認してください' }]);
  }
}

/** Refuses a second vehicle in use with the same chassis number or plate, naming the record that has it. */
async function checkNotInUse(trx: CityTransaction, keys: { chassisSearch?: string; plateSearch?: string }, except?: DeclarationNo): Promise<void> {
  const holders = await findActiveByKeys(trx, keys, except);
  const errors: FieldError[] = [];
  for (const holder of holders) {
    const no = formatDeclarationNo({ year: holder.declarationYear, serial: holder.declarationSerial });
    if (keys.chassisSearch && holder.chassisSearch === keys.chassisSearch) errors.push({ field: 'particulars.chassisNo', message: `この車台番号は申告書番号 ${no} の車両で使用中です` });
    if (keys.plateSearch && holder.plateSearch === keys.plateSearch) errors.push({ field: 'plate', message: `この標識は申告書番号 ${no} の車両に交付済みです` });
  }
  if (errors.length > 0) throw Problem.conflict('同じ車台番号または標識の車両が登録されています。廃車済みか、入力に誤りがないか確認してください。', errors);
}

/** Writes a generation; a chassis or plate taken meanwhile by a parallel declaration is a 409, not a 500. */
async function writeGeneration(trx: CityTransaction, row: NewGeneration): Promise<VehicleRow> {
  try {
    return await insertGeneration(trx, row);
  } catch (error) {
    const constraint = (error as { constraint?: string }).constraint;
    if (constraint === 'vehicle_active_chassis_uq') throw Problem.conflict('この車台番号の車両が、同時に別の申告で登録されました。', [{ field: 'particulars.chassisNo', message: '使用中の車台番号です' }]);
    if (constraint === 'vehicle_active_plate_uq') throw Problem.conflict('この標識が、同時に別の申告で交付されました。', [{ field: 'plate', message: '交付済みの標識です' }]);
    throw error;
  }
}

type PlateParts = Pick<VehicleRow, 'platePart1' | 'platePart2' | 'platePart3'>;

/** The plate inventory's name for a declaration: year and serial without leading zeros. */
const plateDeclarationNo = (no: DeclarationNo) => `${no.year}-${no.serial}`;
const staffOrCli = (actor: Actor) => actor.staffNo ?? 'CLI';

/** 交付 from the office's stock: the plate the clerk picked, or the lowest number of the design. */
async function issueFromStock(
  work: VehicleWork,
  request: { officeCode: string; vehicleClassCode: string; design: 'standard' | 'city_design'; plate?: PlateParts | undefined; on: string; no: DeclarationNo },
): Promise<PlateParts> {
  const issued = await issuePlate(work.trx, {
    officeCode: request.officeCode,
    vehicleClassCode: request.vehicleClassCode as Parameters<typeof issuePlate>[1]['vehicleClassCode'],
    design: request.design,
    ...(request.plate ? { plate: { part1: request.plate.platePart1 ?? '', part2: request.plate.platePart2 ?? '', part3: request.plate.platePart3 ?? '' } } : {}),
    staffNo: staffOrCli(work.actor),
    issuedOn: request.on,
    declarationNo: plateDeclarationNo(request.no),
  });
  return { platePart1: issued.plate.part1, platePart2: issued.plate.part2, platePart3: issued.plate.part3 };
}

/** 回収 into the stock of a plate the city issued (a plate of a city class); nothing for others' plates. */
async function takeBack(work: VehicleWork, current: VehicleRow, outcome: 'returned' | 'lost' | 'stolen' | 'not_returned', on: string): Promise<void> {
  const classes = await classMap(work.trx);
  const vehicleClass = classes.get(current.vehicleClassCode);
  if (!vehicleClass || !isCityClass(vehicleClass) || !current.platePart1 || !current.platePart2 || !current.platePart3) return;
  await takeBackPlate(work.trx, {
    plate: { part1: current.platePart1, part2: current.platePart2, part3: current.platePart3 },
    outcome,
    on,
    staffNo: staffOrCli(work.actor),
    declarationNo: plateDeclarationNo({ year: current.declarationYear, serial: current.declarationSerial }),
  });
}

/** A plate as forwarded or confirmed: the three parts the register keeps, each checked. */
function checkedPlate(plate: PlateInput): PlateInput {
  const result = plateSchema.safeParse(plate);
  if (!result.success) throw Problem.validation(result.error.issues.map((issue) => ({ field: ['plate', ...issue.path].join('.'), message: issue.message })));
  return result.data;
}

const chassisKey = (chassisNo: string | null | undefined) => vehicleSearchKeys({ chassisNo: chassisNo ?? null, platePart1: null, platePart2: null, platePart3: null }).chassisSearch;
const plateKey = (plate: PlateInput) => vehicleSearchKeys({ chassisNo: null, ...plate }).plateSearch;

/** What every new record must pass: the items its class requires, its dates in order, no other vehicle in use with its chassis or plate. */
async function checkNewRecord(trx: CityTransaction, book: RuleBook, vehicleClass: VehicleClassRow | undefined, input: { particulars: VehicleParticulars; registrationDate: string; receivedDate: string; plate?: PlateInput | undefined }) {
  const issues = classIssues(book, vehicleClass, input.particulars, 'particulars', input.registrationDate);
  if (issues.length > 0) throw Problem.validation(issues);
  checkDateOrder([[{ field: 'registrationDate', label: '登録年月日', date: input.registrationDate }, { field: 'receivedDate', label: '受付日', date: input.receivedDate }]]);
  await checkNotInUse(trx, { chassisSearch: chassisKey(input.particulars.chassisNo), ...(input.plate ? { plateSearch: plateKey(input.plate) } : {}) });
}

/** The record in use (current, not deregistered) with this chassis number: how forwarded data and certificates name a vehicle. */
export async function findVehicleInUseByChassis(trx: CityTransaction, chassisNo: string): Promise<VehicleRow | undefined> {
  const key = chassisKey(chassisNo);
  return key ? (await findActiveByKeys(trx, { chassisSearch: key }))[0] : undefined;
}

/** 新規登録 inside a caller's transaction: the owner (registered on the spot if new), the vehicle, its number. */
export async function registerVehicleIn(work: VehicleWork, book: RuleBook, input: RegistrationInput): Promise<VehicleRow> {
  const { trx, actor } = work;
  const officeCode = await receivingOffice(trx, actor, input.officeCode);
  const classes = await classMap(trx);
  const vehicleClass = classes.get(input.particulars.vehicleClassCode);
  if (vehicleClass && !isCityClass(vehicleClass)) {
    throw Problem.validation([
      { field: 'particulars.vehicleClassCode', message: `${vehicleClass.nameJa}は軽自動車検査協会・運輸支局で申告され、回送データで登録されます。窓口で登録できるのは原動機付自転車と小型特殊自動車です` },
    ]);
  }
  await checkNewRecord(trx, book, vehicleClass, input);
  await checkStoragePlace(trx, input.storagePlace.storageAddressCode, 'storagePlace.storageAddressCode');
  const user = await checkVehicleUser(trx, input);
  const { owner: declaredOwner } = input;
  const owner = await resolveOwner(work, declaredOwner, 'owner');
  const no = await drawDeclarationNo(trx, actor.municipalityCode, officeCode, input.receivedDate);
  const plate = await issueFromStock(work, { officeCode, vehicleClassCode: input.particulars.vehicleClassCode, design: input.plateDesign, plate: input.plate, on: input.registrationDate, no });
  const recovered = input.otherCityPlate
    ? await recordOtherCityPlate(trx, { ...input.otherCityPlate, on: input.receivedDate, staffNo: staffOrCli(actor), declarationNo: plateDeclarationNo(no) })
    : undefined;
  return writeGeneration(trx, {
    municipalityCode: actor.municipalityCode,
    declarationYear: no.year,
    declarationSerial: no.serial,
    generation: 1,
    ...rowOfParticulars(input.particulars.vehicleClassCode, input.particulars),
    ...plate,
    ...input.storagePlace,
    ...user,
    ownerAddresseeNo: owner.addresseeNo,
    registrationReasonCode: input.registrationReasonCode,
    registrationRemark1: input.registrationRemark1 ?? null,
    registrationRemark2: input.registrationRemark2 ?? null,
    registrationDate: input.registrationDate,
    registrationReceivedDate: input.receivedDate,
    otherCityPlateRecoveryCode: recovered ? 'recovered' : null,
    otherCityPlateRecoveryNo: recovered?.recoveryNo ?? null,
    priorYearDeclarationYear: input.priorYearDeclarationNo?.year ?? null,
    priorYearDeclarationSerial: input.priorYearDeclarationNo?.serial ?? null,
    registrationOfficeCode: officeCode,
    staffNo: actor.staffNo,
    declarationChannel: 'counter',
  });
}

/**
 * 新規 forwarded by 軽自動車検査協会 (3-/4-wheel kei) or 運輸支局 (2-wheel), inside a caller's
 * transaction: the plate was issued there, the owner is an addressee found by the import; the
 * record is numbered in the main office's series and marked as forwarded.
 */
export async function registerForwardedVehicleIn(work: VehicleWork, book: RuleBook, input: ForwardedRegistrationInput): Promise<VehicleRow> {
  const { trx, actor } = work;
  const forwarded: VehicleWork = { ...work, channel: 'forwarded' };
  const officeCode = await declaringOffice(forwarded, undefined);
  const vehicleClass = (await classMap(trx)).get(input.particulars.vehicleClassCode);
  if (vehicleClass && isCityClass(vehicleClass)) {
    throw Problem.validation([{ field: 'particulars.vehicleClassCode', message: `${vehicleClass.nameJa}は市の窓口で申告される車種です。回送データでは登録できません` }]);
  }
  const plate = checkedPlate(input.plate);
  await checkNewRecord(trx, book, vehicleClass, { ...input, plate });
  const owner = await resolveOwner(forwarded, { addresseeNo: input.ownerAddresseeNo }, 'owner');
  const no = await drawDeclarationNo(trx, actor.municipalityCode, officeCode, input.receivedDate);
  return writeGeneration(trx, {
    municipalityCode: actor.municipalityCode,
    declarationYear: no.year,
    declarationSerial: no.serial,
    generation: 1,
    ...rowOfParticulars(input.particulars.vehicleClassCode, input.particulars),
    ...plate,
    // A user other than the owner is not matched to an addressee from forwarded data (docs/forwarded-data.md).
    vehicleUserKindCode: 'owner',
    ownerAddresseeNo: owner.addresseeNo,
    registrationReasonCode: 'new',
    registrationRemark1: input.registrationRemark1,
    registrationDate: input.registrationDate,
    registrationReceivedDate: input.receivedDate,
    registrationOfficeCode: officeCode,
    staffNo: actor.staffNo,
    declarationChannel: 'forwarded',
  });
}

/** What every change states: the generation the clerk saw, the day of the change, and when it was received. */
interface ChangeBasis {
  generation: number;
  changeDate: string;
  receivedDate: string;
  officeCode?: string | undefined;
}

/** The current generation a change is based on, locked; refused when stale, deregistered or restricted. */
async function currentForChange(trx: CityTransaction, no: DeclarationNo, basis: ChangeBasis): Promise<VehicleRow> {
  const current = await findCurrentGeneration(trx, no, { lock: true });
  if (!current) throw notFound(no);
  if (current.generation !== basis.generation) throw await staleGeneration(trx, no, basis.generation, current);
  if (current.deregistrationDate) throw Problem.conflict(`申告書番号 ${formatDeclarationNo(no)} の車両は${formatEraDate(current.deregistrationDate)}に廃車(または名義変更)済みです。`);
  if (current.changeRestricted) throw Problem.conflict('この車両には異動制限が設定されています。制限の理由を確認し、係長の指示を受けてください。');
  checkDateOrder([
    [{ field: 'changeDate', label: '登録年月日', date: current.registrationDate }, { field: 'changeDate', label: '異動年月日', date: basis.changeDate }],
    [{ field: 'changeDate', label: '前回の異動年月日', date: current.changeDate }, { field: 'changeDate', label: '異動年月日', date: basis.changeDate }],
    [{ field: 'changeDate', label: '異動年月日', date: basis.changeDate }, { field: 'receivedDate', label: '受付日', date: basis.receivedDate }],
  ]);
  return current;
}

/** 409 naming who wrote the generation after the one the clerk saw, and when (和暦 and time in Japan). */
async function staleGeneration(trx: CityTransaction, no: DeclarationNo, seen: number, current: VehicleRow): Promise<Problem> {
  const next = seen < current.generation ? await findGeneration(trx, no, seen + 1) : undefined;
  if (!next) return Problem.conflict(`第${seen}世代はありません。最新は第${current.generation}世代です。画面を開き直してください。`, [{ field: 'generation', message: '世代が一致しません' }]);
  const name = next.staffNo ? ((await staffNames(trx, [next.staffNo])).get(next.staffNo) ?? next.staffNo) : 'コマンドライン(一括処理)';
  const when = formatJapanTime(next.recordCreatedAt);
  const whenText = `${formatEraDate(when.slice(0, 10))} ${when.slice(11, 16)}(日本時間)`;
  return Problem.conflict(
    `この車両は、画面を開いた後に${name}${next.staffNo ? `(職員番号 ${next.staffNo})` : ''}が${whenText}に変更しました(第${next.generation}世代)。画面を開き直して、最新の内容で操作してください。`,
    [{ field: 'generation', message: `第${seen}世代は最新ではありません(最新は第${current.generation}世代)` }],
  );
}

/** Writes generation n+1 of `current` with `changes`, marking generation n superseded. */
async function nextGeneration(work: VehicleWork, current: VehicleRow, officeCode: string, changes: Partial<NewGeneration>): Promise<VehicleRow> {
  const no = { year: current.declarationYear, serial: current.declarationSerial };
  if (!(await supersede(work.trx, no, current.generation))) throw await staleGeneration(work.trx, no, current.generation, current);
  return writeGeneration(work.trx, {
    ...carriedOver(current),
    generation: current.generation + 1,
    changeOfficeCode: officeCode,
    staffNo: work.actor.staffNo,
    declarationChannel: work.channel ?? 'counter',
    ...changes,
  });
}

/** 名義変更 inside a caller's transaction: the old record closed, the new owner's opened, each naming the other. */
export async function changeOwnerIn(work: VehicleWork, no: DeclarationNo, input: OwnerChangeInput): Promise<{ closed: VehicleRow; opened: VehicleRow }> {
  const { trx, actor } = work;
  const officeCode = await declaringOffice(work, input.officeCode);
  const current = await currentForChange(trx, no, input);
  if (input.storagePlace) await checkStoragePlace(trx, input.storagePlace.storageAddressCode, 'storagePlace.storageAddressCode');
  const user = await checkVehicleUser(trx, input);
  const owner = await resolveOwner(work, input.newOwner, 'newOwner');
  if (owner.addresseeNo === current.ownerAddresseeNo) throw Problem.validation([{ field: 'newOwner', message: '新しい所有者が現在の所有者と同じです' }]);
  const opened = await drawDeclarationNo(trx, actor.municipalityCode, officeCode, input.receivedDate);
  const openedNo = formatDeclarationNo(opened);
  const closed = await nextGeneration(work, current, officeCode, {
    changeReasonCode: 'owner_change',
    changeDate: input.changeDate,
    deregistrationReasonCode: 'transferred',
    deregistrationDate: input.changeDate,
    deregistrationReceivedDate: input.receivedDate,
    newOwnerAddresseeNo: owner.addresseeNo,
    newOwnerDeclarationNo: openedNo,
  });
  const { changeOfficeCode: _o, changeReasonCode: _r, changeDate: _d, previousPlatePart1: _p1, previousPlatePart2: _p2, previousPlatePart3: _p3, ...vehicle } = carriedOver(current);
  const row = await writeGeneration(trx, {
    ...vehicle,
    declarationYear: opened.year,
    declarationSerial: opened.serial,
    generation: 1,
    ownerAddresseeNo: owner.addresseeNo,
    ...user,
    ...(input.storagePlace ?? {}),
    previousOwnerAddresseeNo: current.ownerAddresseeNo,
    previousOwnerDeclarationNo: formatDeclarationNo(no),
    registrationReasonCode: 'transfer',
    registrationRemark1: input.registrationRemark1 ?? null,
    registrationRemark2: null,
    registrationDate: input.changeDate,
    registrationReceivedDate: input.receivedDate,
    registrationOfficeCode: officeCode,
    otherCityPlateRecoveryCode: null,
    otherCityPlateRecoveryNo: null,
    staffNo: actor.staffNo,
    declarationChannel: work.channel ?? 'counter',
  });
  return { closed, opened: row };
}

/** Any deregistration: its own declaration number, the dates in order, the plate's fate. */
async function deregisterIn(
  work: VehicleWork,
  no: DeclarationNo,
  basis: ChangeBasis,
  fields: Partial<NewGeneration> & Pick<NewGeneration, 'deregistrationReasonCode' | 'plateReturnCode' | 'declarationChannel'>,
): Promise<VehicleRow> {
  const officeCode = await declaringOffice(work, basis.officeCode);
  const current = await currentForChange(work.trx, no, basis);
  checkDateOrder([
    [{ field: 'changeDate', label: '登録年月日', date: current.registrationDate }, { field: 'plateReturnedDate', label: '標識返納年月日', date: fields.plateReturnedDate }],
  ]);
  const deregistration = await drawDeclarationNo(work.trx, work.actor.municipalityCode, officeCode, basis.receivedDate);
  // A plate kept in another city (税止め) is lost to this city's stock, as one not returned.
  await takeBack(work, current, fields.plateReturnCode === 'other_city' || !fields.plateReturnCode ? 'not_returned' : fields.plateReturnCode, fields.plateReturnedDate ?? basis.changeDate);
  return nextGeneration(work, current, officeCode, {
    deregistrationDeclarationYear: deregistration.year,
    deregistrationDeclarationSerial: deregistration.serial,
    deregistrationDate: basis.changeDate,
    deregistrationReceivedDate: basis.receivedDate,
    changeDate: basis.changeDate,
    changeReasonCode: null,
    ...fields,
  });
}

export function deregisterVehicleIn(work: VehicleWork, no: DeclarationNo, input: DeregistrationInput): Promise<VehicleRow> {
  if (input.plateReturnCode === 'returned' && !input.plateReturnedDate) {
    throw Problem.validation([{ field: 'plateReturnedDate', message: '標識を返納した場合は返納年月日を入力してください' }]);
  }
  return deregisterIn(work, no, input, {
    deregistrationReasonCode: input.deregistrationReasonCode,
    plateReturnCode: input.plateReturnCode,
    plateReturnedDate: input.plateReturnCode === 'returned' ? (input.plateReturnedDate ?? null) : null,
    deregistrationRemark1: input.deregistrationRemark1 ?? null,
    deregistrationRemark2: input.byPost && input.postalMoneyOrderNo ? `定額小為替 ${input.postalMoneyOrderNo}` : (input.deregistrationRemark2 ?? null),
    declarationChannel: input.byPost ? 'post' : (work.channel ?? 'counter'),
  });
}

export function deregisterExOfficioIn(work: VehicleWork, no: DeclarationNo, input: ExOfficioDeregistrationInput): Promise<VehicleRow> {
  return deregisterIn(work, no, input, {
    deregistrationReasonCode: 'ex_officio',
    plateReturnCode: input.plateReturnCode,
    plateReturnedDate: input.plateReturnCode === 'returned' ? input.changeDate : null,
    exOfficioInvestigation: input.investigation,
    declarationChannel: 'ex_officio',
  });
}

export function stopTaxIn(work: VehicleWork, no: DeclarationNo, input: TaxStopInput): Promise<VehicleRow> {
  return deregisterIn(work, no, input, {
    deregistrationReasonCode: 'moved_out',
    changeReasonCode: 'tax_stop',
    plateReturnCode: 'other_city',
    deregistrationRemark1: `${input.otherCityName}の申告書写しにより税止め`,
    deregistrationRemark2: input.otherCityDeclarationNo ? `転出先申告書番号 ${input.otherCityDeclarationNo}` : null,
    declarationChannel: 'other_city_copy',
  });
}

export async function changeStoragePlaceIn(work: VehicleWork, no: DeclarationNo, input: StorageChangeInput): Promise<VehicleRow> {
  const officeCode = await receivingOffice(work.trx, work.actor, input.officeCode);
  const current = await currentForChange(work.trx, no, input);
  await checkStoragePlace(work.trx, input.storagePlace.storageAddressCode, 'storagePlace.storageAddressCode');
  return nextGeneration(work, current, officeCode, {
    storageBlockNo: null,
    storageLotNo: null,
    storageLotSubNo: null,
    ...input.storagePlace,
    changeReasonCode: input.reason,
    changeDate: input.changeDate,
  });
}

export async function changeClassIn(work: VehicleWork, book: RuleBook, no: DeclarationNo, input: ClassChangeInput): Promise<VehicleRow> {
  const officeCode = await receivingOffice(work.trx, work.actor, input.officeCode);
  const current = await currentForChange(work.trx, no, input);
  if (input.particulars.vehicleClassCode === current.vehicleClassCode) throw Problem.validation([{ field: 'particulars.vehicleClassCode', message: '車種が変わっていません' }]);
  const vehicleClass = (await classMap(work.trx)).get(input.particulars.vehicleClassCode);
  if (vehicleClass && !isCityClass(vehicleClass)) {
    throw Problem.validation([{ field: 'particulars.vehicleClassCode', message: `${vehicleClass.nameJa}への変更は廃車のうえ、運輸支局・軽自動車検査協会で申告されます` }]);
  }
  const issues = classIssues(book, vehicleClass, input.particulars, 'particulars', input.changeDate);
  if (issues.length > 0) throw Problem.validation(issues);
  await checkNotInUse(work.trx, { chassisSearch: vehicleSearchKeys({ chassisNo: input.particulars.chassisNo ?? null, platePart1: null, platePart2: null, platePart3: null }).chassisSearch }, no);
  // Each class has its own plate: the old one comes back, one of the new class is issued.
  await takeBack(work, current, 'returned', input.changeDate);
  const plate = await issueFromStock(work, { officeCode, vehicleClassCode: input.particulars.vehicleClassCode, design: input.plateDesign, plate: input.plate, on: input.changeDate, no });
  return nextGeneration(work, current, officeCode, {
    ...rowOfParticulars(input.particulars.vehicleClassCode, input.particulars),
    ...plate,
    previousPlatePart1: current.platePart1,
    previousPlatePart2: current.platePart2,
    previousPlatePart3: current.platePart3,
    previousVehicleClassCode: current.vehicleClassCode,
    classBeforeChangeCode: current.vehicleClassCode,
    vehicleClassChangedDate: input.changeDate,
    changeReasonCode: 'class_change',
    changeDate: input.changeDate,
  });
}

/** The register's items a declaration's particulars set, as the record in force holds them. */
function particularsOf(row: VehicleRow): VehicleParticulars {
  const columns = rowOfParticulars(row.vehicleClassCode, { vehicleClassCode: row.vehicleClassCode });
  return Object.fromEntries(Object.keys(columns).map((column) => [column, row[column as keyof typeof columns]])) as VehicleParticulars;
}

/**
 * A forwarded 変更, the kei inspection data, or items confirmed from a 車検証閲覧アプリ file:
 * generation n+1 with only the named items changed (a stale generation is a 409). A kei class
 * may become another kei class; a counter class changes only by 車種変更 (changeClassIn). An
 * amendment that changes nothing writes nothing and answers the record in force.
 */
export async function amendParticularsIn(work: VehicleWork, book: RuleBook, no: DeclarationNo, input: ParticularsAmendment & { officeCode?: string | undefined }): Promise<VehicleRow> {
  const officeCode = await declaringOffice(work, input.officeCode);
  const current = await currentForChange(work.trx, no, input);
  const before = particularsOf(current);
  const plate = input.plate ? checkedPlate(input.plate) : undefined;
  const changed = Object.fromEntries(Object.entries(input.particulars).filter(([item, value]) => value !== undefined && value !== before[item as keyof VehicleParticulars])) as Partial<VehicleParticulars>;
  const plateChanged = plate !== undefined && plateKey(plate) !== current.plateSearch;
  if (Object.keys(changed).length === 0 && !plateChanged) return current;
  const classes = await classMap(work.trx);
  if (changed.vehicleClassCode) {
    const [from, to] = [classes.get(current.vehicleClassCode), classes.get(changed.vehicleClassCode)];
    if (!from || !to || isCityClass(from) || isCityClass(to)) {
      throw Problem.validation([{ field: 'particulars.vehicleClassCode', message: '原動機付自転車・小型特殊自動車の車種は、車種変更の申告で変更してください' }]);
    }
  }
  const after = { ...before, ...changed };
  const issues = classIssues(book, classes.get(after.vehicleClassCode), after, 'particulars', input.changeDate);
  if (issues.length > 0) throw Problem.validation(issues);
  await checkNotInUse(work.trx, { ...(changed.chassisNo ? { chassisSearch: chassisKey(changed.chassisNo) } : {}), ...(plateChanged ? { plateSearch: plateKey(plate) } : {}) }, no);
  return nextGeneration(work, current, officeCode, {
    ...rowOfParticulars(after.vehicleClassCode, after),
    ...(plateChanged ? { ...plate, previousPlatePart1: current.platePart1, previousPlatePart2: current.platePart2, previousPlatePart3: current.platePart3 } : {}),
    ...(changed.vehicleClassCode ? { previousVehicleClassCode: current.vehicleClassCode, classBeforeChangeCode: current.vehicleClassCode, vehicleClassChangedDate: input.changeDate } : {}),
    changeReasonCode: input.reason,
    changeDate: input.changeDate,
  });
}

/** 標識再交付: a compensation slip for the old plate (fee from the city's settings), the old plate taken back, a new one issued. */
export async function reissuePlateIn(work: VehicleWork, book: RuleBook, no: DeclarationNo, input: PlateReissueInput): Promise<VehicleRow> {
  const officeCode = await receivingOffice(work.trx, work.actor, input.officeCode);
  const current = await currentForChange(work.trx, no, input);
  if (!current.platePart1 || !current.platePart2 || !current.platePart3) throw Problem.conflict('この車両には交付した標識がありません。');
  await createCompensationSlip(work.trx, book, {
    declarationNo: plateDeclarationNo(no),
    generation: current.generation + 1,
    addresseeNo: current.ownerAddresseeNo,
    plate: { part1: current.platePart1, part2: current.platePart2, part3: current.platePart3 },
    reason: input.reissueReason,
    theftReported: input.reissueReason === 'stolen' && (input.theftReportShown ?? false),
    staffNo: staffOrCli(work.actor),
    on: input.changeDate,
  });
  await takeBack(work, current, input.reissueReason === 'damaged' ? 'returned' : input.reissueReason, input.changeDate);
  const plate = await issueFromStock(work, { officeCode, vehicleClassCode: current.vehicleClassCode, design: input.plateDesign, plate: input.plate, on: input.changeDate, no });
  return nextGeneration(work, current, officeCode, {
    ...plate,
    previousPlatePart1: current.platePart1,
    previousPlatePart2: current.platePart2,
    previousPlatePart3: current.platePart3,
    plateReturnCode: input.reissueReason === 'damaged' ? 'returned' : input.reissueReason,
    plateReturnedDate: input.reissueReason === 'damaged' ? input.changeDate : null,
    changeReasonCode: 'plate_reissue',
    changeDate: input.changeDate,
  });
}

function notFound(no: DeclarationNo): Problem {
  return Problem.notFound(`申告書番号 ${formatDeclarationNo(no)} の車両はありません。番号を確認してください。`);
}

const subjectOf = (no: DeclarationNo) => ({ type: 'vehicle' as const, id: formatDeclarationNo(no) });
const resultOf = (row: VehicleRow): DeclarationResult => ({
  declarationNo: formatDeclarationNo({ year: row.declarationYear, serial: row.declarationSerial }),
  generation: row.generation,
  ownerAddresseeNo: row.ownerAddresseeNo,
});

function toRemark(row: Awaited<ReturnType<typeof listRemarks>>[number]): RemarkView {
  return {
    remarkNo: row.remarkNo,
    remarkDate: row.remarkDate,
    body: row.body,
    methodCode: row.methodCode,
    firstStaffNo: row.firstStaffNo,
    firstStaffName: row.firstStaffName,
    lastUpdatedStaffNo: row.lastUpdatedStaffNo,
    lastUpdatedStaffName: row.lastUpdatedStaffName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Who a remark names as its writer: the staff member, or the command line (a bulk load). */
const staffOf = (actor: Actor) => ({ no: staffOrCli(actor), name: actor.staffName });

/** 備考履歴 inside a caller's transaction: a dated remark on the case, numbered in it. */
export async function addRemarkIn(work: VehicleWork, no: DeclarationNo, input: RemarkInput): Promise<RemarkView> {
  if (!(await findCurrentGeneration(work.trx, no, { lock: true }))) throw notFound(no);
  const staff = staffOf(work.actor);
  const row = await insertRemark(work.trx, {
    municipalityCode: work.actor.municipalityCode,
    declarationYear: no.year,
    declarationSerial: no.serial,
    ...input,
    firstStaffNo: staff.no,
    firstStaffName: staff.name,
    lastUpdatedStaffNo: staff.no,
    lastUpdatedStaffName: staff.name,
  });
  return toRemark(row);
}

type WriteOperation = Exclude<keyof typeof VEHICLE_OPERATIONS, 'vehicle.search' | 'vehicle.read' | 'vehicle.ownerHistory' | 'vehicle.deleted.list' | 'vehicle.register'>;

export class VehicleService {
  constructor(
    private readonly access: AccessControl,
    private readonly addressees: AddresseeService,
    private readonly vault: VaultWork['vault'],
    private readonly book: RuleBook,
  ) {}

  /**
   * Search as clerks search. An owner's name is looked up in the addressee register first (its
   * own audited search), then the vehicles of the addressees found.
   */
  async search(actor: Actor, input: VehicleSearchInput): Promise<VehicleSearchResult> {
    const owners = input.ownerName ? (await this.addressees.search(actor, { name: input.ownerName, limit: 200 })).hits.map((hit) => hit.addresseeNo) : undefined;
    const addresseeNo = input.addresseeNo?.normalize('NFKC');
    const ownerAddresseeNos = addresseeNo ? [addresseeNo.length === 15 ? addresseeNo : `${actor.municipalityCode}${addresseeNo.padStart(9, '0')}`] : owners;
    const fields = (['plate', 'chassisNo', 'ownerName', 'declarationNo', 'addresseeNo'] as const).filter((field) => input[field]);
    return this.access.run(actor, { ...VEHICLE_OPERATIONS['vehicle.search'], detail: { fields } }, async (trx, note) => {
      const criteria = {
        municipalityCode: actor.municipalityCode,
        plateKey: input.plate ? searchKeyOf(input.plate) || undefined : undefined,
        chassisKey: input.chassisNo ? searchKeyOf(input.chassisNo) || undefined : undefined,
        declarationNo: input.declarationNo ? readDeclarationNo(input.declarationNo) : undefined,
        ownerAddresseeNos: owners && addresseeNo ? ownerAddresseeNos?.filter((no) => owners.includes(no)) : ownerAddresseeNos,
        includeDeregistered: input.includeDeregistered,
        limit: input.limit + 1,
      };
      const rows = await searchQuery(trx, criteria).execute();
      const [classes, names] = await Promise.all([classMap(trx), namesOf(trx, rows.map((row) => row.ownerAddresseeNo))]);
      const hits = rows.slice(0, input.limit).map((row) => ({
        declarationNo: formatDeclarationNo({ year: row.declarationYear, serial: row.declarationSerial }),
        generation: row.generation,
        state: stateOf(row),
        vehicleClass: classDisplay(classes, row.vehicleClassCode),
        plate: plateText(row),
        chassisNo: row.chassisNo,
        ownerAddresseeNo: row.ownerAddresseeNo,
        ownerName: names.get(row.ownerAddresseeNo) ?? '',
      }));
      note.rows(hits.length);
      if (hits.length === 1 && hits[0]) note.subject({ type: 'vehicle', id: hits[0].declarationNo });
      return { hits, truncated: rows.length > input.limit };
    });
  }

  /** The vehicle screen: the record in force, its whole history, this year's tax, its remarks. */
  detail(actor: Actor, no: DeclarationNo): Promise<VehicleDetail> {
    return this.access.run(actor, { ...VEHICLE_OPERATIONS['vehicle.read'], subject: subjectOf(no) }, async (trx, note) => {
      const vehicle = await findCurrentVehicle(trx, no);
      const row = await findCurrentGeneration(trx, no);
      if (!vehicle || !row) throw notFound(no);
      const history = await vehicleHistory(trx, no);
      note.rows(history.length);
      return { vehicle, history, taxOwed: taxOwed(this.book, row), remarks: (await listRemarks(trx, no)).map(toRemark) };
    });
  }

  ownerHistory(actor: Actor, addresseeNo: string): Promise<HistoryRow[]> {
    return this.access.run(actor, { ...VEHICLE_OPERATIONS['vehicle.ownerHistory'], subject: { type: 'addressee', id: addresseeNo } }, async (trx, note) => {
      const rows = await ownerHistory(trx, addresseeNo);
      note.rows(rows.length);
      return rows;
    });
  }

  register(actor: Actor, input: RegistrationInput): Promise<DeclarationResult> {
    return this.access.run(actor, { ...VEHICLE_OPERATIONS['vehicle.register'] }, async (trx, note) => {
      const row = await registerVehicleIn(this.work(trx, actor), this.book, input);
      return this.done(note, row);
    });
  }

  changeOwner(actor: Actor, no: DeclarationNo, input: OwnerChangeInput): Promise<DeclarationResult> {
    return this.change(actor, 'vehicle.ownerChange', no, async (work) => {
      const { opened } = await changeOwnerIn(work, no, input);
      return { ...resultOf(opened), closedDeclarationNo: formatDeclarationNo(no) };
    });
  }

  deregister(actor: Actor, no: DeclarationNo, input: DeregistrationInput): Promise<DeclarationResult> {
    return this.change(actor, 'vehicle.deregister', no, async (work) => resultOf(await deregisterVehicleIn(work, no, input)));
  }

  deregisterExOfficio(actor: Actor, no: DeclarationNo, input: ExOfficioDeregistrationInput): Promise<DeclarationResult> {
    return this.change(actor, 'vehicle.deregisterExOfficio', no, async (work) => resultOf(await deregisterExOfficioIn(work, no, input)));
  }

  stopTax(actor: Actor, no: DeclarationNo, input: TaxStopInput): Promise<DeclarationResult> {
    return this.change(actor, 'vehicle.taxStop', no, async (work) => resultOf(await stopTaxIn(work, no, input)));
  }

  changeStoragePlace(actor: Actor, no: DeclarationNo, input: StorageChangeInput): Promise<DeclarationResult> {
    return this.change(actor, 'vehicle.storageChange', no, async (work) => resultOf(await changeStoragePlaceIn(work, no, input)));
  }

  changeClass(actor: Actor, no: DeclarationNo, input: ClassChangeInput): Promise<DeclarationResult> {
    return this.change(actor, 'vehicle.classChange', no, async (work) => resultOf(await changeClassIn(work, this.book, no, input)));
  }

  reissuePlate(actor: Actor, no: DeclarationNo, input: PlateReissueInput): Promise<DeclarationResult> {
    return this.change(actor, 'vehicle.plateReissue', no, async (work) => resultOf(await reissuePlateIn(work, this.book, no, input)));
  }

  /** 削除 to correct an error: every generation moves to the deletion table with who, when and why. */
  delete(actor: Actor, no: DeclarationNo, reason: string): Promise<{ generations: number }> {
    return this.access.run(actor, { ...VEHICLE_OPERATIONS['vehicle.delete'], subject: subjectOf(no), detail: { reason } }, async (trx, note) => {
      if (!actor.staffNo) throw Problem.validation([{ field: 'reason', message: '削除は職員として行ってください' }]);
      if (!(await findCurrentGeneration(trx, no, { lock: true }))) throw notFound(no);
      const generations = await moveToDeleted(trx, no, actor.staffNo, reason);
      note.rows(generations);
      return { generations };
    });
  }

  /** 復元: a deleted record comes back whole, unless its chassis or plate is in use again meanwhile. */
  restore(actor: Actor, no: DeclarationNo, reason: string): Promise<{ generations: number }> {
    return this.access.run(actor, { ...VEHICLE_OPERATIONS['vehicle.restore'], subject: subjectOf(no), detail: { reason } }, async (trx, note) => {
      const deleted = await findDeletedGenerations(trx, no);
      const newest = deleted[0];
      if (!newest) throw Problem.notFound(`申告書番号 ${formatDeclarationNo(no)} は削除された車両にありません。`);
      if (await findCurrentGeneration(trx, no)) throw Problem.conflict(`申告書番号 ${formatDeclarationNo(no)} の車両は既に登録されています。`);
      if (!newest.deregistrationDate) await checkNotInUse(trx, { chassisSearch: newest.chassisSearch, plateSearch: newest.plateSearch });
      const generations = await restoreFromDeleted(trx, no);
      note.rows(generations);
      return { generations };
    });
  }

  listDeleted(actor: Actor): Promise<DeletedVehicle[]> {
    return this.access.run(actor, { ...VEHICLE_OPERATIONS['vehicle.deleted.list'] }, async (trx, note) => {
      const rows = await listDeleted(trx, 200);
      note.rows(rows.length);
      return rows.map((row) => ({
        declarationNo: formatDeclarationNo({ year: row.declarationYear, serial: row.declarationSerial }),
        generations: Number(row.generations),
        deletedAt: new Date(row.deletedAt as Date).toISOString(),
        deletedByStaffNo: String(row.deletedByStaffNo),
        deletionReason: String(row.deletionReason),
        vehicleClassCode: String(row.vehicleClassCode),
        plate: plateText({ platePart1: row.platePart1, platePart2: row.platePart2, platePart3: row.platePart3 }),
        chassisNo: row.chassisNo,
        ownerAddresseeNo: String(row.ownerAddresseeNo),
      }));
    });
  }

  /** 備考履歴: a dated remark on the case, recorded with who wrote it. */
  addRemark(actor: Actor, no: DeclarationNo, input: RemarkInput): Promise<RemarkView> {
    return this.access.run(actor, { ...VEHICLE_OPERATIONS['vehicle.remark.add'], subject: subjectOf(no) }, async (trx, note) => {
      const remark = await addRemarkIn(this.work(trx, actor), no, input);
      note.rows(1);
      return remark;
    });
  }

  /** Edits a remark: its first writer stays, its last editor and time become this one; a stale edit is refused. */
  editRemark(actor: Actor, no: DeclarationNo, remarkNo: number, input: RemarkEditInput): Promise<RemarkView> {
    return this.access.run(actor, { ...VEHICLE_OPERATIONS['vehicle.remark.edit'], subject: subjectOf(no) }, async (trx, note) => {
      const before = await findRemark(trx, no, remarkNo);
      if (!before) throw Problem.notFound(`備考 ${remarkNo} はありません。`);
      if (before.updatedAt.toISOString() !== new Date(input.updatedAt).toISOString()) {
        const when = formatJapanTime(before.updatedAt);
        throw Problem.conflict(
          `この備考は、画面を開いた後に${before.lastUpdatedStaffName}(職員番号 ${before.lastUpdatedStaffNo})が${formatEraDate(when.slice(0, 10))} ${when.slice(11, 16)}(日本時間)に変更しました。画面を開き直してください。`,
        );
      }
      const staff = staffOf(actor);
      const row = await updateRemark(trx, no, remarkNo, {
        remarkDate: input.remarkDate,
        body: input.body,
        methodCode: input.methodCode,
        lastUpdatedStaffNo: staff.no,
        lastUpdatedStaffName: staff.name,
      });
      note.rows(1);
      return toRemark(row);
    });
  }

  private change(actor: Actor, operation: WriteOperation, no: DeclarationNo, work: (work: VehicleWork) => Promise<DeclarationResult>): Promise<DeclarationResult> {
    return this.access.run(actor, { ...VEHICLE_OPERATIONS[operation], subject: subjectOf(no) }, async (trx, note) => {
      const result = await work(this.work(trx, actor));
      note.rows(1);
      return result;
    });
  }

  private done(note: AuditNote, row: VehicleRow): DeclarationResult {
    const result = resultOf(row);
    note.subject({ type: 'vehicle', id: result.declarationNo });
    note.rows(1);
    return result;
  }

  private work(trx: CityTransaction, actor: Actor): VehicleWork {
    return { trx, actor, municipalityCode: actor.municipalityCode, vault: this.vault };
  }
}

// For the initial assessment (src/assessment): who stands in the register on the 賦課期日, in batches.

/**
 * The records taxed for `fiscalYear` (賦課期日 April 1, 地方税法第463条の16; TAX-RULES.md §1), as
 * the generation in force on that day: the newest generation whose own date (change, else
 * registration) is on or before April 1. Taxed unless that generation
 * - was deregistered or tax-stopped (税止め) before April 1 — on April 1 or later it is still taxed;
 * - closed the record by an owner change (名義変更) on or before April 1: the new owner's record,
 *   registered that day, is the one taxed, so the tax is levied once, on who owns on April 1;
 * - is on hold (課税保留) or in a non-taxable period (非課税) covering April 1.
 * Keyset order by declaration number, `limit` records after `after`: never the whole city in memory.
 */
export async function vehiclesOnAssessmentDate(trx: CityTransaction, fiscalYear: number, after: DeclarationNo | null, limit: number): Promise<VehicleRow[]> {
  return standingOnAssessmentDate(trx, fiscalYear, after).selectAll().orderBy('g.declarationYear').orderBy('g.declarationSerial').limit(limit).execute();
}

/** How many records `vehiclesOnAssessmentDate` walks for `fiscalYear`: what a run of the assessment expects to read. */
export async function countVehiclesOnAssessmentDate(trx: CityTransaction, fiscalYear: number): Promise<number> {
  const { count } = await standingOnAssessmentDate(trx, fiscalYear, null).select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
  return count;
}

/** The records standing on April 1 of `fiscalYear` (see vehiclesOnAssessmentDate), after `after`, as the subquery `g`. */
function standingOnAssessmentDate(trx: CityTransaction, fiscalYear: number, after: DeclarationNo | null) {
  const assessmentDate = `${fiscalYear}-04-01`;
  const inForce = generationsInForce(trx, assessmentDate).$if(after !== null, (query) =>
    query.where(sql<boolean>`(declaration_year, declaration_serial) > (${after?.year ?? 0}, ${after?.serial ?? 0})`),
  );
  return trx
    .selectFrom(inForce.as('g'))
    .where(sql<boolean>`(g.deregistration_date is null or (g.deregistration_date >= ${assessmentDate}::date and g.new_owner_declaration_no is null))`)
    .where('g.taxationCode', '<>', 'tax_hold')
    .where(
      sql<boolean>`not (g.taxation_code = 'non_taxable'
        and (g.non_taxable_start_date is null or g.non_taxable_start_date <= ${assessmentDate}::date)
        and (g.non_taxable_end_date is null or g.non_taxable_end_date >= ${assessmentDate}::date))`,
    );
}

/** The taxpayer of a record: its owner, or with retained title (所有権留保) the buyer the register names as user (TAX-RULES.md §1; 地方税法第463条の16). */
export const taxpayerOf = (row: Pick<VehicleRow, 'ownerAddresseeNo' | 'vehicleUserKindCode' | 'vehicleUserAddresseeNo'>): string =>
  row.vehicleUserKindCode === 'other' && row.vehicleUserAddresseeNo ? row.vehicleUserAddresseeNo : row.ownerAddresseeNo;

/** A record's annual amount for `fiscalYear` under `book` (the city's, or a what-if's); throws TaxInputError when the register lacks an item. */
export const assessedAmount = (book: RuleBook, row: VehicleRow, fiscalYear: number) => annualAmount(book, engineInput(row, fiscalYear));

export type { VehicleRow } from './repository.js';

/** A levied generation of a record as a tax notice prints it (src/notices). */
export interface LeviedVehicle {
  /** 車種区分 as the register names it. */
  classLabel: string;
  plateText: string | null;
  chassisNo: string | null;
  /** What the notice's rate-case reason is worded from. */
  firstInspection: string | null;
  fuelTypeCode: string | null;
  displacementCc: number | null;
  maxOutputKw: number | null;
}

/** For the tax notices: the generations levies were assessed on, keyed `year-serial-generation`. */
export async function leviedVehicles(trx: CityTransaction, generations: readonly { declarationYear: number; declarationSerial: number; generation: number }[]): Promise<Map<string, LeviedVehicle>> {
  const found = new Map<string, LeviedVehicle>();
  if (generations.length === 0) return found;
  const [classes, rows] = await Promise.all([
    classMap(trx),
    trx
      .selectFrom('vehicle')
      .selectAll()
      .where(sql<boolean>`(declaration_year, declaration_serial, generation) in (${sql.join(generations.map((g) => sql`(${g.declarationYear}, ${g.declarationSerial}, ${g.generation})`))})`)
      .execute(),
  ]);
  for (const row of rows) {
    found.set(`${row.declarationYear}-${row.declarationSerial}-${row.generation}`, {
      classLabel: classDisplay(classes, row.vehicleClassCode).nameJa,
      plateText: plateText(row) || null,
      chassisNo: row.chassisNo,
      firstInspection: row.firstInspection,
      fuelTypeCode: row.fuelTypeCode,
      displacementCc: row.displacementCc,
      maxOutputKw: row.maxOutputKw,
    });
  }
  return found;
}

/** Per declaration number, the generation in force on `assessmentDate`: the newest whose own date (change, else registration) is on or before it. */
function generationsInForce(trx: CityTransaction, assessmentDate: string) {
  return trx
    .selectFrom('vehicle')
    .selectAll()
    .distinctOn(['declarationYear', 'declarationSerial'])
    .where(sql<boolean>`coalesce(change_date, registration_date) <= ${assessmentDate}::date`)
    .orderBy('declarationYear')
    .orderBy('declarationSerial')
    .orderBy('generation', 'desc');
}

// For the tax ledger's statistics (src/tax-ledger, 課税状況調): the vehicles the assessment did not levy, and why.

/** Per vehicle class, how many records the 賦課期日 found but did not levy, by reason. */
export interface UnleviedCounts {
  vehicleClassCode: string;
  /** 課税保留 on April 1. */
  taxHold: number;
  /** 非課税 (課税免除) for a period covering April 1. */
  nonTaxable: number;
  /** 税止め (moved to another city) in the year before April 1: levied last year, not this year. */
  taxStopped: number;
}

/**
 * The records standing on the 賦課期日 of `fiscalYear` that `vehiclesOnAssessmentDate` leaves out
 * as held or non-taxable, and those tax-stopped since the last 賦課期日, counted per class in one
 * set-based query over the generations in force that day (地方税法第463条の16).
 */
export async function unleviedOnAssessmentDate(trx: CityTransaction, fiscalYear: number): Promise<UnleviedCounts[]> {
  const assessmentDate = `${fiscalYear}-04-01`;
  const yearBefore = `${fiscalYear - 1}-04-01`;
  const standing = sql<boolean>`(g.deregistration_date is null or (g.deregistration_date >= ${assessmentDate}::date and g.new_owner_declaration_no is null))`;
  const nonTaxable = sql<boolean>`(g.taxation_code = 'non_taxable'
    and (g.non_taxable_start_date is null or g.non_taxable_start_date <= ${assessmentDate}::date)
    and (g.non_taxable_end_date is null or g.non_taxable_end_date >= ${assessmentDate}::date))`;
  const rows = await trx
    .selectFrom(generationsInForce(trx, assessmentDate).as('g'))
    .select([
      'g.vehicleClassCode',
      sql<number>`count(*) filter (where ${standing} and g.taxation_code = 'tax_hold')::int`.as('taxHold'),
      sql<number>`count(*) filter (where ${standing} and g.taxation_code <> 'tax_hold' and ${nonTaxable})::int`.as('nonTaxable'),
      sql<number>`count(*) filter (where g.change_reason_code = 'tax_stop' and g.deregistration_date >= ${yearBefore}::date and g.deregistration_date < ${assessmentDate}::date)::int`.as('taxStopped'),
    ])
    .groupBy('g.vehicleClassCode')
    .orderBy('g.vehicleClassCode')
    .execute();
  return rows.filter((row) => row.taxHold + row.nonTaxable + row.taxStopped > 0);
}

/** Everyone a record has named as taxpayer in any generation (owner, or the buyer under retained title): who a levy on it can be on. */
export async function taxpayersOfRecord(trx: CityTransaction, declarationNo: DeclarationNo): Promise<string[]> {
  return [...new Set((await listGenerations(trx, declarationNo)).map(taxpayerOf))];
}

/**
 * The newest generation of each record (declaration number), superseded or not: what the register
 * says of the vehicle now, for the checks before mailing. Keyed `year-serial`.
 */
export async function newestGenerations(trx: CityTransaction, declarations: readonly DeclarationNo[]): Promise<Map<string, VehicleRow>> {
  if (declarations.length === 0) return new Map();
  // Two arrays, not a list of tuples: a page of a thousand tuples overflows embedded PGlite's stack.
  const keys = sql`select * from unnest(${declarations.map((no) => no.year)}::smallint[], ${declarations.map((no) => no.serial)}::integer[])`;
  const rows = await trx
    .selectFrom('vehicle')
    .selectAll()
    .distinctOn(['declarationYear', 'declarationSerial'])
    .where(sql<boolean>`(declaration_year, declaration_serial) in (${keys})`)
    .orderBy('declarationYear')
    .orderBy('declarationSerial')
    .orderBy('generation', 'desc')
    .execute();
  return new Map(rows.map((row) => [`${row.declarationYear}-${row.declarationSerial}`, row]));
}

/** The name of each vehicle class code (vehicle_class.name_ja), for reports that group by class. */
export async function vehicleClassNames(trx: CityTransaction): Promise<Record<string, string>> {
  return Object.fromEntries((await listVehicleClasses(trx)).map((row) => [row.vehicleClassCode, row.nameJa]));
}
