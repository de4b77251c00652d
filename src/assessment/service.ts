/**
 * @module The initial assessment (当初賦課, issue 10): on the 賦課期日 (April 1, 地方税法第463条の16)
 * the vehicles standing in the register are read in keyset batches through the vehicle service,
 * each is priced by the tax-rule engine, and a real run writes one levy per vehicle and year,
 * grouped into one notice per taxpayer and mail destination. Each batch commits its levies, the
 * cursor and the running totals in one transaction, so a run cut off is resumed from its cursor;
 * a preview or what-if reads the same batches and writes no levy.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import { noticeDestinations } from '../addressees/service.js';
import type { CityTransaction } from '../db/database.js';
import type { Levy } from '../db/schema.js';
import { Problem } from '../server/problem.js';
import { formatJapanTime, japanToday } from '../shared/dates.js';
import { TaxInputError } from '../tax-rules/model.js';
import { dueDate, RuleBook, validateOverrides } from '../tax-rules/service.js';
import { assessedAmount, countVehiclesOnAssessmentDate, taxpayerOf, vehicleClassNames, vehiclesOnAssessmentDate, type VehicleRow } from '../vehicles/service.js';
import type { Insertable, Selectable } from 'kysely';
import {
  addLevy,
  differencesOf,
  emptyTotals,
  NO_APPROVED_REDUCTIONS,
  runnerIsAlive,
  type ApprovedReductions,
  type Onlooker,
  type AssessmentRunView,
  type AssessmentTotals,
  type PreviewReport,
  type ReconciliationReport,
  type WhatIfReport,
} from './model.js';
import { ASSESSMENT_OPERATIONS } from './operations.js';
import {
  findRun,
  insertLevies,
  insertRun,
  newestRealRun,
  levyGroups,
  levyPage,
  listRuns,
  lockRun,
  noticeKeyOf,
  noticeNosFor,
  serializeStarts,
  updateRun,
  type LevyPosition,
  type RunnerMark,
  type RunRow,
} from './repository.js';

export type { LevyPosition } from './repository.js';
/** A levy as read: 軽自課税マスター's row. */
export type LevyRow = Selectable<Levy>;

/** Vehicles per batch: small enough to hold, large enough that a city of 300,000 takes 150 commits. */
export const DEFAULT_BATCH_SIZE = 2000;

export interface AssessmentOptions {
  batchSize?: number;
  reductions?: ApprovedReductions;
  /** Called after each committed batch of a real run (tests pause or cut a run there). */
  afterBatch?: (run: AssessmentRunView) => Promise<void> | void;
  /** A pause after each committed batch, so a test can kill the process mid-run (never set in production: src/config.ts). */
  pauseAfterBatchMs?: number;
}

/** The tokens of the runs this process is carrying on, whichever service instance runs them. */
const RUNNERS_HERE = new Set<string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it is only another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const onlooker = (): Onlooker => ({ host: hostname(), pid: process.pid, carriesOn: (token) => RUNNERS_HERE.has(token), pidAlive, now: new Date() });

/** A stored `running` whose runner is dead is shown as it is: 中断, until resumed. */
const statusOf = (row: RunRow): AssessmentRunView['status'] =>
  row.status === 'running' && !runnerIsAlive({ token: row.runnerToken, host: row.runnerHost, pid: row.runnerPid, heartbeatAt: row.heartbeatAt }, onlooker()) ? 'interrupted' : row.status;

const cursorOf = (row: RunRow) =>
  row.cursorDeclarationYear !== null && row.cursorDeclarationSerial !== null ? { year: row.cursorDeclarationYear, serial: row.cursorDeclarationSerial } : null;

function viewOf(row: RunRow): AssessmentRunView {
  const cursor = cursorOf(row);
  return {
    runId: Number(row.runId),
    fiscalYear: row.fiscalYear,
    kind: row.kind as AssessmentRunView['kind'],
    status: statusOf(row),
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
    startedByStaffNo: row.startedByStaffNo,
    startedByName: row.startedByName,
    vehiclesExpected: row.vehiclesExpected,
    vehiclesDone: row.vehiclesDone,
    cursor: cursor ? `${cursor.year}-${cursor.serial}` : null,
    totals: row.totals,
    failure: row.failure,
  };
}

