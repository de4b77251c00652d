/**
 * @module The tax ledger (課税台帳, seed I.1②, REQUIREMENTS §3) and the annual survey of the tax
 * (課税状況調): the year's levies as the assessment wrote them, read only through its front door
 * `leviesOfYear` in notice order, with their taxpayers' names from the addressees and the vehicles
 * not levied from the register. Every read runs in one AccessControl transaction and is audited;
 * this capability owns no table. docs/tax-ledger.md
 */
import type { Actor } from '../access/actor.js';
import type { AccessControl, AuditNote } from '../access/guard.js';
import { namesOf } from '../addressees/service.js';
import { leviesOfYear, type LevyRow } from '../assessment/service.js';
import type { CityTransaction } from '../db/database.js';
import { municipalityIn } from '../municipality/service.js';
import { japanToday } from '../shared/dates.js';
import { formatEraDate } from '../shared/era.js';
import { formatDeclarationNo, plateText } from '../vehicles/model.js';
import { taxpayersOfRecord, unleviedOnAssessmentDate } from '../vehicles/service.js';
import { encodedCsv, LEDGER_CSV_HEADER, ledgerRow, SURVEY_CSV_HEADER, surveyRows } from './csv.js';
import {
  classLabel,
  formatPosition,
  LEVY_CHANGE_REASONS,
  RATE_CASE_LABEL,
  type CsvEncoding,
  type LedgerEntry,
  type LedgerFilter,
  type LedgerPage,
  type LedgerPosition,
  type LedgerSearch,
  type RateCase,
  type SurveyReport,
} from './model.js';
import { TAX_LEDGER_OPERATIONS } from './operations.js';
import { LEDGER_COLUMNS, ledgerTableRows, renderTableReport, SURVEY_COLUMNS, surveyTableRows } from './render.js';
import { SurveyCounter } from './survey.js';

/** Levies read per page: a city of 300,000 is 150 pages, and never in memory at once while counted. */
const PAGE_SIZE = 2000;

/** A file made for download: its name and bytes, and how many levies it holds. */
export interface LedgerFile {
  fileName: string;
  bytes: Buffer;
  rows: number;
}

/** The year's levies after `after` in notice order, one of a notice or a taxpayer when told, page by page. */
async function* leviesFrom(trx: CityTransaction, fiscalYear: number, scope: { noticeNo?: string; ownerAddresseeNo?: string }, after: LedgerPosition | null): AsyncGenerator<LevyRow> {
  let position = after;
  for (;;) {
    const page = await leviesOfYear(trx, fiscalYear, { ...scope, after: position, limit: PAGE_SIZE });
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE) return;
    position = last;
  }
}

/**
 * The levies a filter selects, in notice order. A declaration number is found through the
 * taxpayers its record has named (the levy is on one of them), so the search stays on the
 * assessment's owner index instead of reading the whole year.
 */
async function* matchingLevies(trx: CityTransaction, fiscalYear: number, filter: LedgerFilter, after: LedgerPosition | null): AsyncGenerator<LevyRow> {
  const scope = { ...(filter.noticeNo ? { noticeNo: filter.noticeNo } : {}) };
  const declaration = filter.declarationNo;
  if (!declaration) {
    yield* leviesFrom(trx, fiscalYear, { ...scope, ...(filter.addresseeNo ? { ownerAddresseeNo: filter.addresseeNo } : {}) }, after);
    return;
  }
  const taxpayers = filter.addresseeNo ? [filter.addresseeNo] : await taxpayersOfRecord(trx, declaration);
  for (const ownerAddresseeNo of taxpayers) {
    for await (const levy of leviesFrom(trx, fiscalYear, { ...scope, ownerAddresseeNo }, after)) {
      if (levy.declarationYear === declaration.year && levy.declarationSerial === declaration.serial) yield levy;
    }
  }
}

