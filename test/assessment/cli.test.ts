import { beforeAll, describe, expect, it } from 'vitest';
import { progressBar, tableLines } from '../../src/assessment/cli.js';
import { runCli } from '../support/cli.js';
import { TEST_TARGET } from '../support/target.js';
import { demoFolder, type DemoFolder } from './demo-folder.js';

describe('keitax assess: columns and the progress bar', () => {
  it('aligns columns by what a terminal shows, a kanji taking two', () => {
    expect(tableLines([['区分', '台数'], ['合計', '1,234'], ['ab', '5']])).toEqual(['区分   台数', '合計  1,234', 'ab        5']);
  });

  it('fills the bar as the vehicles are read, full for an empty city', () => {
    expect(progressBar({ vehiclesDone: 150, vehiclesExpected: 600 })).toBe(`[${'#'.repeat(8)}${'.'.repeat(22)}] 25% 150/600台`);
    expect(progressBar({ vehiclesDone: 0, vehiclesExpected: 0 })).toBe(`[${'#'.repeat(30)}] 100% 0/0台`);
  });
});

describe.runIf(TEST_TARGET === 'pglite')('keitax assess on the demo city', () => {
  let folder: DemoFolder;
  const assess = (...args: string[]) => runCli(['assess', ...args], folder.env);
  const levyCount = async () => {
    const db = await folder.open();
    try {
      return await db.withMunicipality('112224', async (trx) => (await trx.selectFrom('levy').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    folder = await demoFolder('assess-cli');
  }, 120_000);

  it('previews with --dry-run as a table by class and rate case against last year, writing no levy', async () => {
    const run = await assess('--fiscal-year', '2026', '--dry-run');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2026年度(令和8年度) 当初賦課の試算(課税は書き込んでいません');
    expect(run.stdout).toMatch(/区分\s+台数\s+税額\(円\)\s+前年度 台数/);
    expect(run.stdout).toMatch(/軽自動車 四輪乗用 自家用\s+\d+/);
    expect(run.stdout).toMatch(/\[税率\] 標準税率\s+\d+/);
    expect(run.stdout).toMatch(/合計\s+[\d,]+/);
    expect(Number(await levyCount())).toBe(0);
  }, 60_000);

  it('runs with a progress bar on stderr, ends with the totals and 照合 一致; a second run changes nothing', async () => {
    const first = await assess('--fiscal-year', '2026');
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/\[#{30}\] 100% [\d,]+\/[\d,]+台\n$/);
    expect(first.stdout).toMatch(/完了: [\d,]+台 [\d,]+円/);
    expect(first.stdout).toContain('照合: 一致');
    const levies = Number(await levyCount());
    expect(levies).toBeGreaterThan(250);
    const second = await assess('--fiscal-year', '2026');
    expect(second.status).toBe(0);
    expect(second.stdout.match(/完了: .*/)?.[0]).toBe(first.stdout.match(/完了: .*/)?.[0]);
    expect(Number(await levyCount())).toBe(levies);
  }, 90_000);

  it('refuses a year out of range in Japanese, exit code 1, before touching the database', async () => {
    const run = await assess('--fiscal-year', '1999');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('年度');
    expect(run.stdout).toBe('');
  });
});
