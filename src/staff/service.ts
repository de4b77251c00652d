/**
 * @module The staff register (C3, C6): accounts and roles created, changed, disabled and
 * inventoried through AccessControl, enrolment codes issued, and the credentials sign-in checks.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Actor } from '../access/actor.js';
import type { AccessControl } from '../access/guard.js';
import { hashPassword, passwordProblems } from '../access/passwords.js';
import { ROLES, type RoleCode } from '../access/roles.js';
import type { CityTransaction } from '../db/database.js';
import { listOffices, officeExists } from '../municipality/service.js';
import { Problem, validated, type FieldError } from '../server/problem.js';
import { daysBetween, japanToday } from '../shared/dates.js';
import { DORMANT_DAYS, inventoryFindings, newStaffSchema, roleCodesSchema, staffChangeSchema, type InventoryRow, type OfficeSummary, type StaffSummary } from './model.js';
import {
  countStaff,
  findStaff,
  insertStaff,
  listStaff,
  replaceRoles,
  setEnrollmentCode,
  setPasswordHash,
  setStatus,
  unlock,
  updateStaff,
  type StaffRecord,
} from './repository.js';
import { STAFF_OPERATIONS } from './operations.js';

// Within a caller's transaction: what sign-in (src/access/authentication.ts) and sessions
// (src/access/sessions.ts) read and record of an account, and the names records show.
export {
  clearEnrollmentCode,
  commonPasskeyShape,
  insertPasskey,
  passkeysOf,
  recordPasskeyUse,
  recordSignIn,
  sessionAccount,
  setSignInFailures,
  signInCredentials,
  staffNames,
} from './repository.js';

/**
 * What the staff register says the audit log must hold (`audit verify`): creating an account
 * through keitax and every sign-in are audited, so accounts beside an empty chain mean a lost log.
 */
export function staffFootprint(trx: CityTransaction): Promise<{ accounts: number; signedIn: number }> {
  return countStaff(trx);
}

/** Unambiguous characters (no 0/O, 1/I/L) for codes read out and typed by hand. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROLLMENT_CODE_DAYS = 7;

export interface EnrollmentCode {
  code: string;
  expiresAt: Date;
}

/** Enrolment codes are typed by hand: compare them without case, spaces or hyphens. */
export function enrollmentCodeHash(code: string): Buffer {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest();
}

/**
 * Ends every live session of an account (disabling it, resetting its password). Sessions are
 * access's (src/access/sessions.ts), which reads accounts from here: the composition root hands
 * this in, so the two do not import each other.
 */
export type EndStaffSessions = (trx: CityTransaction, staffNo: string, reason: 'account_disabled' | 'signed_out_everywhere') => Promise<number>;

/**
 * Staff accounts (C3, C6): created, changed and disabled only by holders of `staff.admin`
 * (or the operator at the command line, for the first administrator), every change audited with
 * what changed. Disabling an account ends its sessions at once.
 */
export class StaffAdministration {
  constructor(
    private readonly access: AccessControl,
    private readonly endStaffSessions: EndStaffSessions,
  ) {}

  list(actor: Actor): Promise<StaffSummary[]> {
    return this.access.run(actor, { ...STAFF_OPERATIONS['staff.list'] }, async (trx, note) => {
      const staff = await withOfficeNames(trx, await listStaff(trx));
      note.rows(staff.length);
      return staff;
    });
  }

  get(actor: Actor, staffNo: string): Promise<StaffSummary> {
    return this.access.run(actor, { ...STAFF_OPERATIONS['staff.read'], subject: { type: 'staff', id: staffNo } }, async (trx, note) => {
      const staff = await existing(trx, staffNo);
      note.rows(1);
      return staff;
    });
  }

  async create(actor: Actor, input: unknown): Promise<{ staff: StaffSummary; enrollmentCode: EnrollmentCode }> {
    const staff = validated(newStaffSchema, input);
    refuseConflictingDuties(staff.roles);
    refuseWeakPassword(staff.password, staff.staffNo);
    checkPeriod(staff.validFrom, staff.validTo);
    const passwordHash = await hashPassword(staff.password);
    return this.access.run(
      actor,
      { ...STAFF_OPERATIONS['staff.create'], subject: { type: 'staff', id: staff.staffNo }, detail: { roles: staff.roles } },
      async (trx, note) => {
        if (await findStaff(trx, staff.staffNo)) {
          throw Problem.conflict(`職員番号 ${staff.staffNo} は既に登録されています。`, [{ field: 'staffNo', message: 'この職員番号は登録済みです' }]);
        }
        if (!(await officeExists(trx, staff.officeCode))) throw Problem.validation([{ field: 'officeCode', message: '所属拠点が登録されていません' }]);
        await insertStaff(trx, actor.municipalityCode, staff, passwordHash);
        await replaceRoles(trx, actor.municipalityCode, staff.staffNo, staff.roles, actor.staffNo);
        const enrollmentCode = await issueCode(trx, staff.staffNo);
        note.rows(1);
        return { staff: await existing(trx, staff.staffNo), enrollmentCode };
      },
    );
  }

