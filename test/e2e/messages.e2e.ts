import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolDemoStaff, openBrowserSession, type BrowserSession } from './browser.js';

/** Messages in a clerk's words on screen: the field's label, the limit in characters, the choices in Japanese. */
describe('form messages', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowserSession();
    await enrolDemoStaff(s.page, 'D002');
  });
  afterAll(() => s.close());

  const errorOf = async (id: string) => {
    const input = s.page.locator(`#${id}`);
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    return s.page.locator(`#${describedBy.split(' ').find((part) => part.endsWith('-error'))}`).textContent();
  };

  it('names an empty required field, says the limit as the clerk types, and refuses emoji', async () => {
    await s.page.goto('/addressees/new');
    await s.page.getByRole('button', { name: /登録/ }).click();
    expect(await errorOf('addressee-nameKanji')).toBe('氏名を入力してください');
    expect(await errorOf('addressee-address')).toBe('住所を入力してください');
    expect(await s.page.locator('body').textContent()).not.toMatch(/期待されました|undefined|string/);

    await s.page.locator('#addressee-nameKanji').fill('山'.repeat(101));
    expect(await errorOf('addressee-nameKanji')).toBe('氏名は100文字以内で入力してください');
    await s.page.locator('#addressee-nameKanji').fill('😀　絵文字');
    expect(await errorOf('addressee-nameKanji')).toContain('氏名に使えない文字「😀」があります');
    // Rare name kanji are no typing error (what stays is the refusal of the last submission).
    await s.page.locator('#addressee-nameKanji').fill('𠮷田　髙﨑');
    expect(await errorOf('addressee-nameKanji')).toBe('氏名を入力してください');
  });

  it('takes a fiscal year in full-width digits', async () => {
    await s.page.goto('/tax/calculator');
    await s.page.getByLabel(/^年度/).fill('２０２６');
    await s.page.getByLabel(/^車種/).selectOption('moped_class1');
    await s.page.getByRole('button', { name: '計算する' }).click();
    await expect.poll(() => s.page.getByTestId('tax-amount').textContent()).toBe('2,000円');
  });
});
