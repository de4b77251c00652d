/**
 * @module Who is acting: a signed-in staff member (from the session) or an operator at the command line.
 * Everything the audit log records about "who, where" comes from here.
 */
import { userInfo } from 'node:os';
import type { Permission } from './permissions.js';
import { permissionsOf, type RoleCode } from './roles.js';

export interface Actor {
  municipalityCode: string;
  /** Null for the command line, where the operating-system user is the terminal. */
  staffNo: string | null;
  staffName: string;
  officeCode: string | null;
  roles: readonly RoleCode[];
  permissions: ReadonlySet<Permission>;
  ipAddress: string | null;
  terminal: string | null;
  /** When the staff member last proved both factors again (for revealing individual numbers). */
  reauthenticatedAt: Date | null;
}

/**
 * The operator of `keitax …` commands on the server: whoever can run them already controls the
 * installation, so they act with the permissions the command needs, recorded as the CLI.
 */
export function commandLineActor(municipalityCode: string, permissions: Permission[]): Actor {
  return {
    municipalityCode,
    staffNo: null,
    staffName: 'コマンドライン',
    officeCode: null,
    roles: [],
    permissions: new Set(permissions),
    ipAddress: null,
    terminal: `cli:${safeUserName()}`,
    reauthenticatedAt: null,
  };
}

export function staffActor(input: Omit<Actor, 'permissions'>): Actor {
  return { ...input, permissions: permissionsOf(input.roles) };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
