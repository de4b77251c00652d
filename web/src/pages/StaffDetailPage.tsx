/** @module One account: roles, disabling (which ends its sessions), enrolment codes, unlocking. */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { fieldError, problemOf, sendJson, type Problem } from '../api.js';
import { DateField } from '../components/DateField.js';
import { TextField } from '../components/Field.js';
import { TEXT_LIMITS } from '../../../src/shared/text.js';
import { formatEraDateTime } from '../format.js';
import { useApi } from '../useApi.js';
import { ProblemNotice } from './ProblemNotice.js';
import { EnrollmentCodeNotice, OfficeSelect, RoleCheckboxes, type EnrollmentCodeResponse, type RoleSummary, type StaffSummary } from './staff-common.js';

export function StaffDetailPage() {
  const { staffNo = '' } = useParams();
  const [reloadKey, setReloadKey] = useState(0);
  const staff = useApi<StaffSummary>(`/api/v1/staff/${encodeURIComponent(staffNo)}`, reloadKey);
  const roles = useApi<RoleSummary[]>('/api/v1/roles');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [code, setCode] = useState<EnrollmentCodeResponse | null>(null);

  async function act(message: string, work: () => Promise<unknown>) {
    setProblem(null);
    setDone(null);
    try {
      await work();
      setDone(message);
      setReloadKey((k) => k + 1);
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  if (staff.state === 'loading') return <p>読み込み中…</p>;
  if (staff.state === 'failed') return <ProblemNotice problem={staff.problem} />;
  const s = staff.data;
  const path = `/api/v1/staff/${encodeURIComponent(s.staffNo)}`;
  return (
    <>
      <p>
        <Link to="/admin/staff">職員の一覧へ戻る</Link>
      </p>
      <h1>
        {s.name}({s.staffNo})
      </h1>
      {problem && <ProblemNotice problem={problem} />}
      {done && (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      )}
      {code && <EnrollmentCodeNotice staffNo={s.staffNo} name={s.name} code={code} />}
      <table className="table">
        <tbody>
          <tr>
            <th scope="row">所属</th>
            <td>
              {s.officeName} {s.department}
            </td>
          </tr>
          <tr>
            <th scope="row">状態</th>
            <td>{s.status === 'active' ? '有効' : `無効(${s.disabledReason ?? '理由なし'})`}</td>
          </tr>
          <tr>
            <th scope="row">利用期間</th>
            <td>
              {s.validFrom} 〜 {s.validTo ?? '定めなし'}
            </td>
          </tr>
          <tr>
            <th scope="row">パスキー</th>
            <td>
              {s.passkeys}件{s.enrollmentCodePending ? '(登録コード発行済み・未使用)' : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">最終サインイン</th>
            <td>{s.lastSignInAt ? formatEraDateTime(s.lastSignInAt) : 'なし'}</td>
          </tr>
          <tr>
            <th scope="row">ロック</th>
            <td>{s.lockedUntil ? `${formatEraDateTime(s.lockedUntil)}まで` : 'なし'}</td>
          </tr>
        </tbody>
      </table>

      <h2>職員情報の変更</h2>
      <DetailsForm key={`${s.staffNo}:${s.name}:${s.officeCode}:${s.department}:${s.validTo}`} staff={s} problem={problem} onSave={(change) => act('職員情報を変更しました。', () => sendJson('PATCH', path, change))} />

      <h2>役割</h2>
      {roles.state === 'ready' && (
        <RolesForm key={`${s.staffNo}:${s.roles.join()}`} roles={roles.data} current={s.roles} onSave={(selected) => act('役割を変更しました。', () => sendJson('PUT', `${path}/roles`, { roles: selected }))} problem={problem} />
      )}

      <h2>アカウントの操作</h2>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => act('登録コードを発行しました。', async () => setCode(await sendJson('POST', `${path}/enrollment-code`)))}>
          パスキー登録コードを発行
        </button>
        {s.lockedUntil && (
          <button type="button" className="button button--secondary" onClick={() => act('ロックを解除しました。', () => sendJson('POST', `${path}/unlock`))}>
            ロックを解除
          </button>
        )}
        {s.status === 'disabled' && (
          <button type="button" className="button button--secondary" onClick={() => act('アカウントを有効にしました。', () => sendJson('POST', `${path}/enable`))}>
            有効に戻す
          </button>
        )}
      </div>
      {s.status === 'active' && <DisableForm problem={problem} onDisable={(reason) => act('アカウントを無効にし、サインイン中のセッションを終了しました。', () => sendJson('POST', `${path}/disable`, { reason }))} />}
      <PasswordResetForm problem={problem} onReset={(password) => act('パスワードを再設定し、すべてのセッションを終了しました。', () => sendJson('PUT', `${path}/password`, { password }))} />
    </>
  );
}

function DetailsForm({ staff, onSave, problem }: { staff: StaffSummary; onSave(change: object): void; problem: Problem | null }) {
  const [form, setForm] = useState({ name: staff.name, officeCode: staff.officeCode, department: staff.department, validFrom: staff.validFrom, validTo: staff.validTo ?? '' });
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <form
      className="form-grid"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSave({ ...form, validTo: form.validTo || null });
      }}
    >
      <TextField id="edit-name" label="氏名" required value={form.name} onChange={set('name')} maxLength={TEXT_LIMITS.staffText} error={fieldError(problem, 'name')} />
      <OfficeSelect id="edit-officeCode" value={form.officeCode} onChange={set('officeCode')} error={fieldError(problem, 'officeCode')} />
      <TextField id="edit-department" label="所属(課・係・委託先)" required value={form.department} onChange={set('department')} maxLength={TEXT_LIMITS.staffText} error={fieldError(problem, 'department')} />
      <DateField id="edit-validFrom" label="利用開始日" required value={form.validFrom} onChange={set('validFrom')} error={fieldError(problem, 'validFrom')} />
      <DateField id="edit-validTo" label="利用終了日" value={form.validTo} onChange={set('validTo')} error={fieldError(problem, 'validTo')} />
      <div>
        <button type="submit" className="button button--primary">
          職員情報を保存
        </button>
      </div>
    </form>
  );
}

