import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolDemoStaff, openBrowserSession, type BrowserSession } from './browser.js';

describe('date fields in the browser', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowserSession();
    await enrolDemoStaff(s.page, 'D002');
  });
  afterAll(() => s.close());

  const birthDate = () => s.page.locator('#addressee-birthDate');
  const birthDateError = () => s.page.locator('#addressee-birthDate-error');

  it('refuses an impossible birth date on its field, saves nothing, and registers one typed in 和暦', async () => {
    await s.page.goto('/addressees/new');
    await s.page.locator('#addressee-nameKanji').fill('日付　試子');
    await s.page.getByLabel('フリガナ').fill('ヒヅケ タメシコ');
    await s.page.locator('#addressee-address').fill('東京都足立区架空町3-4-6');
    await s.page.getByLabel('登録の理由').fill('原付の申告(住登外)');

    // What a browser's date box shows as 02/30/2026 is refused on the field, not dropped.
    await birthDate().fill('02/30/2026');
    await s.page.getByRole('button', { name: '登録する' }).click();
    await expect.poll(() => birthDateError().textContent()).toContain('生年月日は 2026-04-01、R8.4.1、令和8年4月1日 などの形で入力してください');
    expect(await birthDate().getAttribute('aria-describedby')).toContain('addressee-birthDate-error');
    expect(new URL(s.page.url()).pathname).toBe('/addressees/new');

    // A day that never existed is answered as soon as the clerk leaves the field, and by the API.
    await birthDate().fill('R8.2.30');
    await birthDate().blur();
    await expect.poll(() => birthDateError().textContent()).toBe('存在しない日付です');
    await birthDate().fill('平成31年5月1日');
    await s.page.getByRole('button', { name: '登録する' }).click();
    await expect.poll(() => birthDateError().textContent()).toBe('存在しない日付です');
    expect(new URL(s.page.url()).pathname).toBe('/addressees/new');

    // 和暦 in full-width digits is read, shown back in 和暦 and saved.
    await birthDate().fill('昭和５５年４月１５日');
    await birthDate().blur();
    await expect.poll(() => s.page.locator('#addressee-birthDate-reading').textContent()).toBe('昭和55年4月15日');
    expect(await birthDateError().count()).toBe(0);
    await s.page.getByRole('button', { name: '登録する' }).click();
    await s.page.getByTestId('addressee-detail').waitFor();
    expect(await s.page.getByTestId('addressee-detail').textContent()).toContain('昭和55年4月15日');
  });

  it('reads a first-inspection month in 和暦 on the tax calculator and names the fiscal year in 和暦', async () => {
    await s.page.goto('/tax/calculator');
    await s.page.getByLabel(/^年度/).fill('2026');
    await s.page.getByLabel(/^車種/).selectOption('kei_four_wheel_passenger');
    await s.page.getByLabel('用途').selectOption('private');
    await s.page.getByLabel('初度検査年月').fill('H25.3');
    await s.page.getByLabel('燃料の種類').selectOption('gasoline');
    await expect.poll(() => s.page.locator('#tax-firstInspection-reading').textContent()).toBe('平成25年3月');
    await s.page.getByRole('button', { name: '計算する' }).click();
    await expect.poll(() => s.page.getByTestId('tax-amount').textContent()).toBe('12,900円');
    expect(await s.page.getByTestId('tax-result').textContent()).toContain('令和8年度');
  });
});
