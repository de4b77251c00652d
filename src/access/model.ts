/** @module What the access capability sends the screens: the signed-in session (GET /auth/session). */
import { z } from 'zod';

export const staffSessionSchema = z.object({
  staffNo: z.string(),
  name: z.string(),
  officeCode: z.string().nullable(),
  roles: z.array(z.object({ code: z.string(), name: z.string() })),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
  reauthenticatedAt: z.string().nullable(),
  idleMinutes: z.number().int(),
});
export type StaffSession = z.infer<typeof staffSessionSchema>;
