// Prints diagnostics to stderr the way the chosen format wants: text runs get
// the summarised list; JSON runs (which carry every diagnostic in the
// document) only repeat the errors, so a person sees why the run stopped.

import type { Diagnostic } from '../model/diagnostics.js';
import { formatDiagnostics } from '../report/diagnostics-text.js';
import { printErr, type CliIo } from './io.js';
import { errorStyleFor, type OutputOptions } from './options.js';

export function printDiagnostics(diags: readonly Diagnostic[], io: CliIo, out: OutputOptions): void {
  const shown = out.format === 'json' ? diags.filter((d) => d.severity === 'error') : diags;
  printErr(io, formatDiagnostics(shown, { style: errorStyleFor(io, out), verbose: out.verbose ?? false }));
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}
