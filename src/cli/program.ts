/**
 * @module The `keitax` command line: its commands (serve, migrate, audit, staff, imports, keys,
 * tax) and how an error is told in one Japanese line.
 */
import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config.js';
import { loadConfig } from '../config.js';
import { takeCheckpoint, verifyAuditChain } from '../audit/verify.js';
import { registerKeyRotation } from '../integrated-addressees/cli.js';
import { generateKeyMaterial, keyEnvironment, newVaultKeyEntry } from '../keys/keys.js';
import { seedDemoCity } from '../demo/seed.js';
import { registerMunicipality, registerOffice } from '../municipality/service.js';
import { startServer } from '../server/start.js';
import { registerImportCommands } from '../resident-changes/cli.js';
import { registerStaffCommands } from '../staff/cli.js';
import { registerDeclarationImportCommand } from '../vehicle-imports/cli.js';
import { KEITAX_VERSION } from '../system/service.js';
import { withCommandContext } from './context.js';
import type { Terminal } from './terminal.js';
import { Problem } from '../server/problem.js';
import { speakJapanese } from './japanese.js';
import { addTaxCommands } from '../tax-rules/cli.js';
import { registerAssessCommand } from '../assessment/cli.js';
import { registerNoticeCommands } from '../notices/cli.js';
import { registerSyntheticCommand } from '../synthetic/cli.js';

/**
 * Runs `keitax <argv>` on `terminal` and answers its exit code. An error leaves as one line in
 * Japanese: a configuration error as it is, a problem with its title, detail and fields.
 */
export async function runKeitax(argv: readonly string[], terminal: Terminal): Promise<number> {
  try {
    await createProgram(terminal).parseAsync([...argv], { from: 'user' });
    return terminal.failed ? 1 : 0;
  } catch (error) {
    // Commander has already said what was wrong (or shown the help it was asked for).
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ConfigError) terminal.warn(error.message);
    else if (error instanceof Problem) terminal.warn(`${error.title}: ${error.detail}${(error.errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join('')}`);
    else terminal.warn(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

/** Every `keitax` command, with its help in Japanese, speaking through `terminal`. */
export function createProgram(terminal: Terminal): Command {
const program = speakJapanese(new Command())
  .exitOverride()
  .configureOutput({ writeOut: (text) => void terminal.write(text), writeErr: (text) => terminal.warn(text.replace(/\n$/, '')) })
  .name('keitax')
  .description('軽自動車税(種別割) 賦課・管理システム — 運用コマンド。サーバーの動作中は、サーバー経由で同じデータベースを使います')
  .version(KEITAX_VERSION, '-V, --version', 'バージョンを表示する');

program
  .command('serve', { isDefault: true })
  .description('API と画面を提供するサーバーを起動する(HOST・PORT・DATABASE_URL などの設定は README)')
  .action(async () => {
    const server = await startServer(loadConfig(terminal.env), (message) => terminal.print(message));
    terminal.print(`keitax listening on ${server.url}`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        terminal.print(`${signal}: shutting down`);
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            terminal.warn(String(error));
            process.exit(1);
          },
        );
      });
    }
  });

program
  .command('migrate')
  .description('データベースのスキーマを最新にする(起動時にも実行)')
  .action(() =>
    withCommandContext(terminal, async ({ migration: { applied, alreadyApplied } }) => {
      terminal.print(applied.length ? `applied: ${applied.join(', ')}` : `up to date (${alreadyApplied} migrations)`);
    }),
  );

program
  .command('seed-demo')
  .description('デモ用の市 112224(架空のデータ)を読み込む — 指定したデータベースへ意図して読み込むとき')
  .action(() =>
    withCommandContext(terminal, async ({ db, vault }) => {
      const summary = await seedDemoCity(db, vault);
      terminal.print(`demo city ${summary.municipalityCode}: ${summary.addressees} addressees, ${summary.vehicles} vehicle records, ${summary.staff} demo staff accounts`);
    }),
  );

