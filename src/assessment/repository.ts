/** @module The initial assessment's tables: assessment_run, assessment_notice, notice_counter, and its writes to levy. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { CityTransaction } from '../db/database.js';
import type { AssessmentRun, Levy } from '../db/schema.js';
import type { AssessmentTotals, RunKind } from './model.js';

/** A run as stored, its totals read back from their stored form. */
export type RunRow = Omit<Selectable<AssessmentRun>, 'totals'> & { totals: AssessmentTotals };

interface StoredGroup {
  key: string;
  count: number;
  amount: number;
}

/**
 * Totals as the jsonb column holds them: groups as lists, because the database layer turns the
 * keys of objects it reads into camelCase, and class codes (kei_two_wheel) are keys here.
 */
function stored(totals: AssessmentTotals): string {
  const list = (groups: AssessmentTotals['byClass']): StoredGroup[] => Object.entries(groups).map(([key, group]) => ({ key, ...group }));
  return JSON.stringify({ ...totals, byClass: list(totals.byClass), byRateCase: list(totals.byRateCase) });
}

function runOf(row: Selectable<AssessmentRun>): RunRow {
  const json = row.totals as unknown as Omit<AssessmentTotals, 'byClass' | 'byRateCase'> & { byClass?: StoredGroup[]; byRateCase?: StoredGroup[] };
  const record = (groups: StoredGroup[] = []) => Object.fromEntries(groups.map(({ key, count, amount }) => [key, { count, amount }]));
  return { ...row, totals: { vehicles: json.vehicles, amount: json.amount, notComputed: json.notComputed, byClass: record(json.byClass), byRateCase: record(json.byRateCase) } };
}

/** Where a runner runs: what a real run records when it is started or taken over. */
export interface RunnerMark {
  token: string;
  host: string;
  pid: number;
}

export async function insertRun(
  trx: CityTransaction,
  run: { municipalityCode: string; fiscalYear: number; kind: RunKind; startedByStaffNo: string | null; startedByName: string; vehiclesExpected?: number; runner?: RunnerMark },
): Promise<RunRow> {
  const { runner, ...columns } = run;
  const values = { ...columns, ...(runner ? { runnerToken: runner.token, runnerHost: runner.host, runnerPid: runner.pid, heartbeatAt: new Date() } : {}) };
  return runOf(await trx.insertInto('assessmentRun').values(values).returningAll().executeTakeFirstOrThrow());
}

/**
 * Holds starts of the year's real run one after another until the transaction ends: two
 * processes starting or resuming at once on PostgreSQL see each other's run, never both insert
 * or both take one over.
 */
