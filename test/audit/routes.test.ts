import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { japanToday } from '../../src/shared/dates.js';
import { appPerSuite, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';

describe("the auditor's view of the audit log", () => {
  let db: Database;
  let t: TestApp;
  let auditor: SignedIn;
  let clerk: SignedIn;

  appPerSuite(async (app, database) => {
    [t, db] = [app, database];
    auditor = await signInAs(t, db, ['auditor'], 'AUD01');
    clerk = await signInAs(t, db, ['counter_clerk'], 'CLK01');
    // The clerk is refused the staff list twice: two entries about CLK01.
    await t.app.inject({ url: '/api/v1/staff', headers: clerk.headers });
    await t.app.inject({ url: '/api/v1/staff', headers: clerk.headers });
  });

  const get = (url: string, headers = auditor.headers) => t.app.inject({ url, headers });

  it('finds what a staff member did, newest first, and records the search', async () => {
    const res = await get('/api/v1/audit/entries?staffNo=CLK01');
    expect(res.statusCode).toBe(200);
    const entries = res.json();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ staffNo: 'CLK01', operation: 'staff.admin', result: 'denied' });
    expect(entries[0].seq).toBeGreaterThan(entries[1].seq);
    const search = (await get('/api/v1/audit/entries?operation=audit.search&limit=1')).json()[0];
    expect(search).toMatchObject({ staffNo: 'AUD01', result: 'succeeded', rowCount: 2, detail: { criteria: ['staffNo'] } });
  });

  it('finds who touched a subject, by period', async () => {
    const today = japanToday();
    expect((await get(`/api/v1/audit/entries?result=denied&from=${today}&to=${today}`)).json().length).toBeGreaterThanOrEqual(2);
    expect((await get('/api/v1/audit/entries?result=denied&from=2001-01-01&to=2001-12-31')).json()).toEqual([]);
  });

  it('says in Japanese what is wrong with a search', async () => {
    const res = await get('/api/v1/audit/entries?from=2026-13-01&limit=5000');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['querystring.from', 'querystring.limit']);
  });

  it('exports the log as CSV for an external audit, as a recorded export', async () => {
    const res = await get('/api/v1/audit/entries.csv?staffNo=CLK01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    expect(res.body.split('\r\n')[1]).toMatch(/"CLK01".*"拒否"/);
    expect((await get('/api/v1/audit/entries?operation=audit.export&limit=1')).json()[0]).toMatchObject({ rowCount: 2 });
  });

  it('verifies the chain on request and signs a checkpoint', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/audit/checkpoints', headers: auditor.headers })).json()).toMatchObject({ seq: expect.any(Number) });
    const report = (await get('/api/v1/audit/verification')).json();
    expect(report).toMatchObject({ ok: true, checkpoints: 1, problems: [] });
    // The server witnesses every committed head beside the checkpoints (ADR 0009).
    expect(report.witnessedSeq).toBeGreaterThan(0);
  });

  it('keeps the log from everyone but auditors', async () => {
    expect((await get('/api/v1/audit/entries', clerk.headers)).statusCode).toBe(403);
  });
});
