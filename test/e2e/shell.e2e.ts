import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolDemoStaff, openBrowserSession, SCREENSHOTS, type BrowserSession } from './browser.js';

describe('web shell', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowserSession();
    await enrolDemoStaff(s.page, 'D005');
  });
  afterAll(() => s.close());

  it('shows the municipality and the signed-in staff member in the header, and the navigation frame', async () => {
    await s.page.goto('/');
    await expect.poll(() => s.page.getByTestId('municipality-name').textContent()).toBe('埼玉県 越谷市');
    expect(await s.page.getByText('デモデータ(架空)').isVisible()).toBe(true);
    expect(await s.page.getByTestId('staff-name').textContent()).toBe('係長　次郎(D005)');
    const nav = s.page.getByRole('navigation', { name: '機能' });
    expect(await nav.getByText('車両台帳').isVisible()).toBe(true);
    expect(await s.page.locator('html').getAttribute('lang')).toBe('ja');
  });

  it('opens the system status page from the navigation and shows a healthy system', async () => {
    await s.page.getByRole('navigation', { name: '機能' }).getByRole('link', { name: 'システム状態' }).click();
    await s.page.waitForURL('**/system/status');
    await expect.poll(() => s.page.getByTestId('health').textContent()).toContain('正常に稼働しています');
    const table = s.page.getByTestId('status-table');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('組み込み PostgreSQL (PGlite)');
    expect(text).toMatch(/令和\d+年\d+月\d+日/);
    expect(text).toMatch(/車両の件数\(最新世代\)\d{3}件/);
    await s.page.screenshot({ path: `${SCREENSHOTS}/system-status.png`, fullPage: true });
  });

  it('serves a deep link to a screen directly', async () => {
    const response = await s.page.goto('/system/status');
    expect(response?.status()).toBe(200);
    await s.page.getByRole('heading', { name: 'システム状態' }).waitFor();
  });

  it('shows a Japanese page for an unknown address', async () => {
    await s.page.goto('/no/such/screen');
    await s.page.getByRole('heading', { name: 'ページが見つかりません' }).waitFor();
  });
});
