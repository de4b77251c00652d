/**
 * @module SQL of the staff register: accounts, their roles, passkeys, sign-in credentials and
 * sessions' accounts.
 */
import type { AuthenticatorTransportFuture } from '@simplewebauthn/server';
import { sql, type Insertable } from 'kysely';
import { isRoleCode, ROLES, type RoleCode } from '../access/roles.js';
import type { CityTransaction } from '../db/database.js';
import type { StaffPasskey } from '../db/schema.js';
import { japanToday } from '../shared/dates.js';
import type { NewStaff, SessionAccount, StaffChange, StaffCredentials, StaffSummary } from './model.js';

/** A staff summary as the staff tables hold it; the office's name comes from the municipality's offices. */
export type StaffRecord = Omit<StaffSummary, 'officeName'>;

function summaries(trx: CityTransaction) {
  return trx
    .selectFrom('staff as s')
    .select([
      's.staffNo',
      's.name',
      's.officeCode',
      's.department',
      's.status',
      's.validFrom',
      's.validTo',
      's.lastSignInAt',
      's.lockedUntil',
      's.disabledReason',
      's.createdAt',
    ])
    .select((eb) => [
      eb
        .selectFrom('staffRole as r')
        .whereRef('r.staffNo', '=', 's.staffNo')
        .select(sql<string[]>`coalesce(array_agg(r.role_code order by r.role_code), '{}')`.as('roles'))
        .as('roles'),
      eb
        .selectFrom('staffPasskey as p')
        .whereRef('p.staffNo', '=', 's.staffNo')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .as('passkeys'),
      sql<boolean>`s.enrollment_code_hash is not null and s.enrollment_code_expires_at > now()`.as('enrollmentCodePending'),
    ])
    .orderBy('s.staffNo');
}

function toSummary(row: Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number]): StaffRecord {
  const roles = (row.roles ?? []).filter(isRoleCode);
  return {
    ...row,
    roles,
    roleNames: roles.map((role) => ROLES[role].nameJa),
    passkeys: Number(row.passkeys ?? 0),
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    lockedUntil: row.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil.toISOString() : null,
  };
}

export async function listStaff(trx: CityTransaction): Promise<StaffRecord[]> {
  return (await summaries(trx).execute()).map(toSummary);
}

export async function countStaff(trx: CityTransaction): Promise<{ accounts: number; signedIn: number }> {
  const row = await trx
    .selectFrom('staff')
    .select((eb) => [eb.fn.countAll<number>().as('accounts'), eb.fn.count<number>('lastSignInAt').as('signedIn')])
    .executeTakeFirstOrThrow();
  return { accounts: Number(row.accounts), signedIn: Number(row.signedIn) };
}

export async function findStaff(trx: CityTransaction, staffNo: string): Promise<StaffRecord | undefined> {
  const row = await summaries(trx).where('s.staffNo', '=', staffNo).executeTakeFirst();
  return row && toSummary(row);
}

/** Staff names by number, for records that name who made them. */
export async function staffNames(trx: CityTransaction, staffNos: readonly string[]): Promise<Map<string, string>> {
  if (staffNos.length === 0) return new Map();
  const rows = await trx.selectFrom('staff').select(['staffNo', 'name']).where('staffNo', 'in', [...new Set(staffNos)]).execute();
  return new Map(rows.map((row) => [row.staffNo, row.name]));
}

export async function sessionAccount(trx: CityTransaction, staffNo: string): Promise<SessionAccount | undefined> {
  return trx
    .selectFrom('staff as st')
    .select(['st.name', 'st.officeCode', 'st.status', 'st.validFrom', 'st.validTo'])
    .select((eb) =>
      eb
        .selectFrom('staffRole as r')
        .whereRef('r.municipalityCode', '=', 'st.municipalityCode')
        .whereRef('r.staffNo', '=', 'st.staffNo')
        .select(sql<string[]>`coalesce(array_agg(r.role_code order by r.role_code), '{}')`.as('roles'))
        .as('roles'),
    )
    .where('st.staffNo', '=', staffNo)
    .executeTakeFirst();
}

export async function signInCredentials(trx: CityTransaction, staffNo: string): Promise<StaffCredentials | undefined> {
  const row = await trx
    .selectFrom('staff')
    .select([
      'staffNo',
      'name',
      'officeCode',
      'passwordHash',
      'failedSignInCount',
      'lockedUntil',
      'status',
      'validFrom',
      'validTo',
      'enrollmentCodeHash',
      'enrollmentCodeExpiresAt',
    ])
    .where('staffNo', '=', staffNo)
    .executeTakeFirst();
  if (!row) return undefined;
  const today = japanToday();
  return { ...row, available: row.status === 'active' && row.validFrom <= today && (row.validTo === null || row.validTo >= today) };
}

