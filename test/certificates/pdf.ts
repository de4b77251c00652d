/** @module What a test reads back from a certificate PDF: its pages' sizes and text (pdfjs-dist), and its fonts. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  /** Width and height in points. */
  size: [number, number];
  /** The page's text as a reader selects it, runs joined without separators (pdf.js reads U+3000 as a space). */
  text: string;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    pages.push({ size: [width, height], text: content.items.map((item) => ('str' in item ? item.str : '')).join('') });
  }
  await document.destroy();
  return pages;
}

/** The fonts the PDF embeds, by their base names (`CZZZZZ+NotoSansJP-Regular`), each with whether its program is embedded. */
export function embeddedFonts(bytes: Uint8Array): { baseFont: string; hasFontFile: boolean }[] {
  const source = Buffer.from(bytes).toString('latin1');
  const names = [...new Set([...source.matchAll(/\/FontName \/([A-Za-z0-9+-]+)/g)].map((m) => m[1] ?? ''))];
  return names.map((baseFont) => ({ baseFont, hasFontFile: new RegExp(`/FontName /${baseFont.replace('+', '\\+')}[^>]*?/FontFile2 `).test(source) }));
}
