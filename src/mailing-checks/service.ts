/**
 * @module The checks before mailing (発送前点検, issue 10 item 2): a check run reads the year's
 * levies page by page through the assessment's front door, with the register's word on each vehicle
 * and taxpayer and last year's levies, runs the rules (./rules.ts) and stores what they find. A
 * supervisor reviews each finding and signs the run off (決裁); only that releases the year's
 * notices, and only while the levies are still those the checks saw (their SHA-256 fingerprint).
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import { addresseeStandings } from '../addressees/service.js';
import type { ReconciliationReport } from '../assessment/model.js';
import { leviesOfYear, type LevyRow } from '../assessment/service.js';
import type { CityTransaction } from '../db/database.js';
import type { MailingCheckFinding } from '../db/schema.js';
import { Problem } from '../server/problem.js';
import { formatEraFiscalYear } from '../shared/era.js';
import { newestGenerations, taxpayerOf, vehiclesOnAssessmentDate, vehicleSearchKeys, type VehicleRow } from '../vehicles/service.js';
import { RULE_CODES, RULE_LABELS, type CheckedVehicle, type CheckReport, type CheckRunView, type FindingView, type LevyFacts, type NoticeRelease, type RuleCode, type RuleFinding } from './model.js';
import { MAILING_CHECK_OPERATIONS } from './operations.js';
import {
  clearWorkingRows,
  findingCounts,
  insertCheckRun,
  insertFindings,
  insertLevyKeys,
  insertPriorLevies,
  listFindings,
  markReviewed,
  newestCheckRun,
  priorLeviesOf,
  returnedMailOf,
  sameChassisOf,
  updateCheckRun,
  type CheckRunRow,
  type FindingRow,
} from './repository.js';
import { findingsOf, firstInspectionMissing } from './rules.js';

/** Levies or vehicles per page: the checks never hold more of the city than this. */
export const DEFAULT_PAGE_SIZE = 1000;

/** The assessment's word on the year: its newest completed real run, reconciled with its levies (AssessmentService.reconcile). */
export interface CompletedAssessment {
  reconcile(actor: Actor, fiscalYear: number): Promise<ReconciliationReport>;
}

const keyOf = (row: { declarationYear: number; declarationSerial: number }) => `${row.declarationYear}-${row.declarationSerial}`;
const declarationsOf = (rows: readonly { declarationYear: number; declarationSerial: number }[]) => rows.map((row) => ({ year: row.declarationYear, serial: row.declarationSerial }));

/** Calls `visit` with each page of the year's levies in notice order. */
async function eachLevyPage(trx: CityTransaction, fiscalYear: number, pageSize: number, visit: (levies: LevyRow[]) => Promise<void>): Promise<void> {
  for (let page = await leviesOfYear(trx, fiscalYear, { limit: pageSize }); page.length > 0; ) {
    await visit(page);
    const last = page.at(-1) as LevyRow;
    page = page.length < pageSize ? [] : await leviesOfYear(trx, fiscalYear, { after: last, limit: pageSize });
  }
}

/** How many levies the year has, their sum, and a SHA-256 over every levy as a notice prints it: any change to a levy changes it. */
export async function levyFingerprint(trx: CityTransaction, fiscalYear: number, pageSize = DEFAULT_PAGE_SIZE): Promise<{ count: number; amount: number; fingerprint: string }> {
  const hash = createHash('sha256');
  let count = 0;
  let amount = 0;
  await eachLevyPage(trx, fiscalYear, pageSize, async (levies) => {
    for (const levy of levies) {
      count += 1;
      amount += levy.amount;
      const printed = [levy.noticeNo, keyOf(levy), levy.generation, levy.ownerAddresseeNo, levy.amount, levy.rateCase, levy.vehicleClassCode, levy.platePart1, levy.platePart2, levy.platePart3, String(levy.paymentDeadline)];
      hash.update(`${JSON.stringify(printed)}\n`);
    }
    return Promise.resolve();
  });
  return { count, amount, fingerprint: hash.digest('hex') };
}

function checkedVehicle(row: VehicleRow): CheckedVehicle {
  return {
    vehicleClassCode: row.vehicleClassCode,
    fuelTypeCode: row.fuelTypeCode,
    firstInspection: row.firstInspection,
    vehicleMakeName: row.vehicleMakeName,
    modelDesignation: row.modelDesignation,
    deregistrationDate: row.deregistrationDate,
    ownerChangeDate: row.newOwnerDeclarationNo ? (row.changeDate ?? row.deregistrationDate) : null,
  };
}

/**
 * The state of the year's notices: released only by a sign-off on the newest check run, and only
 * while the year's levies are still those the checks saw. Front door for the notices' batch and
 * print data.
 */
