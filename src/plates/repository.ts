/**
 * @module SQL of the plate inventory (標識), other cities' collected plates and the compensation
 * slips. Callers hold a municipality-bound transaction; rows take its municipality.
 */
import { sql, type Selectable } from 'kysely';
import type { CityTransaction } from '../db/database.js';
import type { Plate, PlateCompensation, PlateEvent } from '../db/schema.js';
import type { DesignSeries, InventoryQuery, PlateDesign, PlateNumber, PlateReturnOutcome, PlateState } from './model.js';

export type PlateRow = Selectable<Plate>;
export type PlateEventRow = Selectable<PlateEvent>;
export type CompensationRow = Selectable<PlateCompensation>;

/** The municipality the transaction is bound to (src/db/database.ts withMunicipality). */
const thisMunicipality = sql<string>`keitax_current_municipality()`;

const byNumber = (plate: PlateNumber) => ({ platePart1: plate.part1, platePart2: plate.part2, platePart3: plate.part3 });

export function findPlate(trx: CityTransaction, plate: PlateNumber, options: { lock?: boolean } = {}): Promise<PlateRow | undefined> {
  const query = trx
    .selectFrom('plate')
    .selectAll()
    .where('platePart1', '=', plate.part1)
    .where('platePart2', '=', plate.part2)
    .where('platePart3', '=', plate.part3);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Moves a plate from `from` to `to` only if it is still in `from`: of two clerks moving the same
 * plate at once, the second waits for the first's commit, finds the state changed and gets
 * nothing back.
 */
export function moveState(
  trx: CityTransaction,
  plate: PlateNumber,
  change: { from: PlateState; to: PlateState; on: string; declarationNo: string | null; officeCode?: string },
): Promise<PlateRow | undefined> {
  return trx
    .updateTable('plate')
    .set({ state: change.to, stateChangedOn: change.on, declarationNo: change.declarationNo, ...(change.officeCode ? { officeCode: change.officeCode } : {}) })
    .where('platePart1', '=', plate.part1)
    .where('platePart2', '=', plate.part2)
    .where('platePart3', '=', plate.part3)
    .where('state', '=', change.from)
    .returningAll()
    .executeTakeFirst();
}

/**
 * The lowest in-stock plate of an office's class and design, locked; one another clerk holds
 * is skipped, so parallel issues at one counter each take their own.
 */
export function lowestInStock(trx: CityTransaction, series: { officeCode: string; vehicleClassCode: string; design: PlateDesign }): Promise<PlateRow | undefined> {
  return trx
    .selectFrom('plate')
    .selectAll()
    .where('officeCode', '=', series.officeCode)
    .where('vehicleClassCode', '=', series.vehicleClassCode)
    .where('design', '=', series.design)
    .where('state', '=', 'in_stock')
    .orderBy('serial')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function insertEvent(
  trx: CityTransaction,
  plate: PlateNumber,
  event: { from: PlateState | null; to: PlateState; on: string; staffNo: string; declarationNo: string | null; returnCode?: PlateReturnOutcome; reason?: string },
): Promise<void> {
  await trx
    .insertInto('plateEvent')
    .values({
      municipalityCode: thisMunicipality,
      ...byNumber(plate),
      fromState: event.from,
      toState: event.to,
      returnCode: event.returnCode ?? null,
      occurredOn: event.on,
      staffNo: event.staffNo,
      declarationNo: event.declarationNo,
      reason: event.reason ?? null,
    })
    .execute();
}

export function listEvents(trx: CityTransaction, plate: PlateNumber): Promise<PlateEventRow[]> {
  return trx
    .selectFrom('plateEvent')
    .selectAll()
    .where('platePart1', '=', plate.part1)
    .where('platePart2', '=', plate.part2)
    .where('platePart3', '=', plate.part3)
    .orderBy('eventId')
    .execute();
}

/** Numbers of `part1 part2` between `first` and `last` the city already holds, lowest first. */
export async function serialsTaken(trx: CityTransaction, range: { part1: string; part2: string; first: number; last: number }): Promise<number[]> {
  const rows = await trx
    .selectFrom('plate')
    .select('serial')
    .where('platePart1', '=', range.part1)
    .where('platePart2', '=', range.part2)
    .where('serial', '>=', range.first)
    .where('serial', '<=', range.last)
    .orderBy('serial')
    .limit(5)
    .execute();
  return rows.map((row) => row.serial);
}

/** Puts consecutive numbers into stock and records each one's loading, in two statements. */
export async function insertRange(
  trx: CityTransaction,
  range: { officeCode: string; vehicleClassCode: string; design: PlateDesign; part1: string; part2: string; first: number; last: number; on: string; staffNo: string },
): Promise<number> {
  const serials = sql`generate_series(${range.first}::int, ${range.last}::int)`;
  const inserted = await sql<{ n: number }>`
    with loaded as (
      insert into plate (municipality_code, plate_part_1, plate_part_2, plate_part_3, serial, office_code, vehicle_class_code, design, state, state_changed_on)
      select keitax_current_municipality(), ${range.part1}, ${range.part2}, s::text, s, ${range.officeCode}, ${range.vehicleClassCode}, ${range.design}, 'in_stock', ${range.on}::date
      from ${serials} as s
      returning plate_part_1, plate_part_2, plate_part_3
    )
    insert into plate_event (municipality_code, plate_part_1, plate_part_2, plate_part_3, from_state, to_state, occurred_on, staff_no, reason)
    select keitax_current_municipality(), plate_part_1, plate_part_2, plate_part_3, null, 'in_stock', ${range.on}::date, ${range.staffNo}, '在庫の受入れ'
    from loaded
    returning 1 as n`.execute(trx);
  return inserted.rows.length;
}

/** Plates counted by office, class, design and state, with the next number each series hands out. */
export function inventoryCounts(trx: CityTransaction, filter: InventoryQuery) {
  let query = trx
    .selectFrom('plate')
    .select(['officeCode', 'vehicleClassCode', 'design', 'state'])
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min(sql<number>`case when state = 'in_stock' then serial end`).as('lowestInStock')])
    .groupBy(['officeCode', 'vehicleClassCode', 'design', 'state'])
    .orderBy('officeCode')
    .orderBy('vehicleClassCode')
    .orderBy('design');
  if (filter.officeCode) query = query.where('officeCode', '=', filter.officeCode);
  if (filter.vehicleClassCode) query = query.where('vehicleClassCode', '=', filter.vehicleClassCode);
  if (filter.design) query = query.where('design', '=', filter.design);
  if (filter.state) query = query.where('state', '=', filter.state);
  return query.execute();
}

