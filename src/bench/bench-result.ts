// The figures one size's run produces (written as JSON by the child process
// and read back by the harness), and the combined document the harness saves.

import type { Verdict } from '../queries/answer.js';
import type { SizeName } from './generate-sizes.js';
import type { LatencySummary } from './bench-stats.js';
import type { RunComparison } from './bench-fingerprint.js';
import type { QueryCategory } from './bench-queries.js';
import type { TargetCheck } from './bench-targets.js';
import type { KubeCounts } from './generate-k8s.js';
import type { CrossCheck } from './bench-crosscheck.js';
import type { KubeSizeName } from './k8s-sizes.js';

/** AWS sizes (S, M, L) and Kubernetes sizes (K-S, K-M). */
export type BenchSizeName = SizeName | KubeSizeName;

export const BENCH_SCHEMA_VERSION = 1;

export interface EstateCounts {
  readonly vpcs: number;
  readonly subnets: number;
  readonly interfaces: number;
  readonly instances: number;
  readonly securityGroups: number;
  readonly securityGroupRules: number;
  readonly networkAcls: number;
  readonly networkAclEntries: number;
  readonly inputBytes: number;
}

export interface QueryFigure {
  readonly name: string;
  readonly category: QueryCategory;
  readonly verdict: Verdict;
  /** First run, wall clock around `answer()`. */
  readonly ms: number;
  readonly fromCount: number;
  readonly toCount: number;
  readonly reason?: string;
}

export interface QueryFigures {
  readonly timeoutMs: number;
  readonly perQuery: readonly QueryFigure[];
  /** Latency over the first run of the set. */
  readonly firstRun: LatencySummary;
  /** Latency over every run of the set (the target applies here). */
  readonly allRuns: LatencySummary;
  readonly verdicts: Readonly<Partial<Record<Verdict, number>>>;
  /** Executions that took longer than the timeout plus a second's grace. */
  readonly overTimeout: number;
  /** Executions that threw instead of answering. */
  readonly thrown: number;
  /** A query that never settled (the run stopped there). */
  readonly hung?: string;
}

export type PhaseStatus = 'done' | 'failed' | 'skipped' | 'killed';

export interface MatrixFigure {
  readonly status: PhaseStatus;
  readonly ms?: number;
  readonly cells?: number;
  readonly detail?: string;
}

export interface ColdCliFigure {
  readonly status: PhaseStatus;
  readonly ms?: number;
  readonly exitCode?: number | null;
  readonly command?: string;
  readonly detail?: string;
}

export interface SizeResult {
  readonly schemaVersion: number;
  readonly size: BenchSizeName;
  readonly seed: number;
  /** AWS counts (S/M/L) or Kubernetes counts (K-S/K-M, told apart by `pods`). */
  readonly counts?: EstateCounts | KubeCounts;
  readonly generateMs?: number;
  readonly loadMs?: number;
  readonly indexMs?: number;
  readonly loadIndexMs?: number;
  readonly endpoints?: number;
  readonly diagnostics?: { readonly errors: number; readonly warnings: number; readonly infos: number; readonly first: readonly string[] };
  readonly classes?: number;
  readonly classesMs?: number;
  readonly queries?: QueryFigures;
  readonly repeat?: RunComparison;
  readonly matrix?: MatrixFigure;
  readonly coldCli?: ColdCliFigure;
  /** Peak RSS (maxRSS) after each phase, MiB. */
  readonly rssMiB: Readonly<Record<string, number>>;
  readonly peakRssMiB?: number;
  /** One-minute load average of the machine before and after the size ran (other work skews figures). */
  readonly loadAverage?: { readonly before: number; readonly after: number };
  /** The query in flight when the measuring process died or was stopped. */
  readonly interruptedQuery?: string;
  /** Queries left out of a rerun because they crashed or stalled the process before. */
  readonly excludedQueries?: readonly string[];
  /** First-run verdicts compared with the matrix (isolated/reachable queries it can judge). */
  readonly crossCheck?: readonly CrossCheck[];
  /** Phases that failed, with their message. */
  readonly failures: readonly string[];
  /** 'complete' once every phase ran; else the phase that was running. */
  readonly phase: string;
}

export interface BenchDocument {
  readonly schemaVersion: number;
  readonly startedAt: string;
  readonly node: string;
  readonly platform: string;
  readonly cpus: string;
  readonly sizes: readonly SizeResult[];
  readonly targets: readonly TargetCheck[];
}
