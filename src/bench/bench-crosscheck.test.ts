// Tests of the verdict/matrix cross-check on a generated K-S cluster: of two
// opposite verdicts for one query exactly one agrees with the matrix; "only"
// and tenant-isolated queries, errors and overlapping sides are skipped.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeMatrix } from '../analysis/matrix.js';
import { loadEstate } from '../ingest/load.js';
import type { Query } from '../queries/query.js';
import { crossCheckWithMatrix } from './bench-crosscheck.js';
import { generateKubePlan } from './generate-k8s.js';
import { writeKubeEstate } from './generate-k8s-write.js';
import { benchKubeQueries } from './k8s-queries.js';

describe('crossCheckWithMatrix', () => {
  it('agrees with exactly one of two opposite verdicts and skips what it cannot judge', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'netproof-bench-cross-'));
    try {
      const plan = generateKubePlan('K-S', 2);
      await writeKubeEstate(plan, dir);
      const { estate } = await loadEstate([dir]);
      const matrix = computeMatrix(estate!, { level: 'endpoints' });
      const set = benchKubeQueries(plan.facts).map((b) => b.query);
      const pick = (category: string): Query => benchKubeQueries(plan.facts).find((b) => b.category === category)!.query;
      const tenantQuery = pick('isolation');
      const onlyQuery = pick('only');
      const tenantIsolated = pick('tenant-isolation');
      const overlapping = set.find((q) => q.name === 'one-workload-to-its-tenant-reachable')!;
      const checks = crossCheckWithMatrix(estate!, matrix, [
        { query: tenantQuery, verdict: 'holds' },
        { query: tenantQuery, verdict: 'violated' },
        { query: onlyQuery, verdict: 'holds' },
        { query: tenantIsolated, verdict: 'holds' },
        { query: tenantQuery, verdict: 'error' },
        { query: overlapping, verdict: 'holds' },
      ]);
      const tenantOutcomes = checks.filter((c) => c.name === tenantQuery.name && c.outcome !== 'skipped').map((c) => c.outcome);
      expect(tenantOutcomes.sort()).toEqual(['agree', 'disagree']);
      expect(checks.filter((c) => c.outcome === 'skipped')).toHaveLength(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