export function listDesignSeries(trx: CityTransaction): Promise<{ vehicleClassCode: string; designName: string }[]> {
  return trx.selectFrom('plateDesignSeries').select(['vehicleClassCode', 'designName']).orderBy('vehicleClassCode').execute();
}

export async function designSeriesExists(trx: CityTransaction, vehicleClassCode: string): Promise<boolean> {
  return (await trx.selectFrom('plateDesignSeries').select('vehicleClassCode').where('vehicleClassCode', '=', vehicleClassCode).executeTakeFirst()) !== undefined;
}

export async function upsertDesignSeries(trx: CityTransaction, series: DesignSeries): Promise<void> {
  await trx
    .insertInto('plateDesignSeries')
    .values({ municipalityCode: thisMunicipality, ...series })
    .onConflict((oc) => oc.columns(['municipalityCode', 'vehicleClassCode']).doUpdateSet({ designName: series.designName }))
    .execute();
}

/** The next number of a counter for a fiscal year; the row stays locked until the transaction ends, so numbers have no gaps. */
export async function drawCounter(trx: CityTransaction, counter: 'compensation_slip' | 'other_city_recovery', fiscalYear: number): Promise<number> {
  const { rows } = await sql<{ lastValue: number }>`
    insert into plate_counter (municipality_code, counter_name, fiscal_year, last_value)
    values (keitax_current_municipality(), ${counter}, ${fiscalYear}, 1)
    on conflict (municipality_code, counter_name, fiscal_year) do update set last_value = plate_counter.last_value + 1
    returning last_value`.execute(trx);
  const value = rows[0]?.lastValue;
  if (value === undefined) throw new Error(`plate_counter ${counter} returned no value`);
  return value;
}

export async function insertOtherCityPlate(
  trx: CityTransaction,
  row: { recoveryNo: string; issuer: string; plateText: string; recoveredOn: string; staffNo: string; declarationNo: string },
): Promise<void> {
  await trx
    .insertInto('otherCityPlate')
    .values({ municipalityCode: thisMunicipality, ...row })
    .execute();
}

export function insertCompensation(trx: CityTransaction, row: Omit<CompensationRow, 'municipalityCode' | 'recordCreatedAt' | 'paidAmount' | 'paidDate' | 'paymentRemark'>): Promise<CompensationRow> {
  return trx
    .insertInto('plateCompensation')
    .values({ municipalityCode: thisMunicipality, ...row })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listCompensations(trx: CityTransaction, filter: { declaration?: { year: number; serial: number }; unpaidOnly?: boolean }): Promise<CompensationRow[]> {
  let query = trx.selectFrom('plateCompensation').selectAll().orderBy('issuedDate', 'desc').orderBy('slipNo', 'desc').limit(200);
  if (filter.declaration) query = query.where('declarationYear', '=', filter.declaration.year).where('declarationSerial', '=', filter.declaration.serial);
  if (filter.unpaidOnly) query = query.where('unpaidAmount', '>', 0);
  return query.execute();
}

export function findCompensation(trx: CityTransaction, slipNo: string): Promise<CompensationRow | undefined> {
  return trx.selectFrom('plateCompensation').selectAll().where('slipNo', '=', slipNo).executeTakeFirst();
}
