/** @module `keitax import declarations FILE`: forwarded vehicle data from the command line, as the upload screen takes it. */
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { commandLineActor } from '../access/actor.js';
import { readInputFile, withCommandContext } from '../cli/context.js';
import type { EncodingChoice } from '../shared/csv-file.js';
import type { Terminal } from '../cli/terminal.js';

/** Adds `declarations` to the `import` command. */
export function registerDeclarationImportCommand(imports: Command, terminal: Terminal): void {
  imports
    .command('declarations')
    .description('軽自動車検査協会・運輸支局の送付データ(申告データ・検査情報、docs/forwarded-data.md)を取り込む。所有者を特定できないデータは職員の確認待ちになる。誤りのあるデータがあれば終了コード 1')
    .argument('<file>', 'CSV ファイル(UTF-8 または Shift_JIS)')
    .addOption(new Option('--encoding <encoding>', 'ファイルの文字コード(auto は自動判定)').choices(['auto', 'utf-8', 'shift_jis']).default('auto'))
    .action((file: string, options: { encoding: EncodingChoice }) => {
      const bytes = readInputFile(file);
      return withCommandContext(terminal, async ({ config, vehicleImports }) => {
        const report = await vehicleImports.importFile(commandLineActor(config.municipalityCode, ['vehicle.write']), { fileName: basename(file), bytes, encoding: options.encoding });
        terminal.print(`${report.fileName} (${report.encoding}, ${report.parserId}): ${report.recordCount} records`);
        terminal.print(`  written to the register ${report.applied}, queued for review ${report.queued}, already taken ${report.alreadyTaken}, invalid ${report.invalid}`);
        for (const problem of report.problems) terminal.print(`  ${problem.row}行目 ${problem.column}: ${problem.message}`);
        terminal.print(`import ${report.importId}`);
        if (report.invalid > 0) {
          terminal.warn(`誤りのある ${report.invalid} 件は取り込んでいません。上に示した行と項目を直して、もう一度取り込んでください(取込み済みのデータが二重に取り込まれることはありません)。`);
          terminal.fail();
        }
      });
    });
}