export async function noticeRelease(trx: CityTransaction, fiscalYear: number): Promise<NoticeRelease> {
  const run = await newestCheckRun(trx, fiscalYear);
  const held = (heldBecause: string): NoticeRelease => ({
    fiscalYear,
    released: false,
    heldBecause,
    checkRunId: run ? Number(run.checkRunId) : null,
    signedOffAt: run?.signedOffAt ? run.signedOffAt.toISOString() : null,
    signedOffByStaffNo: run?.signedOffByStaffNo ?? null,
  });
  if (!run) return held('発送前点検がまだ実行されていません。');
  if (!run.signedOffAt) return held('発送前点検の結果がまだ決裁されていません。');
  if ((await levyFingerprint(trx, fiscalYear)).fingerprint !== run.levyFingerprint) {
    return held('決裁の後に課税の内容が変わったため、決裁は無効です。発送前点検をやり直してください。');
  }
  return { ...held(''), released: true, heldBecause: null };
}

/** Throws a 409 unless a supervisor has reviewed and signed off the checks on the year's levies as they stand. Front door for the notices. */
export async function assertNoticesReleased(trx: CityTransaction, fiscalYear: number): Promise<void> {
  const release = await noticeRelease(trx, fiscalYear);
  if (!release.released) {
    throw Problem.conflict(`${formatEraFiscalYear(fiscalYear)}の納税通知書はまだ発送できません。${release.heldBecause ?? ''}係長・課長が発送前点検の結果を確認して決裁してください。`);
  }
}

function runView(row: CheckRunRow): CheckRunView {
  return {
    checkRunId: Number(row.checkRunId),
    fiscalYear: row.fiscalYear,
    assessmentRunId: Number(row.assessmentRunId),
    levyCount: row.levyCount,
    levyAmount: Number(row.levyAmount),
    checkedAt: row.checkedAt.toISOString(),
    checkedByStaffNo: row.checkedByStaffNo,
    signedOffAt: row.signedOffAt ? row.signedOffAt.toISOString() : null,
    signedOffByStaffNo: row.signedOffByStaffNo,
  };
}

function findingView(row: FindingRow): FindingView {
  return {
    findingNo: row.findingNo,
    ruleCode: row.ruleCode,
    ruleLabel: RULE_LABELS[row.ruleCode],
    explanation: row.explanation,
    reason: row.reason,
    declarationNo: `${row.declarationYear}-${row.declarationSerial}`,
    noticeNo: row.noticeNo,
    taxpayerAddresseeNo: row.taxpayerAddresseeNo,
    reviewedAt: row.reviewedAt ? row.reviewedAt.toISOString() : null,
    reviewedByStaffNo: row.reviewedByStaffNo,
    reviewNote: row.reviewNote,
  };
}

/** The staff member a review or a sign-off is recorded under: they are a person's acts, never the command line's. */
function staffNoOf(actor: Actor, act: string): string {
  if (!actor.staffNo) throw new Problem(403, 'この操作を行う権限がありません', `${act}は職員がサインインして画面から行ってください。`);
  return actor.staffNo;
}

const notChecked = (fiscalYear: number) => Problem.notFound(`${formatEraFiscalYear(fiscalYear)}の発送前点検はまだ実行されていません。「点検を実行」してください。`);

export class MailingCheckService {
  private readonly pageSize: number;