/** The amount and rate case of a record, or undefined when the register lacks what the engine needs. */
function priced(book: RuleBook, row: VehicleRow, fiscalYear: number) {
  try {
    return assessedAmount(book, row, fiscalYear);
  } catch (error) {
    if (error instanceof TaxInputError) return undefined;
    throw error;
  }
}

const lastOf = (rows: VehicleRow[]) => {
  const last = rows[rows.length - 1];
  return last ? { year: last.declarationYear, serial: last.declarationSerial } : null;
};

/**
 * Front door for the notices, the checks before mailing and the tax ledger: a keyset page of the
 * year's annual levies (軽自課税マスター, 期別 1) in notice order — pass the last levy's position as
 * `after` for the next page — optionally of one notice or one taxpayer. Read inside the caller's
 * audited transaction.
 */
export function leviesOfYear(
  trx: CityTransaction,
  fiscalYear: number,
  page: { after?: LevyPosition | null; limit: number; noticeNo?: string; ownerAddresseeNo?: string },
): Promise<LevyRow[]> {
  return levyPage(trx, fiscalYear, page);
}

export class AssessmentService {
  private readonly batchSize: number;
  private readonly reductions: ApprovedReductions;
  /** The real runs this service is carrying on, by run number. */
  private readonly carried = new Map<number, Promise<AssessmentRunView>>();
  private stopping = false;

  constructor(
    private readonly access: AccessControl,
    private readonly book: RuleBook,
    private readonly options: AssessmentOptions = {},
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.reductions = options.reductions ?? NO_APPROVED_REDUCTIONS;
  }

  /**
   * Starts a real run for `fiscalYear` and answers at once; this process carries it on batch by
   * batch (`whenFinished`). Refused (409) while a live runner has the year's run, whoever started
   * it; an unfinished run whose runner is dead (failed, interrupted, or its process killed) is
   * only taken over with `resume`, from its cursor.
   */
  async start(actor: Actor, fiscalYear: number, resume = false): Promise<AssessmentRunView> {
    const runner: RunnerMark = { token: randomUUID(), host: hostname(), pid: process.pid };
    const operation = ASSESSMENT_OPERATIONS['assessment.run'];
    // Counted as this process's runner before the run records it, so the run is never seen dead in between.
    RUNNERS_HERE.add(runner.token);
    const view = await this.access.run(actor, { ...operation, detail: { fiscalYear, resume } }, async (trx) => {
      await serializeStarts(trx, actor.municipalityCode, fiscalYear);
      const unfinished = await newestRealRun(trx, fiscalYear, 'unfinished');
      if (unfinished) {
        const runId = Number(unfinished.runId);
        const started = `${unfinished.startedByName ?? unfinished.startedByStaffNo ?? '不明'} が ${formatJapanTime(unfinished.startedAt)} に開始`;
        if (this.liveRunning(unfinished)) {
          throw Problem.conflict(`${fiscalYear}年度の当初賦課は実行中です(実行番号 ${runId}、${started})。終わるまでお待ちください。`);
        }
        if (!resume) throw Problem.conflict(`${fiscalYear}年度の当初賦課(実行番号 ${runId}、${started})が途中で止まっています。「再開」してください。`);
        await updateRun(trx, runId, { status: 'running', finishedAt: null, failure: null, runner });
        return viewOf((await findRun(trx, runId)) as RunRow);
      }
      const vehiclesExpected = await countVehiclesOnAssessmentDate(trx, fiscalYear);
      return viewOf(
        await insertRun(trx, { municipalityCode: actor.municipalityCode, fiscalYear, kind: 'real', startedByStaffNo: actor.staffNo, startedByName: actor.staffName, vehiclesExpected, runner }),
      );
    }).catch((error: unknown) => {
      RUNNERS_HERE.delete(runner.token);
      throw error;
    });
    this.carryOn(actor, view.runId, runner.token);
    return view;
  }

