// Options several commands share (--format, --timeout, --no-color,
// --no-timing, --verbose), their validation, and the style they imply.

import { InvalidArgumentError, Option } from 'commander';
import { colorWanted, createStyle, PLAIN, type Style } from '../report/style.js';
import type { CliIo } from './io.js';

export type OutputFormat = 'text' | 'json';

export interface OutputOptions {
  readonly format: OutputFormat;
  /** False with --no-color. */
  readonly color: boolean;
  /** False with --no-timing. */
  readonly timing: boolean;
  readonly verbose?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
}

export function parsePositiveInteger(what: string): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
      throw new InvalidArgumentError(`${what} must be a positive whole number, got "${value}"`);
    }
    return Number(value);
  };
}

export function timeoutOption(): Option {
  return new Option('--timeout <ms>', 'time budget per query (every solver check of it), in milliseconds')
    .argParser(parsePositiveInteger('--timeout'))
    .default(DEFAULT_TIMEOUT_MS);
}

/** --no-color and --verbose, and --no-timing for commands that time their work. */
export function outputOptions(which: { readonly timing: boolean } = { timing: true }): Option[] {
  const options = [
    new Option('--no-color', 'never color the text output (also NO_COLOR)'),
    new Option('--verbose', 'list every warning and info diagnostic'),
  ];
  if (which.timing) options.push(new Option('--no-timing', 'leave timings out (reproducible output)'));
  return options;
}

/** Colors only for text on a terminal, unless --no-color / NO_COLOR. */
export function styleFor(io: CliIo, out: OutputOptions): Style {
  if (out.format !== 'text') return PLAIN;
  const on = colorWanted({ colorFlag: out.color, isTty: io.isTty ?? false, env: io.env ?? {} });
  return on ? createStyle(true) : PLAIN;
}

/** Diagnostics go to stderr: a style for that stream (it follows stdout's choice). */
export function errorStyleFor(io: CliIo, out: OutputOptions): Style {
  const on = colorWanted({ colorFlag: out.color, isTty: io.isTty ?? false, env: io.env ?? {} });
  return on ? createStyle(true) : PLAIN;
}
