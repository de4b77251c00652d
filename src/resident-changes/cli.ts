/**
 * @module The `keitax import residents` command: a resident-change file imported from the command
 * line, as the screen imports it.
 */
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { commandLineActor } from '../access/actor.js';
import { readInputFile, withCommandContext } from '../cli/context.js';
import type { EncodingChoice } from '../shared/csv-file.js';
import type { Terminal } from '../cli/terminal.js';

/** `keitax import residents FILE`: the resident registry's change file, as the screen takes it. */
export function registerImportCommands(imports: Command, terminal: Terminal): void {
  imports
    .command('residents')
    .description('住民異動ファイル(docs/resident-change-file.md)を税宛名へ反映する。突合できない行は職員の確認待ちになる。誤りのある行があれば終了コード 1')
    .argument('<file>', 'CSV ファイル(UTF-8 または Shift_JIS)')
    .addOption(new Option('--encoding <encoding>', 'ファイルの文字コード(auto は自動判定)').choices(['auto', 'utf-8', 'shift_jis']).default('auto'))
    .action((file: string, options: { encoding: EncodingChoice }) => {
      const bytes = readInputFile(file);
      return withCommandContext(terminal, async ({ config, residentChanges }) => {
        const report = await residentChanges.importFile(commandLineActor(config.municipalityCode, ['resident.import']), {
          fileName: basename(file),
          bytes,
          encoding: options.encoding,
        });
        terminal.print(`${report.fileName} (${report.encoding}): ${report.rowCount} rows`);
        terminal.print(`  applied ${report.applied}, already applied ${report.alreadyApplied}, queued for review ${report.queued}, already queued ${report.alreadyQueued}, invalid ${report.invalid}`);
        for (const problem of report.problems) terminal.print(`  ${problem.row}行目 ${problem.column}: ${problem.message}`);
        terminal.print(`import ${report.importId}`);
        if (report.invalid > 0) {
          terminal.warn(`誤りのある ${report.invalid} 行は反映していません。上に示した行と項目を直して、もう一度取り込んでください(反映済みの行が二重に反映されることはありません)。`);
          terminal.fail();
        }
      });
    });
}
