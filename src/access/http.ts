/**
 * @module The access check of every HTTP request: the session cookie read and renewed, CSRF
 * checked, each route's declared permission enforced before its handler runs, and the actor handed
 * to the handler.
 */
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { Problem } from '../server/problem.js';
import { staffActor, type Actor } from './actor.js';
import { forbidden, type AccessControl, type Subject } from './guard.js';
import { requiredPermissions, type RouteAccess } from './permissions.js';
import { csrfTokenFor, resolveSession, SESSION_COOKIE, type SessionEndReason } from './sessions.js';

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: RouteAccess | undefined;
  /** The operations it serves (src/access/operations.ts), when it declares them. */
  operations: string[] | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the access it declares (for docs/permissions.md and the route test). */
    declaredRoutes(): DeclaredRoute[];
  }
  interface FastifyRequest {
    /** The signed-in staff member, set before any handler of a non-public route runs. */
    actor: Actor | null;
    /** The raw session token of the request's cookie, if it names a live session. */
    sessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const ENDED_DETAIL: Record<SessionEndReason | 'unknown' | 'none', string> = {
  none: 'サインインしてください。',
  unknown: 'セッションが無効です。もう一度サインインしてください。',
  signed_out: 'サインアウト済みです。もう一度サインインしてください。',
  signed_out_everywhere: 'すべての端末からサインアウトされました。もう一度サインインしてください。',
  idle: '一定時間操作がなかったため、サインアウトしました。もう一度サインインしてください。',
  expired: 'サインインの有効時間が過ぎました。もう一度サインインしてください。',
  account_disabled: 'このアカウントは利用できません。システム管理者に連絡してください。',
  replaced: '新しいサインインにより、このセッションは終了しました。',
};

export function unauthenticated(reason: keyof typeof ENDED_DETAIL): Problem {
  return new Problem(401, 'サインインが必要です', ENDED_DETAIL[reason]);
}

/**
 * The HTTP half of the choke point (the service half is AccessControl): every request resolves
 * its session, every route's declared access is enforced before validation or handler, refusals
 * are audited, and state-changing requests must carry the session's CSRF token. A route that
 * declares nothing is refused (deny by default).
 */
export async function registerAccessControl(
  app: FastifyInstance,
  deps: { db: Database; config: Config; access: AccessControl },
): Promise<void> {
  await app.register(cookie);
  // Keep the route options themselves: a scope may still fill in `config.permission` after us.
  const routes: { method: string | string[]; url: string; config?: { permission?: RouteAccess; operations?: string[] } }[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.decorate('declaredRoutes', () =>
    routes.flatMap((route) =>
      [route.method].flat().map((method) => ({ method, url: route.url, permission: route.config?.permission, operations: route.config?.operations })),
    ),
  );
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request) => {
    const required: RouteAccess | undefined = request.routeOptions.config.permission;
    if (!request.routeOptions.url) return; // unmatched: the 404 handler answers
    if (required === 'public') return;

    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw unauthenticated('none');
    const session = await deps.db.withMunicipality(deps.config.municipalityCode, (trx) => resolveSession(trx, token, deps.config.session));
    if ('ended' in session) throw unauthenticated(session.ended);
    const actor = staffActor({
      municipalityCode: deps.config.municipalityCode,
      staffNo: session.live.staffNo,
      staffName: session.live.staffName,
      officeCode: session.live.officeCode,
      roles: session.live.roles,
      ipAddress: request.ip,
      terminal: terminalOf(request),
      reauthenticatedAt: session.live.reauthenticatedAt,
    });
    request.actor = actor;
    request.sessionToken = token;

    if (!SAFE_METHODS.has(request.method) && !csrfTokenMatches(request, token)) {
      throw new Problem(403, '画面の有効期限が切れています', '画面を再読み込みしてから、もう一度操作してください。');
    }
    if (required === undefined) {
      await deps.access.record(actor, { operation: 'route.undeclared', ...refusalOf(request) });
      throw new Problem(403, 'この操作を行う権限がありません', 'この機能には利用権限が設定されていません。システム管理者に連絡してください。');
    }
    const missing = requiredPermissions(required).find((permission) => !actor.permissions.has(permission));
    if (missing) {
      await deps.access.record(actor, { operation: missing, ...refusalOf(request) });
      throw forbidden(missing);
    }
  });
}

/** Path parameters that name whose data a route touches. */
const SUBJECT_PARAMS: Record<string, Subject['type']> = { addresseeNo: 'addressee', staffNo: 'staff', declarationNo: 'vehicle' };
/** Longer path parameter values are cut: the audit entry needs the id, not a pasted essay. */
const MAX_PARAM_LENGTH = 40;

/**
 * What the audit entry of a refused request says: the route, the method, the path parameters,
 * and the subject they name — so a denied reveal is found among the touches of that addressee.
 */
function refusalOf(request: FastifyRequest) {
  const params = Object.fromEntries(
    Object.entries((request.params ?? {}) as Record<string, unknown>).map(([name, value]) => [name, String(value).slice(0, MAX_PARAM_LENGTH)]),
  );
  const named = Object.entries(params).find(([name]) => name in SUBJECT_PARAMS);
  return {
    subject: named ? { type: SUBJECT_PARAMS[named[0]]!, id: named[1] } : null,
    result: 'denied' as const,
    rowCount: null,
    detail: { route: request.routeOptions.url, method: request.method, ...(Object.keys(params).length > 0 ? { params } : {}) },
  };
}

/** The actor of a route whose access is not `public` (the hook guarantees it is set). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated('none');
  return request.actor;
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.publicOrigin.startsWith('https:'),
    maxAge: config.session.maxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: config.publicOrigin.startsWith('https:') });
}

function csrfTokenMatches(request: FastifyRequest, sessionToken: string): boolean {
  const given = request.headers['x-csrf-token'];
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The terminal as the audit log names it: the browser's own description, shortened. */
function terminalOf(request: FastifyRequest): string | null {
  const agent = request.headers['user-agent'];
  return typeof agent === 'string' ? agent.slice(0, 120) : null;
}
