/**
 * @module The command line in Japanese: commander's own English headings, options and error
 * messages replaced.
 */
import { Help, type Command } from 'commander';

/**
 * Commander speaks English of its own: headings, the help and version options, "(default: …)"
 * and its error messages. This puts all of it in Japanese, for `program` and (commander copies
 * these settings into every subcommand made after) each of its commands.
 */
export function speakJapanese(program: Command): Command {
  return program
    .helpOption('-h, --help', 'このコマンドの使い方を表示する')
    .helpCommand('help [command]', 'コマンドの使い方を表示する')
    .configureHelp({
      styleTitle: (title) => HEADINGS[title] ?? title,
      optionDescription: (option) => japaneseExtras(Help.prototype.optionDescription.call(new Help(), option)),
      argumentDescription: (argument) => japaneseExtras(Help.prototype.argumentDescription.call(new Help(), argument)),
    })
    .configureOutput({ outputError: (message, write) => write(japaneseError(message)) })
    .showHelpAfterError('使い方は、同じコマンドに --help を付けて実行すると表示されます。');
}

const HEADINGS: Record<string, string> = {
  'Usage:': '使い方:',
  'Options:': 'オプション:',
  'Commands:': 'コマンド:',
  'Arguments:': '引数:',
  'Global Options:': '共通のオプション:',
};

function japaneseExtras(description: string): string {
  return description.replace(/\((?:choices|default): .*\)$/, (extras) => extras.replace('choices: ', '選択肢: ').replace('default: ', '既定: '));
}

/** Commander's error messages, each said in Japanese with what to do instead. */
const ERRORS: [RegExp, (...groups: string[]) => string][] = [
  [/^error: unknown option '(.+?)'(?:\n\(Did you mean (.+)\?\))?/, (flag, guess) => `オプション ${flag} はありません。${guess ? `${guess} のことですか。` : ''}`],
  [/^error: unknown command '(.+?)'(?:\n\(Did you mean (.+)\?\))?/, (name, guess) => `コマンド ${name} はありません。${guess ? `${guess} のことですか。` : ''}`],
  [/^error: missing required argument '(.+)'/, (name) => `引数 ${name} を指定してください。`],
  [/^error: option '(.+)' argument missing/, (flags) => `オプション ${flags} の値を指定してください。`],
  [/^error: required option '(.+)' not specified/, (flags) => `オプション ${flags} は必須です。指定してください。`],
  [/^error: option '(.+)' argument '(.*)' is invalid\. ?(?:Allowed choices are (.+)\.)?(.*)/s, (flags, value, choices, reason) => `オプション ${flags} の値「${value}」は使えません。${choices ? `使える値は ${choices} です。` : reason.trim()}`],
  [/^error: too many arguments/, () => '引数が多すぎます。'],
];

export function japaneseError(message: string): string {
  for (const [pattern, say] of ERRORS) {
    const match = pattern.exec(message);
    if (match) return `エラー: ${say(...match.slice(1).map((group) => group ?? ''))}\n`;
  }
  return message;
}
