// npm run bench — runs every benchmark on embedded PostgreSQL (PGlite) and, when DATABASE_URL
// names a server where this user may create databases, on PostgreSQL too; prints the figures
// and writes them, with the machine they ran on, to docs/BENCHMARKS.md.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { openPGlite, openPostgres, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { formatJapanTime } from '../src/shared/dates.js';
import type { Benchmark, Figure } from './harness.js';
import { addresseesBenchmark } from './addressees.bench.js';
import { httpBenchmark } from './http.bench.js';
import { registerBenchmark } from './register.bench.js';
import { taxRulesBenchmark } from './tax-rules.bench.js';

const BENCHMARKS: Benchmark[] = [registerBenchmark, addresseesBenchmark, httpBenchmark, taxRulesBenchmark];

interface Target {
  label: string;
  open(): Promise<{ db: Database; dispose(): Promise<void> }>;
}

const targets: Target[] = [
  {
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

const sections: string[] = [];
for (const target of targets) {
  for (const benchmark of BENCHMARKS) {
    const { db, dispose } = await target.open();
    let figures: Figure[];
    try {
      await migrate(db);
      figures = await benchmark.run({ db, kind: db.kind });
      if (benchmark === BENCHMARKS[0]) figures.unshift({ what: 'server version', value: (await db.ping()).serverVersion });
    } finally {
      await dispose();
    }
    const table = ['| measure | result |', '|---|---|', ...figures.map((f) => `| ${f.what} | ${f.value} |`)].join('\n');
    console.log(`\n## ${benchmark.title} — ${target.label}\n\n${table}`);
    sections.push(`### ${benchmark.title} — ${target.label}\n\n${table}`);
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${process.platform}`;
writeFileSync(
  new URL('../docs/BENCHMARKS.md', import.meta.url),
  `# Benchmarks

Written by \`npm run bench\` (bench/run.ts); do not edit by hand. Set \`DATABASE_URL\` to a
PostgreSQL server where the user may create databases to measure the server too
(\`source .ci/postgres.sh && start_postgres && npm run bench\`).

- Ran: ${formatJapanTime(new Date())}
- Machine: ${machine}

${sections.join('\n\n')}
`,
);
