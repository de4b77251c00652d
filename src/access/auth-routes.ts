/**
 * @module Sign-in over HTTP (C5): the session, the two-factor sign-in, passkey enrolment,
 * re-authentication and sign-out, rate-limited, with the permissions of the signed-in staff member
 * for the screens.
 */
import rateLimit from '@fastify/rate-limit';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDependencies } from '../composition.js';
import type { Config } from '../config.js';
import { text, TEXT_LIMITS } from '../shared/text.js';
import { Problem } from '../server/problem.js';
import { actorOf, clearSessionCookie, setSessionCookie, unauthenticated } from './http.js';
import { PERMISSIONS, type Permission } from './permissions.js';
import { ROLES } from './roles.js';
import { staffSessionSchema } from './model.js';
import { csrfTokenFor, SESSION_COOKIE } from './sessions.js';

const staffNo = z.string().trim().min(1, '職員番号を入力してください').max(12, '職員番号は12文字以内です');
const password = z.string().min(1, 'パスワードを入力してください').max(256);
const challengeId = z.uuid('認証の手順をやり直してください');
const base64url = z.string().max(32_768, '認証器の応答が正しくありません').regex(/^[A-Za-z0-9_-]*$/, '認証器の応答が正しくありません');

/** A WebAuthn assertion as the browser serialises it (@simplewebauthn/browser). */
const assertion = z.looseObject({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: base64url, authenticatorData: base64url, signature: base64url }),
  clientExtensionResults: z.looseObject({}),
});
const attestation = z.looseObject({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: base64url, attestationObject: base64url }),
  clientExtensionResults: z.looseObject({}),
});

// WebAuthn options as @simplewebauthn/server builds them, passed to the browser untouched.
const optionsResponse = z.object({ challengeId: z.string(), options: z.custom<object>((value) => typeof value === 'object' && value !== null) });
const signedIn = z.object({ csrfToken: z.string() });

