import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf, japanToday } from '../../src/shared/dates.js';
import { assessThroughApi, enrolDemoStaff, openBrowserSession, SCREENSHOTS, type BrowserSession } from './browser.js';

describe('tax ledger screen (課税台帳・課税状況調)', () => {
  let s: BrowserSession;
  const fiscalYear = fiscalYearOf(japanToday());
  let levied: { vehicles: number; amount: number };

  beforeAll(async () => {
    s = await openBrowserSession();
    await enrolDemoStaff(s.page, 'D005');
    // The demo city assessed through the API, and the levies' own sums as the assessment recomputes them.
    expect((await assessThroughApi(s.page, fiscalYear)).status).toBe('completed');
    levied = await s.page.evaluate(async (year) => {
      const reconciliation = (await (await fetch(`/api/v1/assessments/reconciliation/${year}`)).json()) as { recomputed: { vehicles: number; amount: number } };
      return reconciliation.recomputed;
    }, fiscalYear);
  });
  afterAll(() => s.close());

  it('shows the survey of the assessed demo city, its total the sum of the levies, and downloads the ledger as CSV', async () => {
    expect(levied.vehicles).toBeGreaterThan(0);
    await s.page.goto('/');
    await s.page.getByRole('navigation', { name: '機能' }).getByRole('link', { name: '課税台帳・課税状況調' }).click();
    await s.page.waitForURL('**/tax-ledger');
    await s.page.getByTestId('survey-table').waitFor();
    const total = s.page.getByTestId('survey-total-amount');
    expect(await total.textContent()).toBe(`${levied.vehicles.toLocaleString('ja-JP')}台${levied.amount.toLocaleString('ja-JP')}円`);
    expect(await s.page.getByTestId('survey-levies').textContent()).toContain(`${levied.amount.toLocaleString('ja-JP')}円`);
    await s.page.screenshot({ path: `${SCREENSHOTS}/tax-ledger.png`, fullPage: true });

    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('ledger-csv').click()]);
    expect(download.suggestedFilename()).toBe(`課税台帳_${fiscalYear}_全件.csv`);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF"年度","通知書番号"')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(levied.vehicles + 1);
  });

  it('searches the ledger by notice number and shows the levies of that notice', async () => {
    await s.page.getByRole('button', { name: '検索' }).click();
    const table = s.page.getByTestId('ledger-table');
    await table.waitFor();
    const firstNotice = (await table.locator('tbody tr td').first().textContent()) ?? '';
    expect(firstNotice).toMatch(/^\d{12}$/);
    await s.page.getByLabel('通知書番号').fill(firstNotice);
    await s.page.getByRole('button', { name: '検索' }).click();
    await expect.poll(async () => (await table.locator('tbody tr td:first-child').allTextContents()).every((notice) => notice === firstNotice)).toBe(true);
  });
});
