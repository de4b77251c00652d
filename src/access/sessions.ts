/**
 * @module Server-side sessions (C5): the browser holds only a random token in an httpOnly,
 * SameSite=Strict cookie; the database holds its SHA-256. A session ends when signed out, after
 * `idleMinutes` without a request, after `maxHours` in all, or when the account is disabled.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { CityTransaction } from '../db/database.js';
import { japanToday } from '../shared/dates.js';
import { sessionAccount } from '../staff/service.js';
import { isRoleCode, type RoleCode } from './roles.js';

export const SESSION_COOKIE = 'keitax_session';

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

export type SessionEndReason = 'signed_out' | 'signed_out_everywhere' | 'idle' | 'expired' | 'account_disabled' | 'replaced';

export const newSessionToken = () => randomBytes(32).toString('base64url');
export const sessionTokenHash = (token: string) => createHash('sha256').update(token).digest();

/**
 * The CSRF token of a session: derived from the session token, so it needs no storage, and
 * unknowable to a page that cannot read the httpOnly cookie. Every state-changing request must
 * carry it in `x-csrf-token`.
 */
export const csrfTokenFor = (sessionToken: string) => createHmac('sha256', sessionToken).update('keitax-csrf').digest('base64url');

export interface LiveSession {
  staffNo: string;
  staffName: string;
  officeCode: string;
  roles: RoleCode[];
  reauthenticatedAt: Date | null;
}

export async function createSession(
  trx: CityTransaction,
  input: { municipalityCode: string; staffNo: string; ipAddress: string | null; userAgent: string | null; settings: SessionSettings },
): Promise<string> {
  const token = newSessionToken();
  const now = new Date();
  await trx
    .insertInto('staffSession')
    .values({
      municipalityCode: input.municipalityCode,
      sessionTokenHash: sessionTokenHash(token),
      staffNo: input.staffNo,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + input.settings.maxHours * 3_600_000),
      reauthenticatedAt: now,
      ipAddress: input.ipAddress,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

/** Write `last_seen_at` at most this often: the idle clock need not tick on every request. */
const TOUCH_INTERVAL_MS = 30_000;

/**
 * The live session behind a token, or why it is not live. Ends a session that has timed out
 * and refreshes its idle clock otherwise.
 */
export async function resolveSession(
  trx: CityTransaction,
  token: string,
  settings: SessionSettings,
  now = new Date(),
): Promise<{ live: LiveSession } | { ended: SessionEndReason | 'unknown' }> {
  const hash = sessionTokenHash(token);
  const session = await trx
    .selectFrom('staffSession')
    .select(['staffNo', 'lastSeenAt', 'expiresAt', 'endedAt', 'endReason', 'reauthenticatedAt'])
    .where('sessionTokenHash', '=', hash)
    .executeTakeFirst();
  const account = session && (await sessionAccount(trx, session.staffNo));
  if (!session || !account) return { ended: 'unknown' };
  const row = { ...session, ...account, staffName: account.name };
  if (row.endedAt) return { ended: row.endReason ?? 'signed_out' };

  const today = japanToday(now);
  const ended: SessionEndReason | null =
    row.status !== 'active' || row.validFrom > today || (row.validTo !== null && row.validTo < today)
      ? 'account_disabled'
      : row.expiresAt <= now
        ? 'expired'
        : now.getTime() - row.lastSeenAt.getTime() > settings.idleMinutes * 60_000
          ? 'idle'
          : null;
  if (ended) {
    await endSession(trx, hash, ended, now);
    return { ended };
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await trx.updateTable('staffSession').set({ lastSeenAt: now }).where('sessionTokenHash', '=', hash).execute();
  }
  return {
    live: {
      staffNo: row.staffNo,
      staffName: row.staffName,
      officeCode: row.officeCode,
      roles: (row.roles ?? []).filter(isRoleCode),
      reauthenticatedAt: row.reauthenticatedAt,
    },
  };
}

export async function endSession(trx: CityTransaction, hash: Buffer, reason: SessionEndReason, now = new Date()): Promise<void> {
  await trx
    .updateTable('staffSession')
    .set({ endedAt: now, endReason: reason })
    .where('sessionTokenHash', '=', hash)
    .where('endedAt', 'is', null)
    .execute();
}

/** Ends every live session of a staff member (sign-out everywhere, disabling, lockout). */
export async function endStaffSessions(trx: CityTransaction, staffNo: string, reason: SessionEndReason): Promise<number> {
  const result = await trx
    .updateTable('staffSession')
    .set({ endedAt: new Date(), endReason: reason })
    .where('staffNo', '=', staffNo)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
