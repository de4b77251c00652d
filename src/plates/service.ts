/**
 * @module 標識 (plates): the city's plate inventory and the compensation slips (弁償金納付書).
 *
 * The functions taking a `CityTransaction` are the front door the vehicle register calls inside
 * its own declaration's transaction (issue at registration, take back at deregistration, swap
 * the design, collect another city's plate, make a compensation slip): they validate their
 * request, refuse what the inventory does not allow with a Japanese problem, and write the
 * plate's history in the same transaction. `PlateService` serves the inventory screens through
 * AccessControl.
 */
import type { Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import type { CityTransaction } from '../db/database.js';
import { listOffices } from '../municipality/service.js';
import { Problem, validated } from '../server/problem.js';
import { fiscalYearOf } from '../shared/dates.js';
import { plateCompensation, type RuleBook } from '../tax-rules/service.js';
import {
  compensationSlipListQuery,
  compensationSlipSchema,
  designSeriesSchema,
  inventoryQuery,
  issuePlateSchema,
  loadRangeSchema,
  otherCityPlateSchema,
  PLATE_CLASSES,
  PLATE_DESIGNS,
  PLATE_STATE_CODES,
  PLATE_STATES,
  PLATE_TRANSITIONS,
  plateNumberSchema,
  plateText,
  slipNoSchema,
  swapPlateSchema,
  takeBackPlateSchema,
  voidPlateSchema,
  type CompensationSlip,
  type CompensationSlipRequest,
  type Inventory,
  type IssuedPlate,
  type IssuePlateRequest,
  type LoadRangeRequest,
  type OtherCityPlateRequest,
  type PlateClassCode,
  type PlateHistory,
  type PlateNumber,
  type PlateReturnOutcome,
  type PlateState,
  type RecordedOtherCityPlate,
  type StateCounts,
  type SwapPlateRequest,
  type TakeBackPlateRequest,
  type VoidPlateRequest,
} from './model.js';
import { PLATE_OPERATIONS } from './operations.js';
import {
  designSeriesExists,
  drawCounter,
  findCompensation,
  findPlate,
  insertCompensation,
  insertEvent,
  insertOtherCityPlate,
  insertRange,
  inventoryCounts,
  listCompensations,
  listDesignSeries,
  listEvents,
  lowestInStock,
  moveState,
  serialsTaken,
  upsertDesignSeries,
  type CompensationRow,
  type PlateRow,
} from './repository.js';

const numberOf = (row: PlateRow): PlateNumber => ({ part1: row.platePart1, part2: row.platePart2, part3: row.platePart3 });
const classLabel = (code: string) => PLATE_CLASSES[code as PlateClassCode] ?? code;

function notHeld(plate: PlateNumber): Problem {
  return Problem.conflict(`標識「${plateText(plate)}」はこの市の標識の台帳にありません。番号を確かめてください。`, [{ field: 'plate', message: '台帳にない標識です' }]);
}

async function plateOrRefuse(trx: CityTransaction, plate: PlateNumber): Promise<PlateRow> {
  const row = await findPlate(trx, plate);
  if (!row) throw notHeld(plate);
  return row;
}

/** What a plate's event records besides its states: when, who, under which declaration, why. */
interface EventFacts {
  on: string;
  staffNo: string;
  declarationNo: string | null;
  returnCode?: PlateReturnOutcome;
  reason?: string;
}

/**
 * Moves a plate to `to` if the inventory allows it from the state it is in, and records the
 * move. Refused, with the state it is in, when it does not — or when another clerk moved the
 * plate first (the conditional update finds it no longer where it was).
 */
async function transition(trx: CityTransaction, row: PlateRow, to: PlateState, facts: EventFacts): Promise<PlateRow> {
  const plate = numberOf(row);
  const from = row.state;
  if (!PLATE_TRANSITIONS[from].includes(to)) {
    throw Problem.conflict(`標識「${plateText(plate)}」は「${PLATE_STATES[from]}」のため、「${PLATE_STATES[to]}」にできません。`, [
      { field: 'plate', message: `「${PLATE_STATES[from]}」の標識です` },
    ]);
  }
  const moved = await moveState(trx, plate, { from, to, on: facts.on, declarationNo: to === 'issued' ? facts.declarationNo : null });
  if (!moved) {
    throw Problem.conflict(`標識「${plateText(plate)}」は、ほかの職員が先に処理しました。在庫を確かめて、別の標識で処理してください。`, [
      { field: 'plate', message: 'ほかの職員が先に処理した標識です' },
    ]);
  }
  await insertEvent(trx, plate, { from, to, ...facts });
  return moved;
}

const issued = (row: PlateRow, issuedOn: string): IssuedPlate => ({
  plate: numberOf(row),
  officeCode: row.officeCode,
  vehicleClassCode: row.vehicleClassCode,
  design: row.design,
  issuedOn,
  declarationNo: row.declarationNo ?? '',
});

/**
 * 交付: issues `plate`, or the lowest in-stock number of the class and design at the office,
 * under the declaration. Refused when the plate is not in stock at that office for that class
 * and design. Of two clerks issuing the same plate at once exactly one succeeds.
 */
export async function issuePlate(trx: CityTransaction, request: IssuePlateRequest): Promise<IssuedPlate> {
  const input = validated(issuePlateSchema, request);
  const facts = { on: input.issuedOn, staffNo: input.staffNo, declarationNo: input.declarationNo };
  if (!input.plate) {
    const next = await lowestInStock(trx, input);
    if (!next) {
      throw Problem.conflict(`この拠点には${classLabel(input.vehicleClassCode)}(${PLATE_DESIGNS[input.design]})の標識の在庫がありません。在庫を受け入れるか、別のデザインを選んでください。`, [
        { field: 'design', message: '在庫がありません' },
      ]);
    }
    return issued(await transition(trx, next, 'issued', facts), input.issuedOn);
  }
  const row = await plateOrRefuse(trx, input.plate);
  const mismatch =
    row.officeCode !== input.officeCode
      ? 'ほかの拠点の在庫です'
      : row.vehicleClassCode !== input.vehicleClassCode
        ? `${classLabel(row.vehicleClassCode)}の標識です`
        : row.design !== input.design
          ? `${PLATE_DESIGNS[row.design]}の標識です`
          : undefined;
  if (mismatch) {
    throw Problem.conflict(`標識「${plateText(input.plate)}」はこの拠点の${classLabel(input.vehicleClassCode)}(${PLATE_DESIGNS[input.design]})の在庫にありません(${mismatch})。`, [
      { field: 'plate', message: mismatch },
    ]);
  }
  return issued(await transition(trx, row, 'issued', facts), input.issuedOn);
}

/** What returning a plate leaves it as: a plate the owner keeps (未返納) counts as lost to the stock. */
const STATE_AFTER_RETURN: Record<PlateReturnOutcome, PlateState> = { returned: 'returned', lost: 'lost', stolen: 'stolen', not_returned: 'lost' };

/** 回収: the issued plate comes back at deregistration or replacement, or is lost, stolen or kept. */
export async function takeBackPlate(trx: CityTransaction, request: TakeBackPlateRequest): Promise<{ plate: PlateNumber; state: PlateState }> {
  const input = validated(takeBackPlateSchema, request);
  const row = await plateOrRefuse(trx, input.plate);
  const after = await transition(trx, row, STATE_AFTER_RETURN[input.outcome], {
    on: input.on,
    staffNo: input.staffNo,
    declarationNo: input.declarationNo,
    returnCode: input.outcome,
  });
  return { plate: numberOf(after), state: after.state };
}

/**
 * 標識の交換: the standard plate for the city's design or back. The old plate is returned and a
 * plate of the other design issued at the office, both under the swap's declaration.
 */
export async function swapPlate(trx: CityTransaction, request: SwapPlateRequest): Promise<IssuedPlate> {
  const input = validated(swapPlateSchema, request);
  const row = await plateOrRefuse(trx, input.plate);
  if (row.design === input.to) {
    throw Problem.validation([{ field: 'to', message: `標識「${plateText(input.plate)}」は既に${PLATE_DESIGNS[input.to]}の標識です` }]);
  }
  if (input.to === 'city_design' && !(await designSeriesExists(trx, row.vehicleClassCode))) {
    throw Problem.validation([{ field: 'to', message: `${classLabel(row.vehicleClassCode)}には市独自デザインの標識がありません` }]);
  }
  await takeBackPlate(trx, { plate: input.plate, outcome: 'returned', on: input.on, staffNo: input.staffNo, declarationNo: input.declarationNo });
  return issuePlate(trx, {
    officeCode: input.officeCode,
    // issuePlate checks the class again: a plate in the inventory is of a city-counter class.
    vehicleClassCode: row.vehicleClassCode as PlateClassCode,
    design: input.to,
    ...(input.newPlate ? { plate: input.newPlate } : {}),
    staffNo: input.staffNo,
    issuedOn: input.on,
    declarationNo: input.declarationNo,
  });
}

/** 他市標識回収: records another city's plate handed in, under a number of its own (軽自テーブル 63). */
export async function recordOtherCityPlate(trx: CityTransaction, request: OtherCityPlateRequest): Promise<RecordedOtherCityPlate> {
  const input = validated(otherCityPlateSchema, request);
  const fiscalYear = fiscalYearOf(input.on);
  const recoveryNo = `${fiscalYear}-${await drawCounter(trx, 'other_city_recovery', fiscalYear)}`;
  await insertOtherCityPlate(trx, { recoveryNo, issuer: input.issuer, plateText: input.plateText, recoveredOn: input.on, staffNo: input.staffNo, declarationNo: input.declarationNo });
  return { recoveryNo };
}

const splitDeclarationNo = (declarationNo: string) => {
  const [year, serial] = declarationNo.split('-').map(Number);
  return { year: year ?? 0, serial: serial ?? 0 };
};

const slipOf = (row: CompensationRow): CompensationSlip => ({
  slipNo: row.slipNo,
  declarationNo: `${row.declarationYear}-${row.declarationSerial}`,
  generation: row.generation,
  taxYear: row.taxYear,
  ownerAddresseeNo: row.ownerAddresseeNo,
  amount: row.amount,
  paidAmount: row.paidAmount,
  unpaidAmount: row.unpaidAmount,
  paidDate: row.paidDate,
  issuedDate: row.issuedDate,
  vehicleClassCode: row.vehicleClassCode,
  plate: { part1: row.platePart1 ?? '', part2: row.platePart2 ?? '', part3: row.platePart3 ?? '' },
  reason: row.reasonCode,
  theftReportShown: row.theftReportShown,
  feeCitation: row.feeCitation,
  staffNo: row.staffNo,
});

/**
 * 弁償金納付書: a slip for the plate being replaced, the fee and its waiver for a police theft
 * report from the city's settings (`plateCompensation.fee` in config/tax-overrides/<code>.yaml,
 * the national default otherwise), numbered without gaps per fiscal year (年度 + 8 digits).
 * The plate must be one the city issued.
 */
export async function createCompensationSlip(trx: CityTransaction, rules: RuleBook, request: CompensationSlipRequest): Promise<CompensationSlip> {
  const input = validated(compensationSlipSchema, request);
  const row = await plateOrRefuse(trx, input.plate);
  if (row.state === 'in_stock') {
    throw Problem.conflict(`標識「${plateText(input.plate)}」は在庫にあり、交付されていません。弁償金の対象は交付した標識です。`, [{ field: 'plate', message: '交付されていない標識です' }]);
  }
  const fiscalYear = fiscalYearOf(input.on);
  const fee = plateCompensation(rules, { fiscalYear, theftReportShown: input.theftReported });
  const serial = await drawCounter(trx, 'compensation_slip', fiscalYear);
  const declaration = splitDeclarationNo(input.declarationNo);
  const saved = await insertCompensation(trx, {
    slipNo: `${fiscalYear}${String(serial).padStart(8, '0')}`,
    declarationYear: declaration.year,
    declarationSerial: declaration.serial,
    generation: input.generation,
    taxYear: fiscalYear,
    ownerAddresseeNo: input.addresseeNo,
    amount: fee.amount,
    unpaidAmount: fee.amount,
    issuedDate: input.on,
    vehicleClassCode: row.vehicleClassCode,
    platePart1: row.platePart1,
    platePart2: row.platePart2,
    platePart3: row.platePart3,
    reasonCode: input.reason,
    theftReportShown: input.theftReported,
    feeCitation: fee.citations.join(' / '),
    staffNo: input.staffNo,
  });
  return slipOf(saved);
}

/**
 * 在庫の受入れ: consecutive numbers of one class and design into an office's stock. Refused,
 * with nothing saved, when any number of the range is already held, when the city has no own
 * design for the class, or the office is unknown.
 */
export async function loadPlateRange(trx: CityTransaction, staffNo: string, request: LoadRangeRequest): Promise<{ loaded: number }> {
  const input = validated(loadRangeSchema, request);
  if (!(await listOffices(trx)).some((office) => office.officeCode === input.officeCode)) {
    throw Problem.validation([{ field: 'officeCode', message: `拠点コード ${input.officeCode} はこの団体の拠点にありません` }]);
  }
  if (input.design === 'city_design' && !(await designSeriesExists(trx, input.vehicleClassCode))) {
    throw Problem.validation([{ field: 'design', message: `${classLabel(input.vehicleClassCode)}には市独自デザインの標識が設定されていません` }]);
  }
  const taken = await serialsTaken(trx, { part1: input.part1, part2: input.part2, first: input.firstSerial, last: input.lastSerial });
  if (taken.length > 0) {
    throw Problem.conflict(`「${input.part1} ${input.part2}」の ${taken.join('、')}${taken.length >= 5 ? ' ほか' : ''} は既に台帳にあります。重ならない番号の範囲を入力してください。`, [
      { field: 'firstSerial', message: '既に台帳にある番号と重なっています' },
    ]);
  }
  const loaded = await insertRange(trx, {
    officeCode: input.officeCode,
    vehicleClassCode: input.vehicleClassCode,
    design: input.design,
    part1: input.part1,
    part2: input.part2,
    first: input.firstSerial,
    last: input.lastSerial,
    on: input.receivedOn,
    staffNo,
  });
  return { loaded };
}

/** Sets the city's own design for a class (the demo city and `plate.designSeries.define`). */
export async function defineDesignSeries(trx: CityTransaction, request: unknown): Promise<void> {
  await upsertDesignSeries(trx, validated(designSeriesSchema, request));
}

const emptyCounts = (): StateCounts => Object.fromEntries(PLATE_STATE_CODES.map((state) => [state, 0])) as StateCounts;

/** The inventory screens' door: every read and change through AccessControl, audited. */
export class PlateService {
  constructor(private readonly access: AccessControl) {}

  inventory(actor: Actor, query: unknown): Promise<Inventory> {
    const filter = validated(inventoryQuery, query);
    return this.access.run(actor, { ...PLATE_OPERATIONS['plate.inventory'], detail: { filter: Object.keys(filter) } }, async (trx, note) => {
      const offices = await listOffices(trx);
      const officeName = new Map(offices.map((office) => [office.officeCode, office.name]));
      const groups = new Map<string, Inventory['groups'][number]>();
      for (const row of await inventoryCounts(trx, filter)) {
        const key = `${row.officeCode}|${row.vehicleClassCode}|${row.design}`;
        const group = groups.get(key) ?? {
          officeCode: row.officeCode,
          officeName: officeName.get(row.officeCode) ?? row.officeCode,
          vehicleClassCode: row.vehicleClassCode,
          design: row.design,
          counts: emptyCounts(),
          nextInStock: null,
        };
        group.counts[row.state] = Number(row.count);
        if (row.lowestInStock !== null) group.nextInStock = String(row.lowestInStock);
        groups.set(key, group);
      }
      note.rows(groups.size);
      return { groups: [...groups.values()], designSeries: await listDesignSeries(trx), offices: offices.map((office) => ({ officeCode: office.officeCode, name: office.name })) };
    });
  }

  history(actor: Actor, plateInput: unknown): Promise<PlateHistory> {
    const plate = validated(plateNumberSchema, plateInput);
    return this.access.run(actor, PLATE_OPERATIONS['plate.history'], async (trx, note) => {
      const row = await findPlate(trx, plate);
      if (!row) throw Problem.notFound(`標識「${plateText(plate)}」はこの市の標識の台帳にありません。`);
      const events = await listEvents(trx, plate);
      note.rows(events.length);
      return {
        plate,
        officeCode: row.officeCode,
        vehicleClassCode: row.vehicleClassCode,
        design: row.design,
        state: row.state,
        declarationNo: row.declarationNo,
        events: events.map((event) => ({
          fromState: event.fromState,
          toState: event.toState,
          returnCode: event.returnCode,
          occurredOn: event.occurredOn,
          staffNo: event.staffNo,
          declarationNo: event.declarationNo,
          reason: event.reason,
          recordedAt: new Date(event.recordedAt).toISOString(),
        })),
      };
    });
  }

  loadRange(actor: Actor, request: unknown): Promise<{ loaded: number }> {
    const input = validated(loadRangeSchema, request);
    return this.access.run(actor, { ...PLATE_OPERATIONS['plate.range.load'], detail: { officeCode: input.officeCode, vehicleClassCode: input.vehicleClassCode, design: input.design } }, async (trx, note) => {
      const result = await loadPlateRange(trx, staffOf(actor), input);
      note.rows(result.loaded);
      return result;
    });
  }

  voidPlate(actor: Actor, request: unknown): Promise<{ plate: PlateNumber; state: PlateState }> {
    const input: VoidPlateRequest = validated(voidPlateSchema, request);
    return this.access.run(actor, PLATE_OPERATIONS['plate.void'], async (trx, note) => {
      const row = await plateOrRefuse(trx, input.plate);
      const after = await transition(trx, row, 'void', { on: input.on, staffNo: staffOf(actor), declarationNo: null, reason: input.reason });
      note.rows(1);
      return { plate: numberOf(after), state: after.state };
    });
  }

  defineDesignSeries(actor: Actor, request: unknown): Promise<void> {
    const series = validated(designSeriesSchema, request);
    return this.access.run(actor, { ...PLATE_OPERATIONS['plate.designSeries.define'], detail: { vehicleClassCode: series.vehicleClassCode } }, (trx) => defineDesignSeries(trx, series));
  }

  compensationSlips(actor: Actor, query: unknown): Promise<{ slips: CompensationSlip[] }> {
    const filter = validated(compensationSlipListQuery, query);
    return this.access.run(actor, PLATE_OPERATIONS['plate.compensation.list'], async (trx, note) => {
      const rows = await listCompensations(trx, {
        ...(filter.declarationNo ? { declaration: splitDeclarationNo(filter.declarationNo) } : {}),
        unpaidOnly: filter.unpaidOnly === 'true',
      });
      note.rows(rows.length);
      return { slips: rows.map(slipOf) };
    });
  }

  compensationSlip(actor: Actor, slipNoInput: unknown): Promise<CompensationSlip> {
    const slipNo = validated(slipNoSchema, slipNoInput);
    return this.access.run(actor, PLATE_OPERATIONS['plate.compensation.read'], async (trx, note) => {
      const row = await findCompensation(trx, slipNo);
      if (!row) throw Problem.notFound(`納付書番号 ${slipNo} の弁償金納付書はありません。`);
      note.subject({ type: 'addressee', id: row.ownerAddresseeNo });
      note.rows(1);
      return slipOf(row);
    });
  }
}

/** Who recorded a change: the staff member, or the command line. */
const staffOf = (actor: Actor) => actor.staffNo ?? 'CLI';
