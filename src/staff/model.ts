import { z } from 'zod';
import { ROLE_CODES, type RoleCode } from '../access/roles.js';
import { calendarDateSchema } from '../shared/date-schema.js';

/** 職員番号: letters and digits as the city's personnel system assigns them. */
export const staffNoSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{1,12}$/, '職員番号は半角英数字12文字以内で入力してください');

export const roleCodesSchema = z
  .array(z.enum(ROLE_CODES as [RoleCode, ...RoleCode[]], '役割が正しくありません'))
  .max(ROLE_CODES.length)
  .refine((roles) => new Set(roles).size === roles.length, '同じ役割が重複しています');

export const staffDetailsSchema = z.object({
  name: z.string().trim().min(1, '氏名を入力してください').max(60, '氏名は60文字以内で入力してください'),
  officeCode: z.string().trim().regex(/^[0-9A-Z]{1,8}$/, '所属拠点を選んでください'),
  department: z.string().trim().min(1, '所属(課・係・委託先)を入力してください').max(60, '所属は60文字以内で入力してください'),
  validFrom: calendarDateSchema('利用開始日', 'event'),
  validTo: calendarDateSchema('利用終了日', 'term').nullable(),
});

export const newStaffSchema = staffDetailsSchema.extend({
  staffNo: staffNoSchema,
  roles: roleCodesSchema,
  /** The initial password, given to the person with the enrolment code; policy-checked. */
  password: z.string().min(1, 'パスワードを入力してください'),
});
export type NewStaff = z.infer<typeof newStaffSchema>;

export const staffChangeSchema = staffDetailsSchema.partial();
export type StaffChange = z.infer<typeof staffChangeSchema>;

export interface StaffSummary {
  staffNo: string;
  name: string;
  officeCode: string;
  officeName: string;
  department: string;
  roles: RoleCode[];
  /** The roles' Japanese names, for screens and reports. */
  roleNames: string[];
  status: 'active' | 'disabled';
  validFrom: string;
  validTo: string | null;
  createdAt: string;
  lastSignInAt: string | null;
  lockedUntil: string | null;
  passkeys: number;
  enrollmentCodePending: boolean;
  disabledReason: string | null;
}

/** The user-ID inventory (棚卸し, C6): the flags an auditor looks for. */
export interface InventoryRow extends StaffSummary {
  /** Signed in once, but not for DORMANT_DAYS (a never-used account is not dormant: see neverSignedIn). */
  dormant: boolean;
  expired: boolean;
  neverEnrolled: boolean;
  neverSignedIn: boolean;
  /** Calendar days in Japan since the account was created, for 「未使用(作成から3日)」. */
  daysSinceCreated: number;
  /** What the review should look at, in the words of the screen and the CSV. */
  findings: string[];
}

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
