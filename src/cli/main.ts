#!/usr/bin/env node
import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { seedDemoCity } from '../demo/seed.js';
import { registerMunicipality } from '../municipality/service.js';
import { Problem } from '../server/problem.js';
import { startServer } from '../server/start.js';
import { KEITAX_VERSION } from '../system/service.js';
import { addTaxCommands } from '../tax-rules/cli.js';

const program = new Command()
  .name('keitax')
  .description('軽自動車税(種別割) 賦課・管理システム')
  .version(KEITAX_VERSION)
  .showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('serve the API and screens (HOST, PORT, DATABASE_URL …: see README)')
  .action(async () => {
    const server = await startServer(loadConfig(), (message) => console.log(message));
    console.log(`keitax listening on ${server.url}`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.log(`${signal}: shutting down`);
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      });
    }
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(() =>
    withDatabase(async (db) => {
      const { applied, alreadyApplied } = await migrate(db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : `up to date (${alreadyApplied} migrations)`);
    }),
  );

program
  .command('seed-demo')
  .description('load the demo city 112224 (fictional data) — on purpose, into any database')
  .action(() =>
    withDatabase(async (db) => {
      await migrate(db);
      const summary = await seedDemoCity(db);
      console.log(`demo city ${summary.municipalityCode}: ${summary.addressees} addressees, ${summary.vehicles} vehicle records`);
    }),
  );

const municipality = program.command('municipality').description('municipalities this installation serves');
municipality
  .command('add')
  .description('register a municipality (地方公共団体)')
  .requiredOption('--code <code>', '地方公共団体コード (6 digits with check digit)')
  .requiredOption('--name <name>', 'name, e.g. 越谷市')
  .requiredOption('--prefecture <prefecture>', 'prefecture, e.g. 埼玉県')
  .addOption(new Option('--demo', 'mark as a demo municipality holding fictional data only').default(false))
  .action((options: { code: string; name: string; prefecture: string; demo: boolean }) =>
    withDatabase(async (db) => {
      await migrate(db);
      await registerMunicipality(db, { code: options.code, name: options.name, prefecture: options.prefecture, isDemo: options.demo });
      console.log(`registered ${options.code} ${options.prefecture}${options.name}`);
    }),
  );

addTaxCommands(program);

async function withDatabase(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>): Promise<void> {
  const db = await openDatabase(loadConfig().database);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof Problem) console.error(`${error.title}: ${error.detail}${formatFieldErrors(error)}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

function formatFieldErrors(problem: Problem): string {
  return (problem.errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join('');
}