/** Levies as ledger lines, their taxpayers' names read in one query. */
async function entriesOf(trx: CityTransaction, levies: readonly LevyRow[]): Promise<LedgerEntry[]> {
  const names = await namesOf(trx, levies.map((levy) => levy.ownerAddresseeNo));
  return levies.map((levy) => {
    // The column's check allows only the engine's rate cases; a levy without one was priced at the standard rate.
    const rateCase = (levy.rateCase ?? 'standard') as RateCase;
    return {
      fiscalYear: levy.fiscalYear,
      noticeNo: levy.noticeNo,
      addresseeNo: levy.ownerAddresseeNo,
      taxpayerName: names.get(levy.ownerAddresseeNo) ?? '',
      declarationNo: formatDeclarationNo({ year: levy.declarationYear, serial: levy.declarationSerial }),
      generation: levy.generation,
      vehicleClassCode: levy.vehicleClassCode,
      classLabel: classLabel(levy.vehicleClassCode),
      plate: plateText(levy),
      rateCase,
      rateCaseLabel: RATE_CASE_LABEL[rateCase],
      originalAmount: levy.originalAmount,
      amount: levy.amount,
      changeAmount: levy.changeAmount,
      dueDate: levy.paymentDeadline === null ? null : String(levy.paymentDeadline),
      changeReason: levy.changeReasonCode === null ? null : (LEVY_CHANGE_REASONS[levy.changeReasonCode] ?? levy.changeReasonCode),
    };
  });
}

/** Every ledger line a filter selects, in pages of names looked up together. */
async function everyEntry(trx: CityTransaction, fiscalYear: number, filter: LedgerFilter): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  let batch: LevyRow[] = [];
  for await (const levy of matchingLevies(trx, fiscalYear, filter, null)) {
    batch.push(levy);
    if (batch.length === PAGE_SIZE) {
      entries.push(...(await entriesOf(trx, batch)));
      batch = [];
    }
  }
  entries.push(...(await entriesOf(trx, batch)));
  return entries;
}

/** Whom a search or an export is about, for its audit entry: the taxpayer or vehicle searched for, and which filters were used (never their values). */
function noteFilter(note: AuditNote, filter: LedgerFilter): void {
  if (filter.addresseeNo) note.subject({ type: 'addressee', id: filter.addresseeNo });
  else if (filter.declarationNo) note.subject({ type: 'vehicle', id: formatDeclarationNo(filter.declarationNo) });
  note.detail({ filters: Object.keys(filter).filter((key) => filter[key as keyof LedgerFilter] !== undefined) });
}

const fileScope = (filter: LedgerFilter) =>
  filter.addresseeNo ?? (filter.declarationNo ? formatDeclarationNo(filter.declarationNo) : undefined) ?? filter.noticeNo ?? '全件';

export class TaxLedgerService {
  constructor(private readonly access: AccessControl) {}

  /** A page of the year's ledger in notice order, filtered by taxpayer, declaration number or notice number. */
  search(actor: Actor, fiscalYear: number, query: LedgerSearch): Promise<LedgerPage> {
    const { after, limit, ...filter } = query;
    return this.access.run(actor, { ...TAX_LEDGER_OPERATIONS['taxLedger.search'], detail: { fiscalYear } }, async (trx, note) => {
      noteFilter(note, filter);
      const found: LevyRow[] = [];
      // One more than the page, to know whether another page follows.
      for await (const levy of matchingLevies(trx, fiscalYear, filter, after ?? null)) {
        found.push(levy);
        if (found.length > limit) break;
      }
      const page = found.slice(0, limit);
      const last = page.at(-1);
      note.rows(page.length);
      return { entries: await entriesOf(trx, page), next: found.length > limit && last ? formatPosition(last) : null };
    });
  }

  /** The ledger (all of the year, or what the filter selects) as CSV: UTF-8 with BOM, or Shift_JIS refused where a character would be lost. */
  exportCsv(actor: Actor, fiscalYear: number, filter: LedgerFilter, encoding: CsvEncoding): Promise<LedgerFile> {
    return this.access.run(actor, { ...TAX_LEDGER_OPERATIONS['taxLedger.export'], detail: { fiscalYear, format: 'csv', encoding } }, async (trx, note) => {
      noteFilter(note, filter);
      const entries = await everyEntry(trx, fiscalYear, filter);
      note.rows(entries.length);
      const bytes = encodedCsv(LEDGER_CSV_HEADER, entries.map(ledgerRow), encoding);
      return { fileName: `課税台帳_${fiscalYear}_${fileScope(filter)}.csv`, bytes, rows: entries.length };
    });
  }

