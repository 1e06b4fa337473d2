#!/usr/bin/env node
// The conformance runner: `npm run conformance -- <corpus-dir>…` runs every
// AWS case of each folder holding `aws_manifest.json`, and every plain
// NetworkPolicy / AdminNetworkPolicy case of each folder in the
// netpol-analyzer layout (`manifest.json` and `tests/`) — the folder itself or
// any below it. It prints `PASS|FAIL <case>` per case with a short diff on
// failure, then exactly `N passed, M failed` across all corpora; exit code 0
// iff all pass. A run without an expected output prints `SKIP <case>: <why>`
// and is not counted. The netpol json/csv/md lists and focus runs also get a
// count line of their own before the total.

import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { findAwsCorpora, runAwsCorpus, type CaseResult } from './aws-cases.js';
import { findNetpolCorpora, runNetpolCorpus, type NetpolCaseResult } from './netpol-cases.js';

const MAX_DIFF_LINES = 12;

export async function runConformance(dirs: readonly string[], print: (line: string) => void): Promise<number> {
  if (dirs.length === 0) {
    print('usage: conformance <corpus-dir>… (a folder holding aws_manifest.json or a netpol-analyzer manifest.json, or a parent of such folders)');
    return 2;
  }
  const results: CaseResult[] = [];
  for (const dir of dirs) {
    const aws = await findAwsCorpora(dir);
    const netpol = await findNetpolCorpora(dir);
    if (aws.length === 0 && netpol.length === 0) {
      print(`FAIL ${dir}: no aws_manifest.json or netpol-analyzer manifest.json in or below this folder`);
      results.push({ name: dir, passed: false, details: [] });
      continue;
    }
    const runs: (() => Promise<readonly (CaseResult | NetpolCaseResult)[]>)[] = [
      ...aws.map((c) => () => runAwsCorpus(c)),
      ...netpol.map((c) => () => runNetpolCorpus(c)),
    ];
    for (const run of runs) {
      for (const r of await run()) {
        if ('skipped' in r && r.skipped === true) {
          print(`SKIP ${r.name}: ${r.details.join('; ')}`);
          continue;
        }
        results.push(r);
        print(`${r.passed ? 'PASS' : 'FAIL'} ${r.name}`);
        if (!r.passed) {
          for (const d of r.details.slice(0, MAX_DIFF_LINES)) print(`    ${d}`);
          if (r.details.length > MAX_DIFF_LINES) print(`    … ${r.details.length - MAX_DIFF_LINES} more`);
        }
      }
    }
  }
  // Non-plain netpol runs (other formats, focus) are also counted apart.
  const titles = { formats: 'json/csv/md lists', focus: 'focus runs', explain: 'explain outputs' } as const;
  for (const group of ['formats', 'focus', 'explain'] as const) {
    const inGroup = results.filter((r) => 'group' in r && r.group === group);
    if (inGroup.length === 0) continue;
    const ok = inGroup.filter((r) => r.passed).length;
    print(`netpol ${titles[group]}: ${ok} passed, ${inGroup.length - ok} failed`);
  }
  const passed = results.filter((r) => r.passed).length;
  print(`${passed} passed, ${results.length - passed} failed`);
  return passed === results.length ? 0 : 1;
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isEntry) {
  runConformance(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`conformance: ${(err as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
