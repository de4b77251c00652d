import { formatEraDateTime } from '../format.js';

export interface StaffSummary {
  staffNo: string;
  name: string;
  officeCode: string;
  officeName: string;
  department: string;
  roles: string[];
  roleNames: string[];
  status: 'active' | 'disabled';
  validFrom: string;
  validTo: string | null;
  lastSignInAt: string | null;
  lockedUntil: string | null;
  passkeys: number;
  enrollmentCodePending: boolean;
  disabledReason: string | null;
}

export interface Role {
  code: string;
  name: string;
  permissions: string[];
}

/** The one-time enrolment code, shown once: the administrator hands it to the person. */
export function EnrollmentCodeNotice({ staffNo, name, code }: { staffNo: string; name: string; code: { code: string; expiresAt: string } }) {
  return (
    <div className="notice notice--success" role="status">
      <p className="notice__title">
        {name}({staffNo})のパスキー登録コード
      </p>
      <p className="code" data-testid="enrollment-code">
        {code.code}
      </p>
      <p>
        {formatEraDateTime(code.expiresAt)}まで有効です。この画面を離れると再表示できません。本人に手渡しで伝えてください。
      </p>
    </div>
  );
}

export function RoleCheckboxes({ roles, selected, onChange, error }: { roles: Role[]; selected: string[]; onChange(roles: string[]): void; error?: string | undefined }) {
  return (
    <fieldset className="field" aria-describedby={error ? 'roles-error' : undefined}>
      <legend className="field__label">役割</legend>
      {roles.map((role) => (
        <label key={role.code} className="checkbox">
          <input
            type="checkbox"
            checked={selected.includes(role.code)}
            onChange={(e) => onChange(e.target.checked ? [...selected, role.code] : selected.filter((r) => r !== role.code))}
          />
          {role.name}
          <span className="checkbox__note">({role.permissions.length}権限)</span>
        </label>
      ))}
      {error && (
        <p className="field__error" id="roles-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
