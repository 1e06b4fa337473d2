// Tests of the benchmark query set: enough queries, every kind, unique names,
// and every selector naming something in the generated estate.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEstate } from '../ingest/load.js';
import { resolveSelector, isEmptySelection } from '../queries/select.js';
import { benchQueries, queryFacts } from './bench-queries.js';
import { generatePlan, writeEstate } from './generate.js';

describe('benchQueries', () => {
  it('has at least 20 queries of every kind with unique names', () => {
    const set = benchQueries(queryFacts(generatePlan('S')));
    expect(set.length).toBeGreaterThanOrEqual(20);
    expect(new Set(set.map((q) => q.category))).toEqual(new Set(['isolation', 'reachable', 'only', 'internet-in', 'internet-out']));
    expect(new Set(set.map((q) => q.query.name)).size).toBe(set.length);
  });

  it('survives a JSON round trip of its facts (the harness passes them to a child process)', () => {
    const facts = queryFacts(generatePlan('S'));
    expect(JSON.stringify(benchQueries(JSON.parse(JSON.stringify(facts)) as typeof facts))).toBe(JSON.stringify(benchQueries(facts)));
  });

  it.each(['S', 'M'] as const)('names something on both sides of every query in %s', { timeout: 180_000 }, async (size) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'netproof-bench-q-'));
    try {
      const plan = generatePlan(size);
      await writeEstate(plan, dir);
      const { estate } = await loadEstate([dir]);
      expect(estate).toBeDefined();
      const empty = benchQueries(queryFacts(plan)).flatMap(({ query }) =>
        (['from', 'to'] as const).filter((side) => isEmptySelection(resolveSelector(estate!, query[side]))).map((side) => `${query.name} ${side}`),
      );
      expect(empty).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
