import { sql } from 'kysely';
import { isRoleCode, ROLES, type RoleCode } from '../access/roles.js';
import type { CityTransaction } from '../db/database.js';
import type { NewStaff, StaffChange, StaffSummary } from './model.js';

function summaries(trx: CityTransaction) {
  return trx
    .selectFrom('staff as s')
    .innerJoin('office as o', (join) => join.onRef('o.municipalityCode', '=', 's.municipalityCode').onRef('o.officeCode', '=', 's.officeCode'))
    .select([
      's.staffNo',
      's.name',
      's.officeCode',
      'o.name as officeName',
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

function toSummary(row: Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number]): StaffSummary {
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

export async function listStaff(trx: CityTransaction): Promise<StaffSummary[]> {
  return (await summaries(trx).execute()).map(toSummary);
}

export async function countStaff(trx: CityTransaction): Promise<{ accounts: number; signedIn: number }> {
  const row = await trx
    .selectFrom('staff')
    .select((eb) => [eb.fn.countAll<number>().as('accounts'), eb.fn.count<number>('lastSignInAt').as('signedIn')])
    .executeTakeFirstOrThrow();
  return { accounts: Number(row.accounts), signedIn: Number(row.signedIn) };
}

export async function findStaff(trx: CityTransaction, staffNo: string): Promise<StaffSummary | undefined> {
  const row = await summaries(trx).where('s.staffNo', '=', staffNo).executeTakeFirst();
  return row && toSummary(row);
}

export async function officeExists(trx: CityTransaction, officeCode: string): Promise<boolean> {
  return (await trx.selectFrom('office').select('officeCode').where('officeCode', '=', officeCode).executeTakeFirst()) !== undefined;
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
