// The netpol-analyzer conformance cases: every `plain` run of the categories
// `netpol_v1_only` and `anp_banp` in a folder holding the netpol-analyzer
// layout (`manifest.json` and `tests/`). Each case loads its input folder
// through the generic loader, computes the workload matrix, prints it in the
// netpol-analyzer format and compares the complete connection sets per pair
// with the expected txt file, semantically. Then the json/csv/md variants of
// the plain lists, the focus runs (netpol-format-run.ts) and the explain
// outputs (netpol-explain-run.ts), in groups of
// their own so their counts can be reported apart.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { computeMatrix } from '../analysis/matrix.js';
import { loadEstate } from '../ingest/load.js';
import { formatNetpolMatrix } from '../report/matrix-netpol.js';
import type { CaseResult } from './aws-cases.js';
import { listNetpolCases, type NetpolCategory } from './netpol-expected-cases.js';
import { parseNetpolConnlist } from './netpol-expected.js';
import { compareConnlists } from './netpol-compare.js';
import { runNetpolFormatRuns } from './netpol-format-run.js';
import { runNetpolExplainRuns } from './netpol-explain-run.js';

/** A case result; `skipped` when the manifest gives the run no expected output to compare with. */
export interface NetpolCaseResult extends CaseResult {
  readonly skipped?: boolean;
  /** Undefined for the plain txt lists; 'formats' (json/csv/md of plain runs) or 'focus' (focus runs). */
  readonly group?: 'formats' | 'focus' | 'explain';
}

export const NETPOL_CATEGORIES: readonly NetpolCategory[] = ['netpol_v1_only', 'anp_banp'];

async function isNetpolCorpus(dir: string): Promise<boolean> {
  try {
    await stat(path.join(dir, 'manifest.json'));
    return (await stat(path.join(dir, 'tests'))).isDirectory();
  } catch {
    return false;
  }
}

/** The folder itself, or the folders below it, that hold the netpol-analyzer layout. */
export async function findNetpolCorpora(dir: string): Promise<string[]> {
  if (await isNetpolCorpus(dir)) return [dir];
  const found: string[] = [];
  let entries: string[];
  try {
    entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    found.push(...(await findNetpolCorpora(path.join(dir, name))));
  }
  return found;
}

/** The computed connectivity list of one case folder, or the error diagnostics. */
export async function computeNetpolList(inputDir: string): Promise<{ lines?: string[]; errors: string[] }> {
  const loaded = await loadEstate([inputDir]);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  if (loaded.estate === undefined) return { errors: errors.length > 0 ? errors : ['no estate'] };
  return { lines: formatNetpolMatrix(computeMatrix(loaded.estate, { level: 'endpoints' })), errors };
}

export async function runNetpolCorpus(corpusDir: string): Promise<NetpolCaseResult[]> {
  const results: NetpolCaseResult[] = [];
  for (const c of await listNetpolCases(corpusDir, NETPOL_CATEGORIES)) {
    const name = `netpol ${c.name} (${c.category})`;
    if (c.expectedTxt === undefined) {
      results.push({ name, passed: false, skipped: true, details: ['the manifest lists no txt expected output for this run'] });
      continue;
    }
    const expected = parseNetpolConnlist(await readFile(c.expectedTxt, 'utf8'));
    const computed = await computeNetpolList(c.inputDir);
    if (computed.lines === undefined) {
      results.push({ name, passed: false, details: computed.errors });
      continue;
    }
    const diffs = compareConnlists(expected, parseNetpolConnlist(computed.lines.join('\n')));
    results.push({ name, passed: diffs.length === 0, details: diffs });
  }
  results.push(...(await runNetpolFormatRuns(corpusDir, NETPOL_CATEGORIES)));
  results.push(...(await runNetpolExplainRuns(corpusDir, NETPOL_CATEGORIES)));
  return results;
}
