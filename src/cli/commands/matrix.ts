// `netproof matrix <estate...>`: who can reach whom, per endpoint or per
// subnet. The analysis and its formatting belong to src/analysis/matrix.ts
// and src/report/matrix-*.ts; this file only wires them to the command line.
//
// Formats: netproof's own `text` and `json` (any estate), and the formats of
// np-guard netpol-analyzer (`netpol` / `txt`, `netpol-json`, `csv`, `md`,
// `dot`). Kubernetes-only estates print `netpol` unless told otherwise.
// `--focus` keeps the pairs with a given workload at one end; `--explain`
// prints the deciding rules of every pair (netpol formats only).

import { Command, Option } from 'commander';
import { loadEstate } from '../../ingest/load.js';
import { computeMatrix } from '../../analysis/matrix.js';
import { diagnostic, type Diagnostic } from '../../model/diagnostics.js';
import { formatMatrixJson } from '../../report/matrix-json.js';
import { formatMatrixText } from '../../report/matrix-text.js';
import { netpolRows } from '../../report/matrix-netpol-rows.js';
import { formatNetpolRows, type NetpolFormat } from '../../report/matrix-netpol-formats.js';
import { focusRows, parseFocus, type FocusSpec } from '../../report/matrix-netpol-focus.js';
import { explainNetpolMatrix } from '../../report/matrix-netpol-explain.js';
import { isKubernetesEstate } from '../../ingest/k8s/to-estate.js';
import { configureCommand } from '../configure.js';
import { hasErrors, printDiagnostics } from '../diagnostics-output.js';
import type { RunOutcome } from '../exit-code.js';
import { printErr, type CliIo } from '../io.js';
import { outputOptions, type OutputOptions } from '../options.js';

export const MATRIX_FORMATS = ['text', 'json', 'netpol', 'txt', 'netpol-json', 'csv', 'md', 'dot'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

export interface MatrixOptions extends Omit<OutputOptions, 'format'> {
  readonly level: 'endpoints' | 'subnets';
  /** Undefined: netpol for a Kubernetes-only estate, text otherwise. */
  readonly format?: MatrixFormat;
  /** Workloads (`name`, `ns/name`, `ns/name[Kind]`; comma-separated lists allowed). */
  readonly focus?: readonly string[];
  /** With --focus: only connections leaving (egress) or entering (ingress) the focus workloads. */
  readonly focusDirection?: 'ingress' | 'egress';
  /** With --focus: only pairs whose other end is one of these workloads. */
  readonly focusPeer?: readonly string[];
  readonly explain?: boolean;
}

/** The netpol-analyzer format a matrix format names, or undefined for netproof's own. */
export function netpolFormatOf(format: MatrixFormat): NetpolFormat | undefined {
  switch (format) {
    case 'text':
    case 'json':
      return undefined;
    case 'netpol':
    case 'txt':
      return 'txt';
    case 'netpol-json':
      return 'json';
    default:
      return format;
  }
}

function collectFocus(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];
}

function usage(io: CliIo, message: string): RunOutcome {
  printErr(io, [`error: ${message}`, `hint: run 'netproof matrix --help' for usage`]);
  return { kind: 'usage' };
}

function parseFocusList(texts: readonly string[], option: string): FocusSpec[] | string {
  const specs: FocusSpec[] = [];
  for (const text of texts) {
    const spec = parseFocus(text);
    if (spec === undefined) return `${option} "${text}" is not a workload name (name, ns/name or ns/name[Kind])`;
    specs.push(spec);
  }
  return specs;
}

