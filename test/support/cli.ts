import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `keitax …` from the sources (through tsx), as an operator would run the built command. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const result = spawnSync(`${ROOT}node_modules/.bin/tsx`, [`${ROOT}src/cli/main.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
