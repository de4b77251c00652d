import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolDemoStaff, openBrowserSession, SCREENSHOTS, type BrowserSession } from './browser.js';

describe('当初賦課 screen', () => {
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
});
