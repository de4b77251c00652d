#!/usr/bin/env node
/**
 * @module The `keitax` executable: runs the command line on the process's terminal and exits with
 * its code.
 */
import { runKeitax } from './program.js';
import { processTerminal } from './terminal.js';

process.exitCode = await runKeitax(process.argv.slice(2), processTerminal());
