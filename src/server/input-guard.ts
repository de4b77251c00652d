/**
 * @module The server-wide input floor: characters PostgreSQL would refuse are turned away as a
 * problem before any route sees them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { brokenCharacter, describeCharacter } from '../shared/text.js';
import { Problem, type FieldError } from './problem.js';

/**
 * The server-wide floor under every route's schema: no string of any request — path and query
 * parameters, headers, the JSON body's values and keys — may hold U+0000 or half a surrogate
 * pair, which PostgreSQL refuses with an error (a 500) wherever they reach it. It runs before
 * the access check (whose refusals are audited with the path parameters) and again once the
 * body is parsed, so a route added tomorrow is covered without a word in its schema.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    refuseBroken([
      ...brokenStrings(request.params, ['params']),
      ...brokenStrings(request.query, ['querystring']),
      ...brokenStrings(request.headers, ['headers']),
    ]);
  });
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (typeof request.body === 'object' && request.body !== null && !Buffer.isBuffer(request.body)) refuseBroken(brokenStrings(request.body, []));
    else if (typeof request.body === 'string') refuseBroken(brokenStrings(request.body, ['body']));
  });
}

function refuseBroken(errors: FieldError[]): void {
  if (errors.length > 0) throw Problem.validation(errors.slice(0, 20), '入力に使えない文字(制御文字や壊れた文字)があります。示された項目を入力し直してください。');
}

/** Deeper than any form of the system; a body nested further is refused rather than walked. */
const MAX_DEPTH = 32;

function brokenStrings(value: unknown, path: string[]): FieldError[] {
  const field = path.join('.');
  if (path.length > MAX_DEPTH) return [{ field, message: '入れ子が深すぎます。送信する内容を確認してください' }];
  if (typeof value === 'string') {
    const broken = brokenCharacter(value);
    return broken ? [{ field, message: `使えない文字${describeCharacter(broken)}が含まれています。入力し直してください` }] : [];
  }
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const broken = brokenCharacter(key);
    if (broken) return [{ field: [...path, '(項目名)'].join('.'), message: `項目名に使えない文字${describeCharacter(broken)}が含まれています` }];
    return brokenStrings(inner, [...path, key]);
  });
}
