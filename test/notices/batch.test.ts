import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, renderNoticeBatch } from '../../src/notices/batch.js';
import type { NoticeData } from '../../src/notices/model.js';
import { readPdf } from '../certificates/pdf.js';
import { CAR, MOPED, notice } from './sample.js';

const directories: string[] = [];
afterEach(() => directories.splice(0).forEach((directory) => rmSync(directory, { recursive: true, force: true })));
const outDir = () => {
  const directory = mkdtempSync(join(tmpdir(), 'keitax-notices-'));
  directories.push(directory);
  return directory;
};

/** The n-th taxpayer's notice: every fifth pays by direct debit, every seventh has two vehicles. */
function nthNotice(n: number): NoticeData {
  const vehicles = n % 7 === 0 ? [{ ...CAR, amount: 10800 + n }, MOPED] : [{ ...MOPED, amount: 2000 + n }];
  return notice({ noticeNo: String(2026_000_000 + n), vehicles, payment: { directDebit: n % 5 === 0 } });
}

async function* stream(count: number, make: (n: number) => NoticeData = nthNotice): AsyncIterable<NoticeData> {
  for (let n = 1; n <= count; n++) yield make(n);
}

describe('notice batch output', () => {
  it('renders 250 notices in two threads into files of 100, with a manifest whose counts and sums reconcile', async () => {
    const directory = outDir();
    const manifest = await renderNoticeBatch(stream(250), { outDir: directory, perFile: 100, workers: 2 });
    const expected = Array.from({ length: 250 }, (_, i) => nthNotice(i + 1));
    expect(manifest.files.map((file) => [file.file, file.notices, file.firstNoticeNo, file.lastNoticeNo])).toEqual([
      ['notices-0001.pdf', 100, '2026000001', '2026000100'],
      ['notices-0002.pdf', 100, '2026000101', '2026000200'],
      ['notices-0003.pdf', 50, '2026000201', '2026000250'],
    ]);
    expect(manifest.totals).toEqual({
      files: 3,
      notices: 250,
      vehicles: expected.reduce((sum, n) => sum + n.vehicles.length, 0),
      total: expected.reduce((sum, n) => sum + n.total, 0),
    });
    expect(manifest.files.reduce((sum, file) => sum + file.total, 0)).toBe(manifest.totals.total);
    expect(manifest.files[2]?.total).toBe(expected.slice(200).reduce((sum, n) => sum + n.total, 0));
    expect(JSON.parse(readFileSync(join(directory, MANIFEST_FILE), 'utf8'))).toEqual(manifest);
    // The last file: a page per vehicle for a cash payer, one list for a direct-debit payer.
    const pages = await readPdf(readFileSync(join(directory, 'notices-0003.pdf')));
    const lastFile = expected.slice(200);
    expect(pages).toHaveLength(lastFile.reduce((sum, n) => sum + (n.payment.directDebit ? 1 : n.vehicles.length), 0));
    expect(pages.at(-1)?.text).toContain('2026000250');
  }, 120_000);

  it('writes no manifest when a notice cannot be printed, and says which file', async () => {
    const directory = outDir();
    const broken = (n: number) => (n === 3 ? { ...nthNotice(n), total: 1 } : nthNotice(n));
    await expect(renderNoticeBatch(stream(4, broken), { outDir: directory, perFile: 2, workers: 2 })).rejects.toThrow('notices-0002.pdf');
    expect(existsSync(join(directory, MANIFEST_FILE))).toBe(false);
  }, 60_000);

  it('refuses a file size or thread count that is not a positive whole number', async () => {
    await expect(renderNoticeBatch(stream(1), { outDir: outDir(), perFile: 0, workers: 2 })).rejects.toThrow('perFile');
    await expect(renderNoticeBatch(stream(1), { outDir: outDir(), perFile: 10, workers: 0 })).rejects.toThrow('workers');
  });
});
