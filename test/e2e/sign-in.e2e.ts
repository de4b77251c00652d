import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolDemoStaff, openBrowserSession, SCREENSHOTS, signIn, type BrowserSession } from './browser.js';

describe('sign-in with password and passkey (virtual authenticator)', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowserSession();
  });
  afterAll(() => s.close());

  it('enrols a passkey with the password and the enrolment code, and lands on the home screen', async () => {
    await enrolDemoStaff(s.page, 'D002');
    await s.page.getByRole('heading', { name: 'ホーム' }).waitFor();
    expect(await s.page.getByTestId('staff-name').textContent()).toBe('北部　窓口(D002)');
  });

  it('signs out, then signs in with password and passkey', async () => {
    await s.page.getByRole('button', { name: 'サインアウト' }).click();
    await s.page.getByRole('heading', { name: 'サインイン' }).waitFor();
    await s.page.screenshot({ path: `${SCREENSHOTS}/sign-in.png` });
    await signIn(s.page, 'D002');
    await s.page.getByRole('heading', { name: 'ホーム' }).waitFor();
  });

  it('refuses the password alone: without the biometric check there is no sign-in', async () => {
    await s.page.getByRole('button', { name: 'サインアウト' }).click();
    await s.authenticator.cdp.send('WebAuthn.setUserVerified', { authenticatorId: s.authenticator.id, isUserVerified: false });
    await signIn(s.page, 'D002');
    await expect.poll(() => s.page.getByRole('alert').textContent()).toMatch(/生体認証|いずれかが正しくありません/);
    expect(await s.page.getByTestId('staff-name').count()).toBe(0);
    await s.authenticator.cdp.send('WebAuthn.setUserVerified', { authenticatorId: s.authenticator.id, isUserVerified: true });
  });

  it('refuses a wrong password with the same message whatever failed', async () => {
    await signIn(s.page, 'D002', 'wrong-password-000');
    await expect.poll(() => s.page.getByRole('alert').textContent()).toContain('職員番号・パスワード・生体認証(パスキー)のいずれかが正しくありません');
  });

  it('shows the counter clerk only what a counter clerk may use', async () => {
    await signIn(s.page, 'D002');
    await s.page.getByRole('heading', { name: 'ホーム' }).waitFor();
    const nav = s.page.getByRole('navigation', { name: '機能' });
    expect(await nav.getByText('監査ログ').count()).toBe(0);
    expect(await nav.getByText('職員・権限').count()).toBe(0);
    const refused = await s.page.request.get('/api/v1/audit/entries');
    expect(refused.status()).toBe(403);
  });
});

describe('administration and audit screens', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowserSession();
  });
  afterAll(() => s.close());

  it('lets the administrator create an account and shows its enrolment code once', async () => {
    await enrolDemoStaff(s.page, 'D009');
    await s.page.getByRole('link', { name: '職員・権限' }).click();
    await s.page.getByText('職員を登録する').click();
    await s.page.getByLabel('職員番号').fill('N0100');
    await s.page.getByLabel('氏名').fill('新任　職員');
    await s.page.getByLabel('所属(課・係・委託先)').fill('南部出張所');
    await s.page.getByLabel('初期パスワード').fill('password');
    await s.page.getByLabel('窓口担当(出張所)').check();
    await s.page.getByRole('button', { name: '登録して登録コードを発行' }).click();
    await expect.poll(() => s.page.locator('.field__error').first().textContent()).toMatch(/12文字以上|よく使われている/);
    await s.page.getByLabel('初期パスワード').fill('harbor-quiet-lantern-31');
    await s.page.getByRole('button', { name: '登録して登録コードを発行' }).click();
    await expect.poll(() => s.page.getByTestId('enrollment-code').textContent()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // The list reloads after the code is shown: wait for it rather than read it at once.
    await expect.poll(() => s.page.getByTestId('staff-table').textContent(), { timeout: 10_000 }).toContain('N0100');
    await s.page.screenshot({ path: `${SCREENSHOTS}/staff-admin.png`, fullPage: true });
  });

  it("lets the auditor find the administrator's actions and verify the log", async () => {
    await s.page.getByRole('button', { name: 'サインアウト' }).click();
    await enrolDemoStaff(s.page, 'D008');
    await s.page.getByRole('link', { name: '監査ログ' }).click();
    await s.page.getByLabel('職員番号').fill('D009');
    await s.page.getByRole('button', { name: '検索' }).click();
    await expect.poll(() => s.page.getByTestId('audit-table').textContent()).toContain('staff.create');
    await s.page.getByRole('button', { name: '検査する' }).click();
    await expect.poll(() => s.page.getByTestId('verify-report').textContent()).toContain('改ざんは見つかりませんでした');
    await s.page.screenshot({ path: `${SCREENSHOTS}/audit.png`, fullPage: true });
  });
});
