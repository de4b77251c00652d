/**
 * @module What a command sees of the world it runs in: its environment, its standard input and
 * where its lines go. `keitax` runs with the process's own (main.ts); the tests run the same
 * commands in their own process with a captured one, so a command is tested as it is written
 * without starting Node and loading every module again for each call.
 */
import type { Readable } from 'node:stream';

export interface Terminal {
  /** The settings (src/config.ts reads them from here, never from process.env directly). */
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: Readable;
  /** One line to standard output. */
  print(line: string): void;
  /** Text to standard output, resolving once it may take more (a long stream keeps memory flat). */
  write(text: string): Promise<void>;
  /** One line to standard error. */
  warn(line: string): void;
  /** Ends the command with exit code 1 once it has finished (what it printed stays printed). */
  fail(): void;
  readonly failed: boolean;
}

/** The process's own terminal, for `keitax` as an operator runs it. */
export function processTerminal(): Terminal {
  let failed = false;
  return {
    env: process.env,
    stdin: process.stdin,
    print: (line) => void process.stdout.write(`${line}\n`),
    write: (text) => (process.stdout.write(text) ? Promise.resolve() : new Promise((resolve) => process.stdout.once('drain', () => resolve()))),
    warn: (line) => void process.stderr.write(`${line}\n`),
    fail: () => void (failed = true),
    get failed() {
      return failed;
    },
  };
}
