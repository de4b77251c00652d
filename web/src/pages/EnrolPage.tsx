/**
 * @module Passkey enrolment: password and the administrator's one-time code, then the biometric
 * check.
 */
import { useState, type FormEvent } from 'react';
import { fieldError, sendJson } from '../api.js';
import { TextField } from '../components/Field.js';
import { TEXT_LIMITS } from '../../../src/shared/text.js';
import { registerPasskey } from '../passkeys.js';
import { useSession } from '../session.js';
import { useSubmit } from '../useSubmit.js';
import { ProblemNotice } from './ProblemNotice.js';

export function EnrolPage({ onBack }: { onBack(): void }) {
  const { refresh } = useSession();
  const [staffNo, setStaffNo] = useState('');
  const [password, setPassword] = useState('');
  const [enrollmentCode, setEnrollmentCode] = useState('');
  const [deviceLabel, setDeviceLabel] = useState('');
  const { problem, busy, submit: run } = useSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await registerPasskey({ staffNo, password, enrollmentCode }, (challengeId, credential) =>
        sendJson('POST', '/api/v1/auth/passkeys', { challengeId, staffNo, credential, ...(deviceLabel ? { deviceLabel } : {}) }),
      );
      await refresh();
    });
  }

  return (
    <div className="auth">
      <h1>パスキーの登録</h1>
      <p>
        この端末の指紋・顔認証などをパスキーとして登録します。登録が終わるとサインインした状態になり、次回からは職員番号・パスワードと生体認証でサインインします。
      </p>
      {problem && <ProblemNotice problem={problem} />}
      <form onSubmit={submit} noValidate>
        <TextField id="enrol-staffNo" label="職員番号" required value={staffNo} onChange={setStaffNo} autoComplete="username" maxLength={12} autoFocus error={fieldError(problem, 'staffNo')} />
        <TextField id="enrol-password" label="パスワード" type="password" required value={password} onChange={setPassword} autoComplete="current-password" error={fieldError(problem, 'password')} />
        <TextField
          id="enrollmentCode"
          label="登録コード"
          required
          hint="システム管理者から受け取った12文字のコード(例: ABCD-EFGH-JKMN)"
          value={enrollmentCode}
          onChange={setEnrollmentCode}
          autoComplete="one-time-code"
          maxLength={32}
          error={fieldError(problem, 'enrollmentCode')}
        />
        <TextField id="deviceLabel" label="端末の名前" hint="あとで見分けるための名前(例: 北部出張所 窓口2番)" value={deviceLabel} onChange={setDeviceLabel} maxLength={TEXT_LIMITS.staffText} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? '登録しています…' : 'パスキーを登録'}
        </button>
      </form>
      <p className="auth__alt">
        <button type="button" className="link-button" onClick={onBack}>
          サインインに戻る
        </button>
      </p>
    </div>
  );
}
