/**
 * @module One notice-rendering thread of a batch (src/notices/batch.ts): renders each print file it
 * is sent, writes it, and answers with what it wrote. The PDF stays in this thread; only its name,
 * size and hash cross back.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { NoticeData } from './model.js';
import { renderNotices } from './render.js';

export interface PrintFileJob {
  path: string;
  notices: NoticeData[];
}

export type PrintFileResult = { ok: true; bytes: number; sha256: string; notices: number; total: number } | { ok: false; error: string };

async function renderPrintFile(job: PrintFileJob): Promise<PrintFileResult> {
  try {
    const pdf = await renderNotices(job.notices);
    await writeFile(job.path, pdf);
    return {
      ok: true,
      bytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      notices: job.notices.length,
      total: job.notices.reduce((sum, notice) => sum + notice.total, 0),
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (job: PrintFileJob) => {
  void renderPrintFile(job).then((result) => parentPort?.postMessage(result));
});
