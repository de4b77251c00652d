/** @module Staff accounts: the list, and the form that creates one with its enrolment code. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { japanToday } from '../../../src/shared/dates.js';
import { fieldError, problemOf, sendJson, type Problem } from '../api.js';
import { DateField } from '../components/DateField.js';
import { TextField } from '../components/Field.js';
import { TEXT_LIMITS } from '../../../src/shared/text.js';
import { formatEraDateTime } from '../format.js';
import { useApi } from '../useApi.js';
import { ProblemNotice } from './ProblemNotice.js';
import { TableScroll } from './TableScroll.js';
import { EnrollmentCodeNotice, OfficeSelect, RoleCheckboxes, type CreatedStaffResponse, type RoleSummary, type StaffSummary } from './staff-common.js';

export function StaffListPage() {
  const [reloadKey, setReloadKey] = useState(0);
  const staff = useApi<StaffSummary[]>('/api/v1/staff', reloadKey);
  const [created, setCreated] = useState<CreatedStaffResponse | null>(null);
  return (
    <>
      <h1>職員・権限</h1>
      {created && <EnrollmentCodeNotice staffNo={created.staff.staffNo} name={created.staff.name} code={created.enrollmentCode} />}
      <NewStaffForm
        onCreated={(result) => {
          setCreated(result);
          setReloadKey((k) => k + 1);
        }}
      />
      <h2>職員の一覧</h2>
      {staff.state === 'failed' && <ProblemNotice problem={staff.problem} />}
      {staff.state === 'ready' && (
        <TableScroll label="職員の一覧">
          <table className="table table--list" data-testid="staff-table">
            <thead>
              <tr>
                <th scope="col">職員番号</th>
                <th scope="col">氏名</th>
                <th scope="col">所属</th>
                <th scope="col">役割</th>
                <th scope="col">状態</th>
                <th scope="col">パスキー</th>
                <th scope="col">最終サインイン</th>
              </tr>
            </thead>
            <tbody>
              {staff.data.map((s) => (
                <tr key={s.staffNo} className={s.status === 'disabled' ? 'row--muted' : undefined}>
                  <td>
                    <Link to={`/admin/staff/${s.staffNo}`}>{s.staffNo}</Link>
                  </td>
                  <td className="nowrap">{s.name}</td>
                  <td>{s.department}</td>
                  <td>{s.roleNames.join('・') || '—'}</td>
                  <td>{s.status === 'active' ? (s.lockedUntil ? 'ロック中' : '有効') : '無効'}</td>
                  <td>{s.passkeys}</td>
                  <td>{s.lastSignInAt ? formatEraDateTime(s.lastSignInAt) : 'なし'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

function NewStaffForm({ onCreated }: { onCreated(result: CreatedStaffResponse): void }) {
  const roles = useApi<RoleSummary[]>('/api/v1/roles');
  const today = japanToday();
  const empty = { staffNo: '', name: '', officeCode: '01', department: '', validFrom: today, validTo: '', password: '' };
  const [form, setForm] = useState(empty);
  const [selected, setSelected] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (key: keyof typeof empty) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const result = await sendJson<CreatedStaffResponse>('POST', '/api/v1/staff', {
        ...form,
        validTo: form.validTo || null,
        roles: selected,
      });
      setForm(empty);
      setSelected([]);
      onCreated(result);
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <details className="panel">
      <summary>職員を登録する</summary>
      {problem && <ProblemNotice problem={problem} fieldPrefix="new" />}
      <form onSubmit={submit} noValidate className="form-grid">
        <TextField id="new-staffNo" label="職員番号" required value={form.staffNo} onChange={set('staffNo')} maxLength={12} error={fieldError(problem, 'staffNo')} />
        <TextField id="new-name" label="氏名" required value={form.name} onChange={set('name')} maxLength={TEXT_LIMITS.staffText} error={fieldError(problem, 'name')} />
        <OfficeSelect id="new-officeCode" value={form.officeCode} onChange={set('officeCode')} error={fieldError(problem, 'officeCode')} />
        <TextField id="new-department" label="所属(課・係・委託先)" required value={form.department} onChange={set('department')} maxLength={TEXT_LIMITS.staffText} error={fieldError(problem, 'department')} />
        <DateField id="new-validFrom" label="利用開始日" required value={form.validFrom} onChange={set('validFrom')} error={fieldError(problem, 'validFrom')} />
        <DateField id="new-validTo" label="利用終了日" hint="任期付き・委託契約などで終了日が決まっている場合" value={form.validTo} onChange={set('validTo')} error={fieldError(problem, 'validTo')} />
        <TextField
          id="new-password"
          label="初期パスワード"
          type="password"
          required
          hint="12文字以上。よく使われるものや職員番号を含むものは使えません。本人に登録コードと一緒に渡します。"
          value={form.password}
          onChange={set('password')}
          autoComplete="new-password"
          error={fieldError(problem, 'password')}
        />
        {roles.state === 'ready' && <RoleCheckboxes id="new-roles" roles={roles.data} selected={selected} onChange={setSelected} error={fieldError(problem, 'roles')} />}
        <div>
          <button type="submit" className="button button--primary">
            登録して登録コードを発行
          </button>
        </div>
      </form>
    </details>
  );
}
