import { Field } from '../components/Field.js';
import { formatEraDateTime } from '../format.js';
import { useApi } from '../useApi.js';

export type { StaffSummary } from '../../../src/staff/model.js';

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

/** The municipality's offices as a select, for the account forms. */
export function OfficeSelect({ id, value, onChange, error }: { id: string; value: string; onChange(officeCode: string): void; error?: string | undefined }) {
  const offices = useApi<{ officeCode: string; name: string }[]>('/api/v1/offices');
  return (
    <Field id={id} label="所属拠点" required error={error}>
      {(describedBy) => (
        <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
          {offices.state === 'ready' &&
            offices.data.map((o) => (
              <option key={o.officeCode} value={o.officeCode}>
                {o.officeCode} {o.name}
              </option>
            ))}
        </select>
      )}
    </Field>
  );
}
