/**
 * @module The initial assessment (当初賦課, issue 10): on the 賦課期日 (April 1, 地方税法第463条の16)
 * the vehicles standing in the register are read in keyset batches through the vehicle service,
 * each is priced by the tax-rule engine, and a real run writes one levy per vehicle and year,
 * grouped into one notice per taxpayer and mail destination. Each batch commits its levies, the
 * cursor and the running totals in one transaction, so a run cut off is resumed from its cursor;
 * a preview or what-if reads the same batches and writes no levy.
 */
import type { Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import { noticeDestinations } from '../addressees/service.js';
import type { CityTransaction } from '../db/database.js';
import type { Levy } from '../db/schema.js';
import { Problem } from '../server/problem.js';
import { japanToday } from '../shared/dates.js';
import { TaxInputError } from '../tax-rules/model.js';
import { dueDate, RuleBook, validateOverrides } from '../tax-rules/service.js';
import { assessedAmount, taxpayerOf, vehiclesOnAssessmentDate, type VehicleRow } from '../vehicles/service.js';
import type { Insertable, Selectable } from 'kysely';
import {
  addLevy,
  differencesOf,
  emptyTotals,
  NO_APPROVED_REDUCTIONS,
  type ApprovedReductions,
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
  noticeNoFor,
  updateRun,
  type LevyPosition,
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
  /** Called after each committed batch of a real run (progress lines; tests pause or cut a run there). */
  afterBatch?: (run: AssessmentRunView) => Promise<void> | void;
}

const cursorOf = (row: RunRow) =>
  row.cursorDeclarationYear !== null && row.cursorDeclarationSerial !== null ? { year: row.cursorDeclarationYear, serial: row.cursorDeclarationSerial } : null;

function viewOf(row: RunRow): AssessmentRunView {
  const cursor = cursorOf(row);
  return {
    runId: Number(row.runId),
    fiscalYear: row.fiscalYear,
    kind: row.kind as AssessmentRunView['kind'],
    status: row.status as AssessmentRunView['status'],
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
    startedByStaffNo: row.startedByStaffNo,
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

  constructor(
    private readonly access: AccessControl,
    private readonly book: RuleBook,
    private readonly options: AssessmentOptions = {},
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.reductions = options.reductions ?? NO_APPROVED_REDUCTIONS;
  }

  /**
   * A real run for `fiscalYear`: refused (409) while another is running, unless `resume` takes
   * over the unfinished one (after the process running it was killed or failed) from its cursor.
   */
  async run(actor: Actor, fiscalYear: number, resume = false): Promise<AssessmentRunView> {
    const operation = ASSESSMENT_OPERATIONS['assessment.run'];
    const runId = await this.access.run(actor, { ...operation, detail: { fiscalYear, resume } }, async (trx) => {
      const unfinished = await newestRealRun(trx, fiscalYear, 'unfinished');
      if (unfinished && !resume) {
        throw Problem.conflict(
          unfinished.status === 'running'
            ? `${fiscalYear}年度の当初賦課は実行中です(実行番号 ${unfinished.runId})。終わるまで待つか、中断された場合は「再開」してください。`
            : `${fiscalYear}年度の当初賦課(実行番号 ${unfinished.runId})が途中で止まっています。「再開」してください。`,
        );
      }
      if (unfinished) {
        await updateRun(trx, Number(unfinished.runId), { status: 'running', finishedAt: null, failure: null });
        return Number(unfinished.runId);
      }
      return Number((await insertRun(trx, { municipalityCode: actor.municipalityCode, fiscalYear, kind: 'real', startedByStaffNo: actor.staffNo })).runId);
    });
    for (;;) {
      const view = await this.batch(actor, runId).catch(async (error: unknown) => {
        await this.access.run(actor, { ...operation, detail: { runId } }, (trx) =>
          updateRun(trx, runId, { status: 'failed', finishedAt: new Date(), failure: error instanceof Error ? error.message : String(error) }),
        );
        throw error;
      });
      if (view.status === 'completed') return view;
      await this.options.afterBatch?.(view);
    }
  }

  /** One batch of a real run, committed whole: its levies, notices, the cursor and the totals. */
  private batch(actor: Actor, runId: number): Promise<AssessmentRunView> {
    return this.access.run(actor, { ...ASSESSMENT_OPERATIONS['assessment.run'], detail: { runId } }, async (trx, note) => {
      const run = await lockRun(trx, runId);
      if (!run || run.status !== 'running') throw Problem.conflict(`実行番号 ${runId} は実行中ではありません。`);
      const fiscalYear = run.fiscalYear;
      const rows = await vehiclesOnAssessmentDate(trx, fiscalYear, cursorOf(run), this.batchSize);
      const cursor = lastOf(rows);
      if (!cursor) {
        await updateRun(trx, runId, { status: 'completed', finishedAt: new Date() });
        return viewOf((await findRun(trx, runId)) as RunRow);
      }
      const totals = run.totals;
      const levies = await this.leviesOf(trx, actor.municipalityCode, fiscalYear, rows, totals);
      const inserted = await insertLevies(trx, levies);
      await updateRun(trx, runId, { cursor, totals });
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
    const levies: Insertable<Levy>[] = [];
    for (const row of rows) {
      const result = priced(this.book, row, fiscalYear);
      if (!result) {
        totals.notComputed += 1;
        continue;
      }
      const taxpayer = taxpayerOf(row);
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
        noticeNo: await noticeNoFor(trx, municipalityCode, fiscalYear, taxpayer, destinations.get(taxpayer) ?? 'address'),
        ownerAddresseeNo: taxpayer,
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
      return { run, lastYear, differences: differencesOf(totals, lastYear) };
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
    const row = await insertRun(trx, { municipalityCode: actor.municipalityCode, fiscalYear, kind, startedByStaffNo: actor.staffNo });
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
      return { fiscalYear, runId: Number(run.runId), stored, recomputed, differences, agrees: !countsDiffer && differences.length === 0 };
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
