// Tests of the Kubernetes benchmark query set: unique names, tenant pairs in
// both directions, and every selector naming something in a generated K-S.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEstate } from '../ingest/load.js';
import { isEmptySelection, resolveSelector } from '../queries/select.js';
import { generateKubePlan } from './generate-k8s.js';
import { writeKubeEstate } from './generate-k8s-write.js';
import { benchKubeQueries, tenantPairs } from './k8s-queries.js';

describe('benchKubeQueries', () => {
  it('has unique names and covers protected and unprotected tenant pairs both ways', () => {
    const facts = generateKubePlan('K-M', 1).facts;
    const set = benchKubeQueries(facts);
    expect(new Set(set.map((q) => q.query.name)).size).toBe(set.length);
    const pairs = tenantPairs(facts);
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    const isProtected = (t: string): boolean => facts.tenants.indexOf(t) < facts.protectedTenants;
    expect(pairs.some(([a, b]) => isProtected(a) && isProtected(b))).toBe(true);
    expect(pairs.some(([a, b]) => !isProtected(a) && !isProtected(b))).toBe(true);
    expect(set.filter((q) => q.category === 'tenant-isolation')).toHaveLength(2 * pairs.length);
  });

  it('names something on both sides of every query in K-S', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'netproof-bench-k8s-q-'));
    try {
      const plan = generateKubePlan('K-S', 11);
      await writeKubeEstate(plan, dir);
      const { estate } = await loadEstate([dir]);
      expect(estate).toBeDefined();
      const empty = benchKubeQueries(plan.facts).flatMap(({ query }) =>
        (['from', 'to'] as const).filter((side) => isEmptySelection(resolveSelector(estate!, query[side]))).map((side) => `${query.name} ${side}`),
      );
      expect(empty).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
