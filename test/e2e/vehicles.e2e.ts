import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../src/demo/generate.js';
import { GENERATION_STATES, STATE_BACKGROUNDS } from '../../src/vehicles/model.js';
import { readPdf } from '../certificates/pdf.js';
import { enrolDemoStaff, openBrowserSession, SCREENSHOTS, type BrowserSession } from './browser.js';

const city = generateDemoCity();
/** The resident who buys the moped from the non-resident. */
const buyer = city.addressees.find((a) => a.kind === 'resident' && a.status === 'active')!;
const storageAddressCode = String(city.addressAreas[0]?.addressCode);
const CHASSIS_NO = 'ZE9A-2612021';

/** `#d6d6d6` as the browser computes it: `rgb(214, 214, 214)`. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** Clicks a certificate button and saves the PDF it offers, as the clerk does; its text read back page by page. */
async function issueCertificate(page: Page, button: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const link = page.getByTestId('certificate-pdf');
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^certificate-\d{4}-\d{6}\.pdf$/);
  return readPdf(new Uint8Array(readFileSync(await download.path())));
}

/** The background and label of the history rows in a state. */
async function historyRows(page: Page, state: keyof typeof GENERATION_STATES) {
  const rows = page.getByTestId('vehicle-history').locator(`tr[data-state="${state}"]`);
  await rows.first().waitFor();
  return rows.evaluateAll((elements) => elements.map((row) => ({ background: getComputedStyle(row).backgroundColor, text: row.textContent ?? '' })));
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('the vehicle register at the counter, in the browser', () => {
  let s: BrowserSession;
  let declarationNo = '';
  let plate = '';
  beforeAll(async () => {
    s = await openBrowserSession();
  });
  afterAll(() => s.close());

  it('registers a moped for a new non-resident at 北部出張所 with a design plate, the bad chassis number shown on its field first', async () => {
    const { page } = s;
    await enrolDemoStaff(page, 'D002');
    await page.getByRole('navigation', { name: '機能' }).getByRole('link', { name: '申告受付・標識交付' }).click();
    await page.getByRole('heading', { name: '新規登録(標識の交付)' }).waitFor();
    await expect.poll(() => page.getByTestId('receiving-office').textContent()).toBe('北部出張所');

    await page.getByLabel('住登外者として登録する').check();
    await page.locator('#registration-owner-nameKanji').fill('住登外　花子');
    await page.locator('#registration-owner-nameKana').fill('ジュウトウガイ ハナコ');
    await page.locator('#registration-owner-sexCode').selectOption('2');
    await page.locator('#registration-owner-birthDate').fill('平成2年5月1日');
    await page.locator('#registration-owner-address').fill('東京都足立区架空町1-2-3');
    await page.locator('#vehicle-plateDesign').selectOption({ label: '市独自デザイン(しらこばと橋とガーヤちゃん)' });
    await page.locator('#vehicle-chassisNo').fill('あいう');
    await page.locator('#vehicle-displacementCc').fill('49');
    await page.locator('#vehicle-make').fill('ホンダ');
    await page.locator('#vehicle-storage-addressCode').fill(storageAddressCode);
    await page.getByRole('button', { name: '登録して標識を交付する' }).click();

    const chassisError = page.locator('#vehicle-chassisNo-error');
    await expect.poll(() => chassisError.textContent()).toContain('車台番号は英大文字・数字・ハイフン');
    expect(await page.locator('#vehicle-chassisNo').getAttribute('aria-describedby')).toContain('vehicle-chassisNo-error');
    expect(await page.getByTestId('error-summary').textContent()).toContain('車台番号');
    await page.screenshot({ path: `${SCREENSHOTS}/vehicle-registration-refused.png`, fullPage: true });

    await page.locator('#vehicle-chassisNo').fill(CHASSIS_NO);
    await page.getByRole('button', { name: '登録して標識を交付する' }).click();
    await page.getByTestId('vehicle-history').waitFor();
    declarationNo = /車両 (\d{4}-\d{6})/.exec((await heading(page)) ?? '')![1]!;
    const summary = (await page.locator('dl.summary').textContent()) ?? '';
    expect(summary).toContain('住登外　花子');
    expect(summary).toContain('北部出張所');
    plate = /標識(越谷市 \S+ \d+)/.exec(summary)![1]!;

    // The plate came from 北部出張所's stock of the city's design.
    await page.getByRole('navigation', { name: '機能' }).getByRole('link', { name: '標識の在庫' }).click();
    const [, part2, part3] = plate.split(' ');
    await page.locator('#lookup-part2').fill(part2!);
    await page.locator('#lookup-part3').fill(part3!);
    await page.getByRole('button', { name: '履歴を表示' }).click();
    await expect.poll(() => page.getByTestId('plate-state').textContent()).toContain('市独自デザイン・原動機付自転車 第一種): 交付中');
    expect(await page.getByTestId('plate-history').textContent()).toContain(declarationNo.replace(/-0+/, '-'));
    await page.goBack();
    await page.getByTestId('vehicle-history').waitFor();
  });

  it('prints the 標識交付証明書 holding the plate and chassis numbers', async () => {
    const pages = await issueCertificate(s.page, '標識交付証明書');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.text).toContain('標識交付証明書');
    expect(pages[0]!.text).toContain(CHASSIS_NO);
    expect(pages[0]!.text.replace(/\s/g, '')).toContain(plate.split(' ')[2]);
    expect(pages[0]!.text).toContain('北部出張所');

    await s.page.getByLabel('再発行(「再発行」と元の証明書番号を印字します)').check();
    const [reprint] = await issueCertificate(s.page, '標識交付証明書');
    expect(reprint!.text).toContain('再発行');
    await s.page.screenshot({ path: `${SCREENSHOTS}/vehicle-registered.png`, fullPage: true });
  });

  it('changes the owner to a resident found by the four basic items and prints both certificates at once', async () => {
    const { page } = s;
    await page.getByText('名義変更', { exact: true }).click();
    await page.locator('#owner-change-owner-search-name').fill(buyer.nameKanji);
    await page.getByRole('button', { name: '宛名を検索' }).click();
    await page.getByRole('button', { name: `${buyer.addresseeNo} を選ぶ` }).click();
    expect(await page.getByTestId('chosen-owner').textContent()).toContain(buyer.addresseeNo);
    await page.getByRole('button', { name: '名義変更を登録する' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/vehicles/') && !url.pathname.endsWith(declarationNo));
    await expect.poll(() => page.locator('dl.summary').textContent()).toContain(buyer.addresseeNo);

    const pages = await issueCertificate(page, '名義変更の証明書(標識交付証明書と廃車申告受付書)');
    expect(pages).toHaveLength(2);
    expect(pages.map((p) => p.text.includes('標識交付証明書'))).toContain(true);
    expect(pages.map((p) => p.text.includes('廃車申告受付書'))).toContain(true);

    const [oldGeneration] = await historyRows(page, 're_titled');
    expect(oldGeneration!.background).toBe(rgb(STATE_BACKGROUNDS.re_titled!));
    expect(oldGeneration!.text).toContain(`【${GENERATION_STATES.re_titled}】`);
    expect(oldGeneration!.text).toContain(declarationNo);
  });

  it('refuses a declaration on a generation changed meanwhile, says who changed it, and reloads', async () => {
    const { page } = s;
    const generation = Number(/第(\d+)世代/.exec((await heading(page)) ?? '')![1]);
    const current = new URL(page.url()).pathname.split('/').pop()!;
    // Another clerk changes the storage place while this screen still shows the generation.
    const status = await page.evaluate(
      async ({ no, generation, storageAddressCode }) => {
        const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
        const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
        const response = await fetch(`/api/v1/vehicles/${no}/storage-change`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
          body: JSON.stringify({ generation, changeDate: today, receivedDate: today, reason: 'storage_change', storagePlace: { storageAddressCode, storageBlockNo: '9' } }),
        });
        return response.status;
      },
      { no: current, generation, storageAddressCode },
    );
    expect(status).toBe(200);

    await page.getByText('税止め', { exact: true }).click();
    await page.locator('#taxstop-city').fill('草加市');
    await page.getByRole('button', { name: '税止めを登録する' }).click();
    const summary = page.getByTestId('error-summary');
    await expect.poll(() => summary.textContent()).toContain('北部　窓口');
    expect(await summary.textContent()).toContain(`第${generation + 1}世代`);
    await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await expect.poll(() => heading(page)).toContain(`第${generation + 1}世代`);
  });

  it('reissues a lost plate, the compensation slip showing its fee', async () => {
    const { page } = s;
    const before = await heading(page);
    await page.getByText('標識の再交付(亡失・き損・盗難)', { exact: true }).click();
    await page.getByRole('button', { name: '標識を再交付する' }).click();
    const slips = page.getByTestId('compensation-slips');
    await expect.poll(() => slips.textContent()).toMatch(/亡失[\d,]+円/);
    expect(await heading(page)).not.toBe(before);
  });

  it('records a remark and edits it, keeping who first wrote it', async () => {
    const { page } = s;
    await page.locator('#remark-body').fill('電話で廃車の手続を案内');
    await page.getByRole('button', { name: '記録する' }).click();
    const remarks = page.getByTestId('vehicle-remarks');
    await expect.poll(() => remarks.textContent()).toContain('電話で廃車の手続を案内');
    await remarks.getByRole('button', { name: '修正' }).click();
    await page.getByRole('form', { name: '備考の修正' }).locator('textarea').fill('電話で廃車の手続を案内(来週来庁)');
    await page.getByRole('button', { name: '修正を保存する' }).click();
    await expect.poll(() => remarks.textContent()).toContain('(来週来庁)');
    expect(await remarks.textContent()).toContain('記録: 北部　窓口');
  });

  it('deregisters the vehicle, the history showing the ended generation in the deregistered colour with its label', async () => {
    const { page } = s;
    await page.getByText('廃車', { exact: true }).click();
    await page.getByRole('button', { name: '廃車を登録する' }).click();
    const [ended] = await historyRows(page, 'deregistered');
    expect(ended!.background).toBe(rgb(STATE_BACKGROUNDS.deregistered!));
    expect(ended!.text).toContain(`【${GENERATION_STATES.deregistered}】`);
    expect(await page.getByLabel('履歴の色の凡例').textContent()).toContain(`【${GENERATION_STATES.deregistered}】`);
    const pages = await issueCertificate(page, '廃車申告受付書');
    expect(pages[0]!.text).toContain('廃車申告受付書');
    expect(pages[0]!.text).toContain(CHASSIS_NO);
    await page.screenshot({ path: `${SCREENSHOTS}/vehicle-history.png`, fullPage: true });
  });

  it('deletes a record made in error and restores it from the list of deleted vehicles', async () => {
    const { page } = s;
    const current = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('誤登録の削除', { exact: true }).click();
    await page.locator('#deletion-reason').fill('試験のための登録');
    await page.getByRole('button', { name: '削除する' }).click();
    await page.getByRole('heading', { name: '削除した車両' }).waitFor();
    const deleted = page.getByTestId('deleted-vehicles');
    await expect.poll(() => deleted.textContent()).toContain('試験のための登録');
    await page.locator(`#restore-${current}-reason`).fill('削除の取消し');
    await page.getByRole('button', { name: '復元する' }).click();
    await page.getByRole('link', { name: `申告書番号 ${current}` }).click();
    await expect.poll(() => heading(page)).toContain(current);
  });

  it("shows the owner's history across vehicles, coloured and labelled as the vehicle's", async () => {
    const { page } = s;
    await page.locator('dl.summary').getByRole('link', { name: buyer.addresseeNo }).click();
    await page.getByRole('heading', { name: `所有者の車両履歴(宛名番号 ${buyer.addresseeNo})` }).waitFor();
    const [ended] = await historyRows(page, 'deregistered');
    expect(ended!.text).toContain(buyer.nameKanji);
    expect(ended!.background).toBe(rgb(STATE_BACKGROUNDS.deregistered!));
  });
});