function RolesForm({ roles, current, onSave, problem }: { roles: RoleSummary[]; current: string[]; onSave(roles: string[]): void; problem: Problem | null }) {
  const [selected, setSelected] = useState(current);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(selected);
      }}
    >
      <RoleCheckboxes id="edit-roles" roles={roles} selected={selected} onChange={setSelected} error={fieldError(problem, 'roles')} />
      <button type="submit" className="button button--primary">
        役割を保存
      </button>
    </form>
  );
}

function DisableForm({ onDisable, problem }: { onDisable(reason: string): void; problem: Problem | null }) {
  const [reason, setReason] = useState('');
  return (
    <form
      className="panel"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onDisable(reason);
      }}
    >
      <TextField id="disable-reason" label="無効にする理由" required hint="退職・異動・委託契約の終了など" value={reason} onChange={setReason} maxLength={TEXT_LIMITS.reason} error={fieldError(problem, 'reason')} />
      <button type="submit" className="button button--danger">
        アカウントを無効にする
      </button>
    </form>
  );
}

function PasswordResetForm({ onReset, problem }: { onReset(password: string): void; problem: Problem | null }) {
  const [password, setPassword] = useState('');
  return (
    <form
      className="panel"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onReset(password);
        setPassword('');
      }}
    >
      <TextField id="reset-password" label="新しいパスワード" type="password" required hint="忘れた場合の再設定。すべてのセッションが終了します。" value={password} onChange={setPassword} autoComplete="new-password" error={fieldError(problem, 'password')} />
      <button type="submit" className="button button--secondary">
        パスワードを再設定
      </button>
    </form>
  );
}
