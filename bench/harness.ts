import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/database.js';

/** One measured figure; `unit` says what the numbers are. */
export interface Figure {
  what: string;
  value: string;
}

export interface BenchContext {
  /** A migrated, empty database of the kind under test. */
  db: Database;
  kind: Database['kind'];
}

/** A benchmark module in bench/*.bench.ts: a title and a function returning figures. */
export interface Benchmark {
  title: string;
  run(context: BenchContext): Promise<Figure[]>;
}

export async function timeOnce<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/** Runs `work` `n` times in sequence and reports the latency percentiles in milliseconds. */
export async function latency(n: number, work: (i: number) => Promise<unknown>): Promise<string> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await work(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => (samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0).toFixed(2);
  return `p50 ${at(0.5)} ms · p95 ${at(0.95)} ms · p99 ${at(0.99)} ms (n=${n})`;
}

export const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
