/**
 * @module The browser's passkey ceremonies (WebAuthn) for sign-in, re-authentication and
 * enrolment, their failures told in Japanese.
 */
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { ApiError, sendJson } from './api.js';

interface Options<T> {
  challengeId: string;
  options: T;
}

/** The browser's passkey prompt failed or was cancelled: say so in Japanese. */
function ceremonyFailed(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    title: '生体認証(パスキー)が完了しませんでした',
    detail: 'この端末に登録したパスキーで、指紋・顔などの本人確認を行ってください。初めて使う端末では、先にパスキーを登録してください。',
    status: 0,
  });
}

/** Asks the server for a challenge, lets the authenticator answer it, and sends the answer on. */
export async function withPasskey<T>(optionsPath: string, optionsBody: unknown, finish: (challengeId: string, credential: unknown) => Promise<T>): Promise<T> {
  const { challengeId, options } = await sendJson<Options<Parameters<typeof startAuthentication>[0]['optionsJSON']>>('POST', optionsPath, optionsBody);
  let credential: unknown;
  try {
    credential = await startAuthentication({ optionsJSON: options });
  } catch (error) {
    throw ceremonyFailed(error);
  }
  return finish(challengeId, credential);
}

export async function registerPasskey<T>(optionsBody: unknown, finish: (challengeId: string, credential: unknown) => Promise<T>): Promise<T> {
  const { challengeId, options } = await sendJson<Options<Parameters<typeof startRegistration>[0]['optionsJSON']>>('POST', '/api/v1/auth/passkeys/options', optionsBody);
  let credential: unknown;
  try {
    credential = await startRegistration({ optionsJSON: options });
  } catch (error) {
    throw ceremonyFailed(error);
  }
  return finish(challengeId, credential);
}
