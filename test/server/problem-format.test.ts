import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { PROBLEM_CONTENT_TYPE } from '../../src/server/problem.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';

/** Sends raw bytes to the listening server and reads the whole answer (the server closes). */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
  });
}

const JAPANESE = /[ぁ-んァ-ヶ一-龠]/;

describe('every error the server sends is problem+json in Japanese', () => {
  let db: Database;
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('answers a path that does not decode with 400, without echoing it', async () => {
    const res = await t.app.inject('/api/v1/staff/%C0%AF');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.json().detail).toMatch(JAPANESE);
    expect(res.body).not.toContain('%C0%AF');
    expect(res.json().requestId).toBeTruthy();
  });

  it('answers a path parameter over the router’s limit with 414, without echoing the URL', async () => {
    const long = `X${'<script>'.repeat(20)}`;
    const res = await t.app.inject(`/api/v1/staff/${long}`);
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.json().title).toBe('URLが長すぎます');
    expect(res.body).not.toContain('script');
  });

  it('answers a 100 kB cookie with 431 problem+json', async () => {
    const answer = await rawRequest(port, `GET /api/v1/auth/session HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: a=${'x'.repeat(100_000)}\r\n\r\n`);
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toContain(`Content-Type: ${PROBLEM_CONTENT_TYPE}`);
    expect(JSON.parse(body ?? '')).toMatchObject({ status: 431, title: '要求のヘッダーが大きすぎます' });
    expect(JSON.parse(body ?? '').detail).toContain('Cookie');
  });

  it('answers a malformed request with 400 problem+json', async () => {
    const answer = await rawRequest(port, 'GARBAGE\r\n\r\n');
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toContain(`Content-Type: ${PROBLEM_CONTENT_TYPE}`);
    expect(JSON.parse(body ?? '').detail).toMatch(JAPANESE);
  });

  it('answers an unknown API with 404 problem+json, without echoing the URL', async () => {
    const res = await t.app.inject('/api/v1/nothing-here-<img>');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.body).not.toContain('nothing-here');
  });
});
