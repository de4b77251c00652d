import { describe, expect, it } from 'vitest';
import { deregistrationReceiptRows, plateIssueRows, renderDeregistrationReceipt, renderOwnerChange, renderPlateCertificate } from '../../src/certificates/render.js';
import { DEREGISTRATION, issuance, PLATE_ISSUE, plateFacts, SAMPLE_VEHICLE } from './sample.js';
import { embeddedFonts, readPdf } from './pdf.js';

/** A4 in points (210 × 297 mm), portrait. */
const A4_PORTRAIT = [595.28, 841.89];

describe('certificate PDFs', () => {
  it('prints the 標識交付証明書 on one A4 portrait page, its text selectable: plate, chassis, 和暦 dates, number, office', async () => {
    const pdf = await renderPlateCertificate(plateFacts('2026-000042'));
    const pages = await readPdf(pdf);
    expect(pages).toHaveLength(1);
    const [page] = pages;
    expect(page?.size[0]).toBeCloseTo(A4_PORTRAIT[0] ?? 0, 1);
    expect(page?.size[1]).toBeCloseTo(A4_PORTRAIT[1] ?? 0, 1);
    for (const printed of ['標識交付証明書', '越谷市 あ 12-34', 'AF68-1234567', '令和8年6月12日', '令和8年4月1日', '2026-000042', '北部出張所', '越谷市長', '髙橋 太郎', '総排気量 49 cc']) {
      expect(page?.text, printed).toContain(printed);
    }
    expect(page?.text).not.toContain('再発行');
  });

  it('embeds Noto Sans JP as subsets, not the whole font', async () => {
    const pdf = await renderPlateCertificate(plateFacts());
    const fonts = embeddedFonts(pdf);
    expect(fonts.map((font) => font.baseFont).sort()).toEqual([expect.stringMatching(/^[A-Z]{6}\+NotoSansJP-Bold$/), expect.stringMatching(/^[A-Z]{6}\+NotoSansJP-Regular$/)]);
    expect(fonts.every((font) => font.hasFontFile)).toBe(true);
    // The font files are 5 MB each; a subset of the characters printed is a few kilobytes.
    expect(pdf.length).toBeLessThan(100_000);
  });

  it('marks a reprint 再発行 and names the certificate it replaces', async () => {
    const [page] = await readPdf(await renderPlateCertificate(plateFacts('2026-000050', '2026-000042')));
    expect(page?.text).toContain('再発行');
    expect(page?.text).toContain('証明書番号 2026-000042 の再発行です。');
  });

  it('prints the 19 items of the standard form when the register holds them all, and leaves out what it does not hold', async () => {
    expect(plateIssueRows(PLATE_ISSUE).map((row) => row.label)).toHaveLength(19);
    const bare = { ...PLATE_ISSUE, vehicle: { ...SAMPLE_VEHICLE, previousPlate: null, vehicleUser: null, make: null, modelYear: null, displacementCc: null, ratedOutputKw: 0.6 } };
    const [page] = await readPdf(await renderPlateCertificate({ ...bare, issuance: issuance('2026-000043') }));
    expect(page?.text).not.toContain('旧標識番号');
    expect(page?.text).not.toContain('使用者');
    expect(page?.text).not.toContain('車名');
    expect(page?.text).not.toContain('年式');
    expect(page?.text).toContain('定格出力 0.6 kW');
    expect(page?.text).not.toContain('総排気量 ');
  });

  it('prints the 廃車申告受付書 with the deregistration and the plate returned', async () => {
    const [page] = await readPdf(await renderDeregistrationReceipt({ ...DEREGISTRATION, issuance: issuance('2026-000044') }));
    for (const printed of ['廃車申告受付書', '廃車の申告を受け付けた', '譲渡', '令和8年6月10日', '返納', '佐藤 一郎', 'AF68-1234567', '越谷市 あ 12-34', '2026-000044', '2026-456']) {
      expect(page?.text, printed).toContain(printed);
    }
    expect(deregistrationReceiptRows(DEREGISTRATION).find((row) => row.label === '使用者 氏名又は名称')).toBeUndefined();
  });

  it("puts an owner change's two certificates in one PDF: the new owner's 標識交付証明書, then the old owner's 廃車申告受付書", async () => {
    const pages = await readPdf(await renderOwnerChange(plateFacts('2026-000045'), { ...DEREGISTRATION, issuance: issuance('2026-000046') }));
    expect(pages.map((page) => page.size.map(Math.round))).toEqual([
      [595, 842],
      [595, 842],
    ]);
    expect(pages[0]?.text).toContain('標識交付証明書');
    expect(pages[0]?.text).toContain('髙橋 太郎');
    expect(pages[1]?.text).toContain('廃車申告受付書');
    expect(pages[1]?.text).toContain('佐藤 一郎');
  });

  it('renders the same facts to the same bytes', async () => {
    expect(Buffer.compare(await renderPlateCertificate(plateFacts()), await renderPlateCertificate(plateFacts()))).toBe(0);
  });
});
