/**
 * @module Database upkeep the embedded database does not do by itself: refreshing the planner's
 * statistics.
 */
import { sql } from 'kysely';
import type { Database } from './database.js';

/**
 * Refreshes the planner's statistics. A PostgreSQL server does this by itself (autovacuum);
 * embedded PGlite never does, and a plan made for a table of a few hundred rows — a sequential
 * scan, say, for every foreign-key check — stays in use as it grows to hundreds of thousands.
 * Run after bulk loads, and on PGlite at start-up and at intervals.
 */
export async function analyzeDatabase(db: Database): Promise<void> {
  await sql`analyze`.execute(db.owner);
}