/** Sign-in, passkey enrolment, re-authentication and sign-out (C5). */
export const authRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { config, authentication }) => {
  const throttled = await signInThrottle(app, config.signInThrottle);
  const client = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ipAddress: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
  });
  const tags = ['auth'];

  app.get(
    '/auth/session',
    { config: { permission: 'authenticated' }, schema: { summary: 'サインイン中の職員', tags, response: { 200: staffSessionSchema } } },
    async (request) => {
      const actor = actorOf(request);
      return {
        staffNo: actor.staffNo ?? '',
        name: actor.staffName,
        officeCode: actor.officeCode,
        roles: actor.roles.map((code) => ({ code, name: ROLES[code].nameJa })),
        permissions: [...actor.permissions].sort(),
        csrfToken: csrfTokenFor(request.sessionToken ?? ''),
        reauthenticatedAt: actor.reauthenticatedAt?.toISOString() ?? null,
        idleMinutes: config.session.idleMinutes,
      };
    },
  );

  app.get(
    '/auth/settings',
    {
      config: { permission: 'public' },
      schema: { summary: 'サインインの設定(開くべきURL)', tags, response: { 200: z.object({ publicOrigin: z.string(), idleMinutes: z.number().int() }) } },
    },
    // Passkeys are bound to one host name: the sign-in screen tells a user who opened another.
    async () => ({ publicOrigin: config.publicOrigin, idleMinutes: config.session.idleMinutes }),
  );

  app.post(
    '/auth/sign-in/options',
    { config: { permission: 'public' }, ...throttled, schema: { summary: 'サインイン(1): パスキーの要求', tags, body: z.object({ staffNo }), response: { 200: optionsResponse } } },
    async (request) => authentication.signInOptions(request.body.staffNo),
  );

  app.post(
    '/auth/sign-in',
    {
      config: { permission: 'public' },
      ...throttled,
      schema: {
        summary: 'サインイン(2): パスワードとパスキー',
        tags,
        body: z.object({ challengeId, staffNo, password, credential: assertion }),
        response: { 200: signedIn },
      },
    },
    async (request, reply) => {
      const { token } = await authentication.signIn(
        { ...request.body, credential: request.body.credential as unknown as AuthenticationResponseJSON, previousToken: request.cookies[SESSION_COOKIE] },
        client(request),
      );
      setSessionCookie(reply, config, token);
      return { csrfToken: csrfTokenFor(token) };
    },
  );

  app.post(
    '/auth/passkeys/options',
    {
      config: { permission: 'public' },
      ...throttled,
      schema: {
        summary: 'パスキー登録(1): パスワードと登録コードの確認',
        tags,
        body: z.object({ staffNo, password, enrollmentCode: z.string().trim().min(1, '登録コードを入力してください').max(32) }),
        response: { 200: optionsResponse },
      },
    },
    async (request) => authentication.enrolmentOptions(request.body, client(request)),
  );

  app.post(
    '/auth/passkeys',
    {
      config: { permission: 'public' },
      ...throttled,
      schema: {
        summary: 'パスキー登録(2): 登録してサインイン',
        tags,
        body: z.object({ challengeId, staffNo, credential: attestation, deviceLabel: text({ label: '端末名', max: TEXT_LIMITS.staffText, required: false }).optional() }),
        response: { 200: signedIn },
      },
    },
    async (request, reply) => {
      const { token } = await authentication.enrol(
        { ...request.body, credential: request.body.credential as unknown as RegistrationResponseJSON },
        client(request),
      );
      setSessionCookie(reply, config, token);
      return { csrfToken: csrfTokenFor(token) };
    },
  );

  app.post(
    '/auth/reauthenticate/options',
    { config: { permission: 'authenticated' }, ...throttled, schema: { summary: '再認証(1)', tags, response: { 200: optionsResponse } } },
    async (request) => authentication.reauthenticationOptions(actorOf(request)),
  );

  app.post(
    '/auth/reauthenticate',
    {
      config: { permission: 'authenticated' },
      ...throttled,
      schema: {
        summary: '再認証(2): パスワードとパスキー',
        tags,
        body: z.object({ challengeId, password, credential: assertion }),
        response: { 200: z.object({ reauthenticatedAt: z.string() }) },
      },
    },
    async (request) => {
      if (!request.sessionToken) throw unauthenticated('none');
      const { reauthenticatedAt } = await authentication.reauthenticate(
        actorOf(request),
        request.sessionToken,
        { ...request.body, credential: request.body.credential as unknown as AuthenticationResponseJSON },
        client(request),
      );
      return { reauthenticatedAt: reauthenticatedAt.toISOString() };
    },
  );

  for (const [path, everywhere, summary] of [
    ['/auth/sign-out', false, 'サインアウト'],
    ['/auth/sign-out-everywhere', true, 'すべての端末からサインアウト'],
  ] as const) {
    app.post(
      path,
      { config: { permission: 'authenticated' }, schema: { summary, tags, response: { 204: z.null() } } },
      async (request, reply) => {
        await authentication.signOut(actorOf(request), request.sessionToken ?? '', everywhere);
        clearSessionCookie(reply, config);
        return reply.code(204).send(null);
      },
    );
  }

  app.get(
    '/auth/permissions',
    {
      config: { permission: 'authenticated' },
      schema: { summary: '権限の一覧(名称)', tags, response: { 200: z.record(z.string(), z.string()) } },
    },
    async () => PERMISSIONS as Record<Permission, string>,
  );
};

/**
 * The throttle of every route that checks a factor (each attempt costs a password hash and an
 * audit entry): at most `maxPerAddress` requests per window from one client address — counted
 * on arrival, before the body is even read — and `maxPerAccount` naming one staff number, from
 * any address, once the body has been validated. Counted in this process's memory
 * (@fastify/rate-limit's store): a second server process counts on its own.
 */
async function signInThrottle(app: FastifyInstance, settings: Config['signInThrottle']) {
  await app.register(rateLimit, { global: false });
  const timeWindow = settings.windowMinutes * 60_000;
  const refusePast = (limit: ReturnType<FastifyInstance['createRateLimit']>, throttle: 'address' | 'account') =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      if (throttle === 'account' && accountOf(request) === undefined) return;
      const state = await limit(request);
      if (state.isAllowed || !state.isExceeded) return;
      request.log.warn({ throttle }, 'sign-in throttled');
      reply.header('retry-after', state.ttlInSeconds);
      throw new Problem(
        429,
        '試行の回数が多すぎます',
        `短い時間に何度もサインインが試みられたため、受付を一時的に止めています。${Math.ceil(state.ttlInSeconds / 60)}分ほどおいてから、もう一度お試しください。`,
      );
    };
  return {
    onRequest: refusePast(app.createRateLimit({ max: settings.maxPerAddress, timeWindow }), 'address'),
    preHandler: refusePast(
      app.createRateLimit({ max: settings.maxPerAccount, timeWindow, keyGenerator: (request) => `staff:${accountOf(request)}` }),
      'account',
    ),
  };
}

/** The staff number an attempt names: in the body, or the signed-in actor's own. */
function accountOf(request: FastifyRequest): string | undefined {
  const body = request.body as { staffNo?: unknown } | undefined;
  return typeof body?.staffNo === 'string' ? body.staffNo : (request.actor?.staffNo ?? undefined);
}
