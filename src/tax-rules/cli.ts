/**
 * @module The `keitax tax` commands: the tax-rule engine at the command line — amounts line by
 * line, due dates, late charges and the municipality's overrides.
 */
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { municipalityCodeSchema } from '../municipality/model.js';
import { Problem } from '../server/problem.js';
import { calculate } from './amount.js';
import { dueDate } from './due-date.js';
import { calculateLateCharge } from './late-charge.js';
import { TaxInputError, type AmountResult, type FieldError } from './model.js';
import { checkOverridesDir, loadRuleBook } from './overrides-file.js';
import type { RuleBook } from './rulebook.js';
import type { Terminal } from '../cli/terminal.js';

/** One output line of `tax calc`: the answer, or the error of that line only. */
export type CalcLine =
  | ({ id: string } & Pick<AmountResult, 'fiscalYear' | 'amount' | 'vehicleClass' | 'rateCase' | 'provisional' | 'citations' | 'cautions' | 'explanation'>)
  | { id: string | null; error: FieldError };

/** Answers one JSON Lines input line; never throws, whatever the line holds. */
export function answerLine(book: RuleBook, line: string): CalcLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { id: null, error: { field: 'line', message: 'JSONとして読めません。1行に1つのJSONオブジェクトを書いてください' } };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { id: null, error: { field: 'line', message: '1行に1つのJSONオブジェクトを書いてください' } };
  }
  const { id, ...vehicle } = parsed as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return { id: null, error: { field: 'id', message: 'id(文字列)が必要です' } };
  try {
    const r = calculate(book, vehicle);
    const { fiscalYear, amount, vehicleClass, rateCase, provisional, citations, cautions, explanation } = r;
    return { id, fiscalYear, amount, vehicleClass, rateCase, provisional, citations, cautions, explanation };
  } catch (error) {
    if (error instanceof TaxInputError) return { id, error: error.errors[0] as FieldError };
    // A bug must not stop the stream: this line says so, the others are still answered.
    return { id, error: { field: 'line', message: `この行を計算できませんでした(システムの不具合): ${error instanceof Error ? error.message : String(error)}` } };
  }
}

/** `keitax tax …`: the engine for scripts and other tools (a stable interface). */
export function addTaxCommands(program: Command, terminal: Terminal): void {
  const tax = program.command('tax').description('税額計算エンジン(種別割の税額・納期限・延滞金)');

  tax
    .command('calc')
    .description('JSON Lines を標準入力から読み、1行ごとに税額を1行の JSON で順に出力する')
    .option('--municipality <code>', '税率の倍率など団体の設定を使う地方公共団体コード(既定: KEITAX_MUNICIPALITY_CODE)')
    .action(async (options: { municipality?: string }) => {
      const book = ruleBookFor(terminal, options.municipality);
      const lines = createInterface({ input: terminal.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        if (line.trim() !== '') await terminal.write(`${JSON.stringify(answerLine(book, line))}\n`);
      }
    });

  tax
    .command('due-date')
    .description('年度の納期限(条例の日付を土日祝日・年末年始の翌日へ)を JSON で出力する')
    .option('--municipality <code>', '地方公共団体コード(既定: KEITAX_MUNICIPALITY_CODE)')
    .requiredOption('--fiscal-year <year>', '年度(2016以降)')
    .action((options: { municipality?: string; fiscalYear: string }) => {
      const municipality = options.municipality ?? loadConfig(terminal.env).municipalityCode;
      const fiscalYear = Number(options.fiscalYear);
      if (!Number.isInteger(fiscalYear) || fiscalYear < 2016 || fiscalYear > 2100) {
        throw Problem.validation([{ field: 'fiscal-year', message: '2016以降の年度を整数で入力してください' }]);
      }
      const result = cliAnswer(() => dueDate(ruleBookFor(terminal, municipality), fiscalYear));
      terminal.print(JSON.stringify({ municipalityCode: municipality, ...result }));
    });

  tax
    .command('late-charge')
    .description('延滞金を計算し、計算の過程とともに JSON で出力する')
    .requiredOption('--amount <yen>', '税額(円)')
    .requiredOption('--due <date>', '納期限 YYYY-MM-DD')
    .requiredOption('--paid <date>', '納付日 YYYY-MM-DD')
    .option('--municipality <code>', '地方公共団体コード(既定: KEITAX_MUNICIPALITY_CODE)')
    .action((options: { amount: string; due: string; paid: string; municipality?: string }) => {
      const input = { amount: Number(options.amount), dueDate: options.due, paidDate: options.paid };
      terminal.print(JSON.stringify(cliAnswer(() => calculateLateCharge(ruleBookFor(terminal, options.municipality), input))));
    });

  tax
    .command('overrides')
    .description('団体ごとの税額計算の設定ファイル')
    .command('check')
    .description('KEITAX_TAX_OVERRIDES_DIR の <団体コード>.yaml をすべて検証する')
    .option('--dir <dir>', '設定ファイルのフォルダ(既定: KEITAX_TAX_OVERRIDES_DIR)')
    .action((options: { dir?: string }) => {
      const dir = options.dir ?? loadConfig(terminal.env).taxOverridesDir;
      const results = checkOverridesDir(dir);
      if (results.length === 0) terminal.print(`${dir} に設定ファイルはありません(全団体で国の既定値を使います)`);
      for (const { file, error } of results) terminal.print(error ? error.message : `OK ${file}`);
      if (results.some((r) => r.error)) terminal.fail();
    });
}

/** The CLI names the option a value came from; errors leave through main's Problem handler. */
const OPTION_OF: Record<string, string> = { fiscalYear: 'fiscal-year', dueDate: 'due', paidDate: 'paid', amount: 'amount' };

function cliAnswer<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof TaxInputError) throw Problem.validation(error.errors.map((e) => ({ field: OPTION_OF[e.field] ?? e.field, message: e.message })));
    throw error;
  }
}

function ruleBookFor(terminal: Terminal, municipality: string | undefined): RuleBook {
  const config = loadConfig(terminal.env);
  const code = municipality ?? config.municipalityCode;
  const valid = municipalityCodeSchema.safeParse(code);
  if (!valid.success) throw Problem.validation([{ field: 'municipality', message: valid.error.issues[0]?.message ?? '地方公共団体コードが正しくありません' }]);
  return loadRuleBook(config.taxOverridesDir, code);
}
