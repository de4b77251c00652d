/**
 * @module The audit log's entries (監査ログ, C7) and their hash chain: each entry's HMAC covers its
 * fields and the previous entry's hash, so a changed or removed entry breaks the chain.
 */
import { createHmac } from 'node:crypto';

/** What happened, by whom, from where, to whom (C7): one entry of the audit log. */
export interface AuditEvent {
  staffNo: string | null;
  officeCode: string | null;
  terminal: string | null;
  ipAddress: string | null;
  /** The operation, named like the permission it needs (`addressee.read`, `staff.create`…). */
  operation: string;
  /** Whose data: `addressee`, `vehicle`, `staff`… and its key. */
  subjectType: string | null;
  subjectId: string | null;
  result: 'succeeded' | 'denied' | 'failed';
  /** How many records of personal data were read or written. */
  rowCount: number | null;
  detail: Record<string, unknown> | null;
}

export interface ChainedEntry extends AuditEvent {
  municipalityCode: string;
  seq: number;
  occurredAt: Date;
  previousHash: Uint8Array | null;
  entryHash: Uint8Array;
}

/**
 * entry_hash = HMAC-SHA-256(key, canonical entry ‖ previous hash). Changing any field of an
 * entry breaks its own hash; removing or reordering entries breaks the next entry's link. The
 * key is outside the database, so a database administrator cannot forge a consistent chain.
 */
export function entryHash(key: Buffer, entry: Omit<ChainedEntry, 'entryHash'>): Buffer {
  const fields = [
    entry.municipalityCode,
    entry.seq,
    entry.occurredAt.toISOString(),
    entry.staffNo,
    entry.officeCode,
    entry.terminal,
    entry.ipAddress,
    entry.operation,
    entry.subjectType,
    entry.subjectId,
    entry.result,
    entry.rowCount,
    entry.detail === null ? null : canonicalJson(entry.detail),
  ];
  return createHmac('sha256', key)
    .update(JSON.stringify(fields))
    .update('\n')
    .update(entry.previousHash ? Buffer.from(entry.previousHash).toString('hex') : '')
    .digest();
}

/** JSON with object keys sorted, so a value hashes the same after a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** IPv4 addresses arrive as `::ffff:192.0.2.1` on dual-stack sockets; record them plainly. */
export function normaliseIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