const municipality = program.command('municipality').description('このシステムが扱う地方公共団体');
municipality
  .command('add')
  .description('地方公共団体を登録する')
  .requiredOption('--code <code>', '地方公共団体コード(検査数字を含む6桁)')
  .requiredOption('--name <name>', '名称(例: 越谷市)')
  .requiredOption('--prefecture <prefecture>', '都道府県(例: 埼玉県)')
  .addOption(new Option('--demo', '架空のデータだけを持つデモ用の団体として登録する').default(false))
  .action((options: { code: string; name: string; prefecture: string; demo: boolean }) =>
    withCommandContext(terminal, async ({ db }) => {
      await registerMunicipality(db, { code: options.code, name: options.name, prefecture: options.prefecture, isDemo: options.demo });
      terminal.print(`registered ${options.code} ${options.prefecture}${options.name}`);
    }),
  );

program
  .command('office')
  .description('団体の拠点')
  .command('add')
  .description('拠点を登録する: 本庁・支所・他部署・委託事業者')
  .requiredOption('--code <code>', '拠点コード(例: 01)')
  .requiredOption('--name <name>', '名称(例: 本庁 市民税課)')
  .requiredOption('--kind <kind>', '種別: main(本庁)| branch(支所)| other_department(他部署)| contractor(委託事業者)')
  .action((options: { code: string; name: string; kind: string }) =>
    withCommandContext(terminal, async ({ db, config }) => {
      await registerOffice(db, config.municipalityCode, { officeCode: options.code, name: options.name, kind: options.kind });
      terminal.print(`registered office ${options.code} ${options.name}`);
    }),
  );

registerStaffCommands(program, terminal);

const keys = program.command('keys').description('鍵(秘密情報)');
keys
  .command('generate')
  .description('新しい鍵一式を環境変数の形で表示する(秘密情報の保管庫へ登録する)')
  .addOption(new Option('--vault-key', '新しい保管鍵(id:base64)を1つだけ表示する。`keys rotate` の前に KEITAX_VAULT_KEYS の先頭へ置く').default(false))
  .action((options: { vaultKey: boolean }) => {
    if (options.vaultKey) {
      terminal.print(newVaultKeyEntry());
      return;
    }
    for (const [name, value] of Object.entries(keyEnvironment(generateKeyMaterial()))) terminal.print(`${name}=${value}`);
  });
registerKeyRotation(keys, terminal);
const imports = program.command('import').description('他のシステムのデータを取り込む');
registerImportCommands(imports, terminal);
registerDeclarationImportCommand(imports, terminal);

const audit = program.command('audit').description('改ざんを検知できる監査ログ');
audit
  .command('verify')
  .description('団体の監査ログの連鎖と署名付きチェックポイントを検証する。不整合があれば終了コード 1')
  .action(() =>
    withCommandContext(terminal, async ({ db, config, keys }) => {
      const report = await db.withMunicipality(config.municipalityCode, (trx) => verifyAuditChain(trx, keys, config.audit.checkpointDir, config.municipalityCode));
      terminal.print(`${report.municipalityCode}: ${report.entries} entries (head ${report.headSeq}), ${report.checkpoints} checkpoints`);
      for (const problem of report.problems) terminal.print(`  seq ${problem.seq}: ${problem.problem}`);
      terminal.print(report.ok ? 'OK: the audit chain is intact' : `FAIL: ${report.problems.length} problem(s)`);
      if (!report.ok) terminal.fail();
    }),
  );
audit
  .command('checkpoint')
  .description('いまの連鎖の先頭に署名し、チェックポイントのフォルダへ記録する')
  .action(() =>
    withCommandContext(terminal, async ({ db, config, keys }) => {
      const checkpoint = await db.withMunicipality(config.municipalityCode, (trx) => takeCheckpoint(trx, keys, config.audit.checkpointDir, config.municipalityCode));
      terminal.print(checkpoint ? `signed seq ${checkpoint.seq} into ${config.audit.checkpointDir}` : 'nothing new to sign');
    }),
  );

addTaxCommands(program, terminal);
registerAssessCommand(program, terminal);
registerNoticeCommands(program, terminal);
registerSyntheticCommand(program, terminal);
return program;
}
