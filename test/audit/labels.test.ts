import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_OPERATIONS } from '../../src/access/operation-catalog.js';
import { PERMISSIONS } from '../../src/access/permissions.js';
import { AUDIT_OPERATION_LABELS, auditOperationLabel } from '../../src/audit/model.js';
import type { Database } from '../../src/db/database.js';
import { appPerSuite, type TestApp } from '../support/app.js';
import { signInAs } from '../support/auth.js';

const SRC = new URL('../../src/', import.meta.url).pathname;
const source = (dir: string): string =>
  readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? source(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? readFileSync(path, 'utf8') : ''))
    .join('\n');

/** Every operation code the code writes into the audit log: the operation specs, literal ones, sign-in ones, and the resident review's actions. */
function operationCodes(): string[] {
  const code = source(SRC);
  const specs = ALL_OPERATIONS.map((spec) => spec.operation);
  const literal = [...code.matchAll(/operation: '([^']+)'/g)].map((m) => m[1]!);
  const signIn = [...code.matchAll(/'(auth\.[a-z_]+)'/g)].map((m) => m[1]!);
  const periodEnds = [...code.matchAll(/'(addressee\.[A-Za-z]+\.end)'/g)].map((m) => m[1]!);
  const reviews = [...code.matchAll(/z\.literal\('(apply|register|dismiss)'\)/g)].map((m) => `resident.review.${m[1]!}`);
  return [...new Set([...specs, ...literal, ...signIn, ...periodEnds, ...reviews])];
}

describe('audit operation labels', () => {
  it('names every operation the code records in Japanese', () => {
    const codes = operationCodes();
    expect(codes.length).toBeGreaterThan(40);
    const unlabelled = codes.filter((code) => !(code in AUDIT_OPERATION_LABELS) && !(code in PERMISSIONS));
    expect(unlabelled).toEqual([]);
    for (const code of codes) expect(auditOperationLabel(code)).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('names a refusal at the door by its permission, and leaves an unknown code as it is', () => {
    expect(auditOperationLabel('auth.sign_in')).toBe('サインイン');
    expect(auditOperationLabel('addressee.read')).toBe('宛名の照会');
    expect(auditOperationLabel('no.such.code')).toBe('no.such.code');
  });
});

describe('the audit CSV', () => {
  let db: Database;
  let t: TestApp;
  appPerSuite((app, database) => {
    [t, db] = [app, database];
  });

  it('names each operation in Japanese beside its code', async () => {
    const auditor = await signInAs(t, db, ['auditor']);
    await t.app.inject({ url: '/api/v1/audit/entries', headers: auditor.headers });
    const csv = (await t.app.inject({ url: '/api/v1/audit/entries.csv', headers: auditor.headers })).body;
    expect(csv.split('\r\n')[0]).toContain('"操作","操作コード"');
    expect(csv).toContain('"監査ログの検索","audit.search"');
  });
});
