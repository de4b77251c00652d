/**
 * @module The auditor's work on the audit log (C7, C18): searching who looked at whom and when,
 * exporting, verifying the chain and taking a checkpoint, each itself audited.
 */
import type { Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import type { Keys } from '../keys/keys.js';
import { addDays, japanMidnight } from '../shared/dates.js';
import type { AuditEvent } from './chain.js';
import type { AuditEntryView, VerifyReport } from './model.js';
import { takeCheckpoint, verifyAuditChain } from './verify.js';
import { AUDIT_OPERATIONS } from './operations.js';

export interface AuditQuery {
  staffNo?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  operation?: string | undefined;
  result?: AuditEvent['result'] | undefined;
  /** Calendar dates in Japan, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Entries before this sequence number (the next page). */
  beforeSeq?: number | undefined;
  limit: number;
}

/**
 * What auditors do with the log (C7, C18): "who looked at this person and when", "what did this
 * staff member do", by period; export for an external audit; verify the chain. Reading the log
 * is itself recorded.
 */
export class AuditReview {
  constructor(
    private readonly access: AccessControl,
    private readonly keys: Keys,
    private readonly checkpointDir: string,
  ) {}

  search(actor: Actor, query: AuditQuery, { download = false } = {}): Promise<AuditEntryView[]> {
    const spec = download
      ? AUDIT_OPERATIONS['audit.export']
      : AUDIT_OPERATIONS['audit.search'];
    const criteria = Object.entries(query).filter(([key, value]) => value !== undefined && key !== 'limit').map(([key]) => key);
    return this.access.run(actor, { ...spec, detail: { criteria } }, async (trx, note) => {
      let select = trx.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(query.limit);
      if (query.staffNo) select = select.where('staffNo', '=', query.staffNo);
      if (query.subjectType) select = select.where('subjectType', '=', query.subjectType);
      if (query.subjectId) select = select.where('subjectId', '=', query.subjectId);
      if (query.operation) select = select.where('operation', 'like', `${query.operation.replace(/[%_\\]/g, '\\$&')}%`);
      if (query.result) select = select.where('result', '=', query.result);
      if (query.from) select = select.where('occurredAt', '>=', japanMidnight(query.from));
      if (query.to) select = select.where('occurredAt', '<', japanMidnight(addDays(query.to, 1)));
      if (query.beforeSeq) select = select.where('seq', '<', query.beforeSeq);
      const rows = await select.execute();
      note.rows(rows.length);
      return rows.map((row) => ({
        seq: row.seq,
        occurredAt: row.occurredAt.toISOString(),
        staffNo: row.staffNo,
        officeCode: row.officeCode,
        terminal: row.terminal,
        ipAddress: row.ipAddress,
        operation: row.operation,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        result: row.result,
        rowCount: row.rowCount,
        detail: (row.detail ?? null) as Record<string, unknown> | null,
      }));
    });
  }

  /** Verifies the chain and its checkpoints; the verification is recorded in the chain itself. */
  verify(actor: Actor): Promise<VerifyReport> {
    return this.access.run(actor, { ...AUDIT_OPERATIONS['audit.verify'] }, async (trx, note) => {
      const report = await verifyAuditChain(trx, this.keys, this.checkpointDir, actor.municipalityCode);
      note.detail({ ok: report.ok, entries: report.entries, problems: report.problems.length });
      return report;
    });
  }

  /** Signs the chain's head now (it is also signed every few minutes and at shutdown). */
  checkpoint(actor: Actor): Promise<{ seq: number } | null> {
    return this.access.run(actor, { ...AUDIT_OPERATIONS['audit.checkpoint'] }, async (trx) => {
      const checkpoint = await takeCheckpoint(trx, this.keys, this.checkpointDir, actor.municipalityCode);
      return checkpoint ? { seq: checkpoint.seq } : null;
    });
  }
}
