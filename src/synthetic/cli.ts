/**
 * @module `keitax seed-synthetic`: the full-size fictional city for benchmarks and trials. It opens
 * the database itself — a server's through DATABASE_URL, or an embedded folder that no other
 * process holds (a running server's folder is refused: seed a new one with --data-dir) — because
 * COPY needs a connection of its own, which a server's socket does not lend.
 */
import type { Command } from 'commander';
import { compose } from '../composition.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { loadKeys } from '../keys/keys.js';
import { Problem } from '../server/problem.js';
import type { Terminal } from '../cli/terminal.js';
import { seedSyntheticCity, syntheticCityOptionsSchema } from './load.js';

interface SeedOptions {
  municipality: string;
  persons: string;
  vehicles: string;
  seed: string;
  dataDir?: string;
}

/** The option each schema field came from, to name it in an error. */
const OPTION_OF: Record<string, string> = { municipalityCode: '--municipality', persons: '--persons', vehicles: '--vehicles', seed: '--seed' };

export function registerSyntheticCommand(program: Command, terminal: Terminal): void {
  program
    .command('seed-synthetic')
    .description('実規模の合成データ(架空の宛名・車両)を空のデータベースへ読み込む。同じ種からは同じデータができる(docs/synthetic.md)')
    .requiredOption('--municipality <code>', '地方公共団体コード(検査数字を含む6桁、例: 112224)')
    .option('--persons <count>', '宛名の数(個人と法人)', '250000')
    .option('--vehicles <count>', '車両の数(名義変更・廃車の履歴を含めて登録する)', '300000')
    .option('--seed <number>', '乱数の種', '42')
    .option('--data-dir <folder>', '組み込みデータベースのときの新しいデータフォルダ(既定は KEITAX_DATA_DIR)。動作中のサーバーのフォルダは使えない')
    .action(async (options: SeedOptions) => {
      const parsed = syntheticCityOptionsSchema.safeParse({ municipalityCode: options.municipality, persons: options.persons, vehicles: options.vehicles, seed: options.seed });
      if (!parsed.success) throw Problem.validation(parsed.error.issues.map((issue) => ({ field: OPTION_OF[String(issue.path[0])] ?? String(issue.path[0]), message: issue.message })));
      if (options.dataDir && terminal.env.DATABASE_URL) throw Problem.validation([{ field: '--data-dir', message: 'DATABASE_URL でサーバーのデータベースを指定しているときは、--data-dir は指定できません' }]);
      const config = loadConfig(options.dataDir ? { ...terminal.env, KEITAX_DATA_DIR: options.dataDir } : terminal.env);
      const keys = loadKeys(config).keys;
      const db = await openDatabase(config.database);
      try {
        await migrate(db);
        const { vault } = compose({ db, config, keys, startedAt: new Date() });
        const started = Date.now();
        const summary = await seedSyntheticCity(db, vault, parsed.data, (step) => terminal.print(`  ${step.step}: ${step.rows.toLocaleString('en-US')} rows, ${(step.ms / 1000).toFixed(1)} s`));
        terminal.print(
          `synthetic city ${summary.municipalityCode} (seed ${parsed.data.seed}): ${summary.addressees.toLocaleString('en-US')} addressees, ${parsed.data.vehicles.toLocaleString('en-US')} vehicles in ${summary.vehicleRecords.toLocaleString('en-US')} register rows, ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      } finally {
        await db.close();
      }
    });
}
