/**
 * @module The front door of tax notices: one taxpayer's notice printed again (再発行), every notice
 * of a year rendered into print files, and the print data for the contractor — each through
 * AccessControl and audited, each reading the levies in its own transaction
 * (src/notices/from-levies.ts). Printing for mailing and the print data wait for the release the
 * checks before mailing give (`NoticeRelease`). docs/notices.md
 */
import { join } from 'node:path';
import type { Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import type { ReconciliationReport } from '../assessment/model.js';
import type { CityTransaction } from '../db/database.js';
import { Problem } from '../server/problem.js';
import type { CsvField } from '../shared/csv.js';
import { formatJapanTime, japanToday } from '../shared/dates.js';
import { yen } from '../tax-rules/model.js';
import { renderNoticeBatch, type NoticeManifest } from './batch.js';
import { noticesFromLevies, type NoticeSelection, type NoticeSettings } from './from-levies.js';
import type { NoticeData } from './model.js';
import { NOTICE_OPERATIONS } from './operations.js';
import { printDataTable } from './print-data.js';
import { renderNotices } from './render.js';

/**
 * The seam for the checks before mailing (issue 10, item 2): notices of a year are printed for
 * mailing, and their print data leave, only once a supervisor has signed the checks off.
 * `assertReleased` throws a Problem saying why not, inside the caller's transaction, before
 * anything is read or rendered.
 */
export interface NoticeRelease {
  assertReleased(trx: CityTransaction, fiscalYear: number): Promise<void>;
}

/**
 * Lets every year through: the checks before mailing are built beside this and replace it in
 * src/composition.ts at the merge. Never leave it wired in a city's install.
 */
export const RELEASE_NOT_YET_WIRED: NoticeRelease = { assertReleased: () => Promise.resolve() };

/** The assessment's reconciliation of a year: the run's stored totals, and whether the levies add up to them. */
export type AssessmentReconciliation = (actor: Actor, fiscalYear: number) => Promise<Pick<ReconciliationReport, 'stored' | 'agrees' | 'runId'>>;

export interface NoticeServiceOptions {
  release: NoticeRelease;
  reconcile: AssessmentReconciliation;
  settings: NoticeSettings;
  /** Where the server writes print files: one folder per batch below it. */
  outputDir: string;
  renderThreads: number;
}

export interface PrintDataExport {
  fileName: string;
  /** The CSV's header and rows (the route writes them with `toCsv`). */
  header: string[];
  rows: CsvField[][];
  notices: number;
  vehicles: number;
}

export interface ReprintedNotice {
  pdf: Buffer;
  noticeNos: string[];
}

export type ReprintTarget = { noticeNo: string } | { ownerAddresseeNo: string };

export interface NoticeBatch {
  outDir: string;
  manifest: NoticeManifest;
}

export class NoticeService {
  constructor(
    private readonly access: AccessControl,
    private readonly options: NoticeServiceOptions,
  ) {}

  private notices(trx: CityTransaction, actor: Actor, selection: Omit<NoticeSelection, 'municipalityCode' | 'issuedOn'>): AsyncGenerator<NoticeData> {
    return noticesFromLevies(trx, { municipalityCode: actor.municipalityCode, issuedOn: japanToday(), ...selection }, this.options.settings);
  }

  /** The notice (or the taxpayer's notices) of the year, printed again and marked 再発行; audited with the notice numbers. */
  reprint(actor: Actor, fiscalYear: number, target: ReprintTarget): Promise<ReprintedNotice> {
    const subject = 'ownerAddresseeNo' in target ? { subject: { type: 'addressee' as const, id: target.ownerAddresseeNo } } : {};
    return this.access.run(actor, { ...NOTICE_OPERATIONS['notice.reprint'], ...subject, detail: { fiscalYear } }, async (trx, note) => {
      const notices: NoticeData[] = [];
      for await (const notice of this.notices(trx, actor, { fiscalYear, reprint: true, ...target })) notices.push(notice);
      const first = notices[0];
      if (!first) {
        throw Problem.notFound(
          'noticeNo' in target
            ? `${fiscalYear}年度の通知書番号 ${target.noticeNo} の納税通知書はありません。年度と通知書番号を確かめてください。`
            : `宛名番号 ${target.ownerAddresseeNo} の方の${fiscalYear}年度の納税通知書はありません(当初賦課の前か、課税がありません)。`,
        );
      }
      const noticeNos = notices.map((notice) => notice.noticeNo);
      note.subject({ type: 'addressee', id: first.taxpayer.addresseeNo });
      note.rows(notices.reduce((sum, notice) => sum + notice.vehicles.length, 0));
      note.detail({ noticeNos });
      return { pdf: await renderNotices(notices), noticeNos };
    });
  }

  /**
   * Every notice of the year into print files of `perFile` notices with their manifest, in
   * `outDir` or a new folder below the configured one. Refused before anything is rendered
   * unless the notices are released and the assessment's levies reconcile with its run; and
   * refused without a manifest unless the notices rendered add up to the run's totals.
   */
  async printBatch(actor: Actor, fiscalYear: number, { perFile, outDir }: { perFile: number; outDir?: string }): Promise<NoticeBatch> {
    const operation = NOTICE_OPERATIONS['notice.batch.print'];
    // A folder per batch, named for the year and the moment in Japan it started: 2026-20260511-093000.
    const directory = outDir ?? join(this.options.outputDir, `${fiscalYear}-${formatJapanTime(new Date()).replace(/[-:]| JST/g, '').replace(' ', '-')}`);
    // Its own audited read, before the batch's transaction: embedded PGlite has one connection.
    const reconciliation = await this.options.reconcile(actor, fiscalYear);
    if (!reconciliation.agrees) {
      throw Problem.conflict(`${fiscalYear}年度の当初賦課(実行番号 ${reconciliation.runId})の集計と課税の記録が一致しません。当初賦課の照合で違いを確かめてから印刷してください。`);
    }
    return this.access.run(actor, { ...operation, detail: { fiscalYear, perFile } }, async (trx, note) => {
      await this.options.release.assertReleased(trx, fiscalYear);
      const manifest = await renderNoticeBatch(this.notices(trx, actor, { fiscalYear, reprint: false }), {
        outDir: directory,
        perFile,
        workers: this.options.renderThreads,
        verify: (rendered) => refuseUnreconciled(fiscalYear, rendered, reconciliation.stored),
      });
      note.rows(manifest.totals.vehicles);
      note.detail({ files: manifest.totals.files, notices: manifest.totals.notices, total: manifest.totals.total });
      return { outDir: directory, manifest };
    });
  }

  /** The print data of the year's notices, as the CSV's table (src/notices/print-data.ts); refused until the notices are released. */
  exportPrintData(actor: Actor, fiscalYear: number): Promise<PrintDataExport> {
    return this.access.run(actor, { ...NOTICE_OPERATIONS['notice.print_data.export'], detail: { fiscalYear } }, async (trx, note) => {
      await this.options.release.assertReleased(trx, fiscalYear);
      const table = await printDataTable(this.notices(trx, actor, { fiscalYear, reprint: false }));
      note.rows(table.vehicles);
      note.detail({ notices: table.notices });
      return { fileName: `納税通知書印刷データ_${fiscalYear}.csv`, ...table };
    });
  }
}

/** The manifest against the assessment run: as many vehicles and as many yen, or no manifest. */
function refuseUnreconciled(fiscalYear: number, manifest: NoticeManifest, run: { vehicles: number; amount: number }): void {
  const { vehicles, total } = manifest.totals;
  if (vehicles === run.vehicles && total === run.amount) return;
  throw new Problem(
    422,
    '納税通知書が当初賦課と一致しません',
    `${fiscalYear}年度の納税通知書は ${vehicles}台・${yen(total)} ですが、当初賦課は ${run.vehicles}台・${yen(run.amount)} です。賦課の後に税額が変わった課税がないか確かめてください。印刷ファイルの一覧(manifest)は作成していません。`,
  );
}
