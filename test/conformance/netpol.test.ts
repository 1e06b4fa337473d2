// The np-guard netpol-analyzer conformance cases (../shared/conformance,
// outside the repository): every plain NetworkPolicy and
// AdminNetworkPolicy/BaselineAdminNetworkPolicy run, one test per case,
// failing with the runner's diff. Skipped, with a one-line message, when the
// corpus is absent.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findNetpolCorpora, runNetpolCorpus, type NetpolCaseResult } from '../../src/conformance/netpol-cases.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'conformance');
const present = existsSync(corpusRoot);

if (!present) console.log(`skipping netpol-analyzer conformance: ${path.relative(repoRoot, corpusRoot)} is absent`);

describe.skipIf(!present)('np-guard netpol-analyzer conformance', async () => {
  const corpora = present ? await findNetpolCorpora(corpusRoot) : [];
  const results: NetpolCaseResult[] = [];
  for (const c of corpora) results.push(...(await runNetpolCorpus(c)));
  const run = results.filter((r) => r.skipped !== true);

  it('finds the netpol-analyzer corpus and both categories of cases', () => {
    expect(corpora.length).toBeGreaterThan(0);
    expect(run.some((r) => r.name.includes('(netpol_v1_only)'))).toBe(true);
    expect(run.some((r) => r.name.includes('(anp_banp)'))).toBe(true);
  });

  for (const r of run) {
    it(r.name, () => {
      expect(r.details.join('\n'), r.name).toBe('');
      expect(r.passed).toBe(true);
    });
  }
});