  /** The ledger as an A4 landscape PDF. */
  exportPdf(actor: Actor, fiscalYear: number, filter: LedgerFilter): Promise<LedgerFile> {
    return this.access.run(actor, { ...TAX_LEDGER_OPERATIONS['taxLedger.export'], detail: { fiscalYear, format: 'pdf' } }, async (trx, note) => {
      noteFilter(note, filter);
      const entries = await everyEntry(trx, fiscalYear, filter);
      note.rows(entries.length);
      const total = entries.reduce((sum, entry) => sum + entry.amount, 0);
      const bytes = await renderTableReport({
        title: '課税台帳',
        fiscalYear,
        municipalityName: await this.municipalityName(trx, actor),
        madeOn: japanToday(),
        columns: LEDGER_COLUMNS,
        rows: ledgerTableRows(entries),
        closing: `${entries.length.toLocaleString('ja-JP')}件 税額合計 ${total.toLocaleString('ja-JP')}円`,
      });
      return { fileName: `課税台帳_${fiscalYear}_${fileScope(filter)}.pdf`, bytes, rows: entries.length };
    });
  }

  /** The 課税状況調 of the year, counted from its levies and the register on April 1. */
  survey(actor: Actor, fiscalYear: number): Promise<SurveyReport> {
    return this.access.run(actor, { ...TAX_LEDGER_OPERATIONS['taxLedger.survey'], detail: { fiscalYear, format: 'json' } }, (trx, note) => this.surveyIn(trx, note, fiscalYear));
  }

  surveyCsv(actor: Actor, fiscalYear: number, encoding: CsvEncoding): Promise<LedgerFile> {
    return this.access.run(actor, { ...TAX_LEDGER_OPERATIONS['taxLedger.survey'], detail: { fiscalYear, format: 'csv', encoding } }, async (trx, note) => {
      const report = await this.surveyIn(trx, note, fiscalYear);
      return { fileName: `課税状況調_${fiscalYear}.csv`, bytes: encodedCsv(SURVEY_CSV_HEADER, surveyRows(report), encoding), rows: report.levies.count };
    });
  }

  surveyPdf(actor: Actor, fiscalYear: number): Promise<LedgerFile> {
    return this.access.run(actor, { ...TAX_LEDGER_OPERATIONS['taxLedger.survey'], detail: { fiscalYear, format: 'pdf' } }, async (trx, note) => {
      const report = await this.surveyIn(trx, note, fiscalYear);
      const bytes = await renderTableReport({
        title: '課税状況調',
        fiscalYear,
        municipalityName: await this.municipalityName(trx, actor),
        madeOn: japanToday(),
        columns: SURVEY_COLUMNS,
        rows: surveyTableRows(report),
        closing: `賦課期日 ${formatEraDate(report.assessmentDate)}現在。課税の記録 ${report.levies.count.toLocaleString('ja-JP')}件(当初税額 ${report.levies.amount.toLocaleString('ja-JP')}円)から集計。`,
      });
      return { fileName: `課税状況調_${fiscalYear}.pdf`, bytes, rows: report.levies.count };
    });
  }

  private async surveyIn(trx: CityTransaction, note: AuditNote, fiscalYear: number): Promise<SurveyReport> {
    const counter = new SurveyCounter();
    const levies = { count: 0, amount: 0 };
    for await (const levy of leviesFrom(trx, fiscalYear, {}, null)) {
      counter.addLevy(levy);
      levies.count += 1;
      levies.amount += levy.originalAmount;
    }
    for (const counts of await unleviedOnAssessmentDate(trx, fiscalYear)) counter.addUnlevied(counts);
    note.rows(levies.count);
    return { fiscalYear, assessmentDate: `${fiscalYear}-04-01`, rows: counter.rows(), levies };
  }

  private async municipalityName(trx: CityTransaction, actor: Actor): Promise<string> {
    const municipality = await municipalityIn(trx, actor.municipalityCode);
    return municipality ? `${municipality.prefecture}${municipality.name}` : actor.municipalityCode;
  }
}
