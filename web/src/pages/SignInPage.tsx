/** @module Sign-in: staff number and password, then the passkey's fingerprint or face check. */
import { useState, type FormEvent } from 'react';
import { fieldError, sendJson, type Problem } from '../api.js';
import { TextField } from '../components/Field.js';
import { withPasskey } from '../passkeys.js';
import { useSession } from '../session.js';
import { useApi } from '../useApi.js';
import { useSubmit } from '../useSubmit.js';
import { ProblemNotice } from './ProblemNotice.js';

export function SignInPage({ reason, onEnrol }: { reason: Problem | null; onEnrol(): void }) {
  const { refresh } = useSession();
  const [staffNo, setStaffNo] = useState('');
  const [password, setPassword] = useState('');
  const { problem, busy, submit: run } = useSubmit();
  const settings = useApi<{ publicOrigin: string }>('/api/v1/auth/settings');
  const wrongAddress = settings.state === 'ready' && settings.data.publicOrigin !== window.location.origin;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const signedIn = await run(async () => {
      await withPasskey('/api/v1/auth/sign-in/options', { staffNo }, (challengeId, credential) =>
        sendJson('POST', '/api/v1/auth/sign-in', { challengeId, staffNo, password, credential }),
      );
      await refresh();
    });
    if (!signedIn) setPassword('');
  }

  return (
    <div className="auth">
      <h1>サインイン</h1>
      <p>職員番号とパスワードを入力し、この端末の生体認証(パスキー)で本人確認を行います。</p>
      {wrongAddress && (
        <div className="notice notice--info" role="status">
          <p className="notice__title">このアドレスではパスキーを使えません</p>
          <p>
            パスキーは登録したアドレスでのみ使えます。<a href={settings.data.publicOrigin}>{settings.data.publicOrigin}</a> を開いてサインインしてください。
          </p>
        </div>
      )}
      {reason && !problem && <ProblemNotice problem={reason} tone="info" />}
      {problem && <ProblemNotice problem={problem} />}
      <form onSubmit={submit} noValidate>
        <TextField id="staffNo" label="職員番号" required value={staffNo} onChange={setStaffNo} autoComplete="username" maxLength={12} autoFocus error={fieldError(problem, 'staffNo')} />
        <TextField id="password" label="パスワード" type="password" required value={password} onChange={setPassword} autoComplete="current-password" error={fieldError(problem, 'password')} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? '確認しています…' : 'サインイン'}
        </button>
      </form>
      <p className="auth__alt">
        この端末で初めて使うときは、
        <button type="button" className="link-button" onClick={onEnrol}>
          パスキーを登録
        </button>
        してください(システム管理者が発行した登録コードが必要です)。
      </p>
    </div>
  );
}