  update(actor: Actor, staffNo: string, input: unknown): Promise<StaffSummary> {
    const change = validated(staffChangeSchema, input);
    return this.access.run(
      actor,
      { ...STAFF_OPERATIONS['staff.update'], subject: { type: 'staff', id: staffNo }, detail: { fields: Object.keys(change) } },
      async (trx, note) => {
        const current = await existing(trx, staffNo);
        checkPeriod(change.validFrom ?? current.validFrom, change.validTo === undefined ? current.validTo : change.validTo);
        if (change.officeCode && !(await officeExists(trx, change.officeCode))) {
          throw Problem.validation([{ field: 'officeCode', message: '所属拠点が登録されていません' }]);
        }
        await updateStaff(trx, staffNo, change);
        note.rows(1);
        return existing(trx, staffNo);
      },
    );
  }

  setRoles(actor: Actor, staffNo: string, input: unknown): Promise<StaffSummary> {
    const roles: RoleCode[] = validated(roleCodesSchema, input);
    refuseConflictingDuties(roles);
    return this.access.run(actor, { ...STAFF_OPERATIONS['staff.roles'], subject: { type: 'staff', id: staffNo } }, async (trx, note) => {
      await existing(trx, staffNo);
      note.detail(await replaceRoles(trx, actor.municipalityCode, staffNo, roles, actor.staffNo));
      await keepAnAdministrator(trx, { field: 'roles', message: '最後のシステム管理者からこの役割は外せません' });
      note.rows(1);
      return existing(trx, staffNo);
    });
  }

  disable(actor: Actor, staffNo: string, reason: string): Promise<StaffSummary> {
    if (staffNo === actor.staffNo) {
      throw Problem.conflict('自分自身のアカウントは無効にできません。別の管理者に依頼してください。');
    }
    return this.access.run(actor, { ...STAFF_OPERATIONS['staff.disable'], subject: { type: 'staff', id: staffNo } }, async (trx, note) => {
      await existing(trx, staffNo);
      await setStatus(trx, staffNo, 'disabled', reason);
      await keepAnAdministrator(trx);
      note.detail({ sessionsEnded: await this.endStaffSessions(trx, staffNo, 'account_disabled') });
      note.rows(1);
      return existing(trx, staffNo);
    });
  }

  enable(actor: Actor, staffNo: string): Promise<StaffSummary> {
    return this.access.run(actor, { ...STAFF_OPERATIONS['staff.enable'], subject: { type: 'staff', id: staffNo } }, async (trx, note) => {
      await existing(trx, staffNo);
      await setStatus(trx, staffNo, 'active', null);
      note.rows(1);
      return existing(trx, staffNo);
    });
  }

  issueEnrollmentCode(actor: Actor, staffNo: string): Promise<EnrollmentCode> {
    return this.access.run(actor, { ...STAFF_OPERATIONS['staff.enrollment_code'], subject: { type: 'staff', id: staffNo } }, async (trx, note) => {
      await existing(trx, staffNo);
      note.rows(1);
      return issueCode(trx, staffNo);
    });
  }

  unlock(actor: Actor, staffNo: string): Promise<StaffSummary> {
    return this.access.run(actor, { ...STAFF_OPERATIONS['staff.unlock'], subject: { type: 'staff', id: staffNo } }, async (trx, note) => {
      await existing(trx, staffNo);
      await unlock(trx, staffNo);
      note.rows(1);
      return existing(trx, staffNo);
    });
  }

  /** Sets a new password (a forgotten one); every session of the account ends. */
  async resetPassword(actor: Actor, staffNo: string, password: string): Promise<void> {
    refuseWeakPassword(password, staffNo);
    const passwordHash = await hashPassword(password);
    await this.access.run(actor, { ...STAFF_OPERATIONS['staff.password_reset'], subject: { type: 'staff', id: staffNo } }, async (trx, note) => {
      await existing(trx, staffNo);
      await setPasswordHash(trx, staffNo, passwordHash);
      note.detail({ sessionsEnded: await this.endStaffSessions(trx, staffNo, 'signed_out_everywhere') });
      note.rows(1);
    });
  }

