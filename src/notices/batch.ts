/**
 * @module Batch output of notices for the printer: notices stream in, are cut into print files of
 * `perFile` notices, and each file is rendered and written by one of `workers` threads
 * (node:worker_threads), at most one file per thread in flight, so memory stays flat however many
 * notices come. A manifest (manifest.json) lists each file with its counts, sum and hash, and the
 * totals; the counts and sums are taken from the notices as they were handed over and checked
 * against what each thread reports it rendered, so a manifest that does not reconcile is never
 * written. docs/notices.md
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NoticeData } from './model.js';
import type { PrintFileJob, PrintFileResult } from './render-worker.js';

export interface NoticeBatchOptions {
  outDir: string;
  /** Notices in each print file. */
  perFile: number;
  /** Rendering threads. */
  workers: number;
  /**
   * Checks the manifest before it is written (the notice service sets it against the assessment
   * run's totals); a throw refuses the batch and no manifest is written.
   */
  verify?: (manifest: NoticeManifest) => void;
}

export interface PrintFileEntry {
  file: string;
  notices: number;
  vehicles: number;
  /** The sum of the notices' totals, in yen. */
  total: number;
  firstNoticeNo: string;
  lastNoticeNo: string;
  bytes: number;
  sha256: string;
}

export interface NoticeManifest {
  files: PrintFileEntry[];
  totals: { files: number; notices: number; vehicles: number; total: number };
}

export const MANIFEST_FILE = 'manifest.json';

/**
 * The thread's entry: the compiled .js beside this module, or — run from the TypeScript sources
 * (tests, the bench) — the .ts through tsx's loader, which a worker does not inherit.
 */
function startWorker(): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSources ? './render-worker.ts' : './render-worker.js', import.meta.url);
  if (!fromSources) return new Worker(entry);
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true });
}

/** A thread and the one job it may have in flight. */
class RenderThread {
  private readonly worker = startWorker();
  private pending: { resolve(result: PrintFileResult): void; reject(error: Error): void } | null = null;

  constructor() {
    this.worker.on('message', (result: PrintFileResult) => this.settle((pending) => pending.resolve(result)));
    this.worker.on('error', (error) => this.settle((pending) => pending.reject(error)));
    this.worker.on('exit', (code) => this.settle((pending) => pending.reject(new Error(`a notice-rendering thread stopped (exit code ${code})`))));
  }

  private settle(how: (pending: NonNullable<RenderThread['pending']>) => void): void {
    const { pending } = this;
    this.pending = null;
    if (pending) how(pending);
  }

  render(job: PrintFileJob): Promise<PrintFileResult> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(job);
    });
  }

  stop(): Promise<number> {
    this.worker.removeAllListeners('exit');
    return this.worker.terminate();
  }
}

const fileName = (index: number) => `notices-${String(index + 1).padStart(4, '0')}.pdf`;

/** Renders the notices into print files and writes their manifest; resolves with the manifest. */
export async function renderNoticeBatch(notices: AsyncIterable<NoticeData>, options: NoticeBatchOptions): Promise<NoticeManifest> {
  if (!Number.isInteger(options.perFile) || options.perFile < 1) throw new Error('perFile must be a positive whole number');
  if (!Number.isInteger(options.workers) || options.workers < 1) throw new Error('workers must be a positive whole number');
  await mkdir(options.outDir, { recursive: true });
  const threads = Array.from({ length: options.workers }, () => new RenderThread());
  const idle = [...threads];
  const waiting: ((thread: RenderThread) => void)[] = [];
  const release = (thread: RenderThread) => {
    const next = waiting.shift();
    if (next) next(thread);
    else idle.push(thread);
  };
  const acquire = () => new Promise<RenderThread>((resolve) => (idle.length > 0 ? resolve(idle.pop()!) : waiting.push(resolve)));

  const files: Promise<PrintFileEntry>[] = [];
  let failure: unknown = null;
  const submit = async (chunk: NoticeData[]) => {
    const index = files.length;
    const thread = await acquire();
    // A file failed while this one waited: stop reading notices, nothing more is worth printing.
    if (failure) throw failure;
    const entry = thread
      .render({ path: join(options.outDir, fileName(index)), notices: chunk })
      .finally(() => release(thread))
      .then((result) => entryOf(fileName(index), chunk, result));
    entry.catch((error: unknown) => (failure ??= error));
    files.push(entry);
  };
  try {
    let chunk: NoticeData[] = [];
    for await (const notice of notices) {
      chunk.push(notice);
      if (chunk.length === options.perFile) {
        await submit(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await submit(chunk);
    const entries = await Promise.all(files);
    const manifest: NoticeManifest = {
      files: entries,
      totals: {
        files: entries.length,
        notices: entries.reduce((sum, entry) => sum + entry.notices, 0),
        vehicles: entries.reduce((sum, entry) => sum + entry.vehicles, 0),
        total: entries.reduce((sum, entry) => sum + entry.total, 0),
      },
    };
    options.verify?.(manifest);
    await writeFile(join(options.outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    // A failed file leaves the others' promises running: let them settle before the threads stop.
    await Promise.allSettled(files);
    await Promise.all(threads.map((thread) => thread.stop()));
  }
}

/** The manifest's line for a file: counted from what was sent, checked against what the thread rendered. */
function entryOf(file: string, notices: NoticeData[], result: PrintFileResult): PrintFileEntry {
  if (!result.ok) throw new Error(`${file}: ${result.error}`);
  const total = notices.reduce((sum, notice) => sum + notice.total, 0);
  if (result.notices !== notices.length || result.total !== total) {
    throw new Error(`${file}: rendered ${result.notices} notices of ${result.total} yen, sent ${notices.length} of ${total} yen`);
  }
  return {
    file,
    notices: notices.length,
    vehicles: notices.reduce((sum, notice) => sum + notice.vehicles.length, 0),
    total,
    firstNoticeNo: notices[0]?.noticeNo ?? '',
    lastNoticeNo: notices.at(-1)?.noticeNo ?? '',
    bytes: result.bytes,
    sha256: result.sha256,
  };
}
