// `netproof matrix <estate...>`: who can reach whom, per endpoint or per
// subnet. The analysis and its formatting belong to src/analysis/matrix.ts
// and src/report/matrix-*.ts; this file only wires them to the command line.

import { Command, Option } from 'commander';
import { loadEstate } from '../../ingest/load.js';
import { computeMatrix } from '../../analysis/matrix.js';
import { formatMatrixJson } from '../../report/matrix-json.js';
import { formatMatrixText } from '../../report/matrix-text.js';
import { configureCommand } from '../configure.js';
import { hasErrors, printDiagnostics } from '../diagnostics-output.js';
import type { RunOutcome } from '../exit-code.js';
import type { CliIo } from '../io.js';
import { formatOption, outputOptions, type OutputOptions } from '../options.js';

export interface MatrixOptions extends OutputOptions {
  readonly level: 'endpoints' | 'subnets';
}

export async function runMatrix(estatePaths: readonly string[], opts: MatrixOptions, io: CliIo): Promise<RunOutcome> {
  const loaded = await loadEstate(estatePaths);
  printDiagnostics(loaded.diagnostics, io, opts);
  if (loaded.estate === undefined || hasErrors(loaded.diagnostics)) return { kind: 'bad-input' };
  const matrix = computeMatrix(loaded.estate, { level: opts.level === 'subnets' ? 'segments' : 'endpoints' });
  const text = opts.format === 'json' ? formatMatrixJson(matrix) : formatMatrixText(matrix);
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return { kind: 'reported' };
}

export function matrixCommand(io: CliIo, onOutcome: (o: RunOutcome) => void): Command {
  const cmd = new Command('matrix')
    .description('print who can reach whom (and on what), per endpoint or per subnet')
    .argument('<estate...>', 'files or folders of cloud inputs (aws ec2 describe-* JSON/YAML)')
    .addOption(new Option('--level <level>', 'rows and columns').choices(['endpoints', 'subnets']).default('endpoints'))
    .addOption(formatOption());
  for (const o of outputOptions({ timing: false })) cmd.addOption(o);
  configureCommand(cmd, io, 'netproof matrix');
  return cmd.action(async (paths: string[], opts: MatrixOptions) => {
    onOutcome(await runMatrix(paths, opts, io));
  });
}
