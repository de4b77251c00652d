/** @module The initial assessment's runs, totals and reports, and the seam reductions will fill. */
import type { CityTransaction } from '../db/database.js';
import { RATE_CASE_LABEL, type RateCase } from '../tax-rules/model.js';

export type RunKind = 'preview' | 'what_if' | 'real';
/** `interrupted` (中断): stopped by a server shutting down, or `running` with its runner proven dead; resumed with 「再開」. */
export type RunStatus = 'running' | 'completed' | 'failed' | 'interrupted';

/** How many levies and how many yen, in one group. */
export interface CountAndSum {
  count: number;
  amount: number;
}

/** A run's result: levies and yen by vehicle class and by rate case, and the vehicles the engine could not compute. */
export interface AssessmentTotals {
  vehicles: number;
  amount: number;
  notComputed: number;
  byClass: Record<string, CountAndSum>;
  byRateCase: Record<string, CountAndSum>;
}

export const emptyTotals = (): AssessmentTotals => ({ vehicles: 0, amount: 0, notComputed: 0, byClass: {}, byRateCase: {} });

function addTo(groups: Record<string, CountAndSum>, key: string, amount: number) {
  const group = (groups[key] ??= { count: 0, amount: 0 });
  group.count += 1;
  group.amount += amount;
}

/** Counts one levy of `amount` in `totals`. */
export function addLevy(totals: AssessmentTotals, vehicleClassCode: string, rateCase: string, amount: number): void {
  totals.vehicles += 1;
  totals.amount += amount;
  addTo(totals.byClass, vehicleClassCode, amount);
  addTo(totals.byRateCase, rateCase, amount);
}

export interface AssessmentRunView {
  runId: number;
  fiscalYear: number;
  kind: RunKind;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  startedByStaffNo: string | null;
  /** The staff member's name, or the command line. */
  startedByName: string | null;
  /** Vehicles standing in the register on April 1, counted when a real run started (null for a dry run). */
  vehiclesExpected: number | null;
  /** Vehicles read so far, levied or not computed. */
  vehiclesDone: number;
  /** The last declaration number done (the resume point), null before the first batch. */
  cursor: string | null;
  totals: AssessmentTotals;
  failure: string | null;
}

/** Where a runner runs and when it last committed a batch (assessment_run's runner columns). */
export interface Runner {
  token: string | null;
  host: string | null;
  pid: number | null;
  heartbeatAt: Date | null;
}

/** The process judging a runner: its host and pid, which runners it carries on itself, and whether a pid of its host is alive. */
export interface Onlooker {
  host: string;
  pid: number;
  carriesOn(token: string): boolean;
  pidAlive(pid: number): boolean;
  now: Date;
}

/**
 * A runner commits a batch well within this; a heartbeat older means its process is dead or
 * stuck, and the run may be taken over (docs/decisions/0012-assessment-runner-liveness.md).
 */
export const HEARTBEAT_STALE_AFTER_MS = 120_000;

/**
 * Whether the process running a run is alive. On the onlooker's own host its pid answers at
 * once (a killed process is seen dead without waiting); this very process knows its own runners;
 * a runner on another host is alive while its heartbeat is fresh.
 */
export function runnerIsAlive(runner: Runner, here: Onlooker): boolean {
  if (runner.token === null || runner.heartbeatAt === null) return false;
  if (runner.host === here.host && runner.pid === here.pid) return here.carriesOn(runner.token);
  if (runner.host === here.host && runner.pid !== null && !here.pidAlive(runner.pid)) return false;
  return here.now.getTime() - runner.heartbeatAt.getTime() < HEARTBEAT_STALE_AFTER_MS;
}

/** One group where two sets of totals disagree (reconciliation) or differ (preview against last year). */
export interface GroupDifference {
  group: 'class' | 'rateCase';
  key: string;
  left: CountAndSum;
  right: CountAndSum;
}

/** The register's name of each vehicle class code (軽自動車 四輪 乗用 自家用 …), for a report's rows. */
export type ClassNames = Record<string, string>;

export interface PreviewReport {
  run: AssessmentRunView;
  classNames: ClassNames;
  lastYear: AssessmentTotals;
  /** This year's preview (left) against last year's levies (right), every group that differs. */
  differences: GroupDifference[];
}

export interface WhatIfReport {
  run: AssessmentRunView;
  classNames: ClassNames;
  /** The city's rule book (left) against the alternative (right), by class. */
  byClass: GroupDifference[];
  revenueDifference: number;
  taxpayersPayingMore: number;
  taxpayersPayingLess: number;
}

export interface ReconciliationReport {
  fiscalYear: number;
  classNames: ClassNames;
  runId: number;
  stored: AssessmentTotals;
  recomputed: AssessmentTotals;
  /** Stored (left) against recomputed from the levies (right): empty when they agree. */
  differences: GroupDifference[];
  agrees: boolean;
}

/** Every group of either set, side by side (a group missing from one counts zero there), classes first. */
export function groupsSideBySide(left: AssessmentTotals, right: AssessmentTotals): GroupDifference[] {
  const zero = { count: 0, amount: 0 };
  const of = (group: GroupDifference['group'], a: Record<string, CountAndSum>, b: Record<string, CountAndSum>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().map((key) => ({ group, key, left: a[key] ?? zero, right: b[key] ?? zero }));
  return [...of('class', left.byClass, right.byClass), ...of('rateCase', left.byRateCase, right.byRateCase)];
}

/** The name of a group's key: the register's class name, or the rate case's label (重課(経年車) …). */
export function groupName(difference: Pick<GroupDifference, 'group' | 'key'>, classNames: ClassNames): string {
  return difference.group === 'class' ? (classNames[difference.key] ?? difference.key) : (RATE_CASE_LABEL[difference.key as RateCase] ?? difference.key);
}

/** Every group of either set whose count or sum differs, classes first. */
export function differencesOf(left: AssessmentTotals, right: AssessmentTotals): GroupDifference[] {
  return groupsSideBySide(left, right).filter((d) => d.left.count !== d.right.count || d.left.amount !== d.right.amount);
}

/** A record the assessment levies on: its declaration number and generation. */
export interface AssessedRecord {
  declarationYear: number;
  declarationSerial: number;
  generation: number;
}

/**
 * The seam for 減免 (issue 12): the approved reduction in yen of each record, keyed
 * `year-serial`. The reductions capability does not exist yet, so no reduction has been
 * approved and `NO_APPROVED_REDUCTIONS` answers that truthfully: every levy is the full amount.
 */
export interface ApprovedReductions {
  approvedFor(trx: CityTransaction, fiscalYear: number, records: readonly AssessedRecord[]): Promise<Map<string, number>>;
}

export const NO_APPROVED_REDUCTIONS: ApprovedReductions = { approvedFor: () => Promise.resolve(new Map()) };
