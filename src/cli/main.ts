#!/usr/bin/env node
import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { takeCheckpoint, verifyAuditChain } from '../audit/verify.js';
import { registerKeyRotation } from '../integrated-addressees/cli.js';
import { generateKeyMaterial, keyEnvironment, newVaultKeyEntry } from '../keys/keys.js';
import { seedDemoCity } from '../demo/seed.js';
import { registerMunicipality, registerOffice } from '../municipality/service.js';
import { Problem } from '../server/problem.js';
import { startServer } from '../server/start.js';
import { registerImportCommands } from '../resident-changes/cli.js';
import { registerStaffCommands } from '../staff/cli.js';
import { KEITAX_VERSION } from '../system/service.js';
import { withCommandContext } from './context.js';
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
    withCommandContext(async ({ migration: { applied, alreadyApplied } }) => {
      console.log(applied.length ? `applied: ${applied.join(', ')}` : `up to date (${alreadyApplied} migrations)`);
    }),
  );

program
  .command('seed-demo')
  .description('load the demo city 112224 (fictional data) — on purpose, into any database')
  .action(() =>
    withCommandContext(async ({ db, vault }) => {
      const summary = await seedDemoCity(db, vault);
      console.log(`demo city ${summary.municipalityCode}: ${summary.addressees} addressees, ${summary.vehicles} vehicle records, ${summary.staff} demo staff accounts`);
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
    withCommandContext(async ({ db }) => {
      await registerMunicipality(db, { code: options.code, name: options.name, prefecture: options.prefecture, isDemo: options.demo });
      console.log(`registered ${options.code} ${options.prefecture}${options.name}`);
    }),
  );

program
  .command('office')
  .description('offices (拠点) of the municipality')
  .command('add')
  .description('register an office: the main office, a branch, another department or a contractor')
  .requiredOption('--code <code>', '拠点コード (e.g. 01)')
  .requiredOption('--name <name>', 'name, e.g. 本庁 市民税課')
  .requiredOption('--kind <kind>', 'main | branch | other_department | contractor')
  .action((options: { code: string; name: string; kind: string }) =>
    withCommandContext(async ({ db, config }) => {
      await registerOffice(db, config.municipalityCode, { officeCode: options.code, name: options.name, kind: options.kind });
      console.log(`registered office ${options.code} ${options.name}`);
    }),
  );

registerStaffCommands(program);

const keys = program.command('keys').description('secrets');
keys
  .command('generate')
  .description('print a new set of keys as environment variables, for a secrets manager')
  .addOption(new Option('--vault-key', 'print only one new vault key (id:base64), to put first in KEITAX_VAULT_KEYS before `keys rotate`').default(false))
  .action((options: { vaultKey: boolean }) => {
    if (options.vaultKey) {
      console.log(newVaultKeyEntry());
      return;
    }
    for (const [name, value] of Object.entries(keyEnvironment(generateKeyMaterial()))) console.log(`${name}=${value}`);
  });
registerKeyRotation(keys);
registerImportCommands(program);

const audit = program.command('audit').description('the tamper-evident audit log');
audit
  .command('verify')
  .description("check the municipality's audit chain and its signed checkpoints; exit 1 at any break")
  .action(() =>
    withCommandContext(async ({ db, config, keys }) => {
      const report = await db.withMunicipality(config.municipalityCode, (trx) => verifyAuditChain(trx, keys, config.audit.checkpointDir, config.municipalityCode));
      console.log(`${report.municipalityCode}: ${report.entries} entries (head ${report.headSeq}), ${report.checkpoints} checkpoints`);
      for (const problem of report.problems) console.log(`  seq ${problem.seq}: ${problem.problem}`);
      console.log(report.ok ? 'OK: the audit chain is intact' : `FAIL: ${report.problems.length} problem(s)`);
      if (!report.ok) process.exitCode = 1;
    }),
  );
audit
  .command('checkpoint')
  .description("sign the chain's head now into the checkpoint folder")
  .action(() =>
    withCommandContext(async ({ db, config, keys }) => {
      const checkpoint = await db.withMunicipality(config.municipalityCode, (trx) => takeCheckpoint(trx, keys, config.audit.checkpointDir, config.municipalityCode));
      console.log(checkpoint ? `signed seq ${checkpoint.seq} into ${config.audit.checkpointDir}` : 'nothing new to sign');
    }),
  );

addTaxCommands(program);


program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof Problem) console.error(`${error.title}: ${error.detail}${formatFieldErrors(error)}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

function formatFieldErrors(problem: Problem): string {
  return (problem.errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join('');
}
