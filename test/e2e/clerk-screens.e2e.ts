import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../src/demo/generate.js';
import { enrolDemoStaff, openBrowserSession, SCREENSHOTS, signIn, type BrowserSession } from './browser.js';

const city = generateDemoCity();
const withNumber = city.addressees.find((a) => a.kind === 'resident' && a.status === 'active' && city.integratedAddressees.some((i) => i.integratedAddresseeNo === a.integratedAddresseeNo && i.individualNumber))!;

/** What has the keyboard focus: its tag, and its test id or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return { tag: element?.tagName ?? '', testId: element?.dataset.testid ?? '', text: element?.textContent ?? '' };
  });

const nav = (page: Page) => page.getByRole('navigation', { name: '機能' });

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByRole('heading', { name: 'サインイン' }).waitFor();
}

describe('what clerks meet on screen', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowserSession();
  });
  afterAll(() => s.close());

  it('shows the contractor and the auditor only what their role may use, and answers a screen opened by URL without the permission', async () => {
    await enrolDemoStaff(s.page, 'D010');
    expect(await nav(s.page).getByText('税額計算').count()).toBe(0);
    expect(await nav(s.page).getByText('宛名', { exact: true }).count()).toBe(0);
    expect(await nav(s.page).getByText('車両台帳').count()).toBe(0);
    await s.page.goto('/tax/calculator');
    await s.page.getByRole('heading', { name: 'この画面を使う権限がありません' }).waitFor();
    expect(await s.page.locator('main').textContent()).toContain('「税額計算(個人情報を含まない)」の権限が必要です');
    expect(await s.page.locator('main form').count()).toBe(0);
    await s.page.screenshot({ path: `${SCREENSHOTS}/forbidden-screen.png`, fullPage: true });
    await signOut(s.page);

    await enrolDemoStaff(s.page, 'D008');
    expect(await nav(s.page).getByText('税額計算').count()).toBe(0);
    expect(await nav(s.page).getByText('監査ログ').count()).toBe(1);
    await s.page.goto('/admin/staff');
    await s.page.getByRole('heading', { name: 'この画面を使う権限がありません' }).waitFor();
    await signOut(s.page);
  });

  it('moves the focus to the main heading after navigation, and to the error summary when a form is refused', async () => {
    await enrolDemoStaff(s.page, 'D009');
    expect(await nav(s.page).getByText('税額計算').count()).toBe(0);
    await nav(s.page).getByRole('link', { name: '職員・権限' }).click();
    await expect.poll(() => focused(s.page)).toMatchObject({ tag: 'H1', text: '職員・権限' });

    await s.page.getByText('職員を登録する').click();
    await s.page.getByRole('button', { name: '登録して登録コードを発行' }).click();
    await expect.poll(() => focused(s.page)).toMatchObject({ testId: 'error-summary' });
    // The summary links each message to its field.
    await s.page.getByTestId('error-summary').getByRole('link').first().click();
    expect((await focused(s.page)).tag).toBe('INPUT');
  });

  it('keeps the last system administrator and separates duties on the staff screen, saying why', async () => {
    await s.page.getByTestId('staff-table').getByRole('link', { name: 'D009' }).click();
    await expect.poll(() => focused(s.page)).toMatchObject({ tag: 'H1', text: '管理　六郎(D009)' });
    await s.page.getByLabel('監査担当').check();
    await s.page.getByRole('button', { name: '役割を保存' }).click();
    await expect.poll(() => focused(s.page)).toMatchObject({ testId: 'error-summary' });
    expect((await focused(s.page)).text).toContain('「システム管理者」と「監査担当」を兼ねることはできません');

    await s.page.getByLabel('監査担当').uncheck();
    await s.page.getByLabel('システム管理者').uncheck();
    await s.page.getByLabel('窓口担当(出張所)').check();
    await s.page.getByRole('button', { name: '役割を保存' }).click();
    await expect.poll(async () => (await focused(s.page)).text).toContain('システム管理者が一人もいなくなります');
    expect(await s.page.locator('#edit-roles-error').textContent()).toContain('最後のシステム管理者');
    await s.page.screenshot({ path: `${SCREENSHOTS}/staff-last-admin.png`, fullPage: true });
    await s.page.reload();
    await s.page.getByRole('heading', { name: '管理　六郎(D009)' }).waitFor();
    expect(await s.page.getByLabel('システム管理者').isChecked()).toBe(true);
  });

  it('marks never-used accounts in the inventory as 未使用 with their age, not dormant', async () => {
    await nav(s.page).getByRole('link', { name: 'ユーザーID棚卸し' }).click();
    const table = s.page.getByTestId('inventory-table');
    await table.waitFor();
    const rowOf = (staffNo: string) => table.getByRole('row').filter({ has: s.page.getByRole('cell', { name: staffNo, exact: true }) });
    expect(await rowOf('D003').textContent()).toContain('未使用(本日作成)');
    expect(await table.textContent()).not.toContain('休眠');
    expect(await rowOf('D009').textContent()).not.toContain('未使用');
    await s.page.screenshot({ path: `${SCREENSHOTS}/inventory.png`, fullPage: true });
  });

  it('clears a second tab once the session ends in the first', async () => {
    const second = await s.page.context().newPage();
    try {
      await second.goto('/admin/staff');
      await second.getByTestId('staff-table').waitFor();
      await signOut(s.page);
      await second.getByRole('heading', { name: 'サインイン' }).waitFor({ timeout: 5000 });
      expect(await second.getByTestId('staff-table').count()).toBe(0);
      expect(await second.getByRole('status').first().textContent()).toContain('別のタブまたはウィンドウでセッションが終了した');
    } finally {
      await second.close();
    }
  });

  it('shows the auditor operations in Japanese, times in 和暦 Japan time, and the typed reason of a reveal', async () => {
    await enrolDemoStaff(s.page, 'D001');
    await s.page.goto(`/addressees/${withNumber.addresseeNo}`);
    await s.page.getByRole('button', { name: '個人番号を表示' }).click();
    await s.page.getByLabel('具体的な理由').fill('納税義務者本人からの電話照会に回答');
    await s.page.getByRole('button', { name: '表示する' }).click();
    await s.page.getByTestId('revealed-individual-number').waitFor();
    await s.page.getByRole('button', { name: '閉じる(伏せる)' }).click();
    await signOut(s.page);

    await signIn(s.page, 'D008');
    await nav(s.page).getByRole('link', { name: '監査ログ' }).click();
    await s.page.getByLabel('対象の番号').fill(withNumber.addresseeNo);
    await s.page.getByRole('button', { name: '検索' }).click();
    const table = s.page.getByTestId('audit-table');
    await expect.poll(() => table.textContent()).toContain('個人番号の表示');
    expect(await table.textContent()).toMatch(/令和\d+年\d+月\d+日 \d{2}:\d{2}/);
    await table.getByRole('button', { name: '理由の文言を表示' }).first().click();
    await expect.poll(() => table.getByTestId('reveal-reason').first().textContent()).toBe('理由: 納税義務者本人からの電話照会に回答');

    await s.page.getByLabel('対象の番号').fill('');
    await s.page.getByLabel('職員番号').fill('D009');
    await s.page.getByRole('button', { name: '検索' }).click();
    await expect.poll(() => table.textContent()).toContain('職員の役割の変更');
    // A narrow column keeps a word whole: the operation cell is wider than one character.
    const operationCell = table.getByRole('cell', { name: /職員の役割の変更/ }).first();
    expect((await operationCell.boundingBox())!.width).toBeGreaterThan(100);
    await s.page.setViewportSize({ width: 800, height: 800 });
    expect((await operationCell.boundingBox())!.width).toBeGreaterThan(100);
    await s.page.screenshot({ path: `${SCREENSHOTS}/audit-narrow.png`, fullPage: true });
    await s.page.setViewportSize({ width: 1280, height: 800 });
    await s.page.getByRole('button', { name: '検査する' }).click();
    await expect.poll(() => s.page.getByTestId('verify-report').textContent()).toContain('改ざんは見つかりませんでした');
    await s.page.screenshot({ path: `${SCREENSHOTS}/audit-japanese.png`, fullPage: true });
  });
});
