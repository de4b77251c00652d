/**
 * @module Both factors again, for operations that need a recent re-authentication (revealing an
 * individual number). The server answers such a request with a problem of type
 * `urn:keitax:problem:reauthentication-required`; show this, then retry.
 */
import { useState, type FormEvent } from 'react';
import { fieldError, sendJson } from '../api.js';
import { withPasskey } from '../passkeys.js';
import { useSession } from '../session.js';
import { useSubmit } from '../useSubmit.js';
import { ProblemNotice } from '../pages/ProblemNotice.js';
import { TextField } from './Field.js';

export const REAUTHENTICATION_REQUIRED = 'urn:keitax:problem:reauthentication-required';

export function Reauthenticate({ purpose, onDone, onCancel }: { purpose: string; onDone(): void; onCancel(): void }) {
  const { refresh } = useSession();
  const [password, setPassword] = useState('');
  const { problem, busy, submit: run } = useSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const done = await run(async () => {
      await withPasskey('/api/v1/auth/reauthenticate/options', undefined, (challengeId, credential) =>
        sendJson('POST', '/api/v1/auth/reauthenticate', { challengeId, password, credential }),
      );
      await refresh();
    });
    setPassword('');
    if (done) onDone();
  }

  return (
    <section className="panel" aria-labelledby="reauth-heading">
      <h2 id="reauth-heading">本人確認(再認証)</h2>
      <p>{purpose}には、パスワードと生体認証(パスキー)による本人確認をもう一度行ってください。</p>
      {problem && <ProblemNotice problem={problem} />}
      <form onSubmit={submit} noValidate>
        <TextField id="reauth-password" label="パスワード" type="password" required value={password} onChange={setPassword} autoComplete="current-password" autoFocus error={fieldError(problem, 'password')} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? '確認しています…' : '本人確認する'}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            やめる
          </button>
        </div>
      </form>
    </section>
  );
}
