/**
 * @module What the staff screens share: the enrolment code notice, the role checkboxes and the
 * office choice.
 */
import { Field } from '../components/Field.js';
import { formatEraDateTime } from '../format.js';
import { useApi } from '../useApi.js';

import type { EnrollmentCodeResponse, OfficeSummary, RoleSummary } from '../../../src/staff/model.js';

export type { CreatedStaffResponse, EnrollmentCodeResponse, RoleSummary, StaffSummary } from '../../../src/staff/model.js';

/** The one-time enrolment code, shown once: the administrator hands it to the person. */
export function EnrollmentCodeNotice({ staffNo, name, code }: { staffNo: string; name: string; code: EnrollmentCodeResponse }) {
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

/** The roles as checkboxes; `id` goes to the first, so the error summary can link to the group. */
export function RoleCheckboxes({ id, roles, selected, onChange, error }: { id: string; roles: RoleSummary[]; selected: string[]; onChange(roles: string[]): void; error?: string | undefined }) {
  return (
    <fieldset className="field" aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')}>
      <legend className="field__label">役割</legend>
      <p className="field__hint" id={`${id}-hint`}>
        職務の分離のため、システム管理者は監査担当や課税・窓口・減免・収納の役割と兼ねられません。システム管理者が一人もいなくなる変更もできません。
      </p>
      {roles.map((role, index) => (
        <label key={role.code} className="checkbox">
          <input
            id={index === 0 ? id : undefined}
            type="checkbox"
            checked={selected.includes(role.code)}
            onChange={(e) => onChange(e.target.checked ? [...selected, role.code] : selected.filter((r) => r !== role.code))}
          />
          {role.name}
          <span className="checkbox__note">({role.permissions.length}権限)</span>
        </label>
      ))}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The municipality's offices as a select, for the account forms. */
export function OfficeSelect({ id, value, onChange, error }: { id: string; value: string; onChange(officeCode: string): void; error?: string | undefined }) {
  const offices = useApi<OfficeSummary[]>('/api/v1/offices');
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
