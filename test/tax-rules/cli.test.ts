import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { TAX_RULES_EXAMPLES } from './examples.js';

/** The real `keitax` CLI, run as main.ts runs it; its JSON output lines parsed. */
async function keitax(args: string[], input = '', env: NodeJS.ProcessEnv = {}) {
  const run = await runCli(args, { LOG_LEVEL: 'silent', ...env }, input);
  const lines = () => run.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { ...run, lines };
}

describe('keitax tax (CLI)', async () => {
  it('tax calc answers the TAX-RULES.md examples exactly, one line per input line, in order — and bad lines with their own error', async () => {
    const good = TAX_RULES_EXAMPLES.map((e, i) => JSON.stringify({ id: `ex${i + 1}`, ...e.input }));
    const input = [
      ...good.slice(0, 5),
      'this is not JSON',
      '{"fiscalYear":2026,"vehicleClass":"moped_class1"}',
      '{"id":"contradiction","fiscalYear":2026,"vehicleClass":"moped","wheels":2,"displacementCc":50,"ratedOutputKw":0.9}',
      '',
      ...good.slice(5),
    ].join('\n');
    const run = await keitax(['tax', 'calc'], `${input}\n`);
    expect(run.status).toBe(0);
    expect(run.lines()).toHaveLength(TAX_RULES_EXAMPLES.length + 3);
    const answers = [...run.lines().slice(0, 5), ...run.lines().slice(8)];
    TAX_RULES_EXAMPLES.forEach(async (example, i) => {
      expect(answers[i], `${example.rule} (${example.source})`).toMatchObject({
        id: `ex${i + 1}`,
        fiscalYear: example.input.fiscalYear,
        ...example.expected,
        citations: expect.arrayContaining([expect.stringMatching(/地方税法|改正する法律/)]),
        explanation: expect.stringContaining(`年額 ${example.expected.amount.toLocaleString('ja-JP')}円`),
      });
    });
    expect(run.lines().slice(5, 8)).toEqual([
      { id: null, error: { field: 'line', message: expect.stringContaining('JSON') } },
      { id: null, error: { field: 'id', message: expect.any(String) } },
      { id: 'contradiction', error: { field: 'ratedOutputKw', message: expect.stringContaining('一致しません') } },
    ]);
  });

  it('tax due-date and tax late-charge print JSON with their explanation; a refused option exits 1 naming it', async () => {
    const due = await keitax(['tax', 'due-date', '--municipality', '112224', '--fiscal-year', '2026']);
    expect(due.status).toBe(0);
    expect(due.lines()[0]).toMatchObject({ municipalityCode: '112224', fiscalYear: 2026, dueDate: '2026-06-01' });
    const late = await keitax(['tax', 'late-charge', '--amount', '12900', '--due', '2026-06-01', '--paid', '2026-12-31']);
    expect(late.lines()[0]).toMatchObject({ lateCharge: 0, base: 12000, days: 213 });
    const refused = await keitax(['tax', 'due-date', '--municipality', '112224', '--fiscal-year', '2051']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('fiscal-year: 祝日の情報は2050年まで');
  });

  it('tax overrides check fails on a broken file, naming the file and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-overrides-'));
    writeFileSync(join(dir, '112224.yaml'), "municipalityCode: '112224'\nname: 越谷市\nparameters:\n  rates.multiplier:\n    - { from: 2016, to: null, value: 2, citation: 条例, confidence: V }\n");
    const run = await keitax(['tax', 'overrides', 'check'], '', { KEITAX_TAX_OVERRIDES_DIR: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('112224.yaml');
    expect(run.stdout).toContain('parameters.rates.multiplier.0.value: 倍率は標準税率の1.5倍');
  });
});