  constructor(
    private readonly access: AccessControl,
    private readonly assessment: CompletedAssessment,
    options: { pageSize?: number } = {},
  ) {
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  /** Runs every check over the year's levies, tied to the completed real assessment; refused (409) when there is none or it does not reconcile. */
  async run(actor: Actor, fiscalYear: number): Promise<CheckReport> {
    const era = formatEraFiscalYear(fiscalYear);
    const reconciliation = await this.assessment.reconcile(actor, fiscalYear).catch((error: unknown) => {
      throw error instanceof Problem && error.status === 404 ? Problem.conflict(`${era}の当初賦課がまだ完了していないため、点検できません。先に当初賦課を実行してください。`) : error;
    });
    if (!reconciliation.agrees) {
      throw Problem.conflict(`${era}の当初賦課(実行番号 ${reconciliation.runId})の集計と課税の記録が一致しないため、点検できません。照合の結果を確かめてください。`);
    }
    return this.access.run(actor, { ...MAILING_CHECK_OPERATIONS['mailing_check.run'], detail: { fiscalYear, assessmentRunId: reconciliation.runId } }, async (trx, note) => {
      const levies = await levyFingerprint(trx, fiscalYear, this.pageSize);
      const run = await insertCheckRun(trx, {
        municipalityCode: actor.municipalityCode,
        fiscalYear,
        assessmentRunId: reconciliation.runId,
        levyCount: levies.count,
        levyAmount: levies.amount,
        levyFingerprint: levies.fingerprint,
        checkedByStaffNo: actor.staffNo,
      });
      const checkRunId = Number(run.checkRunId);
      await this.stageWorkingRows(trx, checkRunId, fiscalYear);
      let findingNo = 0;
      const store = (levy: { declarationYear: number; declarationSerial: number; noticeNo: string | null }, taxpayer: string, finding: RuleFinding): Insertable<MailingCheckFinding> => ({
        municipalityCode: actor.municipalityCode,
        checkRunId,
        findingNo: (findingNo += 1),
        ...finding,
        declarationYear: levy.declarationYear,
        declarationSerial: levy.declarationSerial,
        noticeNo: levy.noticeNo,
        taxpayerAddresseeNo: taxpayer,
      });
      await eachLevyPage(trx, fiscalYear, this.pageSize, async (page) => {
        const facts = await this.factsOf(trx, checkRunId, fiscalYear, page);
        await insertFindings(trx, facts.flatMap((fact) => findingsOf(fact).map((finding) => store(fact.levy, fact.levy.ownerAddresseeNo, finding))));
      });
      // A vehicle the engine could not price has no levy: only the register shows it.
      for (let after: { year: number; serial: number } | null = null; ; ) {
        const vehicles = await vehiclesOnAssessmentDate(trx, fiscalYear, after, this.pageSize);
        const last = vehicles.at(-1);
        if (!last) break;
        await insertFindings(trx, vehicles.flatMap((row) => [firstInspectionMissing(row)].flatMap((finding) => (finding ? [store({ ...row, noticeNo: null }, taxpayerOf(row), finding)] : []))));
        after = { year: last.declarationYear, serial: last.declarationSerial };
      }
      await clearWorkingRows(trx, checkRunId);
      note.rows(levies.count);
      note.detail({ checkRunId, findings: findingNo });
      return this.reportOf(trx, run);
    });
  }

  /** Last year's levies (amounts, returned mail) and this year's levies by chassis, into the run's working tables. */
  private async stageWorkingRows(trx: CityTransaction, checkRunId: number, fiscalYear: number): Promise<void> {
    await eachLevyPage(trx, fiscalYear - 1, this.pageSize, (levies) =>
      insertPriorLevies(
        trx,
        checkRunId,
        levies.map((levy) => ({
          declarationYear: levy.declarationYear,
          declarationSerial: levy.declarationSerial,
          ownerAddresseeNo: levy.ownerAddresseeNo,
          amount: levy.amount,
          vehicleClassCode: levy.vehicleClassCode,
          rateCase: levy.rateCase,
          returnedMailCode: levy.returnedMailCode,
        })),
      ),
    );
    await eachLevyPage(trx, fiscalYear, this.pageSize, async (levies) => {
      const vehicles = await newestGenerations(trx, declarationsOf(levies));
      await insertLevyKeys(
        trx,
        checkRunId,
        levies.flatMap((levy) => {
          const vehicle = vehicles.get(keyOf(levy));
          // Folded as the register folds it for search (width, hyphens), from the number itself.
          const chassisKey = vehicle && vehicleSearchKeys(vehicle).chassisSearch;
          return chassisKey ? [{ declarationYear: levy.declarationYear, declarationSerial: levy.declarationSerial, chassisKey }] : [];
        }),
      );
    });
  }

  /** What the rules read about each levy of a page, in a handful of set-based queries. */
  private async factsOf(trx: CityTransaction, checkRunId: number, fiscalYear: number, levies: LevyRow[]): Promise<LevyFacts[]> {
    const declarations = declarationsOf(levies);
    const owners = [...new Set(levies.map((levy) => levy.ownerAddresseeNo))];
    const [vehicles, standings, prior, returned, sameChassis] = await Promise.all([
      newestGenerations(trx, declarations),
      addresseeStandings(trx, owners),
      priorLeviesOf(trx, checkRunId, declarations),
      returnedMailOf(trx, checkRunId, owners),
      sameChassisOf(trx, checkRunId, declarations),
    ]);
    const priorByKey = new Map(prior.map((row) => [keyOf(row), row]));
    return levies.map((levy) => {
      const vehicle = vehicles.get(keyOf(levy));
      return {
        fiscalYear,
        levy,
        vehicle: vehicle && checkedVehicle(vehicle),
        owner: standings.get(levy.ownerAddresseeNo),
        priorLevy: priorByKey.get(keyOf(levy)),
        ownerReturnedMail: returned.get(levy.ownerAddresseeNo) ?? [],
        sameChassis: sameChassis.get(keyOf(levy)) ?? [],
      };
    });
  }

  private async reportOf(trx: CityTransaction, run: CheckRunRow, ruleCode?: RuleCode): Promise<CheckReport> {
    const checkRunId = Number(run.checkRunId);
    const [counts, findings, release] = await Promise.all([findingCounts(trx, checkRunId), listFindings(trx, checkRunId, ruleCode), noticeRelease(trx, run.fiscalYear)]);
    const countsByRule = Object.fromEntries(RULE_CODES.map((code) => [code, counts.find((row) => row.ruleCode === code)?.count ?? 0])) as Record<RuleCode, number>;
    return { run: runView(run), countsByRule, unreviewed: counts.reduce((sum, row) => sum + row.unreviewed, 0), findings: findings.map(findingView), release };
  }

  /** The newest check run of the year with its findings (of one rule, when asked) and the notices' release state. */
  report(actor: Actor, fiscalYear: number, ruleCode?: RuleCode, operation: 'mailing_check.read' | 'mailing_check.export' = 'mailing_check.read'): Promise<CheckReport> {
    return this.access.run(actor, { ...MAILING_CHECK_OPERATIONS[operation], detail: { fiscalYear, ...(ruleCode ? { ruleCode } : {}) } }, async (trx, note) => {
      const run = await newestCheckRun(trx, fiscalYear);
      if (!run) throw notChecked(fiscalYear);
      const report = await this.reportOf(trx, run, ruleCode);
      note.rows(report.findings.length);
      note.detail({ checkRunId: report.run.checkRunId });
      return report;
    });
  }

  /** Whether the year's notices are released, and why not (the screens of the notices ask). */
  release(actor: Actor, fiscalYear: number): Promise<NoticeRelease> {
    return this.access.run(actor, { ...MAILING_CHECK_OPERATIONS['mailing_check.read'], detail: { fiscalYear } }, (trx) => noticeRelease(trx, fiscalYear));
  }

  /** Marks a finding of the newest check run 確認済み, with the reviewer's note. */
  review(actor: Actor, fiscalYear: number, findingNo: number, reviewNote: string | null): Promise<FindingView> {
    return this.access.run(actor, { ...MAILING_CHECK_OPERATIONS['mailing_check.review'], detail: { fiscalYear, findingNo } }, async (trx, note) => {
      const run = await newestCheckRun(trx, fiscalYear, { lock: true });
      if (!run) throw notChecked(fiscalYear);
      if (run.signedOffAt) throw Problem.conflict(`${formatEraFiscalYear(fiscalYear)}の発送前点検は決裁済みです。直すには点検をやり直してください。`);
      const checkRunId = Number(run.checkRunId);
      if (!(await markReviewed(trx, checkRunId, findingNo, { staffNo: staffNoOf(actor, '指摘の確認'), note: reviewNote }))) {
        throw Problem.notFound(`最新の発送前点検(点検番号 ${checkRunId})に指摘番号 ${findingNo} はありません。`);
      }
      const finding = (await listFindings(trx, checkRunId)).find((row) => row.findingNo === findingNo) as FindingRow;
      note.rows(1);
      note.subject({ type: 'addressee', id: finding.taxpayerAddresseeNo });
      return findingView(finding);
    });
  }

  /** The supervisor's 決裁 on the newest check run: refused while a finding is unreviewed or when the levies changed after the checks. */
  signOff(actor: Actor, fiscalYear: number): Promise<NoticeRelease> {
    const era = formatEraFiscalYear(fiscalYear);
    return this.access.run(actor, { ...MAILING_CHECK_OPERATIONS['mailing_check.sign_off'], detail: { fiscalYear } }, async (trx, note) => {
      const run = await newestCheckRun(trx, fiscalYear, { lock: true });
      if (!run) throw Problem.conflict(`${era}の発送前点検がまだ実行されていません。点検を実行し、指摘をすべて確認してから決裁してください。`);
      const unreviewed = (await findingCounts(trx, Number(run.checkRunId))).reduce((sum, row) => sum + row.unreviewed, 0);
      if (unreviewed > 0) throw Problem.conflict(`未確認の指摘が${unreviewed}件あります。すべての指摘を確認(確認済み)にしてから決裁してください。`);
      if ((await levyFingerprint(trx, fiscalYear, this.pageSize)).fingerprint !== run.levyFingerprint) {
        throw Problem.conflict(`点検の後に${era}の課税の内容が変わりました。発送前点検をやり直してから決裁してください。`);
      }
      if (!run.signedOffAt) await updateCheckRun(trx, Number(run.checkRunId), { signedOffAt: new Date(), signedOffByStaffNo: staffNoOf(actor, '決裁') });
      note.detail({ checkRunId: Number(run.checkRunId) });
      return noticeRelease(trx, fiscalYear);
    });
  }
}
