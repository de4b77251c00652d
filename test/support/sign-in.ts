import type { Database } from '../../src/db/database.js';
import { seedDemoCity } from '../../src/demo/seed.js';
import { buildTestApp, type TestApp } from './app.js';
import { createTestDatabase } from './database.js';
import { TEST_VAULT } from './keys.js';
import { SoftwarePasskey } from './passkey.js';

/** The demo city on a fresh database, the app over it, and a software passkey for its origin. */
export async function openDemoCity(env: NodeJS.ProcessEnv): Promise<{ db: Database; t: TestApp; passkey: SoftwarePasskey }> {
  const db = await createTestDatabase();
  await seedDemoCity(db, TEST_VAULT);
  const t = await buildTestApp(db, env);
  return { db, t, passkey: new SoftwarePasskey(t.config.publicOrigin) };
}

/** The cookie header a response set, for the next request. */
export function sessionCookie(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((c) => c.name === 'keitax_session');
  if (!cookie) throw new Error('no session cookie was set');
  return `keitax_session=${cookie.value}`;
}

/** Enrols `passkey` for a staff member with their password and enrolment code, over the API. */
export async function enrol(t: TestApp, passkey: SoftwarePasskey, staffNo: string, password: string, enrollmentCode: string) {
  const options = await t.app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/options', payload: { staffNo, password, enrollmentCode } });
  if (options.statusCode !== 200) return options;
  const { challengeId, options: creation } = options.json();
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/passkeys', payload: { challengeId, staffNo, credential: passkey.register(creation), deviceLabel: '試験端末' } });
}

/** Signs in with a password and a passkey's answer to the server's challenge, over the API. */
export async function signInWith(t: TestApp, passkey: SoftwarePasskey, staffNo: string, password: string, cookie?: string) {
  const options = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/options', payload: { staffNo } });
  const { challengeId, options: request } = options.json();
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { challengeId, staffNo, password, credential: passkey.authenticate(request) },
    ...(cookie ? { headers: { cookie } } : {}),
  });
}
