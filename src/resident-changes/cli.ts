import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { commandLineActor } from '../access/actor.js';
import { withCommandContext } from '../cli/context.js';
import type { EncodingChoice } from './file.js';

/** `keitax import residents FILE`: the resident registry's change file, as the screen takes it. */
export function registerImportCommands(program: Command): void {
  program
    .command('import')
    .description('import data from other systems')
    .command('residents')
    .description('apply a resident-change file (住民異動, docs/resident-change-file.md) to the addressees; rows that do not match wait for a clerk')
    .argument('<file>', 'CSV file, UTF-8 or Shift_JIS')
    .addOption(new Option('--encoding <encoding>', 'character encoding of the file').choices(['auto', 'utf-8', 'shift_jis']).default('auto'))
    .action((file: string, options: { encoding: EncodingChoice }) =>
      withCommandContext(async ({ config, residentChanges }) => {
        const report = await residentChanges.importFile(commandLineActor(config.municipalityCode, ['resident.import']), {
          fileName: basename(file),
          bytes: readFileSync(file),
          encoding: options.encoding,
        });
        console.log(`${report.fileName} (${report.encoding}): ${report.rowCount} rows`);
        console.log(`  applied ${report.applied}, already applied ${report.alreadyApplied}, queued for review ${report.queued}, already queued ${report.alreadyQueued}, invalid ${report.invalid}`);
        for (const problem of report.problems) console.log(`  ${problem.row}行目 ${problem.column}: ${problem.message}`);
        console.log(`import ${report.importId}`);
      }),
    );
}
