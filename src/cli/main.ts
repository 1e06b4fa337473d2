#!/usr/bin/env node
// The `netproof` executable: runs the CLI on the process's arguments and
// streams, and sets process.exitCode (never process.exit, so output drains).

import { processIo } from './io.js';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
