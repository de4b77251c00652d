import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { seedDemoCity } from '../../src/demo/seed.js';
import { loadKeys } from '../../src/keys/keys.js';
import { buildApp } from '../../src/server/app.js';
import viteConfig from '../../vite.config.js';
import { signInAs } from '../support/auth.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV, TEST_VAULT } from '../support/keys.js';

/** A value for each path parameter, so every GET route can be called. */
const SAMPLE_PARAMS: Record<string, string> = {
  addresseeNo: '112224000000273',
  staffNo: 'D002',
  importId: '00000000-0000-4000-8000-000000000000',
  periodKind: 'tax-administrators',
  validFrom: '2026-04-01',
};
const withParams = (url: string) => url.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x');

describe('caching and exposure', () => {
  let db: Database;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoCity(db, TEST_VAULT);
    t = await buildTestApp(db);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('tells no cache to keep any /api/ answer: every GET route, signed in or not, found or not', async () => {
    const everyone = await signInAs(t, db, ['supervisor', 'auditor', 'system_admin']);
    const routes = [...new Set(t.app.declaredRoutes().filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/')).map((r) => r.url))];
    expect(routes.length).toBeGreaterThan(15);
    for (const url of [...routes, '/api/v1/no-such-thing']) {
      for (const headers of [everyone.headers, {}]) {
        const res = await t.app.inject({ url: withParams(url), headers });
        expect(res.headers['cache-control'], `${url} ${res.statusCode}`).toBe('no-store');
      }
    }
    const detail = await t.app.inject({ url: '/api/v1/addressees/112224000000273', headers: everyone.headers });
    expect(detail.statusCode).toBe(200);
    const csv = await t.app.inject({ url: '/api/v1/audit/entries.csv', headers: everyone.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['cache-control']).toBe('no-store');
  });

  it('does not serve /metrics to the network: the main listener has no such route', async () => {
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(404);
  });

  it('sends no HSTS over plain http', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('metrics on a loopback listener', () => {
  let db: Database;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db, { KEITAX_METRICS_PORT: '0' });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('serves Prometheus metrics by route pattern on 127.0.0.1 only, beside the main listener', async () => {
    await t.app.inject('/healthz');
    const address = await t.app.metricsAddress();
    expect(address).toMatchObject({ address: '127.0.0.1' });
    const res = await fetch(`http://127.0.0.1:${address?.port}/metrics`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toMatch(/keitax_http_request_duration_seconds_bucket\{.*route="\/healthz"/);
    expect(body).toContain('keitax_process_cpu_seconds_total');
  });
});

describe('HSTS and static files', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const appWith = async (env: NodeJS.ProcessEnv, webRoot = mkdtempSync(join(tmpdir(), 'keitax-no-web-'))) => {
    const config = loadConfig({ LOG_LEVEL: 'silent', KEITAX_DATA_DIR: mkdtempSync(join(tmpdir(), 'keitax-test-data-')), ...TEST_KEY_ENV, ...env });
    return buildApp({ db, config, keys: loadKeys(config).keys, startedAt: new Date() }, { webRoot, logStream: new PassThrough() });
  };

  it('asks browsers for HTTPS only when the public origin is https', async () => {
    const app = await appWith({ KEITAX_PUBLIC_ORIGIN: 'https://keitax.city.example.lg.jp' });
    const res = await app.inject('/healthz');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    await app.close();
  });

  it('never serves a source map, even one left in the built screens', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'keitax-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>keitax</title>');
    writeFileSync(join(webRoot, 'assets', 'index.js'), 'console.log(1)\n//# sourceMappingURL=index.js.map');
    writeFileSync(join(webRoot, 'assets', 'index.js.map'), '{"version":3,"sources":["../src/secret.ts"]}');
    const app = await appWith({}, webRoot);
    expect((await app.inject('/assets/index.js')).statusCode).toBe(200);
    const map = await app.inject('/assets/index.js.map');
    expect(map.statusCode).toBe(404);
    expect(map.body).not.toContain('secret.ts');
    await app.close();
  });

  it('builds the screens without source maps', () => {
    expect(viteConfig.build?.sourcemap).toBe(false);
  });
});
