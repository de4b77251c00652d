/**
 * @module The front door of tax notices: the print data export for the contractor, through
 * AccessControl (audited as an export). The notices come from the assessment's levies, read in
 * the export's own transaction by the `source` the caller hands in, so a refused export reads
 * nothing.
 */
import type { Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import type { CityTransaction } from '../db/database.js';
import type { NoticeData } from './model.js';
import { NOTICE_OPERATIONS } from './operations.js';
import { printDataCsv } from './print-data.js';

export interface PrintDataExport {
  fileName: string;
  csv: string;
  notices: number;
  vehicles: number;
}

export class NoticeService {
  constructor(private readonly access: AccessControl) {}

  /** The print data of the notices `source` reads, as CSV (src/notices/print-data.ts). */
  exportPrintData(actor: Actor, fiscalYear: number, source: (trx: CityTransaction) => AsyncIterable<NoticeData>): Promise<PrintDataExport> {
    return this.access.run(actor, { ...NOTICE_OPERATIONS['notice.print_data.export'], detail: { fiscalYear } }, async (trx, note) => {
      const { csv, notices, vehicles } = await printDataCsv(source(trx));
      note.rows(vehicles);
      note.detail({ notices });
      return { fileName: `納税通知書印刷データ_${fiscalYear}.csv`, csv, notices, vehicles };
    });
  }
}
