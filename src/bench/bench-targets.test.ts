// Tests of the target checks: figures under the limits pass, figures over
// them or missing (a phase failed or was stopped) miss.
import { describe, expect, it } from 'vitest';
import type { SizeResult } from './bench-result.js';
import { checkTargets } from './bench-targets.js';

const base = { schemaVersion: 1, seed: 1, rssMiB: {}, failures: [], phase: 'complete' } as const;
const latency = (p50Ms: number, p95Ms: number) => ({ count: 20, p50Ms, p95Ms, maxMs: p95Ms });

function medium(over: Partial<SizeResult>): SizeResult {
  return {
    ...base,
    size: 'M',
    peakRssMiB: 900,
    matrix: { status: 'done', ms: 30_000 },
    repeat: { runs: 21, identical: true, verdictsIdentical: true, proofsIdentical: true, differences: [] },
    queries: { timeoutMs: 10_000, perQuery: [], firstRun: latency(50, 200), allRuns: latency(50, 200), verdicts: { holds: 20 }, overTimeout: 0, thrown: 0 },
    ...over,
  };
}

describe('checkTargets', () => {
  it('passes M figures under every limit', () => {
    expect(checkTargets([medium({})]).map((t) => t.outcome)).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
  });

  it('misses a slow p95, a stopped matrix, too much memory and unstable answers', () => {
    const checks = checkTargets([
      medium({
        queries: { timeoutMs: 10_000, perQuery: [], firstRun: latency(50, 900), allRuns: latency(50, 900), verdicts: {}, overTimeout: 0, thrown: 0 },
        matrix: { status: 'killed', detail: 'stopped' },
        peakRssMiB: 1600,
        repeat: { runs: 21, identical: false, verdictsIdentical: true, proofsIdentical: true, differences: ['q: 2 distinct answers'] },
      }),
    ]);
    expect(checks.map((t) => t.outcome)).toEqual(['PASS', 'MISS', 'MISS', 'MISS', 'MISS']);
    expect(checks[2]!.measured).toBe('killed');
  });

  it('misses L when a query errs or overruns, and S when the CLI run failed', () => {
    const large: SizeResult = {
      ...base,
      size: 'L',
      loadMs: 9000,
      diagnostics: { errors: 0, warnings: 0, infos: 0, first: [] },
      peakRssMiB: 1000,
      queries: { timeoutMs: 30_000, perQuery: [], firstRun: latency(1, 1), allRuns: latency(1, 1), verdicts: { holds: 3, error: 1 }, overTimeout: 0, thrown: 0 },
    };
    const small: SizeResult = { ...base, size: 'S', coldCli: { status: 'failed', detail: 'exit 2' } };
    expect(checkTargets([large, small]).map((t) => `${t.size} ${t.outcome}`)).toEqual(['L PASS', 'L MISS', 'L PASS', 'S MISS']);
  });

  it('misses the L answering target when a query crashed the process, even if a rerun answered the rest', () => {
    const large: SizeResult = {
      ...base,
      size: 'L',
      loadMs: 9000,
      diagnostics: { errors: 0, warnings: 0, infos: 0, first: [] },
      failures: ['queries: child exited (code 1, signal null) during queries (query "q7", run 2)'],
      excludedQueries: ['q7'],
      queries: { timeoutMs: 30_000, perQuery: [], firstRun: latency(1, 1), allRuns: latency(1, 1), verdicts: { holds: 26 }, overTimeout: 0, thrown: 0 },
    };
    expect(checkTargets([large])[1]!.outcome).toBe('MISS');
  });

  it('checks K-M: p50, the slowest tenant-isolation proof, matrix and RSS; error verdicts mark the engine as pending', () => {
    const tenantQuery = (name: string, verdict: 'holds' | 'violated' | 'error', ms: number) =>
      ({ name, category: 'tenant-isolation', verdict, ms, fromCount: 100, toCount: 100 }) as const;
    const kube = (verdict: 'holds' | 'error', pairMs: number): SizeResult => ({
      ...base,
      size: 'K-M',
      peakRssMiB: 1200,
      matrix: { status: 'done', ms: 8_000 },
      queries: {
        timeoutMs: 10_000,
        perQuery: [tenantQuery('protected-tenants-isolated', verdict, pairMs), tenantQuery('all-tenants-isolated', 'holds', pairMs / 2)],
        firstRun: latency(40, 90),
        allRuns: latency(40, 90),
        verdicts: verdict === 'error' ? { holds: 1, error: 1 } : { holds: 2 },
        overTimeout: 0,
        thrown: 0,
      },
    });
    expect(checkTargets([kube('holds', 9_000)]).map((t) => t.outcome)).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
    const slow = checkTargets([kube('holds', 12_000)]);
    expect(slow[1]!.outcome).toBe('MISS');
    expect(slow[1]!.measured).toContain('12.0 s (2 queries');
    const pending = checkTargets([kube('error', 10)]);
    expect(pending.map((t) => t.outcome)).toEqual(['MISS', 'MISS', 'PASS', 'PASS']);
    expect(pending[0]!.measured).toContain('engine support pending');
  });
});
