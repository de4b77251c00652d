import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../certificates/pdf.js';
import { assessThroughApi, enrolDemoStaff, openBrowserSession, SCREENSHOTS, type BrowserSession } from './browser.js';

const FISCAL_YEAR = 2026;

describe("a taxpayer's notice reprinted from the taxpayer's screen, in the browser", () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowserSession();
  });
  afterAll(() => s.close());

  it('assesses the demo city through the API, then a clerk downloads one taxpayer’s notice marked 再発行 with its amount', async () => {
    const { page } = s;
    await enrolDemoStaff(page, 'D001');
    // The assessment and the first notice's number, through the API as the signed-in clerk.
    const run = await assessThroughApi(page, FISCAL_YEAR);
    expect(run.status).toBe('completed');
    expect(run.totals.vehicles).toBeGreaterThan(0);
    const first = await page.evaluate(async (fiscalYear) => {
      const pdf = await fetch(`/api/v1/notices/${fiscalYear}/${fiscalYear}00000001.pdf`);
      return { status: pdf.status, bytes: [...new Uint8Array(await pdf.arrayBuffer())] };
    }, FISCAL_YEAR);
    expect(first.status).toBe(200);
    const firstText = (await readPdf(new Uint8Array(first.bytes))).map((p) => p.text).join('\n');
    const addresseeNo = /宛名番号 (\d{15})/.exec(firstText)?.[1] ?? '';
    const total = /この通知書の税額の合計 \d+台 [\d,]+円/.exec(firstText)?.[0] ?? '';
    expect(total).not.toBe('');

    await page.goto(`/addressees/${addresseeNo}`);
    await page.getByTestId('addressee-detail').waitFor();
    await page.getByRole('button', { name: '納税通知書(令和8年度)を再発行' }).click();
    const link = page.getByTestId('notice-reprint-pdf');
    await link.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/notice-reprint.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`notice-${FISCAL_YEAR}-${addresseeNo}-reprint.pdf`);
    const pages = await readPdf(new Uint8Array(readFileSync(await download.path())));
    for (const printed of pages.map((p) => p.text)) {
      expect(printed).toContain('再発行');
      expect(printed).toContain(total);
      expect(printed).toContain(addresseeNo);
    }
  }, 180_000);
});