  /**
   * The user-ID inventory (棚卸し): every account with the flags a periodic review looks for.
   * As a download it is a copy of data (C8): `data.export` as well, audited as an export.
   */
  inventory(actor: Actor, { download = false, now = new Date() } = {}): Promise<InventoryRow[]> {
    const spec = download
      ? STAFF_OPERATIONS['staff.inventory.export']
      : STAFF_OPERATIONS['staff.inventory'];
    return this.access.run(actor, spec, async (trx, note) => {
      const today = japanToday(now);
      const dormantBefore = now.getTime() - DORMANT_DAYS * 86_400_000;
      const rows = (await withOfficeNames(trx, await listStaff(trx))).map((staff) => {
        const row = {
          ...staff,
          dormant: staff.status === 'active' && staff.lastSignInAt !== null && Date.parse(staff.lastSignInAt) < dormantBefore,
          expired: staff.validTo !== null && staff.validTo < today,
          neverEnrolled: staff.passkeys === 0,
          neverSignedIn: staff.lastSignInAt === null,
          daysSinceCreated: daysBetween(japanToday(new Date(staff.createdAt)), today),
        };
        return { ...row, findings: inventoryFindings(row) };
      });
      note.rows(rows.length);
      return rows;
    });
  }

  /** The municipality's offices, for the account form. */
  offices(actor: Actor): Promise<OfficeSummary[]> {
    return this.access.run(actor, { ...STAFF_OPERATIONS['office.list'] }, (trx) => listOffices(trx));
  }
}

async function existing(trx: CityTransaction, staffNo: string): Promise<StaffSummary> {
  const staff = await findStaff(trx, staffNo);
  if (!staff) throw Problem.notFound(`職員番号 ${staffNo} の職員は登録されていません。`);
  const [named] = await withOfficeNames(trx, [staff]);
  return named ?? { ...staff, officeName: '' };
}

/** Each account with the name of its office (拠点), which the municipality keeps. */
async function withOfficeNames(trx: CityTransaction, staff: StaffRecord[]): Promise<StaffSummary[]> {
  const names = new Map((await listOffices(trx)).map((office) => [office.officeCode, office.name]));
  return staff.map((record) => ({ ...record, officeName: names.get(record.officeCode) ?? '' }));
}

async function issueCode(trx: CityTransaction, staffNo: string): Promise<EnrollmentCode> {
  const raw = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
  const expiresAt = new Date(Date.now() + ENROLLMENT_CODE_DAYS * 86_400_000);
  await setEnrollmentCode(trx, staffNo, enrollmentCodeHash(code), expiresAt);
  return { code, expiresAt };
}

/**
 * Separation of duties (職務の分離, C3): whoever grants permissions must not also use them on
 * taxpayers' data, nor audit their own administration. Tax roles are those that reach taxpayers.
 */
const ADMINISTRATION_CONFLICTS: readonly RoleCode[] = ['auditor', 'assessor', 'counter_clerk', 'reductions_clerk', 'supervisor', 'collections_viewer'];

function refuseConflictingDuties(roles: readonly RoleCode[]): void {
  if (!roles.includes('system_admin')) return;
  const conflicting = roles.filter((role) => ADMINISTRATION_CONFLICTS.includes(role));
  if (conflicting.length === 0) return;
  const names = conflicting.map((role) => `「${ROLES[role].nameJa}」`).join('');
  throw Problem.validation(
    [{ field: 'roles', message: `「${ROLES.system_admin.nameJa}」と${names}を兼ねることはできません(職務の分離)` }],
    '権限を与える人が、自分で課税・監査の業務を行えないようにするためです。役割を分けて別の職員に割り当ててください。',
  );
}

/**
 * Someone must stay able to administer accounts, or recovery needs the server's command line:
 * checked after the change, inside its transaction, so a refusal changes nothing.
 */
async function keepAnAdministrator(trx: CityTransaction, fieldError?: FieldError): Promise<void> {
  const today = japanToday();
  const usable = (await listStaff(trx)).filter(
    (staff) => staff.status === 'active' && staff.roles.includes('system_admin') && staff.validFrom <= today && (staff.validTo === null || staff.validTo >= today),
  );
  if (usable.length > 0) return;
  throw Problem.conflict(
    'この変更を行うとシステム管理者が一人もいなくなります。先に別の職員にシステム管理者の役割を与えてください。',
    fieldError && [fieldError],
  );
}

function refuseWeakPassword(password: string, staffNo: string): void {
  const problems = passwordProblems(password, staffNo);
  if (problems.length) throw Problem.validation(problems.map((message) => ({ field: 'password', message })));
}

function checkPeriod(validFrom: string, validTo: string | null): void {
  if (validTo !== null && validTo < validFrom) {
    throw Problem.validation([{ field: 'validTo', message: '利用終了日は利用開始日以降の日付にしてください' }]);
  }
}
