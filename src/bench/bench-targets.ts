// The performance targets and their PASS/MISS evaluation against measured
// figures. A target whose figure is missing (the phase failed or was killed)
// is a MISS with the reason, never a PASS.

import type { BenchSizeName, SizeResult } from './bench-result.js';

export type Outcome = 'PASS' | 'MISS';

export interface TargetCheck {
  readonly size: BenchSizeName;
  readonly target: string;
  readonly measured: string;
  readonly outcome: Outcome;
}

const GIB = 1024;

function fmtMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return 'n/a';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
}

function fmtMiB(mib: number | undefined): string {
  return mib === undefined ? 'n/a' : `${mib.toFixed(0)} MiB`;
}

function below(value: number | undefined, limit: number): Outcome {
  return value !== undefined && !Number.isNaN(value) && value < limit ? 'PASS' : 'MISS';
}

export interface TenantIsolationFigure {
  readonly queries: number;
  readonly totalMs: number;
  readonly maxMs: number;
  /** e.g. "6 holds, 4 violated". */
  readonly verdicts: string;
  /** Every query answered holds or violated (no error, no unknown). */
  readonly decided: boolean;
}

/** The first-run figures of the 'tenant-isolation' queries (one proof each); undefined when there are none. */
export function tenantIsolationFigure(r: SizeResult): TenantIsolationFigure | undefined {
  const qs = r.queries?.perQuery.filter((q) => q.category === 'tenant-isolation') ?? [];
  if (qs.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const q of qs) counts.set(q.verdict, (counts.get(q.verdict) ?? 0) + 1);
  return {
    queries: qs.length,
    totalMs: qs.reduce((n, q) => n + q.ms, 0),
    maxMs: Math.max(...qs.map((q) => q.ms)),
    verdicts: [...counts].map(([v, n]) => `${n} ${v}`).join(', '),
    decided: qs.every((q) => q.verdict === 'holds' || q.verdict === 'violated'),
  };
}

/** True when some query answered 'error' (on Kubernetes estates: the symbolic engine does not support them yet). */
export function engineSupportPending(r: SizeResult): boolean {
  return (r.queries?.verdicts.error ?? 0) > 0;
}

export function checkTargets(results: readonly SizeResult[]): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const r of results) {
    const q = r.queries?.allRuns;
    const add = (target: string, measured: string, outcome: Outcome): void => {
      out.push({ size: r.size, target, measured, outcome });
    };
    if (r.size === 'M') {
      add('query p50 < 100 ms', fmtMs(q?.p50Ms), below(q?.p50Ms, 100));
      add('query p95 < 500 ms', fmtMs(q?.p95Ms), below(q?.p95Ms, 500));
      const matrixMs = r.matrix?.status === 'done' ? r.matrix.ms : undefined;
      add('matrix < 60 s', r.matrix?.status === 'done' ? fmtMs(matrixMs) : (r.matrix?.status ?? 'not run'), below(matrixMs, 60_000));
      add('peak RSS < 1.5 GiB', fmtMiB(r.peakRssMiB), below(r.peakRssMiB, 1.5 * GIB));
      const rep = r.repeat;
      add(
        'repeated runs give identical answers',
        rep === undefined ? 'not run' : rep.identical ? `identical over ${rep.runs} runs` : `${rep.differences.length} queries differ over ${rep.runs} runs`,
        rep !== undefined && rep.identical && rep.runs >= 2 ? 'PASS' : 'MISS',
      );
    }
    if (r.size === 'L') {
      add('loads without errors', r.loadMs === undefined ? 'failed' : `${fmtMs(r.loadMs)}, ${r.diagnostics?.errors ?? 0} errors`, r.loadMs !== undefined && r.diagnostics?.errors === 0 ? 'PASS' : 'MISS');
      const qs = r.queries;
      const crashed = r.failures.some((f) => f.startsWith('queries')) || (r.excludedQueries?.length ?? 0) > 0;
      const answered = !crashed && qs !== undefined && qs.hung === undefined && qs.thrown === 0 && qs.overTimeout === 0 && (qs.verdicts.error ?? 0) === 0;
      add(
        'every query answers or says unknown within its timeout',
        qs === undefined ? 'not run' : `${crashed ? 'a query crashed or stalled the process; ' : ''}${qs.hung === undefined ? '' : `${qs.hung} hung; `}${qs.perQuery.length} queries, ${qs.verdicts.unknown ?? 0} unknown, ${qs.overTimeout} over, ${(qs.verdicts.error ?? 0) + qs.thrown} errors`,
        answered ? 'PASS' : 'MISS',
      );
      add('peak RSS < 2 GiB', fmtMiB(r.peakRssMiB), below(r.peakRssMiB, 2 * GIB));
    }
    if (r.size === 'K-M') {
      const pending = engineSupportPending(r) ? ' (engine support pending: error verdicts)' : '';
      add('query p50 < 100 ms', `${fmtMs(q?.p50Ms)}${pending}`, pending === '' ? below(q?.p50Ms, 100) : 'MISS');
      const tenant = tenantIsolationFigure(r);
      add(
        'tenant-isolation proof < 10 s (slowest tenant-isolated query)',
        tenant === undefined ? 'not run' : `${fmtMs(tenant.maxMs)} (${tenant.queries} queries: ${tenant.verdicts})`,
        tenant !== undefined && tenant.decided ? below(tenant.maxMs, 10_000) : 'MISS',
      );
      const matrixMs = r.matrix?.status === 'done' ? r.matrix.ms : undefined;
      add('matrix (workloads) < 10 s', r.matrix?.status === 'done' ? fmtMs(matrixMs) : (r.matrix?.status ?? 'not run'), below(matrixMs, 10_000));
      add('peak RSS < 1.5 GiB', fmtMiB(r.peakRssMiB), below(r.peakRssMiB, 1.5 * GIB));
    }
    if (r.size === 'S') {
      const cold = r.coldCli;
      add('cold CLI query < 1.5 s', cold?.status === 'done' ? fmtMs(cold.ms) : (cold?.status ?? 'not run'), cold?.status === 'done' ? below(cold.ms, 1500) : 'MISS');
    }
  }
  return out;
}

export { fmtMs, fmtMiB };
