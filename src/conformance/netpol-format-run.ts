// Runs the json/csv/md and focus cases of netpol-format-cases.ts: loads the
// case folder (once per folder), builds the netpol-analyzer rows, narrows them
// to the focus, prints them in each listed format, reads both the expected
// and the printed text back with the same parser and compares the complete
// connection sets per pair (netpol-compare.ts). Printing and reading back
// our own output also checks that each format's frame is the expected one.

import { readFile } from 'node:fs/promises';
import { computeMatrix, type Matrix } from '../analysis/matrix.js';
import { loadEstate } from '../ingest/load.js';
import { focusRows, parseFocus, type FocusSpec } from '../report/matrix-netpol-focus.js';
import { formatNetpolRows } from '../report/matrix-netpol-formats.js';
import { netpolRows, type NetpolRow } from '../report/matrix-netpol-rows.js';
import { compareConnlists } from './netpol-compare.js';
import type { NetpolCategory } from './netpol-expected-cases.js';
import { listNetpolFormatRuns, type NetpolFormatRun } from './netpol-format-cases.js';
import { parseNetpolList } from './netpol-format-parse.js';

export interface NetpolFormatResult {
  readonly name: string;
  readonly passed: boolean;
  readonly details: string[];
  readonly group: 'formats' | 'focus';
}

type Loaded = { readonly matrix: Matrix; readonly rows: NetpolRow[] } | { readonly errors: string[] };

async function loadCase(inputDir: string): Promise<Loaded> {
  const loaded = await loadEstate([inputDir]);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  if (loaded.estate === undefined) return { errors: errors.length > 0 ? errors : ['no estate'] };
  const matrix = computeMatrix(loaded.estate, { level: 'endpoints' });
  return { matrix, rows: netpolRows(matrix) };
}

function specs(texts: readonly string[]): FocusSpec[] | string {
  const out: FocusSpec[] = [];
  for (const t of texts) {
    const s = parseFocus(t);
    if (s === undefined) return `focus "${t}" is not a workload name`;
    out.push(s);
  }
  return out;
}

async function runOne(run: NetpolFormatRun, loaded: Loaded): Promise<NetpolFormatResult> {
  const name = `netpol ${run.name} (${run.category})`;
  if ('errors' in loaded) return { name, passed: false, details: loaded.errors, group: run.group };
  let rows = loaded.rows;
  if (run.group === 'focus') {
    const focus = specs(run.focus);
    const peers = specs(run.focusPeers);
    if (typeof focus === 'string' || typeof peers === 'string') return { name, passed: false, details: [String(typeof focus === 'string' ? focus : peers)], group: run.group };
    const names = loaded.matrix.parties.flatMap((p) => (p.kind === 'endpoint' ? [p.name] : []));
    const focused = focusRows(rows, focus, names, { peers, ...(run.focusDirection === undefined ? {} : { direction: run.focusDirection }) });
    if (focused.unmatched.length > 0) return { name, passed: false, details: [`focus matches no workload: ${focused.unmatched.join(', ')}`], group: run.group };
    rows = focused.rows;
  }
  const details: string[] = [];
  for (const o of run.outputs) {
    const expected = parseNetpolList(await readFile(o.file, 'utf8'), o.format);
    const computed = parseNetpolList(formatNetpolRows(rows, o.format), o.format);
    for (const d of compareConnlists(expected, computed)) details.push(`${o.format}: ${d}`);
  }
  return { name, passed: details.length === 0, details, group: run.group };
}

export async function runNetpolFormatRuns(corpusDir: string, categories: readonly NetpolCategory[]): Promise<NetpolFormatResult[]> {
  const cache = new Map<string, Loaded>();
  const results: NetpolFormatResult[] = [];
  for (const run of await listNetpolFormatRuns(corpusDir, categories)) {
    let loaded = cache.get(run.inputDir);
    if (loaded === undefined) {
      loaded = await loadCase(run.inputDir);
      cache.set(run.inputDir, loaded);
    }
    results.push(await runOne(run, loaded));
  }
  return results;
}
