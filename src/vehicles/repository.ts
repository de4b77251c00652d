/** @module SQL of the vehicle register (軽自テーブル, 軽自削除テーブル, 軽自備考履歴). Callers hold a municipality-bound transaction. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { CityTransaction } from '../db/database.js';
import type { Remark, Vehicle, VehicleClass } from '../db/schema.js';
import { SERIES_SIZE, type DeclarationNo } from './model.js';
import { vehicleSearchKeys } from './search-keys.js';

export type VehicleRow = Selectable<Vehicle>;
export type VehicleClassRow = Selectable<VehicleClass>;
type SearchKeyColumns = 'plateSearch' | 'plateSerialSearch' | 'plateSearchReversed' | 'chassisSearch' | 'chassisSearchReversed';
export type NewGeneration = Omit<Insertable<Vehicle>, SearchKeyColumns | 'recordCreatedAt' | 'supersededAt'>;

export async function countCurrentVehicles(trx: CityTransaction): Promise<number> {
  const { n } = await trx
    .selectFrom('vehicle')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('supersededAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The generation in force (or the last one of a deregistered vehicle); with `lock`, held until the transaction ends. */
export async function findCurrentGeneration(trx: CityTransaction, no: DeclarationNo, options: { lock?: boolean } = {}): Promise<VehicleRow | undefined> {
  const query = trx.selectFrom('vehicle').selectAll().where('declarationYear', '=', no.year).where('declarationSerial', '=', no.serial).where('supersededAt', 'is', null);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Every generation of a record, newest first. */
export async function listGenerations(trx: CityTransaction, no: DeclarationNo): Promise<VehicleRow[]> {
  return trx.selectFrom('vehicle').selectAll().where('declarationYear', '=', no.year).where('declarationSerial', '=', no.serial).orderBy('generation', 'desc').execute();
}

/** Every generation of every record an addressee owns or owned, newest first. */
export async function listGenerationsOfOwner(trx: CityTransaction, addresseeNo: string): Promise<VehicleRow[]> {
  return trx
    .selectFrom('vehicle')
    .selectAll()
    .where('ownerAddresseeNo', '=', addresseeNo)
    .orderBy('declarationYear', 'desc')
    .orderBy('declarationSerial', 'desc')
    .orderBy('generation', 'desc')
    .execute();
}

/** The generation that replaced `generation` (who wrote it and when), for a stale edit's message. */
export async function findGeneration(trx: CityTransaction, no: DeclarationNo, generation: number): Promise<VehicleRow | undefined> {
  return trx.selectFrom('vehicle').selectAll().where('declarationYear', '=', no.year).where('declarationSerial', '=', no.serial).where('generation', '=', generation).executeTakeFirst();
}

export async function insertGeneration(trx: CityTransaction, row: NewGeneration): Promise<VehicleRow> {
  return trx
    .insertInto('vehicle')
    .values({ ...row, ...vehicleSearchKeys({ chassisNo: row.chassisNo ?? null, platePart1: row.platePart1 ?? null, platePart2: row.platePart2 ?? null, platePart3: row.platePart3 ?? null }) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Marks `generation` replaced; false when it was not the current one (someone wrote a newer one). */
export async function supersede(trx: CityTransaction, no: DeclarationNo, generation: number): Promise<boolean> {
  const result = await trx
    .updateTable('vehicle')
    .set({ supersededAt: new Date() })
    .where('declarationYear', '=', no.year)
    .where('declarationSerial', '=', no.serial)
    .where('generation', '=', generation)
    .where('supersededAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A record in use (current, not deregistered) with this chassis or plate key, other than `except`. */
export async function findActiveByKeys(trx: CityTransaction, keys: { chassisSearch?: string; plateSearch?: string }, except?: DeclarationNo): Promise<VehicleRow[]> {
  if (!keys.chassisSearch && !keys.plateSearch) return [];
  let query = trx
    .selectFrom('vehicle')
    .selectAll()
    .where('supersededAt', 'is', null)
    .where('deregistrationDate', 'is', null)
    .where((eb) => eb.or([...(keys.chassisSearch ? [eb('chassisSearch', '=', keys.chassisSearch)] : []), ...(keys.plateSearch ? [eb('plateSearch', '=', keys.plateSearch)] : [])]));
  if (except) query = query.where((eb) => eb.not(eb.and([eb('declarationYear', '=', except.year), eb('declarationSerial', '=', except.serial)])));
  return query.execute();
}

export async function listVehicleClasses(trx: CityTransaction): Promise<VehicleClassRow[]> {
  return trx.selectFrom('vehicleClass').selectAll().orderBy('sortOrder').execute();
}

/**
 * The series an office numbers its declarations in; an office numbering for the first time is
 * given the next free series, under a lock on the series table so two first declarations at two
 * new offices cannot take the same one.
 */
export async function seriesOf(trx: CityTransaction, municipalityCode: string, officeCode: string): Promise<number> {
  const found = await trx.selectFrom('declarationSeries').select('seriesNo').where('officeCode', '=', officeCode).executeTakeFirst();
  if (found) return found.seriesNo;
  await sql`lock table declaration_series in share row exclusive mode`.execute(trx);
  const again = await trx.selectFrom('declarationSeries').select('seriesNo').where('officeCode', '=', officeCode).executeTakeFirst();
  if (again) return again.seriesNo;
  const { next } = await trx
    .selectFrom('declarationSeries')
    .select((eb) => sql<number>`coalesce(max(${eb.ref('seriesNo')}) + 1, 0)`.as('next'))
    .executeTakeFirstOrThrow();
  await trx.insertInto('declarationSeries').values({ municipalityCode, officeCode, seriesNo: next }).execute();
  return next;
}

/**
 * Draws the next serial of `year` in `series`: the counter row stays locked until the
 * transaction ends, so parallel declarations wait for each other; one rolled back returns its
 * serial, so the numbers have no gaps. Undefined when the series is full.
 */
export async function drawSerial(trx: CityTransaction, municipalityCode: string, year: number, series: number): Promise<number | undefined> {
  const { rows } = await sql<{ lastSerial: number }>`
    insert into declaration_counter (municipality_code, declaration_year, series_no, last_serial)
    values (${municipalityCode}, ${year}, ${series}, 1)
    on conflict (municipality_code, declaration_year, series_no) do update set last_serial = declaration_counter.last_serial + 1
      where declaration_counter.last_serial < ${SERIES_SIZE - 1}
    returning last_serial`.execute(trx);
  const last = rows[0]?.lastSerial;
  return last === undefined ? undefined : series * SERIES_SIZE + last;
}

/** Moves every generation of a record to the deletion table with who and why; how many moved. */
export async function moveToDeleted(trx: CityTransaction, no: DeclarationNo, deletedByStaffNo: string, reason: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with moved as (
      delete from vehicle where declaration_year = ${no.year} and declaration_serial = ${no.serial} returning *
    ), kept as (
      insert into vehicle_deleted select moved.*, now(), ${deletedByStaffNo}, ${reason} from moved returning 1
    )
    select count(*)::int as n from kept`.execute(trx);
  return rows[0]?.n ?? 0;
}

/** Moves a deleted record back, every generation as it was; how many moved. */
export async function restoreFromDeleted(trx: CityTransaction, no: DeclarationNo): Promise<number> {
  const columns = await vehicleColumns(trx);
  const list = sql.join(columns.map((column) => sql.ref(column)));
  const { rows } = await sql<{ n: number }>`
    with moved as (
      delete from vehicle_deleted where declaration_year = ${no.year} and declaration_serial = ${no.serial} returning *
    ), back as (
      insert into vehicle (${list}) select ${list} from moved returning 1
    )
    select count(*)::int as n from back`.execute(trx);
  return rows[0]?.n ?? 0;
}

/** The vehicle table's columns in order: vehicle_deleted has them first, then who/when/why. */
async function vehicleColumns(trx: CityTransaction): Promise<string[]> {
  const { rows } = await sql<{ columnName: string }>`
    select column_name from information_schema.columns where table_schema = 'public' and table_name = 'vehicle' order by ordinal_position`.execute(trx);
  return rows.map((row) => row.columnName);
}

export async function listDeleted(trx: CityTransaction, limit: number) {
  return trx
    .selectFrom('vehicleDeleted')
    .select((eb) => [
      'declarationYear',
      'declarationSerial',
      eb.fn.count<number>('generation').as('generations'),
      eb.fn.max('deletedAt').as('deletedAt'),
      eb.fn.max('deletedByStaffNo').as('deletedByStaffNo'),
      eb.fn.max('deletionReason').as('deletionReason'),
      eb.fn.max('vehicleClassCode').as('vehicleClassCode'),
      eb.fn.max('platePart1').as('platePart1'),
      eb.fn.max('platePart2').as('platePart2'),
      eb.fn.max('platePart3').as('platePart3'),
      eb.fn.max('chassisNo').as('chassisNo'),
      eb.fn.max('ownerAddresseeNo').as('ownerAddresseeNo'),
    ])
    .groupBy(['declarationYear', 'declarationSerial'])
    .orderBy(sql`max(deleted_at)`, 'desc')
    .limit(limit)
    .execute();
}

export async function findDeletedGenerations(trx: CityTransaction, no: DeclarationNo) {
  return trx.selectFrom('vehicleDeleted').selectAll().where('declarationYear', '=', no.year).where('declarationSerial', '=', no.serial).orderBy('generation', 'desc').execute();
}

/**
 * `column` begins with `key`, as a range of leakproof comparisons (~>=~, ~<~) so that
 * row-level security lets the planner use the pattern-ops index (migration 0040).
 */
function startsWith(column: string, key: string) {
  const chars = [...key];
  const last = chars.pop() ?? '';
  const upper = `${chars.join('')}${String.fromCodePoint((last.codePointAt(0) ?? 0) + 1)}`;
  return sql<boolean>`(${sql.ref(column)} ~>=~ ${key} and ${sql.ref(column)} ~<~ ${upper})`;
}

export interface VehicleSearchCriteria {
  municipalityCode: string;
  /** The plate's key: the whole plate or its serial begins with it, or the plate ends with it. */
  plateKey?: string | undefined;
  /** The chassis key: the number begins or ends with it. */
  chassisKey?: string | undefined;
  declarationNo?: DeclarationNo | undefined;
  ownerAddresseeNos?: string[] | undefined;
  includeDeregistered: boolean;
  limit: number;
}

/** The current generations matching every criterion given, in declaration order. */
export function searchQuery(trx: CityTransaction, criteria: VehicleSearchCriteria) {
  let query = trx.selectFrom('vehicle').selectAll().where('municipalityCode', '=', criteria.municipalityCode).where('supersededAt', 'is', null);
  if (criteria.plateKey) {
    const key = criteria.plateKey;
    query = query.where(sql<boolean>`(${startsWith('plate_search', key)} or ${startsWith('plate_serial_search', key)} or ${startsWith('plate_search_reversed', [...key].reverse().join(''))})`);
  }
  if (criteria.chassisKey) {
    const key = criteria.chassisKey;
    query = query.where(sql<boolean>`(${startsWith('chassis_search', key)} or ${startsWith('chassis_search_reversed', [...key].reverse().join(''))})`);
  }
  if (criteria.declarationNo) query = query.where('declarationYear', '=', criteria.declarationNo.year).where('declarationSerial', '=', criteria.declarationNo.serial);
  if (criteria.ownerAddresseeNos) query = query.where('ownerAddresseeNo', 'in', criteria.ownerAddresseeNos.length > 0 ? criteria.ownerAddresseeNos : ['']);
  if (!criteria.includeDeregistered) query = query.where('deregistrationDate', 'is', null);
  return query.orderBy('declarationYear', 'desc').orderBy('declarationSerial', 'desc').limit(criteria.limit);
}

export type RemarkRow = Selectable<Remark>;

export async function listRemarks(trx: CityTransaction, no: DeclarationNo): Promise<RemarkRow[]> {
  return trx
    .selectFrom('remark')
    .selectAll()
    .where('declarationYear', '=', no.year)
    .where('declarationSerial', '=', no.serial)
    .orderBy('remarkDate', 'desc')
    .orderBy('remarkNo', 'desc')
    .execute();
}

/** Adds a remark with the next number of its case; the caller holds the case's vehicle record locked. */
export async function insertRemark(trx: CityTransaction, row: Omit<Insertable<Remark>, 'remarkNo' | 'createdAt' | 'updatedAt'>): Promise<RemarkRow> {
  const { next } = await trx
    .selectFrom('remark')
    .select((eb) => sql<number>`coalesce(max(${eb.ref('remarkNo')}), 0) + 1`.as('next'))
    .where('declarationYear', '=', row.declarationYear)
    .where('declarationSerial', '=', row.declarationSerial)
    .executeTakeFirstOrThrow();
  return trx
    .insertInto('remark')
    .values({ ...row, remarkNo: next })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findRemark(trx: CityTransaction, no: DeclarationNo, remarkNo: number): Promise<RemarkRow | undefined> {
  return trx.selectFrom('remark').selectAll().where('declarationYear', '=', no.year).where('declarationSerial', '=', no.serial).where('remarkNo', '=', remarkNo).forUpdate().executeTakeFirst();
}

export async function updateRemark(
  trx: CityTransaction,
  no: DeclarationNo,
  remarkNo: number,
  changes: Pick<RemarkRow, 'remarkDate' | 'body' | 'methodCode' | 'lastUpdatedStaffName' | 'lastUpdatedStaffNo'>,
): Promise<RemarkRow> {
  return trx
    .updateTable('remark')
    .set({ ...changes, updatedAt: new Date() })
    .where('declarationYear', '=', no.year)
    .where('declarationSerial', '=', no.serial)
    .where('remarkNo', '=', remarkNo)
    .returningAll()
    .executeTakeFirstOrThrow();
}
