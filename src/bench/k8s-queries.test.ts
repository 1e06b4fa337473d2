// Tests of the Kubernetes benchmark query set: unique names, the two
// tenant-isolation queries, and every selector naming something in a generated K-S.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEstate } from '../ingest/load.js';
import { isEmptySelection, resolveSelector } from '../queries/select.js';
import { generateKubePlan } from './generate-k8s.js';
import { writeKubeEstate } from './generate-k8s-write.js';
import { benchKubeQueries } from './k8s-queries.js';

describe('benchKubeQueries', () => {
  it('has unique names and asks tenant isolation among the protected tenants and among all', () => {
    const facts = generateKubePlan('K-M', 1).facts;
    const set = benchKubeQueries(facts);
    expect(new Set(set.map((q) => q.query.name)).size).toBe(set.length);
    const tenantQueries = set.filter((q) => q.category === 'tenant-isolation').map((q) => q.query);
    expect(tenantQueries.map((q) => q.name)).toEqual(['protected-tenants-isolated', 'all-tenants-isolated']);
    const amongOf = (q: (typeof tenantQueries)[number]): readonly string[] =>
      q.from.kind === 'label' && q.from.requirements[0]?.op === 'in' ? q.from.requirements[0].values : [];
    expect(amongOf(tenantQueries[0]!)).toEqual(facts.tenants.slice(0, facts.protectedTenants));
    expect(amongOf(tenantQueries[1]!)).toEqual(facts.tenants);
    for (const q of tenantQueries) expect(q.expect.kind).toBe('tenant-isolated');
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
