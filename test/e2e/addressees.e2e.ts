import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../src/demo/generate.js';
import { halfWidthKana } from '../support/kana.js';
import { residentChangeCsv, arrival } from '../support/residents.js';
import { enrolDemoStaff, openBrowserSession, SCREENSHOTS, type BrowserSession } from './browser.js';

const city = generateDemoCity();
/** A demo resident with a mail-free, ordinary record: the one the clerk looks for. */
const person = city.addressees.find((a) => a.kind === 'resident' && a.status === 'active' && a.nameKana.includes('\u3000'))!;
const personNumber = city.integratedAddressees.find((i) => i.integratedAddresseeNo === person.integratedAddresseeNo)!.individualNumber!;

describe('tax addressees in the browser', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowserSession();
  });
  afterAll(() => s.close());

  it('lets a counter clerk find a person by half-width kana and open the detail, the individual number masked', async () => {
    await enrolDemoStaff(s.page, 'D002');
    await s.page.getByRole('navigation', { name: '機能' }).getByRole('link', { name: '宛名', exact: true }).click();
    await s.page.getByRole('heading', { name: '宛名の検索' }).waitFor();
    await s.page.getByLabel('氏名・名称(漢字またはカナ)').fill(halfWidthKana(person.nameKana));
    await s.page.getByLabel('氏名・名称(漢字またはカナ)').press('Enter');
    const results = s.page.getByTestId('search-results');
    await expect.poll(() => results.textContent()).toContain(person.nameKanji);
    await s.page.screenshot({ path: `${SCREENSHOTS}/addressee-search.png`, fullPage: true });

    await results.getByRole('link', { name: person.addresseeNo }).click();
    await s.page.getByTestId('addressee-detail').waitFor();
    expect(await s.page.getByRole('heading', { level: 1 }).textContent()).toContain(person.nameKanji);
    expect(await s.page.getByTestId('masked-individual-number').textContent()).toBe(`********${personNumber.slice(-4)}`);
    expect(await s.page.getByTestId('addressee-history').textContent()).toContain('旧システムからの移行');
    expect(await s.page.content()).not.toContain(personNumber);
  });

  it('does not let a counter clerk reveal the individual number: no button, and the API refuses', async () => {
    expect(await s.page.getByRole('button', { name: '個人番号を表示' }).count()).toBe(0);
    const refused = await s.page.evaluate(async (addresseeNo) => {
      const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1/addressees/${addresseeNo}/individual-number/reveal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify({ reasonCode: 'other', reason: '試し' }),
      });
      return { status: response.status, body: await response.text() };
    }, person.addresseeNo);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('個人番号の表示');
    expect(refused.body).not.toContain(personNumber);
  });

  it('registers a non-resident, refusing bad input field by field, and sets a tax administrator', async () => {
    await s.page.getByRole('link', { name: '← 宛名の検索へ戻る' }).click();
    await s.page.getByRole('link', { name: '住登外者・法人を登録する' }).click();
    await s.page.locator('#addressee-nameKanji').fill('登録　試子');
    await s.page.getByLabel('フリガナ').fill('登録 タメシコ');
    await s.page.locator('#addressee-address').fill('東京都足立区架空町3-4-5');
    await s.page.getByLabel('登録の理由').fill('原付の申告(住登外)');
    await s.page.getByRole('button', { name: '登録する' }).click();
    const kanaError = s.page.locator('#addressee-nameKana-error');
    await expect.poll(() => kanaError.textContent()).toContain('カタカナ');
    expect(await s.page.getByLabel('フリガナ').getAttribute('aria-describedby')).toContain('addressee-nameKana-error');

    await s.page.getByLabel('フリガナ').fill('ﾄｳﾛｸ ﾀﾒｼｺ');
    await s.page.getByRole('button', { name: '登録する' }).click();
    await s.page.getByTestId('addressee-detail').waitFor();
    expect(await s.page.getByRole('heading', { level: 1 }).textContent()).toContain('登録\u3000試子');
    expect(await s.page.getByTestId('addressee-detail').textContent()).toMatch(/統合宛名番号112224\d{9}/);

    await s.page.getByText('納税管理人を設定する').click();
    await s.page.getByLabel('納税管理人の宛名番号').fill(person.addresseeNo);
    await s.page.locator('#ta-validFrom').fill('2026-04-01');
    await s.page.locator('#ta-reason').fill('納税管理人申告書の受付');
    await s.page.getByRole('button', { name: '納税管理人を設定' }).click();
    await expect.poll(() => s.page.getByRole('table').filter({ hasText: '納税管理人' }).first().textContent()).toContain(person.nameKanji);
    expect(await s.page.getByTestId('addressee-history').textContent()).toContain('納税管理人の設定');
    await s.page.screenshot({ path: `${SCREENSHOTS}/addressee-detail.png`, fullPage: true });
  });

  it('lets an assessor reveal the number with a reason, and import resident changes with a review queue', async () => {
    await s.page.getByRole('button', { name: 'サインアウト' }).click();
    await enrolDemoStaff(s.page, 'D001');
    await s.page.goto(`/addressees/${person.addresseeNo}`);
    await s.page.getByRole('button', { name: '個人番号を表示' }).click();
    await s.page.getByLabel('具体的な理由').fill('窓口で申告書の番号と照合');
    await s.page.getByRole('button', { name: '表示する' }).click();
    await expect.poll(() => s.page.getByTestId('revealed-individual-number').textContent()).toBe(personNumber.replace(/(\d{4})(?=\d)/g, '$1 '));
    await s.page.getByRole('button', { name: '閉じる(伏せる)' }).click();
    expect(await s.page.getByTestId('revealed-individual-number').count()).toBe(0);

    const file = join(SCREENSHOTS, 'resident-changes.csv');
    writeFileSync(file, residentChangeCsv([arrival(1, { 住所コード: String(city.addressAreas[0]?.addressCode) }), arrival(2, { 異動区分: '転居', 住所コード: String(city.addressAreas[0]?.addressCode) })]));
    await s.page.getByRole('navigation', { name: '機能' }).getByRole('link', { name: '住民異動の取込み' }).click();
    await s.page.getByLabel('異動ファイル').setInputFiles(file);
    await s.page.getByRole('button', { name: '取り込む' }).click();
    const report = s.page.getByTestId('import-report');
    await expect.poll(() => report.textContent()).toMatch(/反映1件.*確認待ちに追加1件/);
    await expect.poll(() => s.page.getByTestId('review-queue').textContent()).toContain('この個人番号の宛名がありません');
    await s.page.screenshot({ path: `${SCREENSHOTS}/resident-changes.png`, fullPage: true });
  });
});
