/** @module The system's status: the version, uptime, the database and how large the register is. */
import { createRequire } from 'node:module';
import { countAddressees } from '../addressees/service.js';
import type { Database } from '../db/database.js';
import { appliedMigrations } from '../db/migrate.js';
import { countCurrentVehicles } from '../vehicles/service.js';
import type { SystemStatus } from './model.js';

const packageJson = createRequire(import.meta.url)('../../package.json') as { version: string };
export const KEITAX_VERSION = packageJson.version;

export async function systemStatus(db: Database, municipalityCode: string, startedAt: Date): Promise<SystemStatus> {
  const [{ serverVersion }, migrations, register] = await Promise.all([
    db.ping(),
    appliedMigrations(db),
    db.withMunicipality(municipalityCode, async (trx) => ({ addressees: await countAddressees(trx), currentVehicles: await countCurrentVehicles(trx) })),
  ]);
  return {
    version: KEITAX_VERSION,
    nodeVersion: process.version,
    startedAt: startedAt.toISOString(),
    uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    database: {
      kind: db.kind,
      serverVersion,
      migrationsApplied: migrations.length,
      latestMigration: migrations.at(-1)?.name ?? null,
    },
    register,
  };
}
