import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_CODES } from '../../src/access/roles.js';
import type { Database } from '../../src/db/database.js';
import { PROBLEM_CONTENT_TYPE } from '../../src/server/problem.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';

/**
 * What a user can type never makes a 500: every route of the OpenAPI document is sent U+0000 and
 * lone surrogates in each string of its body, each query parameter and each path parameter,
 * signed in with every role (so the permission check lets the request through), and must answer
 * 400 problem+json naming the field.
 */
const HOSTILE_TEXT = ['a\u0000b', '\uD800', 'x\uDC00'];
/**
 * In a URL: U+0000, and the bytes a lone surrogate would take in UTF-8 (which are no UTF-8 at
 * all: a path holding them does not decode; a query keeps them as the literal text `%ED%A0%80`).
 */
const HOSTILE_URL_TEXT = ['%00', 'a%00b', '%ED%A0%80'];

/** Formats whose pattern fixes their length. */
const FIXED_FORMATS = new Set(['date', 'date-time', 'uuid']);

interface JsonSchema {
  type?: string | string[];
  maxLength?: number;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
}
interface Operation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** Every string in a JSON schema, with its path (array items as index 0). */
function strings(schema: JsonSchema, path: string[] = []): { path: string[]; schema: JsonSchema }[] {
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  const types = [schema.type ?? []].flat();
  return [
    ...alternatives.flatMap((alternative) => strings(alternative, path)),
    ...(types.includes('string') ? [{ path, schema }] : []),
    ...Object.entries(schema.properties ?? {}).flatMap(([key, property]) => strings(property, [...path, key])),
    ...(schema.items ? strings(schema.items, [...path, '0']) : []),
  ];
}
const stringPaths = (schema: JsonSchema) => [...new Set(strings(schema).map(({ path }) => path.join('.')))].map((path) => (path ? path.split('.') : []));

function bodyWith(path: string[], value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  return head === '0' ? [bodyWith(rest, value)] : { [head]: bodyWith(rest, value) };
}

describe('hostile input on every route', () => {
  let db: Database;
  let t: TestApp;
  let everyone: SignedIn;
  let operations: { method: string; path: string; operation: Operation }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    everyone = await signInAs(t, db, [...ROLE_CODES]);
    const document = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  const send = (method: string, url: string, payload?: unknown) =>
    t.app.inject({ method: method as 'POST', url, headers: everyone.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const urlOf = (path: string, params: Record<string, string> = {}) => path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'x');

  const expectRefused = (res: Awaited<ReturnType<typeof send>>, context: string, field?: string) => {
    expect(res.statusCode, `${context}: ${res.body}`).toBe(400);
    expect(res.headers['content-type'], context).toBe(PROBLEM_CONTENT_TYPE);
    const problem = res.json();
    expect(problem.title, context).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    if (field) expect(problem.errors.map((e: { field: string }) => e.field), context).toContain(field);
  };

  it('covers the routes that take input', () => {
    const withInput = operations.filter(({ operation }) => operation.parameters?.length || operation.requestBody);
    expect(withInput.length).toBeGreaterThan(30);
  });

  it('refuses U+0000 and lone surrogates in every string of every body', async () => {
    let sent = 0;
    for (const { method, path, operation } of operations) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      for (const fieldPath of stringPaths(schema)) {
        for (const hostile of HOSTILE_TEXT) {
          const res = await send(method, urlOf(path), bodyWith(fieldPath, hostile));
          expectRefused(res, `${method} ${path} ${fieldPath.join('.')} ${JSON.stringify(hostile)}`, fieldPath.join('.'));
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThan(200);
  });

  it('refuses them in every query and path parameter', async () => {
    let sent = 0;
    for (const { method, path, operation } of operations) {
      for (const parameter of operation.parameters ?? []) {
        for (const hostile of HOSTILE_URL_TEXT) {
          const url = parameter.in === 'path' ? urlOf(path, { [parameter.name]: hostile }) : `${urlOf(path)}?${parameter.name}=${hostile}`;
          const res = await send(method, url, operation.requestBody ? {} : undefined);
          const context = `${method} ${url}`;
          expect(res.statusCode, `${context}: ${res.body}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.headers['content-type'], context).toBe(PROBLEM_CONTENT_TYPE);
          if (hostile.includes('%00') || parameter.in === 'path') expect(res.statusCode, `${context}: ${res.body}`).toBe(400);
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThan(40);
  });

  it('bounds every string the API takes: a maximum length, or a fixed set of values', () => {
    const unbounded = operations.flatMap(({ method, path, operation }) => [
      ...strings(operation.requestBody?.content['application/json']?.schema ?? {}).map((s) => ({ where: `${method} ${path} ${s.path.join('.')}`, schema: s.schema })),
      ...(operation.parameters ?? []).flatMap((p) => strings(p.schema ?? {}).map((s) => ({ where: `${method} ${path} ${p.in}:${p.name}`, schema: s.schema }))),
    ]).filter(({ schema }) => schema.maxLength === undefined && schema.enum === undefined && schema.const === undefined && !FIXED_FORMATS.has(schema.format ?? ''));
    expect(unbounded.map(({ where }) => where)).toEqual([]);
  });

  it('refuses a key holding U+0000', async () => {
    expectRefused(await send('POST', '/api/v1/addressees/search', { name: '山田', 'x\u0000': 1 }), 'key');
  });

  it('refuses them where they reached the database before: search, match, register, audit, sign-in', async () => {
    const register = {
      kind: 'non_resident',
      nameKanji: '試験　太郎',
      nameKana: 'シケン　タロウ',
      address: '東京都架空区1番',
      reason: '申告',
    };
    for (const hostile of HOSTILE_TEXT) {
      expectRefused(await send('POST', '/api/v1/addressees/search', { name: `山田${hostile}` }), 'search', 'name');
      expectRefused(await send('POST', '/api/v1/addressees/match', { nameKanji: `山田${hostile}` }), 'match', 'nameKanji');
      expectRefused(await send('POST', '/api/v1/addressees', { ...register, nameKanji: `試験${hostile}` }), 'register', 'nameKanji');
      expectRefused(await send('POST', '/api/v1/addressees', { ...register, address: `架空${hostile}` }), 'register', 'address');
      expectRefused(await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/options', payload: { staffNo: `D${hostile}` } }), 'options', 'staffNo');
    }
    expectRefused(await send('GET', '/api/v1/audit/entries?subjectId=%00'), 'audit', 'querystring.subjectId');
    expectRefused(await send('POST', '/api/v1/resident-changes/imports?fileName=a%00.csv', 'x'), 'import', 'querystring.fileName');
  });
});
