// Loads every plain netpol_v1_only and anp_banp case of the netpol-analyzer
// corpus with the Kubernetes loader: no error diagnostics, every expected
// file parses completely, and every internal peer the expected list names is a
// workload the loader found (a workload with no allowed traffic may be absent
// from the list, hence ⊆). Skips when the corpus folder is absent.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKubernetes } from '../ingest/k8s/load.js';
import { internalPeerNames, parseNetpolConnlist } from './netpol-expected.js';
import { listNetpolCases } from './netpol-expected-cases.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = path.resolve(repoRoot, '..', 'shared', 'conformance', 'netpol-analyzer');
const present = existsSync(path.join(corpus, 'manifest.json'));

if (!present) console.log(`netpol-analyzer corpus not found at ../shared/conformance/netpol-analyzer: corpus tests skipped`);

describe.skipIf(!present)('netpol-analyzer corpus: Kubernetes ingest', () => {
  it('loads every plain netpol_v1_only and anp_banp case; expected peers ⊆ workloads found', async () => {
    const cases = await listNetpolCases(corpus, ['netpol_v1_only', 'anp_banp']);
    expect(cases.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let compared = 0;
    let peersChecked = 0;
    let exactlyEqual = 0;
    const codes = new Map<string, number>();
    for (const c of cases) {
      const r = await loadKubernetes([c.inputDir]);
      for (const d of r.diagnostics) codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (r.cluster === undefined || errors.length > 0) {
        failures.push(`${c.name}: ${errors.map((d) => d.message).join(' | ')}`);
        continue;
      }
      if (c.expectedTxt === undefined) continue;
      const expected = parseNetpolConnlist(await readFile(c.expectedTxt, 'utf8'));
      if (expected.problems.length > 0) {
        failures.push(`${c.name}: expected file lines not understood: ${expected.problems.map((p) => `${p.line}: ${p.reason}`).join(' | ')}`);
        continue;
      }
      const found = new Set(r.cluster.workloads.map((w) => w.id));
      const missing = [...internalPeerNames(expected)].filter((n) => !found.has(n));
      peersChecked += internalPeerNames(expected).size;
      if (missing.length > 0) failures.push(`${c.name}: expected peers not found: ${missing.join(', ')} (found: ${[...found].join(', ')})`);
      if (missing.length === 0 && found.size === internalPeerNames(expected).size) exactlyEqual += 1;
      compared += 1;
    }
    console.log(`netpol-analyzer corpus: ${cases.length} cases loaded, ${compared} compared with their expected list, ${peersChecked} expected peers checked, ${exactlyEqual} with found = expected exactly, ${failures.length} failures; diagnostics: ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`);
    expect(failures).toEqual([]);
  });
});
