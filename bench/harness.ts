import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/database.js';

/** One measured figure, as it is printed. */
export interface Figure {
  what: string;
  value: string;
}

export interface BenchContext {
  /** A migrated, empty database of the kind under test. */
  db: Database;
  kind: Database['kind'];
}

/** A benchmark module in bench/*.bench.ts: its id (the results file and `npm run bench -- <id>`), a title and its figures. */
export interface Benchmark {
  id: string;
  title: string;
  run(context: BenchContext): Promise<Figure[]>;
}

export async function timeOnce<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/** Latency percentiles in milliseconds of `n` runs in sequence. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

/** Runs `work` `n` times in sequence and measures its latency percentiles. */
export async function percentiles(n: number, work: (i: number) => Promise<unknown>): Promise<Percentiles> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await elapsed(() => work(i)));
  return summary(samples);
}

/**
 * Runs `floor` and `work` in turn, `n` times each, so both see the same machine: a figure beside
 * its floor measured alongside it, and their ratio at p95.
 */
export async function alongside(n: number, floor: (i: number) => Promise<unknown>, work: (i: number) => Promise<unknown>): Promise<{ floor: Percentiles; measured: Percentiles; ratio: number }> {
  const floorSamples: number[] = [];
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    floorSamples.push(await elapsed(() => floor(i)));
    samples.push(await elapsed(() => work(i)));
  }
  const [floorFigures, measured] = [summary(floorSamples), summary(samples)];
  return { floor: floorFigures, measured, ratio: measured.p95 / floorFigures.p95 };
}

async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function summary(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), n: sorted.length };
}

export function formatPercentiles({ p50, p95, p99, n }: Percentiles): string {
  return `p50 ${p50.toFixed(2)} ms · p95 ${p95.toFixed(2)} ms · p99 ${p99.toFixed(2)} ms (n=${n})`;
}

/** Runs `work` `n` times in sequence and reports the latency percentiles in milliseconds. */
export async function latency(n: number, work: (i: number) => Promise<unknown>): Promise<string> {
  return formatPercentiles(await percentiles(n, work));
}

export const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
