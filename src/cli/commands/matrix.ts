// `netproof matrix <estate...>`: who can reach whom, per endpoint or per
// subnet. The analysis and its formatting belong to src/analysis/matrix.ts
// and src/report/matrix-*.ts; this file only wires them to the command line.
// Kubernetes-only estates print in netpol-analyzer's format unless
// `--format text|json` says otherwise; `--format netpol` asks for it anywhere.

import { Command, Option } from 'commander';
import { loadEstate } from '../../ingest/load.js';
import { computeMatrix } from '../../analysis/matrix.js';
import { formatMatrixJson } from '../../report/matrix-json.js';
import { formatMatrixText } from '../../report/matrix-text.js';
import { formatNetpolMatrix } from '../../report/matrix-netpol.js';
import { isKubernetesEstate } from '../../ingest/k8s/to-estate.js';
import { configureCommand } from '../configure.js';
import { hasErrors, printDiagnostics } from '../diagnostics-output.js';
import type { RunOutcome } from '../exit-code.js';
import type { CliIo } from '../io.js';
import { outputOptions, type OutputOptions } from '../options.js';

export type MatrixFormat = 'text' | 'json' | 'netpol';

export interface MatrixOptions extends Omit<OutputOptions, 'format'> {
  readonly level: 'endpoints' | 'subnets';
  /** Undefined: netpol for a Kubernetes-only estate, text otherwise. */
  readonly format?: MatrixFormat;
}

export async function runMatrix(estatePaths: readonly string[], opts: MatrixOptions, io: CliIo): Promise<RunOutcome> {
  const loaded = await loadEstate(estatePaths);
  printDiagnostics(loaded.diagnostics, io, { ...opts, format: opts.format === 'json' ? 'json' : 'text' });
  if (loaded.estate === undefined || hasErrors(loaded.diagnostics)) return { kind: 'bad-input' };
  const matrix = computeMatrix(loaded.estate, { level: opts.level === 'subnets' ? 'segments' : 'endpoints' });
  const format = opts.format ?? (isKubernetesEstate(loaded.estate) ? 'netpol' : 'text');
  if (format === 'netpol') {
    // One line per pair, nothing when no pair has traffic (as netpol-analyzer prints it).
    for (const line of formatNetpolMatrix(matrix)) io.stdout(`${line}\n`);
    return { kind: 'reported' };
  }
  const text = format === 'json' ? formatMatrixJson(matrix) : formatMatrixText(matrix);
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return { kind: 'reported' };
}

export function matrixCommand(io: CliIo, onOutcome: (o: RunOutcome) => void): Command {
  const cmd = new Command('matrix')
    .description('print who can reach whom (and on what), per endpoint or per subnet')
    .argument('<estate...>', 'files or folders of cloud inputs (aws ec2 describe-* JSON/YAML) or Kubernetes manifests')
    .addOption(new Option('--level <level>', 'rows and columns').choices(['endpoints', 'subnets']).default('endpoints'))
    .addOption(
      new Option('--format <format>', 'output format (default: netpol for Kubernetes manifests, text otherwise)').choices(['text', 'json', 'netpol']),
    );
  for (const o of outputOptions({ timing: false })) cmd.addOption(o);
  configureCommand(cmd, io, 'netproof matrix');
  return cmd.action(async (paths: string[], opts: MatrixOptions) => {
    onOutcome(await runMatrix(paths, opts, io));
  });
}
