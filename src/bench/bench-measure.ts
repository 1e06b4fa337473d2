// Measures one size inside its own process (so peak RSS is per size): load
// and index, endpoint classes, the query set (repeated, compared run by run),
// then the endpoint matrix. Figures are saved after every phase, so a run the
// harness has to stop still leaves what it measured.

import { writeFile } from 'node:fs/promises';
import { loadEstate } from '../ingest/load.js';
import type { Estate } from '../model/estate.js';
import { partitionEndpoints } from '../model/classes.js';
import { computeMatrix } from '../analysis/matrix.js';
import { QueryEngine } from '../queries/engine.js';
import type { QueryAnswer, Verdict } from '../queries/answer.js';
import { benchQueries, type BenchQuery, type QueryFacts } from './bench-queries.js';
import { benchKubeQueries } from './k8s-queries.js';
import type { KubeCounts, KubeQueryFacts } from './generate-k8s.js';
import { isKubeSizeName } from './k8s-sizes.js';
import { compareRuns } from './bench-fingerprint.js';
import { crossCheckWithMatrix } from './bench-crosscheck.js';
import { nowMs, peakRssMiB, summarize, timed } from './bench-stats.js';
import { BENCH_SCHEMA_VERSION, type BenchSizeName, type EstateCounts, type QueryFigure, type SizeResult } from './bench-result.js';

export interface MeasureRequest {
  readonly size: BenchSizeName;
  readonly seed: number;
  readonly estateDir: string;
  /** AWS facts for S/M/L, Kubernetes facts for K-S/K-M. */
  readonly facts: QueryFacts | KubeQueryFacts;
  readonly counts: EstateCounts | KubeCounts;
  readonly generateMs: number;
  readonly resultFile: string;
  /** Runs of the query set on the first engine (at least 1). */
  readonly runs: number;
  readonly timeoutMs: number;
  /** Run the query set (false: a second child that only measures the matrix). */
  readonly queries: boolean;
  /** Query names to leave out (they crashed or stalled an earlier process). */
  readonly exclude: readonly string[];
  readonly matrix: boolean;
}

/** What the child tells the harness while it works. */
export type Progress = { readonly phase: Phase } | { readonly query: string; readonly run: number };

/** Phase names the harness hears about as they start. */
export type Phase = 'load' | 'index' | 'classes' | 'queries' | 'matrix' | 'complete';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const GRACE_MS = 1000;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Extra time a query gets beyond its solver timeout before it counts as hung. */
const HANG_GRACE_MS = 60_000;

interface SetRun {
  readonly answers: QueryAnswer[];
  readonly ms: number[];
  readonly thrown: number;
  /** The query that never settled; the engine's queue is stuck behind it. */
  readonly hung?: string;
}

async function runSet(engine: QueryEngine, set: readonly BenchQuery[], timeoutMs: number, starting: (name: string) => void): Promise<SetRun> {
  const answers: QueryAnswer[] = [];
  const ms: number[] = [];
  let thrown = 0;
  for (const { query } of set) {
    starting(query.name);
    const start = nowMs();
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<'hung'>((resolve) => {
      // The timer also keeps the process alive while a check is pending.
      timer = setTimeout(() => resolve('hung'), timeoutMs + HANG_GRACE_MS);
    });
    try {
      const a = await Promise.race([engine.answer(query), hang]);
      if (a === 'hung') return { answers, ms, thrown, hung: query.name };
      answers.push(a);
    } catch (err) {
      thrown++;
      answers.push({ query, verdict: 'error', reason: `threw: ${message(err)}`, assumptions: [], fromCount: 0, toCount: 0, elapsedMs: 0 });
    } finally {
      clearTimeout(timer);
    }
    ms.push(nowMs() - start);
  }
  return { answers, ms, thrown };
}

/** The query set of a size: the Kubernetes set for K-S/K-M, the AWS set otherwise. */
export function querySet(req: Pick<MeasureRequest, 'size' | 'facts'>): BenchQuery[] {
  return isKubeSizeName(req.size) ? benchKubeQueries(req.facts as KubeQueryFacts) : benchQueries(req.facts as QueryFacts);
}

