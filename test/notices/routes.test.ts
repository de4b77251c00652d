import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { MANIFEST_FILE } from '../../src/notices/batch.js';
import { readPdf } from '../certificates/pdf.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { assessOverHttp, signOffChecksOverHttp } from '../support/assessment.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { seedNoticeCity, taxpayersOf } from './city.js';

describe('tax notices over HTTP', () => {
  let db: Database;
  let t: TestApp;
  let supervisor: SignedIn;
  let assessor: SignedIn;
  let clerk: SignedIn;
  let noticeOfA: string;
  const { A, G } = taxpayersOf('112224');

  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers });
  const post = (who: SignedIn, url: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload });
  const japaneseProblem = (response: Awaited<ReturnType<typeof get>>, status: number) => {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    return response.json<{ detail: string }>();
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db, { KEITAX_CONVENIENCE_STORE_COMPANY_CODE: '12345' });
    await db.withMunicipality(t.config.municipalityCode, (trx) => seedNoticeCity(trx, t.config.municipalityCode));
    supervisor = await signInAs(t, db, ['supervisor']);
    assessor = await signInAs(t, db, ['assessor']);
    clerk = await signInAs(t, db, ['counter_clerk']);
    expect(await assessOverHttp(t, supervisor, 2026)).toMatchObject({ status: 'completed', totals: { vehicles: 5 } });
    // Nothing leaves for mailing before the checks are signed off (src/mailing-checks).
    expect(japaneseProblem(await get(supervisor, '/notices/2026/print-data.csv'), 409).detail).toContain('発送前点検');
    expect(japaneseProblem(await post(assessor, '/notices/batches', { fiscalYear: 2026 }), 409).detail).toContain('発送前点検');
    await signOffChecksOverHttp(t, supervisor, 2026);
    const csv = (await get(supervisor, '/notices/2026/print-data.csv')).body;
    noticeOfA = /"(\d{12})","1","納付書","","2026","[^"]*","[^"]*","[^"]*","[^"]*","112224000000001"/.exec(csv)?.[1] ?? '';
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('reprints a notice by its number as a PDF marked 再発行 holding each amount', async () => {
    const response = await get(assessor, `/notices/2026/${noticeOfA}.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['cache-control']).toBe('no-store');
    const text = (await readPdf(response.rawPayload)).map((page) => page.text).join('\n');
    for (const printed of ['再発行', '12,900円', '4,000円', '2,000円', '重課', '048-000-0000', '(91)']) expect(text, printed).toContain(printed);
  });

  it("reprints a taxpayer's notices from the taxpayer's screen", async () => {
    const response = await get(assessor, `/notices/2026/taxpayers/${A}.pdf`);
    expect(response.statusCode).toBe(200);
    expect((await readPdf(response.rawPayload))[0]?.text).toContain(noticeOfA);
  });

  it('answers an unknown notice, a taxpayer without one and a mistyped number in Japanese', async () => {
    expect(japaneseProblem(await get(assessor, '/notices/2026/202699999999.pdf'), 404).detail).toContain('通知書番号 202699999999 の納税通知書はありません');
    expect(japaneseProblem(await get(assessor, `/notices/2026/taxpayers/${G}.pdf`), 404).detail).toContain(`宛名番号 ${G}`);
    expect(JSON.stringify(japaneseProblem(await get(assessor, '/notices/2026/12ab.pdf'), 400))).toContain('通知書番号');
    expect(JSON.stringify(japaneseProblem(await get(assessor, `/notices/にせん/${noticeOfA}.pdf`), 400))).toContain('年度');
  });

  it('refuses a counter clerk the reprint, the batch and the print data, and an assessor the print data', async () => {
    expect((await get(clerk, `/notices/2026/${noticeOfA}.pdf`)).statusCode).toBe(403);
    expect((await get(clerk, `/notices/2026/taxpayers/${A}.pdf`)).statusCode).toBe(403);
    expect((await post(clerk, '/notices/batches', { fiscalYear: 2026 })).statusCode).toBe(403);
    expect((await get(assessor, '/notices/2026/print-data.csv')).statusCode).toBe(403);
  });

  it('gives the print data as CSV to a supervisor', async () => {
    const response = await get(supervisor, '/notices/2026/print-data.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n')).toHaveLength(1 + 5);
  });

  it('prints the batch into the configured folder with a manifest reconciled with the run', async () => {
    const response = await post(assessor, '/notices/batches', { fiscalYear: 2026, perFile: 2 });
    expect(response.statusCode).toBe(200);
    const { outDir, manifest } = response.json<{ outDir: string; manifest: { totals: object } }>();
    expect(outDir.startsWith(join(t.config.dataDir, 'notices'))).toBe(true);
    expect(manifest.totals).toEqual({ files: 2, notices: 3, vehicles: 5, total: 26100 });
    expect(existsSync(join(outDir, MANIFEST_FILE))).toBe(true);
    expect(JSON.stringify(japaneseProblem(await post(assessor, '/notices/batches', { fiscalYear: 2026, perFile: 0 }), 400))).toContain('1ファイルの通知書数');
    expect(japaneseProblem(await post(assessor, '/notices/batches', { fiscalYear: 2027 }), 404).detail).toContain('2027年度の当初賦課はまだ完了していません');
  }, 60_000);
});
