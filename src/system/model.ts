/** @module The system's own status (GET /system/status), as the status screen shows it. */
import { z } from 'zod';

/** The status page's figures (GET /system/status): versions, uptime, the database, the register's size. */
export const systemStatusResponse = z.object({
  version: z.string(),
  nodeVersion: z.string(),
  startedAt: z.string(),
  uptimeSeconds: z.number().int(),
  database: z.object({
    kind: z.enum(['pglite', 'postgres']),
    serverVersion: z.string(),
    migrationsApplied: z.number().int(),
    latestMigration: z.string().nullable(),
  }),
  register: z.object({ addressees: z.number().int(), currentVehicles: z.number().int() }),
});
export type SystemStatus = z.infer<typeof systemStatusResponse>;
