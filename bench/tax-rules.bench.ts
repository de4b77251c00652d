import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { annualAmount } from '../src/tax-rules/amount.js';
import type { VehicleInput } from '../src/tax-rules/model.js';
import { NATIONAL } from '../src/tax-rules/rulebook.js';
import { ms, timeOnce, type Benchmark } from './harness.js';

const AMOUNTS = 300_000;
const CLI_LINES = 100_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A city's register in miniature: every class, old, heavy, green and standard cases. */
function vehicle(i: number): VehicleInput {
  const fiscalYear = 2016 + (i % 11);
  switch (i % 6) {
    case 0:
      return { fiscalYear, vehicleClass: 'moped', wheels: 2, displacementCc: [49, 90, 110, 125][i % 4], maxOutputKw: 3 + (i % 3) };
    case 1:
      return { fiscalYear, vehicleClass: 'kei_two_wheel', displacementCc: 249 };
    default:
      return {
        fiscalYear,
        vehicleClass: i % 2 ? 'kei_four_wheel_passenger' : 'kei_four_wheel_cargo',
        use: i % 5 ? 'private' : 'commercial',
        firstInspection: `${1995 + (i % (fiscalYear - 1995))}-${String(1 + (i % 12)).padStart(2, '0')}`,
        fuel: i % 7 ? 'gasoline' : 'electric',
        lowEmission4Star: i % 3 === 0,
        fuelEfficiency: { fy2020: 90 + (i % 50), fy2030: 60 + (i % 40) },
      };
  }
}

/** The engine alone (assessment computes one amount per vehicle) and the CLI's JSON Lines throughput. */
export const taxRulesBenchmark: Benchmark = {
  id: 'tax-rules',
  title: 'Tax-rule engine',
  async run() {
    const inputs = Array.from({ length: AMOUNTS }, (_, i) => vehicle(i));
    const engine = await timeOnce(async () => {
      let total = 0;
      for (const input of inputs) total += annualAmount(NATIONAL, input).amount;
      return total;
    });
    const lines = inputs.slice(0, CLI_LINES).map((input, i) => `${JSON.stringify({ id: String(i), ...input })}\n`).join('');
    const cli = await timeOnce(() => runCli(lines));
    return [
      { what: `${AMOUNTS.toLocaleString('en-US')} annual amounts (pure engine, with explanations)`, value: `${ms(engine.ms)} (${Math.round(AMOUNTS / (engine.ms / 1000)).toLocaleString('en-US')}/s)` },
      {
        what: `keitax tax calc, ${CLI_LINES.toLocaleString('en-US')} JSON lines through stdin/stdout (tsx, start-up included)`,
        value: `${ms(cli.ms)} (${Math.round(CLI_LINES / (cli.ms / 1000)).toLocaleString('en-US')} lines/s, ${cli.result} answered)`,
      },
    ];
  },
};

function runCli(input: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['src/cli/main.ts', 'tax', 'calc'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let answered = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) answered++;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(answered) : reject(new Error(`keitax tax calc exited with ${code}`))));
    child.stdin.end(input);
  });
}
