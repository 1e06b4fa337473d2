// The np-guard AWS conformance cases (../shared/conformance, outside the
// repository) run as tests: one test per case, failing with the runner's diff.
// Skipped, with a one-line message, when the corpus is absent.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findAwsCorpora, runAwsCorpus, type CaseResult } from '../../src/conformance/aws-cases.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'conformance');
const present = existsSync(corpusRoot);

if (!present) console.log(`skipping AWS conformance: ${path.relative(repoRoot, corpusRoot)} is absent`);

describe.skipIf(!present)('np-guard AWS conformance', async () => {
  const corpora = present ? await findAwsCorpora(corpusRoot) : [];
  const results: CaseResult[] = [];
  for (const c of corpora) results.push(...(await runAwsCorpus(c)));

  it('finds the AWS corpus and its cases', () => {
    expect(corpora.length).toBeGreaterThan(0);
    expect(results.length).toBeGreaterThan(0);
  });

  for (const r of results) {
    it(r.name, () => {
      expect(r.details.join('\n'), r.name).toBe('');
      expect(r.passed).toBe(true);
    });
  }
});
