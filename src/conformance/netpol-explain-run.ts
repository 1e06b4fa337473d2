// The explain runs of the netpol-analyzer corpus: for every plain case of the
// chosen categories that has `test_outputs/connlist/<case>_explain_output.txt`
// (the manifest does not list explain runs; the file name says which case it
// explains), netproof's `matrix --explain` text is compared with it
// (netpol-explain-compare.ts).

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { computeMatrix } from '../analysis/matrix.js';
import { loadEstate } from '../ingest/load.js';
import { explainNetpolMatrix } from '../report/matrix-netpol-explain.js';
import { listNetpolCases, type NetpolCategory } from './netpol-expected-cases.js';
import { compareExplains, parseExplain } from './netpol-explain-compare.js';

export interface NetpolExplainResult {
  readonly name: string;
  readonly passed: boolean;
  readonly details: string[];
  readonly group: 'explain';
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export async function runNetpolExplainRuns(corpusDir: string, categories: readonly NetpolCategory[]): Promise<NetpolExplainResult[]> {
  const results: NetpolExplainResult[] = [];
  for (const c of await listNetpolCases(corpusDir, categories)) {
    const expectedFile = path.join(corpusDir, 'test_outputs', 'connlist', `${c.name}_explain_output.txt`);
    if (!(await exists(expectedFile))) continue;
    const name = `netpol ${c.name} explain (${c.category})`;
    const loaded = await loadEstate([c.inputDir]);
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
    if (loaded.estate === undefined || errors.length > 0) {
      results.push({ name, passed: false, details: errors.length > 0 ? errors : ['no estate'], group: 'explain' });
      continue;
    }
    const text = explainNetpolMatrix(loaded.estate, computeMatrix(loaded.estate, { level: 'endpoints' }), []);
    const diffs = compareExplains(parseExplain(await readFile(expectedFile, 'utf8')), parseExplain(text));
    results.push({ name, passed: diffs.length === 0, details: diffs, group: 'explain' });
  }
  return results;
}
