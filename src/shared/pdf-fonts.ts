/**
 * @module Noto Sans JP (TrueType outlines) for every PDF the system prints, from its npm package,
 * read once per process. docs/decisions/0011-certificate-pdf.md
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type PDFDocument from 'pdfkit';

export interface PdfFonts {
  regular: Buffer;
  bold: Buffer;
}

let loadedFonts: PdfFonts | undefined;

export function pdfFonts(): PdfFonts {
  if (!loadedFonts) {
    const directory = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/package.json'));
    loadedFonts = {
      regular: readFileSync(join(directory, '400Regular', 'NotoSansJP_400Regular.ttf')),
      bold: readFileSync(join(directory, '700Bold', 'NotoSansJP_700Bold.ttf')),
    };
  }
  return loadedFonts;
}

/** Registers the two weights as `regular` and `bold`. */
export function registerPdfFonts(doc: InstanceType<typeof PDFDocument>): void {
  const { regular, bold } = pdfFonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
}

/** The document's bytes once it has ended; call before drawing, `doc.end()` after. */
export function pdfBytes(doc: InstanceType<typeof PDFDocument>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
