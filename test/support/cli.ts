import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const command = (args: string[], env: NodeJS.ProcessEnv) =>
  [`${ROOT}node_modules/.bin/tsx`, [`${ROOT}src/cli/main.ts`, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env } }] as const;

/** Runs `keitax …` from the sources (through tsx), as an operator would run the built command. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): CliRun {
  const [file, argv, options] = command(args, env);
  const result = spawnSync(file, argv, { ...options, input, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Like runCli, without blocking this process: for a command that talks to a server running in
 * the test itself (spawnSync would stop the server from answering it).
 */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const [file, argv, options] = command(args, env);
  const child = spawn(file, argv, { ...options, timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
