/**
 * @module Staff accounts (職員): the shapes of the staff register's API — staff numbers, roles,
 * account changes, enrolment codes and the user-ID inventory.
 */
import { z } from 'zod';
import { ROLES, type RoleCode } from '../access/roles.js';
import { calendarDateSchema } from '../shared/date-schema.js';
import { choice, codeText, text, TEXT_LIMITS } from '../shared/text.js';

/** 職員番号: letters and digits as the city's personnel system assigns them. */
export const staffNoSchema = codeText('職員番号', 12)
  .trim()
  .regex(/^[0-9A-Za-z]{1,12}$/, '職員番号は半角英数字12文字以内で入力してください');

const ROLE_NAMES = Object.fromEntries(Object.entries(ROLES).map(([code, role]) => [code, role.nameJa])) as Record<RoleCode, string>;

export const roleCodesSchema = z
  .array(choice('役割', ROLE_NAMES))
  .max(Object.keys(ROLES).length)
  .refine((roles) => new Set(roles).size === roles.length, '同じ役割が重複しています');

export const staffDetailsSchema = z.object({
  name: text({ label: '氏名', max: TEXT_LIMITS.staffText }),
  officeCode: codeText('所属拠点', 8).trim().regex(/^[0-9A-Z]{1,8}$/, '所属拠点を選んでください'),
  department: text({ label: '所属(課・係・委託先)', max: TEXT_LIMITS.staffText }),
  validFrom: calendarDateSchema('利用開始日', 'event'),
  validTo: calendarDateSchema('利用終了日', 'term').nullable(),
});

/** Long enough for any passphrase; the policy (src/access/passwords.ts) judges its strength. */
export const passwordSchema = codeText('パスワード', 256).min(1, 'パスワードを入力してください');

export const disableReasonSchema = text({ label: '無効にする理由', max: TEXT_LIMITS.reason });

export const newStaffSchema = staffDetailsSchema.extend({
  staffNo: staffNoSchema,
  roles: roleCodesSchema,
  /** The initial password, given to the person with the enrolment code; policy-checked. */
  password: passwordSchema,
});
export type NewStaff = z.infer<typeof newStaffSchema>;

export const staffChangeSchema = staffDetailsSchema.partial();
export type StaffChange = z.infer<typeof staffChangeSchema>;

/** An account as the API sends it (GET /staff and every change). */
export const staffSummarySchema = z.object({
  staffNo: z.string(),
  name: z.string(),
  officeCode: z.string(),
  officeName: z.string(),
  department: z.string(),
  roles: z.array(z.string()),
  /** The roles' Japanese names, for screens and reports. */
  roleNames: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  passkeys: z.number().int(),
  enrollmentCodePending: z.boolean(),
  disabledReason: z.string().nullable(),
});
export type StaffSummary = z.infer<typeof staffSummarySchema>;

/** The one-time passkey enrolment code, shown once to the administrator. */
export const enrollmentCodeSchema = z.object({ code: z.string(), expiresAt: z.iso.datetime() });
/** As sent: the service hands out a Date, which the CLI prints and the API sends as ISO text. */
export type EnrollmentCodeResponse = z.infer<typeof enrollmentCodeSchema>;

/** What registering an account answers: the account and its first enrolment code. */
export const createdStaffSchema = z.object({ staff: staffSummarySchema, enrollmentCode: enrollmentCodeSchema });
export type CreatedStaffResponse = z.infer<typeof createdStaffSchema>;

/** A role with its permissions, for the role checkboxes. */
export const roleSummarySchema = z.object({ code: z.string(), name: z.string(), permissions: z.array(z.string()) });
export type RoleSummary = z.infer<typeof roleSummarySchema>;

/** A municipality's office (拠点), for the account forms. */
export const officeSummarySchema = z.object({ officeCode: z.string(), name: z.string(), kind: z.string() });
export type OfficeSummary = z.infer<typeof officeSummarySchema>;

/** What sign-in checks of an account (src/access/authentication.ts); never leaves the server. */
export interface StaffCredentials {
  staffNo: string;
  name: string;
  officeCode: string;
  passwordHash: string | null;
  failedSignInCount: number;
  lockedUntil: Date | null;
  available: boolean;
  enrollmentCodeHash: Uint8Array | null;
  enrollmentCodeExpiresAt: Date | null;
}

/** What a live session needs of its account (src/access/sessions.ts). */
export interface SessionAccount {
  name: string;
  officeCode: string;
  status: 'active' | 'disabled';
  validFrom: string;
  validTo: string | null;
  roles: string[] | null;
}

/** The user-ID inventory (棚卸し, C6): the flags an auditor looks for. */
export const inventoryRowSchema = staffSummarySchema.extend({
  /** Signed in once, but not for DORMANT_DAYS (a never-used account is not dormant: see neverSignedIn). */
  dormant: z.boolean(),
  expired: z.boolean(),
  neverEnrolled: z.boolean(),
  neverSignedIn: z.boolean(),
  /** Calendar days in Japan since the account was created, for 「未使用(作成から3日)」. */
  daysSinceCreated: z.number().int(),
  /** What the review should look at, in the words of the screen and the CSV. */
  findings: z.array(z.string()),
});
export type InventoryRow = z.infer<typeof inventoryRowSchema>;

export const DORMANT_DAYS = 90;

/** The inventory's findings for one account, in Japanese; the screen and the CSV both show these. */
export function inventoryFindings(row: Omit<InventoryRow, 'findings'>): string[] {
  const unused = row.daysSinceCreated === 0 ? '未使用(本日作成)' : `未使用(作成から${row.daysSinceCreated}日)`;
  return [
    row.neverSignedIn && unused,
    row.dormant && `休眠(${DORMANT_DAYS}日以上)`,
    row.expired && '利用期間切れ',
    row.neverEnrolled && 'パスキー未登録',
  ].filter((finding): finding is string => typeof finding === 'string');
}
