import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { code128Bars, gs1128Symbols, paymentBarcodeDigits, paymentBarcodeText } from '../../src/notices/barcode.js';
import { renderNotices, type LocalTaxQrEncoder } from '../../src/notices/render.js';
import { embeddedFonts, readPdf } from '../certificates/pdf.js';
import { CAR, MOPED, notice, TRUCK } from './sample.js';

const text = async (pdf: Buffer) => (await readPdf(pdf)).map((page) => page.text);

/** How many rectangles (`re`) the PDF's content streams draw. */
function rectangles(pdf: Buffer): number {
  const source = pdf.toString('latin1');
  let count = 0;
  for (const match of source.matchAll(/\/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const stream = inflateSync(Buffer.from(source.slice(start, source.indexOf('endstream', start)), 'latin1')).toString('latin1');
    count += stream.match(/ re\b/g)?.length ?? 0;
  }
  return count;
}

describe('tax notice PDFs for cash payers: one page per vehicle', () => {
  it("prints each vehicle's page with its amount, rate case and reason, the total and the due date in 和暦", async () => {
    const pages = await text(await renderNotices([notice()]));
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      for (const printed of ['令和8年度 軽自動車税(種別割)納税通知書', '343-0813', '髙橋 太郎 様', '2026000123', '納期限 令和8年6月1日', 'この通知書の税額の合計 3台 17,400円', '市民税課 軽自動車税担当', '048-963-9999']) {
        expect(page, printed).toContain(printed);
      }
    }
    expect(pages[0]).toContain('12,900円');
    expect(pages[0]).toContain('重課(初度検査 平成24年5月から13年を経過)');
    expect(pages[0]).toContain('重課の開始(前年度 10,800円)');
    expect(pages[1]).toContain('2,000円');
    expect(pages[1]).toContain('新基準原付');
    expect(pages[1]).not.toContain('前年度との違い');
    expect(pages[2]).toContain('軽課(グリーン化特例)(令和7年度新規検査の電気自動車)');
    expect(pages[2]).toContain('車台番号 DA16T-111222');
    expect(pages[2]).toContain('身体障害者等減免');
    expect(pages.join('')).not.toContain('再発行');
  });

  it('gives a 3-/4-wheel kei the 納税証明書(継続検査用) stub, and a moped none', async () => {
    const pages = await text(await renderNotices([notice()]));
    expect(pages[0]).toContain('納税証明書(継続検査用)');
    expect(pages[1]).not.toContain('納税証明書');
    expect(pages[2]).toContain('納税証明書(継続検査用)');
  });

  it("prints each slip's barcode digits for the vehicle's amount, and none where the city takes no convenience-store payment", async () => {
    const pages = await text(await renderNotices([notice()]));
    const digits = paymentBarcodeDigits({ companyCode: '12345', optionalData: '0000000002026000123' + '02', reissueCount: 0, dueDate: '2026-06-01', amount: 2000 });
    expect(pages[1]).toContain(paymentBarcodeText(digits));
    expect(pages[1]).toContain('通知書番号 2026000123-2');
    const without = await text(await renderNotices([notice({ municipality: { ...notice().municipality, convenienceStoreCompanyCode: null } })]));
    expect(without.join('')).not.toContain('(91)');
  });

  it('draws the barcode as one vector rectangle per bar', async () => {
    const withBarcode = await renderNotices([notice({ vehicles: [MOPED] })]);
    const without = await renderNotices([notice({ vehicles: [MOPED], municipality: { ...notice().municipality, convenienceStoreCompanyCode: null } })]);
    const digits = paymentBarcodeDigits({ companyCode: '12345', optionalData: '0000000002026000123' + '01', reissueCount: 0, dueDate: '2026-06-01', amount: 2000 });
    expect(rectangles(withBarcode) - rectangles(without)).toBe(code128Bars(gs1128Symbols(digits)).bars.length);
  });

  it('marks a reprint 再発行 and gives its barcode 再発行区分 1', async () => {
    const pages = await text(await renderNotices([notice({ reprint: true, vehicles: [MOPED] })]));
    expect(pages[0]).toContain('再発行');
    expect(pages[0]).toContain('-1-260601-0-002000-');
  });

  it('prints nothing in the eL-QR slot until the city plugs an encoder in, and draws what the encoder gives', async () => {
    const plain = await renderNotices([notice({ vehicles: [MOPED] })]);
    const pages: number[] = [];
    const encoder: LocalTaxQrEncoder = { modules: (_notice, page) => (pages.push(page), [[true, false], [false, true]]) };
    const withQr = await renderNotices([notice({ vehicles: [MOPED] })], { localTaxQr: encoder });
    expect(pages).toEqual([1]);
    expect(withQr.length).toBeGreaterThan(plain.length);
  });

  it('embeds Noto Sans JP subsets and renders the same notice to the same bytes', async () => {
    const pdf = await renderNotices([notice()]);
    expect(embeddedFonts(pdf).every((font) => font.hasFontFile)).toBe(true);
    expect(pdf.length).toBeLessThan(150_000);
    expect(Buffer.compare(pdf, await renderNotices([notice()]))).toBe(0);
  });

  it('refuses a notice whose total is not the sum of its vehicles', async () => {
    await expect(renderNotices([notice({ total: 1 })])).rejects.toThrow('一致しません');
  });
});

describe('tax notice PDFs for direct-debit payers: one list per taxpayer', () => {
  it('lists every vehicle with its amount and rate case, the total and the debit date, and no slip', async () => {
    const pages = await text(await renderNotices([notice({ payment: { directDebit: true } })]));
    expect(pages).toHaveLength(1);
    const [page] = pages;
    for (const printed of ['12,900円', '2,000円', '2,500円', '重課', '新基準原付', '軽課(グリーン化特例)', '前年度との違い: 重課の開始', '合計 3台 17,400円', '納期限(振替日) 令和8年6月1日', '口座']) {
      expect(page, printed).toContain(printed);
    }
    expect(page).not.toContain('納付書');
    expect(page).not.toContain('(91)');
  });

  it('prints 旧税率 with its reason', async () => {
    const old = { ...CAR, amount: 7200, rateCase: 'previousRate' as const, rateReason: '平成27年3月31日以前の新規検査', differsFromLastYear: null };
    const [page] = await text(await renderNotices([notice({ vehicles: [old], payment: { directDebit: true } })]));
    expect(page).toContain('旧税率(平成27年3月31日以前の新規検査)');
    expect(page).toContain('合計 1台 7,200円');
  });

  it('continues a long list on further pages, each marked with the notice number', async () => {
    const vehicles = Array.from({ length: 40 }, (_, i) => ({ ...[CAR, MOPED, TRUCK][i % 3]!, chassisNo: `CH-${i}`, plateText: null }));
    const pages = await text(await renderNotices([notice({ vehicles, payment: { directDebit: true } })]));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]).toContain('(続き) 通知書番号 2026000123');
    expect(pages.join('')).toContain('CH-39');
    expect(pages.at(-1)).toContain(`合計 40台`);
  });
});