export async function serializeStarts(trx: CityTransaction, municipalityCode: string, fiscalYear: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`assessment-run:${municipalityCode}:${fiscalYear}`}))`.execute(trx);
}

/** The run, locked until the transaction ends so that two batches of it never interleave. */
export async function lockRun(trx: CityTransaction, runId: number): Promise<RunRow | undefined> {
  const row = await trx.selectFrom('assessmentRun').selectAll().where('runId', '=', runId).forUpdate().executeTakeFirst();
  return row && runOf(row);
}

/** The newest real run of the year that completed, or that did not (running, or cut off by a failure). */
export async function newestRealRun(trx: CityTransaction, fiscalYear: number, finished: 'completed' | 'unfinished'): Promise<RunRow | undefined> {
  return trx
    .selectFrom('assessmentRun')
    .selectAll()
    .where('fiscalYear', '=', fiscalYear)
    .where('kind', '=', 'real')
    .where('status', finished === 'completed' ? '=' : '<>', 'completed')
    .orderBy('runId', 'desc')
    .limit(1)
    .executeTakeFirst()
    .then((row) => row && runOf(row));
}

export async function findRun(trx: CityTransaction, runId: number): Promise<RunRow | undefined> {
  const row = await trx.selectFrom('assessmentRun').selectAll().where('runId', '=', runId).executeTakeFirst();
  return row && runOf(row);
}

export async function listRuns(trx: CityTransaction, limit: number): Promise<RunRow[]> {
  return (await trx.selectFrom('assessmentRun').selectAll().orderBy('runId', 'desc').limit(limit).execute()).map(runOf);
}

export async function updateRun(
  trx: CityTransaction,
  runId: number,
  change: {
    status?: RunRow['status'];
    finishedAt?: Date | null;
    cursor?: { year: number; serial: number };
    totals?: AssessmentTotals;
    failure?: string | null;
    vehiclesDone?: number;
    /** A runner taking the run over, its heartbeat now. */
    runner?: RunnerMark;
    /** The runner committed a batch: its heartbeat now. */
    heartbeat?: true;
  },
): Promise<void> {
  await trx
    .updateTable('assessmentRun')
    .set({
      ...(change.status ? { status: change.status } : {}),
      ...(change.vehiclesDone !== undefined ? { vehiclesDone: change.vehiclesDone } : {}),
      ...(change.runner ? { runnerToken: change.runner.token, runnerHost: change.runner.host, runnerPid: change.runner.pid } : {}),
      ...(change.runner || change.heartbeat ? { heartbeatAt: new Date() } : {}),
      ...(change.finishedAt !== undefined ? { finishedAt: change.finishedAt } : {}),
      ...(change.cursor ? { cursorDeclarationYear: change.cursor.year, cursorDeclarationSerial: change.cursor.serial } : {}),
      ...(change.totals ? { totals: stored(change.totals) } : {}),
      ...(change.failure !== undefined ? { failure: change.failure } : {}),
    })
    .where('runId', '=', runId)
    .execute();
}

/** A taxpayer and where their notice goes: one notice each per fiscal year. */
export interface NoticeKey {
  taxpayerAddresseeNo: string;
  destinationKey: string;
}

export const noticeKeyOf = (key: NoticeKey) => `${key.taxpayerAddresseeNo}/${key.destinationKey}`;

/**
 * The notice number of each taxpayer and destination of a batch this year (keyed by `noticeKeyOf`),
 * drawing the next numbers of the series for new ones in the order given. Three statements
 * whatever the batch's size: the round trips per levy were what set a full city's run time.
 */
export async function noticeNosFor(trx: CityTransaction, municipalityCode: string, fiscalYear: number, wanted: readonly NoticeKey[]): Promise<Map<string, string>> {
  const numbers = new Map<string, string>();
  if (wanted.length === 0) return numbers;
  const taxpayers = [...new Set(wanted.map((key) => key.taxpayerAddresseeNo))];
  // One array parameter, not a list: a list of thousands overflows embedded PGlite's stack.
  const found = await trx
    .selectFrom('assessmentNotice')
    .select(['taxpayerAddresseeNo', 'destinationKey', 'noticeNo'])
    .where('fiscalYear', '=', fiscalYear)
    .where(sql<boolean>`taxpayer_addressee_no = any(${taxpayers}::text[])`)
    .execute();
  for (const row of found) numbers.set(noticeKeyOf(row), row.noticeNo);
  const missing = [...new Map(wanted.filter((key) => !numbers.has(noticeKeyOf(key))).map((key) => [noticeKeyOf(key), key])).values()];
  if (missing.length === 0) return numbers;
  const { rows } = await sql<{ lastSerial: number }>`
    insert into notice_counter (municipality_code, fiscal_year, last_serial) values (${municipalityCode}, ${fiscalYear}, ${missing.length})
    on conflict (municipality_code, fiscal_year) do update set last_serial = notice_counter.last_serial + ${missing.length}
    returning last_serial`.execute(trx);
  const last = rows[0]?.lastSerial;
  if (last === undefined) throw new Error('notice_counter returned no serial');
  // 12 digits: the fiscal year and an 8-digit serial, so numbers of different years never meet.
  const drawn = missing.map((key, i) => ({ ...key, noticeNo: `${fiscalYear}${String(last - missing.length + 1 + i).padStart(8, '0')}` }));
  await sql`
    insert into assessment_notice (municipality_code, fiscal_year, taxpayer_addressee_no, destination_key, notice_no)
    select ${municipalityCode}, ${fiscalYear}, taxpayer, destination, notice_no
    from unnest(${drawn.map((key) => key.taxpayerAddresseeNo)}::text[], ${drawn.map((key) => key.destinationKey)}::text[], ${drawn.map((key) => key.noticeNo)}::text[])
      as drawn (taxpayer, destination, notice_no)`.execute(trx);
  for (const key of drawn) numbers.set(noticeKeyOf(key), key.noticeNo);
  return numbers;
}

/** Writes levies; one already there for the vehicle and year stays as it is (a re-run is idempotent). Returns how many were new. */
export async function insertLevies(trx: CityTransaction, levies: Insertable<Levy>[]): Promise<number> {
  if (levies.length === 0) return 0;
  const result = await trx.insertInto('levy').values(levies).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The year's annual levies (期別 1) counted and summed by class and rate case, at their original amounts. */
export async function levyGroups(trx: CityTransaction, fiscalYear: number) {
  return trx
    .selectFrom('levy')
    .select(['vehicleClassCode', 'rateCase', sql<number>`count(*)::int`.as('count'), sql<number>`coalesce(sum(original_amount), 0)::int`.as('amount')])
    .where('fiscalYear', '=', fiscalYear)
    .where('taxYear', '=', fiscalYear)
    .where('instalment', '=', 1)
    .groupBy(['vehicleClassCode', 'rateCase'])
    .execute();
}

/** Where a page of a year's levies starts: after this notice and vehicle (notice order). */
export interface LevyPosition {
  noticeNo: string;
  declarationYear: number;
  declarationSerial: number;
}

/** A keyset page of the year's annual levies in notice order, optionally of one notice or one taxpayer (levy_notice_idx, levy_owner_idx). */
export async function levyPage(
  trx: CityTransaction,
  fiscalYear: number,
  page: { after?: LevyPosition | null; limit: number; noticeNo?: string; ownerAddresseeNo?: string },
): Promise<Selectable<Levy>[]> {
  let query = trx.selectFrom('levy').selectAll().where('fiscalYear', '=', fiscalYear).where('taxYear', '=', fiscalYear).where('instalment', '=', 1);
  if (page.noticeNo !== undefined) query = query.where('noticeNo', '=', page.noticeNo);
  if (page.ownerAddresseeNo !== undefined) query = query.where('ownerAddresseeNo', '=', page.ownerAddresseeNo);
  const after = page.after;
  if (after) {
    query = query.where(sql<boolean>`(notice_no, declaration_year, declaration_serial) > (${after.noticeNo}, ${after.declarationYear}, ${after.declarationSerial})`);
  }
  return query.orderBy('noticeNo').orderBy('declarationYear').orderBy('declarationSerial').limit(page.limit).execute();
}
