#!/usr/bin/env node
import { runKeitax } from './program.js';
import { processTerminal } from './terminal.js';

process.exitCode = await runKeitax(process.argv.slice(2), processTerminal());
