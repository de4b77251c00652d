import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolDemoStaff, openBrowserSession, SCREENSHOTS, type BrowserSession } from './browser.js';

describe('tax calculator screen', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowserSession();
    await enrolDemoStaff(s.page, 'D002');
  });
  afterAll(() => s.close());

  /** A private passenger kei car of the given fiscal year, first inspection and fuel. */
  async function fillPassengerCar(fiscalYear: string, firstInspection: string, fuel: string) {
    await s.page.getByLabel(/^年度/).fill(fiscalYear);
    await s.page.getByLabel(/^車種/).selectOption('kei_four_wheel_passenger');
    await s.page.getByLabel('用途').selectOption('private');
    await s.page.getByLabel('初度検査年月').fill(firstInspection);
    await s.page.getByLabel('燃料の種類').selectOption(fuel);
  }

  it('is reached from the navigation and computes a heavy-rate example with its explanation and sources', async () => {
    await s.page.goto('/');
    await s.page.getByRole('navigation', { name: '機能' }).getByRole('link', { name: '税額計算' }).click();
    await s.page.waitForURL('**/tax/calculator');
    await fillPassengerCar('2026', '2013-03', 'gasoline');
    await s.page.getByLabel('初度検査年月').press('Enter');
    await expect.poll(() => s.page.getByTestId('tax-amount').textContent()).toBe('12,900円');
    expect(await s.page.getByTestId('tax-rate-case').textContent()).toBe('重課(経年車)');
    expect(await s.page.getByTestId('tax-explanation').textContent()).toContain('14年を経過');
    expect(await s.page.getByTestId('tax-result').textContent()).toContain('地方税法附則第30条第1項');
    expect(await s.page.evaluate(() => document.activeElement?.id)).toBe('tax-result-heading');
    await s.page.screenshot({ path: `${SCREENSHOTS}/tax-calculator.png`, fullPage: true });
  });

  it('says in words when a result is provisional, and nothing of confidence on a confirmed heavy rate', async () => {
    await s.page.goto('/tax/calculator');
    await fillPassengerCar('2027', '2026-06', 'electric');
    await s.page.getByRole('button', { name: '計算する' }).click();
    await expect.poll(() => s.page.getByTestId('tax-amount').textContent()).toBe('2,700円(暫定)');
    expect(await s.page.getByTestId('tax-cautions').textContent()).toContain('この結果は暫定です。');
    await fillPassengerCar('2026', '2013-03', 'gasoline');
    await s.page.getByRole('button', { name: '計算する' }).click();
    await expect.poll(() => s.page.getByTestId('tax-amount').textContent()).toBe('12,900円');
    expect(await s.page.getByTestId('tax-cautions').count()).toBe(0);
    expect(await s.page.getByTestId('tax-result').textContent()).not.toContain('未確認');
  });

  it('shows the field the API refuses next to that field, tied by aria-describedby', async () => {
    await s.page.goto('/tax/calculator');
    await s.page.getByLabel(/^年度/).fill('2026');
    await s.page.getByLabel(/^車種/).selectOption('moped_class2_ko');
    await s.page.getByLabel('総排気量(cc)').fill('50');
    await s.page.getByRole('button', { name: '計算する' }).click();
    const input = s.page.locator('#tax-displacementCc');
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    const error = s.page.locator(`#${describedBy.split(' ').find((id) => id.endsWith('-error'))}`);
    expect(await error.textContent()).toContain('矛盾します');
    expect(await s.page.evaluate(() => document.activeElement?.id)).toBe('tax-displacementCc');
    expect(await s.page.getByRole('alert').textContent()).toContain('入力内容に誤りがあります');
    expect(await s.page.getByText('※必須').count()).toBe(2);
  });
});