  /** Starts a real run (`start`) and waits until this process has finished it: for callers that need the levies written before they go on. */
  async run(actor: Actor, fiscalYear: number, resume = false): Promise<AssessmentRunView> {
    return this.whenFinished((await this.start(actor, fiscalYear, resume)).runId);
  }

  /** The run carried on by this process, once it ends: completed, or rejected with why it failed. */
  whenFinished(runId: number): Promise<AssessmentRunView> {
    return this.carried.get(runId) ?? Promise.reject(Problem.notFound(`実行番号 ${runId} はこの処理で実行していません。`));
  }

  /** Stops this process's runs after their current batch, as 中断 to be resumed (a server shutting down). */
  async stopRunners(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.carried.values());
  }

  private liveRunning(row: RunRow): boolean {
    return row.status === 'running' && runnerIsAlive({ token: row.runnerToken, host: row.runnerHost, pid: row.runnerPid, heartbeatAt: row.heartbeatAt }, onlooker());
  }

  /** Runs the batches in the background; a failure is stored on the run (and given to `whenFinished`), never left unhandled. */
  private carryOn(actor: Actor, runId: number, token: string): void {
    const operation = { ...ASSESSMENT_OPERATIONS['assessment.run'], detail: { runId } };
    const stop = (change: Parameters<typeof updateRun>[2]) =>
      this.access.run(actor, operation, async (trx) => {
        const run = await lockRun(trx, runId);
        if (run?.runnerToken === token && run.status === 'running') await updateRun(trx, runId, { ...change, finishedAt: new Date() });
        return viewOf((await findRun(trx, runId)) as RunRow);
      });
    const work = (async () => {
      for (;;) {
        if (this.stopping) return stop({ status: 'interrupted' });
        const view = await this.batch(actor, runId, token);
        if (view.status === 'completed') return view;
        await this.options.afterBatch?.(view);
        if (this.options.pauseAfterBatchMs) await new Promise((resolve) => setTimeout(resolve, this.options.pauseAfterBatchMs));
      }
    })()
      .catch(async (error: unknown) => {
        await stop({ status: 'failed', failure: error instanceof Error ? error.message : String(error) });
        throw error;
      })
      .finally(() => {
        RUNNERS_HERE.delete(token);
        this.carried.delete(runId);
      });
    work.catch(() => undefined);
    this.carried.set(runId, work);
  }

  /** One batch of a real run, committed whole: its levies, notices, the cursor, the totals and the runner's heartbeat. */
  private batch(actor: Actor, runId: number, token: string): Promise<AssessmentRunView> {
    return this.access.run(actor, { ...ASSESSMENT_OPERATIONS['assessment.run'], detail: { runId } }, async (trx, note) => {
      const run = await lockRun(trx, runId);
      if (!run || run.status !== 'running' || run.runnerToken !== token) throw Problem.conflict(`実行番号 ${runId} は別の処理が引き継いだか、実行中ではありません。`);
      const fiscalYear = run.fiscalYear;
      const rows = await vehiclesOnAssessmentDate(trx, fiscalYear, cursorOf(run), this.batchSize);
      const cursor = lastOf(rows);
      if (!cursor) {
        await updateRun(trx, runId, { status: 'completed', finishedAt: new Date(), heartbeat: true });
        return viewOf((await findRun(trx, runId)) as RunRow);
      }
      const totals = run.totals;
      const levies = await this.leviesOf(trx, actor.municipalityCode, fiscalYear, rows, totals);
      const inserted = await insertLevies(trx, levies);
      await updateRun(trx, runId, { cursor, totals, vehiclesDone: run.vehiclesDone + rows.length, heartbeat: true });
      note.rows(rows.length);
      note.detail({ inserted });
      return viewOf((await findRun(trx, runId)) as RunRow);
    });
  }

  /** The levies of a batch, counted into `totals`; a record the engine cannot price is counted as not computed. */
  private async leviesOf(trx: CityTransaction, municipalityCode: string, fiscalYear: number, rows: VehicleRow[], totals: AssessmentTotals): Promise<Insertable<Levy>[]> {
    const due = dueDate(this.book, fiscalYear).dueDate;
    const reductions = await this.reductions.approvedFor(trx, fiscalYear, rows);
    const destinations = await noticeDestinations(trx, [...new Set(rows.map(taxpayerOf))], japanToday());
    const pricedRows = rows.flatMap((row) => {
      const result = priced(this.book, row, fiscalYear);
      if (!result) totals.notComputed += 1;
      return result ? [{ row, result, notice: { taxpayerAddresseeNo: taxpayerOf(row), destinationKey: destinations.get(taxpayerOf(row)) ?? 'address' } }] : [];
    });
    const noticeNos = await noticeNosFor(trx, municipalityCode, fiscalYear, pricedRows.map(({ notice }) => notice));
    const levies: Insertable<Levy>[] = [];
    for (const { row, result, notice } of pricedRows) {
      const amount = Math.max(0, result.amount - (reductions.get(`${row.declarationYear}-${row.declarationSerial}`) ?? 0));
      addLevy(totals, row.vehicleClassCode, result.rateCase, amount);
      levies.push({
        municipalityCode,
        declarationYear: row.declarationYear,
        declarationSerial: row.declarationSerial,
        generation: row.generation,
        fiscalYear,
        taxYear: fiscalYear,
        instalment: 1,
        noticeNo: noticeNos.get(noticeKeyOf(notice))!,
        ownerAddresseeNo: notice.taxpayerAddresseeNo,
        originalAmount: amount,
        amount,
        unpaidAmount: amount,
        paymentDeadline: due,
        originalDueDate: due,
        vehicleClassCode: row.vehicleClassCode,
        platePart1: row.platePart1,
        platePart2: row.platePart2,
        platePart3: row.platePart3,
        rateCase: result.rateCase,
      });
    }
    return levies;
  }

  /** Walks every vehicle on the 賦課期日 in batches inside one read transaction, handing each batch to `visit`. */
  private async eachBatch(trx: CityTransaction, fiscalYear: number, visit: (rows: VehicleRow[]) => void): Promise<number> {
    let after: { year: number; serial: number } | null = null;
    let read = 0;
    for (;;) {
      const rows = await vehiclesOnAssessmentDate(trx, fiscalYear, after, this.batchSize);
      if (rows.length === 0) return read;
      visit(rows);
      read += rows.length;
      after = lastOf(rows);
    }
  }

  /** A dry run: what a real run would levy, by class and rate case, against last year's levies. Writes no levy. */
  preview(actor: Actor, fiscalYear: number): Promise<PreviewReport> {
    return this.access.run(actor, { ...ASSESSMENT_OPERATIONS['assessment.preview'], detail: { fiscalYear } }, async (trx, note) => {
      const totals = emptyTotals();
      note.rows(await this.eachBatch(trx, fiscalYear, (rows) => this.count(this.book, rows, fiscalYear, totals)));
      const run = await this.recordDryRun(trx, actor, fiscalYear, 'preview', totals);
      const lastYear = await this.levyTotals(trx, fiscalYear - 1);
      return { run, classNames: await vehicleClassNames(trx), lastYear, differences: differencesOf(totals, lastYear) };
    });
  }

  /**
   * The year under an alternative rule book (`overrides`, the shape of a config/ tax override
   * file) against the city's: revenue difference by class and how many taxpayers pay more or less.
   */
  whatIf(actor: Actor, fiscalYear: number, overrides: unknown): Promise<WhatIfReport> {
    const alternative = new RuleBook(validateOverrides(overrides, actor.municipalityCode));
    return this.access.run(actor, { ...ASSESSMENT_OPERATIONS['assessment.whatIf'], detail: { fiscalYear } }, async (trx, note) => {
      const current = emptyTotals();
      const proposed = emptyTotals();
      // Per taxpayer only the difference in yen: one number each, never their vehicles.
      const change = new Map<string, number>();
      note.rows(
        await this.eachBatch(trx, fiscalYear, (rows) => {
          for (const row of rows) {
            const before = this.count(this.book, [row], fiscalYear, current);
            const after = this.count(alternative, [row], fiscalYear, proposed);
            const taxpayer = taxpayerOf(row);
            change.set(taxpayer, (change.get(taxpayer) ?? 0) + after - before);
          }
        }),
      );
      const run = await this.recordDryRun(trx, actor, fiscalYear, 'what_if', proposed);
      const changes = [...change.values()];
      return {
        run,
        classNames: await vehicleClassNames(trx),
        byClass: differencesOf(current, proposed).filter((d) => d.group === 'class'),
        revenueDifference: proposed.amount - current.amount,
        taxpayersPayingMore: changes.filter((yen) => yen > 0).length,
        taxpayersPayingLess: changes.filter((yen) => yen < 0).length,
      };
    });
  }

  /** Counts `rows` priced by `book` into `totals` (no reduction: none is approved before a real run); returns their yen. */
  private count(book: RuleBook, rows: VehicleRow[], fiscalYear: number, totals: AssessmentTotals): number {
    let yen = 0;
    for (const row of rows) {
      const result = priced(book, row, fiscalYear);
      if (!result) {
        totals.notComputed += 1;
        continue;
      }
      addLevy(totals, row.vehicleClassCode, result.rateCase, result.amount);
      yen += result.amount;
    }
    return yen;
  }

  private async recordDryRun(trx: CityTransaction, actor: Actor, fiscalYear: number, kind: 'preview' | 'what_if', totals: AssessmentTotals): Promise<AssessmentRunView> {
    const row = await insertRun(trx, { municipalityCode: actor.municipalityCode, fiscalYear, kind, startedByStaffNo: actor.staffNo, startedByName: actor.staffName });
    await updateRun(trx, Number(row.runId), { status: 'completed', finishedAt: new Date(), totals });
    return viewOf((await findRun(trx, Number(row.runId))) as RunRow);
  }

  private async levyTotals(trx: CityTransaction, fiscalYear: number): Promise<AssessmentTotals> {
    const totals = emptyTotals();
    for (const group of await levyGroups(trx, fiscalYear)) {
      const rateCase = group.rateCase ?? 'standard';
      totals.vehicles += group.count;
      totals.amount += group.amount;
      for (const [groups, key] of [[totals.byClass, group.vehicleClassCode], [totals.byRateCase, rateCase]] as const) {
        const sum = (groups[key] ??= { count: 0, amount: 0 });
        sum.count += group.count;
        sum.amount += group.amount;
      }
    }
    return totals;
  }

  /** Recomputes the year's totals from its levies and sets them against what the last completed real run stored. */
  reconcile(actor: Actor, fiscalYear: number): Promise<ReconciliationReport> {
    return this.access.run(actor, { ...ASSESSMENT_OPERATIONS['assessment.read'], detail: { fiscalYear } }, async (trx) => {
      const run = await newestRealRun(trx, fiscalYear, 'completed');
      if (!run) throw Problem.notFound(`${fiscalYear}年度の当初賦課はまだ完了していません。`);
      const stored = run.totals;
      const recomputed = await this.levyTotals(trx, fiscalYear);
      const countsDiffer = stored.vehicles !== recomputed.vehicles || stored.amount !== recomputed.amount;
      const differences = differencesOf(stored, recomputed);
      return { fiscalYear, classNames: await vehicleClassNames(trx), runId: Number(run.runId), stored, recomputed, differences, agrees: !countsDiffer && differences.length === 0 };
    });
  }

  /** Run history, newest first. */
  runs(actor: Actor): Promise<AssessmentRunView[]> {
    return this.access.run(actor, { ...ASSESSMENT_OPERATIONS['assessment.read'] }, async (trx, note) => {
      const rows = await listRuns(trx, 50);
      note.rows(rows.length);
      return rows.map(viewOf);
    });
  }

  /** One run, for the screen's progress poll. */
  findRun(actor: Actor, runId: number): Promise<AssessmentRunView> {
    return this.access.run(actor, { ...ASSESSMENT_OPERATIONS['assessment.read'], detail: { runId } }, async (trx) => {
      const row = await findRun(trx, runId);
      if (!row) throw Problem.notFound(`実行番号 ${runId} の当初賦課はありません。`);
      return viewOf(row);
    });
  }
}