export async function passkeysOf(trx: CityTransaction, staffNo: string) {
  const rows = await trx
    .selectFrom('staffPasskey')
    .select(['credentialId', 'publicKey', 'signCount', 'transports'])
    .where('staffNo', '=', staffNo)
    .execute();
  return rows.map((row) => ({
    id: Buffer.from(row.credentialId).toString('base64url'),
    publicKey: new Uint8Array(row.publicKey),
    signCount: row.signCount,
    transports: row.transports ? (row.transports.split(',') as AuthenticatorTransportFuture[]) : undefined,
  }));
}

/** The most common length and transports of the enrolled passkeys (sign-in's decoys copy them). */
export async function commonPasskeyShape(trx: CityTransaction): Promise<{ idBytes: number; transports: string | null } | undefined> {
  return trx
    .selectFrom('staffPasskey')
    .select([sql<number>`octet_length(credential_id)`.as('idBytes'), 'transports'])
    .groupBy([sql`octet_length(credential_id)`, 'transports'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('idBytes')
    .orderBy('transports')
    .limit(1)
    .executeTakeFirst();
}

export async function insertPasskey(trx: CityTransaction, passkey: Insertable<StaffPasskey>): Promise<void> {
  await trx.insertInto('staffPasskey').values(passkey).execute();
}

export async function recordPasskeyUse(trx: CityTransaction, credentialId: Buffer, signCount: number): Promise<void> {
  await trx.updateTable('staffPasskey').set({ signCount, lastUsedAt: new Date() }).where('credentialId', '=', credentialId).execute();
}

export async function clearEnrollmentCode(trx: CityTransaction, staffNo: string): Promise<void> {
  await trx.updateTable('staff').set({ enrollmentCodeHash: null, enrollmentCodeExpiresAt: null }).where('staffNo', '=', staffNo).execute();
}

export async function setSignInFailures(trx: CityTransaction, staffNo: string, failures: { failedSignInCount: number; lockedUntil: Date | null }): Promise<void> {
  await trx.updateTable('staff').set(failures).where('staffNo', '=', staffNo).execute();
}

export async function recordSignIn(trx: CityTransaction, staffNo: string): Promise<void> {
  await trx.updateTable('staff').set({ failedSignInCount: 0, lockedUntil: null, lastSignInAt: new Date() }).where('staffNo', '=', staffNo).execute();
}

export async function insertStaff(trx: CityTransaction, municipalityCode: string, staff: NewStaff, passwordHash: string): Promise<void> {
  await trx
    .insertInto('staff')
    .values({
      municipalityCode,
      staffNo: staff.staffNo,
      name: staff.name,
      officeCode: staff.officeCode,
      department: staff.department,
      validFrom: staff.validFrom,
      validTo: staff.validTo,
      passwordHash,
    })
    .execute();
}

export async function updateStaff(trx: CityTransaction, staffNo: string, change: StaffChange): Promise<void> {
  await trx.updateTable('staff').set({ ...change, updatedAt: new Date() }).where('staffNo', '=', staffNo).execute();
}

/** Replaces the staff member's roles and says what changed, for the audit log. */
export async function replaceRoles(
  trx: CityTransaction,
  municipalityCode: string,
  staffNo: string,
  roles: readonly RoleCode[],
  grantedBy: string | null,
): Promise<{ added: RoleCode[]; removed: RoleCode[] }> {
  const current = (await trx.selectFrom('staffRole').select('roleCode').where('staffNo', '=', staffNo).execute()).map((r) => r.roleCode);
  const added = roles.filter((role) => !current.includes(role));
  const removed = current.filter(isRoleCode).filter((role) => !roles.includes(role));
  if (removed.length) await trx.deleteFrom('staffRole').where('staffNo', '=', staffNo).where('roleCode', 'in', removed).execute();
  if (added.length) {
    await trx
      .insertInto('staffRole')
      .values(added.map((roleCode) => ({ municipalityCode, staffNo, roleCode, grantedByStaffNo: grantedBy })))
      .execute();
  }
  return { added, removed };
}

export async function setStatus(trx: CityTransaction, staffNo: string, status: 'active' | 'disabled', reason: string | null): Promise<void> {
  await trx
    .updateTable('staff')
    .set({ status, disabledAt: status === 'disabled' ? new Date() : null, disabledReason: reason, updatedAt: new Date() })
    .where('staffNo', '=', staffNo)
    .execute();
}

export async function setEnrollmentCode(trx: CityTransaction, staffNo: string, hash: Buffer, expiresAt: Date): Promise<void> {
  await trx.updateTable('staff').set({ enrollmentCodeHash: hash, enrollmentCodeExpiresAt: expiresAt }).where('staffNo', '=', staffNo).execute();
}

export async function setPasswordHash(trx: CityTransaction, staffNo: string, passwordHash: string): Promise<void> {
  await trx.updateTable('staff').set({ passwordHash, failedSignInCount: 0, updatedAt: new Date() }).where('staffNo', '=', staffNo).execute();
}

export async function unlock(trx: CityTransaction, staffNo: string): Promise<void> {
  await trx.updateTable('staff').set({ lockedUntil: null, failedSignInCount: 0 }).where('staffNo', '=', staffNo).execute();
}
