// npm run bench — runs every benchmark on embedded PostgreSQL (PGlite) and, when DATABASE_URL
// names a server where this user may create databases, on PostgreSQL too; prints the figures
// and writes them, with the machine they ran on, to docs/BENCHMARKS.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { openPGlite, openPostgres, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { formatJapanTime } from '../src/shared/dates.js';
import type { Benchmark, Figure } from './harness.js';
import { addresseesBenchmark } from './addressees.bench.js';
import { httpBenchmark } from './http.bench.js';
import { noticesBenchmark } from './notices.bench.js';
import { registerBenchmark } from './register.bench.js';
import { taxRulesBenchmark } from './tax-rules.bench.js';
import { assessmentBenchmark } from './assessment.bench.js';

const BENCHMARKS: Benchmark[] = [registerBenchmark, addresseesBenchmark, httpBenchmark, taxRulesBenchmark, noticesBenchmark, assessmentBenchmark];

interface Target {
  id: string;
  label: string;
  open(): Promise<{ db: Database; dispose(): Promise<void> }>;
}

const targets: Target[] = [
  {
    id: 'pglite',
    label: 'PGlite (embedded)',
    async open() {
      const db = await openPGlite(undefined);
      return { db, dispose: () => db.close() };
    },
  },
];
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  targets.push({
    id: 'postgres',
    label: 'PostgreSQL server',
    async open() {
      const name = `keitax_bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const db = await openPostgres(url.toString(), 10);
      return {
        db,
        dispose: async () => {
          await db.close();
          await admin.query(`drop database ${name} with (force)`);
          await admin.end();
        },
      };
    },
  });
}

// BENCH_TARGETS=postgres (or pglite) measures on one target only: the other's results stay as they were.
const targetFilter = process.env.BENCH_TARGETS?.split(',');
if (targetFilter) targets.splice(0, targets.length, ...targets.filter((target) => targetFilter.includes(target.id)));
const only = process.argv.slice(2);
const unknown = only.filter((id) => !BENCHMARKS.some((benchmark) => benchmark.id === id));
if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}: choose from ${BENCHMARKS.map((b) => b.id).join(', ')}`);
const chosen = only.length > 0 ? BENCHMARKS.filter((benchmark) => only.includes(benchmark.id)) : BENCHMARKS;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${process.platform}`;

/** One benchmark's figures on one target, as bench/results/<id>.<target>.json keeps them. */
interface Result {
  id: string;
  title: string;
  target: string;
  ran: string;
  machine: string;
  figures: Figure[];
}

const RESULTS = new URL('./results/', import.meta.url);
mkdirSync(RESULTS, { recursive: true });
for (const target of targets) {
  for (const benchmark of chosen) {
    const { db, dispose } = await target.open();
    let figures: Figure[];
    try {
      await migrate(db);
      figures = await benchmark.run({ db, kind: db.kind });
      figures.unshift({ what: 'server version', value: (await db.ping()).serverVersion });
    } finally {
      await dispose();
    }
    const result: Result = { id: benchmark.id, title: benchmark.title, target: target.label, ran: formatJapanTime(new Date()), machine, figures };
    console.log(`\n## ${benchmark.title} — ${target.label}\n\n${tableOf(figures)}`);
    writeFileSync(new URL(`${benchmark.id}.${target.id}.json`, RESULTS), `${JSON.stringify(result, null, 2)}\n`);
  }
}

function tableOf(figures: readonly Figure[]): string {
  return ['| measure | result |', '|---|---|', ...figures.map((f) => `| ${f.what} | ${f.value} |`)].join('\n');
}

// The summary holds every benchmark's latest result, so running one benchmark keeps the others' figures.
const order = (result: Result) => BENCHMARKS.findIndex((benchmark) => benchmark.id === result.id);
const results = readdirSync(RESULTS)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(new URL(name, RESULTS), 'utf8')) as Result)
  .sort((a, b) => a.target.localeCompare(b.target) || order(a) - order(b));
writeFileSync(
  new URL('../docs/BENCHMARKS.md', import.meta.url),
  `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) from \`bench/results/*.json\`; do not edit by hand.
\`npm run bench -- register\` runs one benchmark (ids: ${BENCHMARKS.map((b) => `\`${b.id}\``).join(', ')}) and keeps the others'
latest figures. Set \`DATABASE_URL\` to a PostgreSQL server where the user may create databases
to measure the server too (\`source .ci/postgres.sh && start_postgres && npm run bench\`);
\`BENCH_TARGETS=postgres\` (or \`pglite\`) measures on that target alone.

${results.map((result) => `### ${result.title} — ${result.target}\n\n- Ran: ${result.ran}\n- Machine: ${result.machine}\n\n${tableOf(result.figures)}`).join('\n\n')}
`,
);
