#!/usr/bin/env node
import { ConfigError } from '../config.js';
import { Problem } from '../server/problem.js';
import { program } from './program.js';

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof Problem) console.error(`${error.title}: ${error.detail}${formatFieldErrors(error)}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

function formatFieldErrors(problem: Problem): string {
  return (problem.errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join('');
}
