import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPermissionsDoc } from '../../src/access/permissions-doc.js';
import { requiredPermissions, type Permission } from '../../src/access/permissions.js';
import { ROLE_CODES, ROLES } from '../../src/access/roles.js';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';

describe('roles and the routes they may use', () => {
  let db: Database;
  let t: TestApp;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    for (const role of ROLE_CODES) sessions.set(role, await signInAs(t, db, [role]));
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('documents every role, permission and route in docs/permissions.md (npm run docs:permissions)', () => {
    const committed = readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
    expect(renderPermissionsDoc(t.app.declaredRoutes())).toBe(committed);
  });

  it('gives no role a permission it lacks, on any route (the full matrix)', async () => {
    const guarded = t.app.declaredRoutes().filter((r) => r.method !== 'HEAD' && r.permission && requiredPermissions(r.permission).length > 0);
    expect(guarded.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const role of ROLE_CODES) {
      const held = ROLES[role].permissions as readonly Permission[];
      for (const route of guarded) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: route.url.replace(/:(\w+)/g, 'X0000'),
          headers: sessions.get(role)!.headers,
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        const refused = res.statusCode === 403;
        const allowed = requiredPermissions(route.permission!).every((p) => held.includes(p));
        if (refused === allowed) wrong.push(`${role} ${route.method} ${route.url} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000); // every route × every role: the slowest test of the suite, and it grows with each route

  it('keeps duties apart: the administrator sees no tax data, the auditor no personal data, the contractor no individual numbers', () => {
    const has = (role: keyof typeof ROLES, permission: Permission) => (ROLES[role].permissions as readonly Permission[]).includes(permission);
    expect(has('system_admin', 'vehicle.read') || has('system_admin', 'addressee.read') || has('system_admin', 'levy.read')).toBe(false);
    expect(has('auditor', 'addressee.read') || has('auditor', 'vehicle.read')).toBe(false);
    expect(has('contractor', 'addressee.individualNumber.reveal')).toBe(false);
    expect(has('counter_clerk', 'addressee.individualNumber.reveal')).toBe(false);
    expect(ROLE_CODES.filter((role) => has(role, 'data.export'))).toEqual(['supervisor', 'auditor']);
  });
});