export async function measureSize(req: MeasureRequest, onProgress: (p: Progress) => void, log: (line: string) => void = () => {}): Promise<SizeResult> {
  const result: Mutable<SizeResult> = {
    schemaVersion: BENCH_SCHEMA_VERSION,
    size: req.size,
    seed: req.seed,
    counts: req.counts,
    generateMs: req.generateMs,
    rssMiB: {},
    failures: [],
    phase: 'load',
  };
  const rss: Record<string, number> = {};
  const failures: string[] = [];
  const save = async (phase: string): Promise<void> => {
    rss[result.phase] = peakRssMiB();
    result.rssMiB = { ...rss };
    result.peakRssMiB = peakRssMiB();
    result.failures = [...failures];
    result.phase = phase;
    await writeFile(req.resultFile, JSON.stringify(result, null, 2) + '\n', 'utf8');
  };
  const enter = async (p: Phase): Promise<void> => {
    await save(p);
    onProgress({ phase: p });
  };

  await enter('load');
  const loaded = await timed(() => loadEstate([req.estateDir]));
  result.loadMs = loaded.ms;
  const diags = loaded.value.diagnostics;
  result.diagnostics = {
    errors: diags.filter((d) => d.severity === 'error').length,
    warnings: diags.filter((d) => d.severity === 'warning').length,
    infos: diags.filter((d) => d.severity === 'info').length,
    first: diags.slice(0, 5).map((d) => `${d.severity} ${d.code}: ${d.message}`),
  };
  const estate: Estate | undefined = loaded.value.estate;
  if (estate === undefined) {
    failures.push(`load: no estate (${result.diagnostics.errors} error diagnostics)`);
    await save('complete');
    return result;
  }
  result.endpoints = estate.endpoints.length;

  await enter('index');
  let engine: QueryEngine;
  try {
    const created = await timed(() => QueryEngine.create(estate, { timeoutMs: req.timeoutMs }));
    engine = created.value;
    result.indexMs = created.ms;
    result.loadIndexMs = loaded.ms + created.ms;
  } catch (err) {
    failures.push(`index: ${message(err)}`);
    await save('complete');
    return result;
  }

  await enter('classes');
  try {
    const classes = await timed(() => partitionEndpoints(estate));
    result.classes = classes.value.classes.length;
    result.classesMs = classes.ms;
  } catch (err) {
    failures.push(`classes: ${message(err)}`);
  }

  if (req.queries) {
    await enter('queries');
    const set = querySet(req).filter((q) => !req.exclude.includes(q.query.name));
    const runs: QueryAnswer[][] = [];
    const allMs: number[] = [];
    let thrown = 0;
    let firstMs: number[] = [];
    let hung: string | undefined;
    const figures = (): void => {
      const first = runs[0] ?? [];
      const verdicts: Partial<Record<Verdict, number>> = {};
      for (const a of first) verdicts[a.verdict] = (verdicts[a.verdict] ?? 0) + 1;
      const perQuery: QueryFigure[] = first.map((a, i) => ({
        name: a.query.name,
        category: set[i]!.category,
        verdict: a.verdict,
        ms: firstMs[i]!,
        fromCount: a.fromCount,
        toCount: a.toCount,
        ...(a.reason === undefined || a.verdict === 'holds' || a.verdict === 'violated' ? {} : { reason: a.reason }),
      }));
      result.queries = {
        timeoutMs: req.timeoutMs,
        perQuery,
        firstRun: summarize(firstMs),
        allRuns: summarize(allMs),
        verdicts,
        overTimeout: allMs.filter((ms) => ms > req.timeoutMs + GRACE_MS).length,
        thrown,
        ...(hung === undefined ? {} : { hung }),
      };
      if (runs.length > 1) result.repeat = compareRuns(runs);
    };
    for (let r = 0; r < Math.max(1, req.runs); r++) {
      const run = await runSet(engine, set, req.timeoutMs, (query) => onProgress({ query, run: r + 1 }));
      if (run.hung !== undefined) {
        failures.push(`queries: "${run.hung}" did not settle within ${(req.timeoutMs + HANG_GRACE_MS) / 1000} s in run ${r + 1} (after ${run.answers.length} answers of that run)`);
        allMs.push(...run.ms);
        if (r === 0) {
          firstMs = run.ms;
          runs.push(run.answers);
        }
        hung = run.hung;
        break;
      }
      log(`[${req.size}] query run ${r + 1}/${req.runs}: ${(run.ms.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s`);
      if (r === 0) firstMs = run.ms;
      runs.push(run.answers);
      allMs.push(...run.ms);
      thrown += run.thrown;
      figures();
      await save('queries');
    }
    engine.close();
    if (req.runs > 1 && hung === undefined) {
      // One more run on a second engine over the same estate: answers must not depend on engine state.
      try {
        const fresh = await QueryEngine.create(estate, { timeoutMs: req.timeoutMs });
        const run = await runSet(fresh, set, req.timeoutMs, (query) => onProgress({ query, run: req.runs + 1 }));
        fresh.close();
        if (run.hung !== undefined) {
          failures.push(`queries: "${run.hung}" did not settle on the second engine`);
          hung = run.hung;
        } else runs.push(run.answers);
        allMs.push(...run.ms);
        thrown += run.thrown;
      } catch (err) {
        failures.push(`second engine: ${message(err)}`);
      }
    }
    figures();
    runs.length = 0;
  }

  if (req.matrix) {
    (globalThis as { gc?: () => void }).gc?.();
    await enter('matrix');
    try {
      const start = nowMs();
      const matrix = computeMatrix(estate, { level: 'endpoints' });
      let cells = 0;
      // Expanding to parties is part of computing the full matrix; printing is not.
      matrix.forEachEntry(() => {
        cells++;
      });
      result.matrix = { status: 'done', ms: nowMs() - start, cells, detail: `${matrix.classCount} internal and ${matrix.externalClassCount} external units` };
      const verdictOf = new Map((result.queries?.perQuery ?? []).map((f) => [f.name, f.verdict] as const));
      const answered = querySet(req).flatMap(({ query }) => {
        const verdict = verdictOf.get(query.name);
        return verdict === undefined ? [] : [{ query, verdict }];
      });
      await save('matrix');
      if (answered.length > 0) result.crossCheck = crossCheckWithMatrix(estate, matrix, answered);
    } catch (err) {
      result.matrix = { status: 'failed', detail: message(err) };
      failures.push(`matrix: ${message(err)}`);
    }
  } else {
    result.matrix = { status: 'skipped' };
  }
  await enter('complete');
  return result;
}
