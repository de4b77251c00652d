/**
 * @module The audit log's shapes, for the guard that writes entries and the screens that show them.
 */
export type { AuditEvent } from './chain.js';
