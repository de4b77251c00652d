import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runKeitax } from '../../src/cli/program.js';
import type { Terminal } from '../../src/cli/terminal.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The settings a command sees: this process's, with no server database unless the test names one. */
const environment = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...process.env, DATABASE_URL: '', ...env });

/**
 * Runs `keitax …` in this process, as main.ts runs it, on a terminal whose output is kept:
 * the command, its options, its exit code and what it prints are the operator's, without
 * starting Node again for every call.
 */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let failed = false;
  const terminal: Terminal = {
    env: environment(env),
    stdin: Readable.from([input]),
    print: (line) => void (stdout += `${line}\n`),
    write: async (text) => void (stdout += text),
    warn: (line) => void (stderr += `${line}\n`),
    fail: () => void (failed = true),
    get failed() {
      return failed;
    },
  };
  const status = await runKeitax(args, terminal);
  return { status, stdout, stderr };
}

/**
 * Runs `keitax …` as its own process, from the sources (through tsx): for what only a second
 * process can show — one owner of the embedded database, a server in another process.
 */
export function runCliProcess(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, [`${ROOT}src/cli/main.ts`, ...args], { cwd: ROOT, env: environment(env), timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
