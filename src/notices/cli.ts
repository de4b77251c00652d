/**
 * @module `keitax notices print --fiscal-year 2026 --out DIR [--per-file N]`: every notice of a year
 * into print files with their manifest, as `POST /api/v1/notices/batches` makes them on the server.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { commandLineActor } from '../access/actor.js';
import { withCommandContext } from '../cli/context.js';
import type { Terminal } from '../cli/terminal.js';
import { yen } from '../tax-rules/model.js';

/** A whole number from `min` to `max`, or a Japanese message naming the option. */
const wholeNumber = (label: string, min: number, max: number) => (text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new InvalidArgumentError(`${label}は${min}から${max}までの整数で指定してください`);
  return value;
};

/** Adds `notices print`. */
export function registerNoticeCommands(program: Command, terminal: Terminal): void {
  program
    .command('notices')
    .description('納税通知書')
    .command('print')
    .description('年度の納税通知書をすべて印刷ファイル(PDF)にし、一覧 manifest.json を書く。当初賦課の集計と一致しなければ一覧を作らず終了コード 1')
    .addOption(new Option('--fiscal-year <year>', '年度(例: 2026)').argParser(wholeNumber('年度', 2016, 2200)).makeOptionMandatory())
    .requiredOption('--out <dir>', '印刷ファイルを書くフォルダ')
    .addOption(new Option('--per-file <n>', '1ファイルの通知書数').argParser(wholeNumber('1ファイルの通知書数', 1, 100_000)).default(1000))
    .action((options: { fiscalYear: number; out: string; perFile: number }) =>
      withCommandContext(terminal, async ({ config, notices }) => {
        const actor = commandLineActor(config.municipalityCode, ['notice.print', 'levy.read']);
        const { outDir, manifest } = await notices.printBatch(actor, options.fiscalYear, { perFile: options.perFile, outDir: resolve(options.out) });
        for (const file of manifest.files) terminal.print(`${file.file}: ${file.notices} notices, ${file.vehicles} vehicles, ${yen(file.total)}`);
        terminal.print(`${outDir}: ${manifest.totals.files} files, ${manifest.totals.notices} notices, ${manifest.totals.vehicles} vehicles, ${yen(manifest.totals.total)} (reconciled with the assessment)`);
      }),
    );
}
