/**
 * @module `keitax assess --fiscal-year 2026 [--dry-run] [--resume]`: the initial assessment from
 * the command line, through the running server's database as every command reaches it — the
 * preview as a table, or a real run carried on by this process with a progress bar on stderr,
 * ending with its totals and the reconciliation.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { commandLineActor } from '../access/actor.js';
import { withCommandContext } from '../cli/context.js';
import type { Terminal } from '../cli/terminal.js';
import { formatEraFiscalYear } from '../shared/era.js';
import { integerText } from '../shared/text.js';
import { groupName, groupsSideBySide, type AssessmentRunView, type AssessmentTotals, type ClassNames } from './model.js';
import type { AssessmentService } from './service.js';

/** How often the progress bar asks how far the run is. */
const POLL_MS = 1000;
const BAR_WIDTH = 30;

const fiscalYearText = integerText({ label: '年度', min: 2016, max: 2200 });

function fiscalYearOption(value: string): number {
  const parsed = fiscalYearText.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]?.message ?? '年度を西暦で指定してください。');
  return parsed.data;
}

/** Columns on a terminal: a full-width character (漢字, かな, full-width forms) takes two. */
function displayWidth(text: string): number {
  return [...text].reduce((width, char) => width + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1), 0);
}

/** Rows as aligned columns: the first to the left, numbers to the right. */
export function tableLines(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? '')))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => {
        const fill = ' '.repeat((widths[column] ?? 0) - displayWidth(cell));
        return column === 0 ? cell + fill : fill + cell;
      })
      .join('  ')
      .trimEnd(),
  );
}

const yen = (n: number) => n.toLocaleString('ja-JP');
const signed = (n: number) => (n > 0 ? `+${yen(n)}` : yen(n));

/** This year against last year, a row per class, then per rate case, and the total. */
export function previewTable(current: AssessmentTotals, lastYear: AssessmentTotals, classNames: ClassNames): string[] {
  const row = (name: string, now: { count: number; amount: number }, before: { count: number; amount: number }) => [
    name,
    yen(now.count),
    yen(now.amount),
    yen(before.count),
    yen(before.amount),
    signed(now.count - before.count),
    signed(now.amount - before.amount),
  ];
  const groups = groupsSideBySide(current, lastYear);
  return tableLines([
    ['区分', '台数', '税額(円)', '前年度 台数', '前年度 税額(円)', '差 台数', '差 税額(円)'],
    ...groups.filter((g) => g.group === 'class').map((g) => row(groupName(g, classNames), g.left, g.right)),
    ...groups.filter((g) => g.group === 'rateCase').map((g) => row(`[税率] ${groupName(g, classNames)}`, g.left, g.right)),
    row('合計', { count: current.vehicles, amount: current.amount }, { count: lastYear.vehicles, amount: lastYear.amount }),
  ]);
}

/** `[#########.....] 60% 1,200/2,000台`: how far a real run is. */
export function progressBar(run: Pick<AssessmentRunView, 'vehiclesDone' | 'vehiclesExpected'>): string {
  const expected = run.vehiclesExpected ?? 0;
  const share = expected === 0 ? 1 : Math.min(1, run.vehiclesDone / expected);
  const filled = Math.round(share * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${Math.floor(share * 100)}% ${yen(run.vehiclesDone)}/${yen(expected)}台`;
}

/** Draws the bar each time the run has moved on, until it has finished here; answers the finished run (rejects as it failed). */
async function followRun(terminal: Terminal, service: AssessmentService, actor: ReturnType<typeof commandLineActor>, started: AssessmentRunView): Promise<AssessmentRunView> {
  const finished = service.whenFinished(started.runId);
  const settled = finished.then(
    () => true,
    () => true,
  );
  let drawn = '';
  const draw = (run: AssessmentRunView) => {
    const bar = progressBar(run);
    if (bar !== drawn) terminal.warn(bar);
    drawn = bar;
  };
  draw(started);
  while (!(await Promise.race([settled, new Promise<false>((resolve) => setTimeout(() => resolve(false), POLL_MS))]))) draw(await service.findRun(actor, started.runId));
  const run = await finished.catch((error: unknown) => {
    throw new Error(`当初賦課(実行番号 ${started.runId})は失敗しました: ${error instanceof Error ? error.message : String(error)}。原因を取り除いてから --resume を付けて再開してください(済んだ分はそのままです)。`, { cause: error });
  });
  draw(run);
  return run;
}

/** Adds `keitax assess`. */
export function registerAssessCommand(program: Command, terminal: Terminal): void {
  program
    .command('assess')
    .description('当初賦課(その年度の4月1日に登録のある車両へ課税)を実行する。進み具合を標準エラーに表示し、終われば集計と照合の結果を示す。失敗すれば終了コード 1')
    .requiredOption('--fiscal-year <year>', '年度(西暦、例: 2026)', fiscalYearOption)
    .addOption(new Option('--dry-run', '試算だけ: 車種別・税率区分別の台数と税額、前年度との差を表示し、課税は書き込まない').default(false))
    .addOption(new Option('--resume', '中断・失敗した実行を、止まったところから再開する').default(false))
    .action((options: { fiscalYear: number; dryRun: boolean; resume: boolean }) =>
      withCommandContext(terminal, async ({ config, assessment }) => {
        const actor = commandLineActor(config.municipalityCode, ['levy.assess', 'levy.read']);
        const year = `${options.fiscalYear}年度(${formatEraFiscalYear(options.fiscalYear)})`;
        if (options.dryRun) {
          const report = await assessment.preview(actor, options.fiscalYear);
          terminal.print(`${year} 当初賦課の試算(課税は書き込んでいません。試算番号 ${report.run.runId})`);
          for (const line of previewTable(report.run.totals, report.lastYear, report.classNames)) terminal.print(line);
          terminal.print(`税額を計算できない車両: ${yen(report.run.totals.notComputed)}台`);
          return;
        }
        const started = await assessment.start(actor, options.fiscalYear, options.resume);
        terminal.print(`${year} 当初賦課 実行番号 ${started.runId}: 4月1日の対象 ${yen(started.vehiclesExpected ?? 0)}台(済み ${yen(started.vehiclesDone)}台)`);
        const run = await followRun(terminal, assessment, actor, started);
        terminal.print(`完了: ${yen(run.totals.vehicles)}台 ${yen(run.totals.amount)}円(税額を計算できない車両 ${yen(run.totals.notComputed)}台)`);
        const reconciliation = await assessment.reconcile(actor, options.fiscalYear);
        if (reconciliation.agrees) {
          terminal.print('照合: 一致(実行の集計と課税の記録が一致しています)');
          return;
        }
        terminal.print('照合: 不一致');
        for (const d of reconciliation.differences) {
          terminal.print(`  ${groupName(d, reconciliation.classNames)}: 実行の集計 ${yen(d.left.count)}台 ${yen(d.left.amount)}円 / 課税の記録 ${yen(d.right.count)}台 ${yen(d.right.amount)}円`);
        }
        terminal.warn('実行の集計と課税の記録が一致しません。上の区分の課税を確かめてください。');
        terminal.fail();
      }),
    );
}
