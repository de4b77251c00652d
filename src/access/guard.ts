/**
 * @module AccessControl, the one choke point for personal data: every operation is checked against
 * the actor's permissions and audited (C3, C7) in the same transaction as its work, whether it
 * succeeds, is denied or fails.
 */
import type { CityTransaction, Database } from '../db/database.js';
import type { AuditEvent, AuditSubjectType } from '../audit/model.js';
import { appendAuditEntry } from '../audit/repository.js';
import type { AuditWitness } from '../audit/witness.js';
import type { Keys } from '../keys/keys.js';
import { Problem } from '../server/problem.js';
import type { Actor } from './actor.js';
import { PERMISSIONS, type Permission } from './permissions.js';

/** Whose personal data an operation touches. */
export interface Subject {
  type: AuditSubjectType;
  id: string;
}

export interface AccessSpec {
  /** What the actor must hold; checked before anything is read. */
  permission: Permission;
  /** Further permissions the actor must also hold (an export needs `data.export` and the read). */
  alsoRequires?: Permission[];
  /** Recorded name of the operation; defaults to the permission. */
  operation?: string;
  /** Whose data, when known before the work runs (the work may name it later). */
  subject?: Subject;
  detail?: Record<string, unknown>;
}

/** What the work tells the audit entry about itself while it runs. */
export interface AuditNote {
  /** How many records of personal data the work read or wrote. */
  rows(count: number): void;
  /** Whose data, once the work has found it (e.g. a search's single hit). */
  subject(subject: Subject): void;
  /** Anything else an auditor needs, never personal data itself (e.g. the search's fields, not their values). */
  detail(detail: Record<string, unknown>): void;
}

/**
 * The one door to city data (C3, C7): checks the actor's permission, runs the work in one
 * transaction bound to the actor's municipality, and writes the audit entry in that same
 * transaction, last. If the entry cannot be written, the work is rolled back with it: no
 * unrecorded access. A refusal and a failure are recorded too, each in its own transaction.
 * The work must use the transaction it is given and open no other: embedded PGlite has a single
 * connection, so a second transaction inside the first would wait for it forever.
 */
export class AccessControl {
  constructor(
    private readonly db: Database,
    private readonly keys: Keys,
    /** Sees each committed head outside the database (docs/decisions/0009-audit-witness.md). */
    private readonly witness?: AuditWitness,
  ) {}

  async run<T>(actor: Actor, spec: AccessSpec, work: (trx: CityTransaction, note: AuditNote) => Promise<T>): Promise<T> {
    const operation = spec.operation ?? spec.permission;
    const missing = [spec.permission, ...(spec.alsoRequires ?? [])].find((permission) => !actor.permissions.has(permission));
    if (missing) {
      await this.record(actor, { operation, subject: spec.subject ?? null, result: 'denied', rowCount: null, detail: { permission: missing } });
      throw forbidden(missing);
    }
    let subject = spec.subject ?? null;
    let rowCount: number | null = null;
    let detail = spec.detail ?? null;
    const note: AuditNote = {
      rows: (count) => (rowCount = count),
      subject: (found) => (subject = found),
      detail: (more) => (detail = { ...detail, ...more }),
    };
    try {
      const { result, entry } = await this.db.withMunicipality(actor.municipalityCode, async (trx) => {
        const result = await work(trx, note);
        const entry = await this.append(trx, actor, {
          operation,
          subjectType: subject?.type ?? null,
          subjectId: subject?.id ?? null,
          result: 'succeeded',
          rowCount,
          detail,
        });
        return { result, entry };
      });
      this.witness?.committed(entry.municipalityCode, entry);
      return result;
    } catch (error) {
      const status = error instanceof Problem ? error.status : 500;
      await this.record(actor, { operation, subject, result: 'failed', rowCount: null, detail: { ...detail, status } }).catch(() => undefined);
      throw error;
    }
  }

  /** Records an event that changes no data of its own: a refused request, a sign-in, a sign-out. */
  async record(
    actor: Pick<Actor, 'municipalityCode' | 'staffNo' | 'officeCode' | 'ipAddress' | 'terminal'>,
    event: { operation: string; subject: Subject | null; result: AuditEvent['result']; rowCount: number | null; detail: Record<string, unknown> | null },
  ): Promise<void> {
    const entry = await this.db.withMunicipality(actor.municipalityCode, (trx) =>
      this.append(trx, actor, {
        operation: event.operation,
        subjectType: event.subject?.type ?? null,
        subjectId: event.subject?.id ?? null,
        result: event.result,
        rowCount: event.rowCount,
        detail: event.detail,
      }),
    );
    this.witness?.committed(entry.municipalityCode, entry);
  }

  /**
   * Audits `event` inside a transaction the caller already holds (the sign-in's own writes). Its
   * commit is the caller's, so the entry is witnessed when the next one is appended.
   */
  async append(trx: CityTransaction, actor: Pick<Actor, 'municipalityCode' | 'staffNo' | 'officeCode' | 'ipAddress' | 'terminal'>, event: Omit<AuditEvent, 'staffNo' | 'officeCode' | 'terminal' | 'ipAddress'>) {
    const entry = await appendAuditEntry(trx, this.keys.audit.hmacKey, actor.municipalityCode, { ...who(actor), ...event });
    // The head this entry follows was read under the chain's lock, so it is committed already.
    if (entry.previousHash) this.witness?.committed(entry.municipalityCode, { seq: entry.seq - 1, entryHash: entry.previousHash });
    return entry;
  }
}

function who(actor: Pick<Actor, 'staffNo' | 'officeCode' | 'ipAddress' | 'terminal'>) {
  return { staffNo: actor.staffNo, officeCode: actor.officeCode, ipAddress: actor.ipAddress, terminal: actor.terminal };
}

export function forbidden(permission: Permission): Problem {
  return new Problem(
    403,
    'この操作を行う権限がありません',
    `「${PERMISSIONS[permission]}」の権限がありません。業務上必要な場合は、所属長を通じてシステム管理者に権限の付与を依頼してください。`,
  );
}
