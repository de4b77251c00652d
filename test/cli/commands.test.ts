import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { processTerminal } from '../../src/cli/terminal.js';
import { formatJapanTime } from '../../src/shared/dates.js';
import { runCli } from '../support/cli.js';

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

describe('keitax help and errors, in Japanese', () => {
  /** Runs `keitax …`; what it printed to stderr and stdout, and whether it failed. */
  async function keitax(args: string[], env: NodeJS.ProcessEnv = {}) {
    const run = await runCli(args, env);
    return { failed: run.status !== 0, stderr: run.stderr.trimEnd(), stdout: run.stdout };
  }

  it('describes every command and option in Japanese, commander’s own words included', () => {
    for (const command of everyCommand(createProgram(processTerminal()))) {
      const help = command.helpInformation();
      expect(command.description(), command.name()).toMatch(JAPANESE);
      for (const option of command.options) expect(option.description, `${command.name()} ${option.flags}`).toMatch(JAPANESE);
      expect(help).not.toMatch(/Usage:|Options:|Commands:|Arguments:|display help|output the version|\(default:|\(choices:/);
    }
  });

  it('says what to do about an unknown option and an unknown role, listing the roles', async () => {
    const unknown = await keitax(['staff', 'list', '--verbose']);
    expect(unknown.failed).toBe(true);
    expect(unknown.stderr).toContain('エラー: オプション --verbose はありません。');
    expect(unknown.stderr).toContain('使い方は、同じコマンドに --help を付けて実行すると表示されます。');

    const role = await keitax(['staff', 'roles', '--staff-no', 'D006', '--role', 'admin']);
    expect(role.failed).toBe(true);
    expect(role.stderr).toContain('エラー: オプション --role <role> の値「admin」は使えません。使える役割は assessor: 課税担当');
    expect(role.stderr).toContain('system_admin: システム管理者');
  });

  it('names a file that is not there, before touching the database', async () => {
    const run = await keitax(['import', 'residents', '/no/such/異動.csv']);
    expect(run.failed).toBe(true);
    expect(run.stderr).toBe('ファイル /no/such/異動.csv が見つかりません。ファイル名とフォルダを確かめてください。');
  });

  it('takes the installation’s municipality for tax due-date, as tax calc does', async () => {
    const run = await keitax(['tax', 'due-date', '--fiscal-year', '2026'], { KEITAX_MUNICIPALITY_CODE: '112224' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ municipalityCode: '112224', dueDate: '2026-06-01' });
  });

  it('prints moments as a clock in Japan shows them, whatever the time zone of the machine', () => {
    expect(formatJapanTime('2026-12-01T15:30:05Z')).toBe('2026-12-02 00:30:05 JST');
    expect(formatJapanTime(new Date('2026-04-01T00:00:00+09:00'))).toBe('2026-04-01 00:00:00 JST');
  });
});
