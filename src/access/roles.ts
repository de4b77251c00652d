/**
 * @module The roles of the seed's users (II.3④, II.4, II.5) and the permissions each holds. A person
 * gets only what the job needs (C3); docs/permissions.md is generated from this table
 * (npm run docs:permissions) and a test keeps it current.
 */
import type { Permission } from './permissions.js';

const COUNTER_WORK: Permission[] = [
  'vehicle.read',
  'vehicle.write',
  'plate.issue',
  'certificate.issue',
  'remark.write',
  'addressee.read',
  'addressee.write',
  'tax.calculate',
];

const unique = (...lists: Permission[][]): Permission[] => [...new Set(lists.flat())];

const ASSESSMENT_WORK: Permission[] = [
  ...COUNTER_WORK,
  'linkage.operate',
  'addressee.individualNumber.reveal',
  'resident.import',
  'levy.read',
  'levy.assess',
  'levy.correct',
  'notice.print',
  'reduction.read',
  'collection.read',
];

const REDUCTION_WORK: Permission[] = [
  'vehicle.read',
  'addressee.read',
  'levy.read',
  'reduction.read',
  'reduction.write',
  'remark.write',
  'tax.calculate',
];

export const ROLES = {
  assessor: { nameJa: '課税担当(市民税課)', permissions: ASSESSMENT_WORK },
  counter_clerk: { nameJa: '窓口担当(出張所)', permissions: COUNTER_WORK },
  reductions_clerk: { nameJa: '減免担当', permissions: REDUCTION_WORK },
  supervisor: {
    nameJa: '係長・課長(承認)',
    permissions: unique(ASSESSMENT_WORK, REDUCTION_WORK, [
      'reduction.decide',
      'transfer.approve',
      'data.export',
      'disclosure.handle',
      'tax.rules.manage',
      'collection.write',
      'notice.release',
    ]),
  },
  collections_viewer: { nameJa: '収納課(照会)', permissions: ['vehicle.read', 'addressee.read', 'levy.read', 'collection.read'] },
  welfare_viewer: { nameJa: '生活福祉課(承認済み移転のみ)', permissions: ['transfer.receive'] },
  auditor: { nameJa: '監査担当', permissions: ['audit.read', 'staff.inventory', 'data.export'] },
  system_admin: { nameJa: 'システム管理者', permissions: ['staff.admin', 'staff.inventory'] },
  contractor: { nameJa: '委託事業者(保守運用・帳票印刷)', permissions: ['notice.print'] },
} as const satisfies Record<string, { nameJa: string; permissions: readonly Permission[] }>;

export type RoleCode = keyof typeof ROLES;

export const ROLE_CODES = Object.keys(ROLES) as RoleCode[];

export function isRoleCode(value: string): value is RoleCode {
  return value in ROLES;
}

export function permissionsOf(roles: readonly RoleCode[]): ReadonlySet<Permission> {
  return new Set(roles.flatMap((role) => ROLES[role].permissions));
}