export async function runMatrix(estatePaths: readonly string[], opts: MatrixOptions, io: CliIo): Promise<RunOutcome> {
  const specs = parseFocusList(opts.focus ?? [], '--focus');
  if (typeof specs === 'string') return usage(io, specs);
  const peerSpecs = parseFocusList(opts.focusPeer ?? [], '--focus-peer');
  if (typeof peerSpecs === 'string') return usage(io, peerSpecs);
  if (specs.length === 0 && (peerSpecs.length > 0 || opts.focusDirection !== undefined)) {
    return usage(io, '--focus-direction and --focus-peer narrow a --focus: give --focus <workload> too');
  }
  const focusOptions = { ...(opts.focusDirection === undefined ? {} : { direction: opts.focusDirection }), peers: peerSpecs };
  const explicit = opts.format === undefined ? undefined : netpolFormatOf(opts.format);
  if (opts.format !== undefined && explicit === undefined && (specs.length > 0 || opts.explain === true)) {
    return usage(io, `--focus and --explain work with the netpol formats (netpol, txt, netpol-json, csv, md, dot), not --format ${opts.format}`);
  }
  if (opts.explain === true && explicit !== undefined && explicit !== 'txt') {
    return usage(io, `--explain prints text: use it with --format netpol (or txt), not --format ${opts.format ?? ''}`);
  }
  const loaded = await loadEstate(estatePaths);
  printDiagnostics(loaded.diagnostics, io, { ...opts, format: opts.format === 'json' ? 'json' : 'text' });
  if (loaded.estate === undefined || hasErrors(loaded.diagnostics)) return { kind: 'bad-input' };
  const estate = loaded.estate;
  const matrix = computeMatrix(estate, { level: opts.level === 'subnets' ? 'segments' : 'endpoints' });
  const wantsNetpol = specs.length > 0 || opts.explain === true || isKubernetesEstate(estate);
  const format: MatrixFormat = opts.format ?? (wantsNetpol ? 'netpol' : 'text');
  const netpol = netpolFormatOf(format);
  if (netpol === undefined) {
    const text = format === 'json' ? formatMatrixJson(matrix) : formatMatrixText(matrix);
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return { kind: 'reported' };
  }
  let rows = netpolRows(matrix);
  if (specs.length > 0) {
    const names = matrix.parties.flatMap((p) => (p.kind === 'endpoint' ? [p.name] : []));
    const focused = focusRows(rows, specs, names, focusOptions);
    if (focused.unmatched.length > 0) {
      const diags: Diagnostic[] = focused.unmatched.map((t) => diagnostic('selector-empty', `--focus "${t}" matches no workload`));
      printDiagnostics(diags, io, { ...opts, format: 'text' });
      return { kind: 'bad-input' };
    }
    rows = focused.rows;
  }
  const text = opts.explain === true ? explainNetpolMatrix(estate, matrix, specs, focusOptions) : formatNetpolRows(rows, netpol);
  // One line per pair; nothing at all when no pair has traffic (as netpol-analyzer prints it).
  if (text !== '') io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return { kind: 'reported' };
}

export function matrixCommand(io: CliIo, onOutcome: (o: RunOutcome) => void): Command {
  const cmd = new Command('matrix')
    .description('print who can reach whom (and on what), per endpoint or per subnet')
    .argument('<estate...>', 'files or folders of cloud inputs (aws ec2 describe-* JSON/YAML) or Kubernetes manifests')
    .addOption(new Option('--level <level>', 'rows and columns').choices(['endpoints', 'subnets']).default('endpoints'))
    .addOption(
      new Option(
        '--format <format>',
        'output format: text, json (netproof), or netpol (= txt), netpol-json, csv, md, dot (netpol-analyzer); default: netpol for Kubernetes manifests, text otherwise',
      ).choices([...MATRIX_FORMATS]),
    )
    .addOption(
      new Option('--focus <workload>', 'only pairs with this workload at one end: name, ns/name or ns/name[Kind] (repeat or comma-separate for several)').argParser(
        collectFocus,
      ),
    )
    .addOption(new Option('--focus-direction <direction>', 'with --focus: only connections leaving (egress) or entering (ingress) the focus workloads').choices(['ingress', 'egress']))
    .addOption(new Option('--focus-peer <workload>', 'with --focus: only pairs whose other end is this workload (repeat or comma-separate)').argParser(collectFocus))
    .addOption(new Option('--explain', 'for every pair, the policies and rules that allow or deny its connections'));
  for (const o of outputOptions({ timing: false })) cmd.addOption(o);
  configureCommand(cmd, io, 'netproof matrix');
  return cmd.action(async (paths: string[], opts: MatrixOptions) => {
    onOutcome(await runMatrix(paths, opts, io));
  });
}
