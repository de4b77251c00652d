import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../certificates/pdf.js';
import { enrolDemoStaff, openBrowserSession, SCREENSHOTS, type BrowserSession } from './browser.js';

describe('当初賦課 screen, the checks before mailing and a notice', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowserSession();
    await enrolDemoStaff(s.page, 'D005');
  });
  afterAll(() => s.close());

  it('lets a supervisor preview the demo city, run it with live progress, and see the history and 照合 一致', async () => {
    await s.page.goto('/');
    await s.page.getByRole('navigation', { name: '機能' }).getByRole('link', { name: '当初賦課' }).click();
    await s.page.waitForURL('**/assessment');
    await s.page.getByLabel(/^年度/).fill('2026');
    expect(await s.page.getByText('令和8年度').first().textContent()).toContain('令和8年度');

    await s.page.getByRole('button', { name: '試算', exact: true }).click();
    const preview = s.page.getByTestId('preview-table');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('軽自動車 四輪乗用 自家用');
    expect(await preview.textContent()).toContain('[税率] 重課(経年車)');

    await s.page.getByLabel('標準税率に対する倍率').fill('1.5');
    await s.page.getByRole('button', { name: 'この税率で試算' }).click();
    await expect.poll(() => s.page.getByTestId('what-if-summary').textContent(), { timeout: 20_000 }).toMatch(/税収の差: \+[\d,]+円。税額が増える納税義務者 [\d,]+人、減る納税義務者 0人/);

    s.page.once('dialog', (dialog) => void dialog.accept());
    await s.page.getByRole('button', { name: '当初賦課を実行' }).click();
    await expect.poll(() => s.page.getByTestId('run-progress').textContent(), { timeout: 30_000 }).toMatch(/完了 (\d+)\/\1台/);
    await expect.poll(() => s.page.getByTestId('reconciliation').textContent(), { timeout: 10_000 }).toContain('照合: 一致');
    const history = await s.page.getByTestId('run-history').textContent();
    expect(history).toContain('当初賦課');
    expect(history).toContain('完了');
    expect(history).toContain('係長');
    await s.page.screenshot({ path: `${SCREENSHOTS}/assessment.png`, fullPage: true });
  });

  it('lets the supervisor review every check before mailing and sign them off, releasing the notices', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: '機能' }).getByRole('link', { name: '発送前点検' }).click();
    await page.waitForURL('**/mailing-checks');
    await page.getByRole('button', { name: '点検を実行' }).click();
    await page.getByTestId('findings').waitFor();
    // The demo city holds suspicious vehicles on purpose (src/demo/generate.ts): each rule found something to look at.
    expect(await page.getByTestId('rule-counts').textContent()).toMatch(/[1-9]/);
    expect(await page.getByTestId('release-state').textContent()).toContain('未決裁');
    expect(await page.getByRole('button', { name: '決裁(発送を承認)' }).isDisabled()).toBe(true);
    const forms = page.getByRole('form', { name: /^指摘 \d+ の確認$/ });
    for (let left = await forms.count(); left > 0; left -= 1) {
      const form = forms.first();
      await form.getByLabel('確認メモ').fill('車検証と照合済み');
      await form.getByRole('button', { name: '確認済みにする' }).click();
      await expect.poll(() => forms.count(), { timeout: 20_000 }).toBe(left - 1);
    }
    await page.getByRole('button', { name: '決裁(発送を承認)' }).click();
    await expect.poll(() => page.getByTestId('release-state').textContent(), { timeout: 20_000 }).toContain('決裁済み');
    await page.screenshot({ path: `${SCREENSHOTS}/mailing-checks.png`, fullPage: true });
  });

  it("opens one taxpayer's notice from the taxpayer's screen, the PDF holding the amount levied", async () => {
    const { page } = s;
    const first = await page.evaluate(async () => {
      const ledger = (await (await fetch('/api/v1/tax-ledger/2026/levies')).json()) as { entries: { addresseeNo: string; amount: number }[] };
      return ledger.entries[0]!;
    });
    await page.goto(`/addressees/${first.addresseeNo}`);
    await page.getByTestId('addressee-detail').waitFor();
    await page.getByRole('button', { name: '納税通知書(令和8年度)を再発行' }).click();
    const link = page.getByTestId('notice-reprint-pdf');
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const text = (await readPdf(new Uint8Array(readFileSync(await download.path())))).map((p) => p.text).join('\n');
    expect(text).toContain('納税通知書');
    expect(text).toContain(first.addresseeNo);
    expect(text).toContain(`${first.amount.toLocaleString('ja-JP')}円`);
  });
});
