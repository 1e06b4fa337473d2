// Runs one size's measurement in a child process (its own heap, its own peak
// RSS, its own Z3) and stops it when it overruns: the whole run after
// `budgetMs`, the matrix phase after `matrixBudgetMs`. Returns whatever
// figures the child saved, with the phase that was cut short marked.

import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { MeasureRequest, Phase, Progress } from './bench-measure.js';
import type { SizeResult } from './bench-result.js';

export interface ChildLimits {
  readonly budgetMs: number;
  readonly matrixBudgetMs: number;
  /** Stop when one query shows no progress for this long (Z3 can block the main thread). */
  readonly queryStallMs: number;
}

/** Peak RSS of a running process in MiB from /proc (Linux); undefined elsewhere. */
function procPeakRssMiB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? undefined : Number(m[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** Time to let a finished child exit on its own before stopping it. */
const EXIT_GRACE_MS = 10_000;

export async function measureInChild(req: MeasureRequest, requestFile: string, limits: ChildLimits, log: (line: string) => void): Promise<SizeResult> {
  await writeFile(requestFile, JSON.stringify(req), 'utf8');
  const entry = fileURLToPath(new URL('./size-main.js', import.meta.url));
  const child = fork(entry, [requestFile], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let phase: Phase | 'start' = 'start';
  let phaseStart = Date.now();
  let stopped: string | undefined;
  const stop = (why: string): void => {
    if (stopped !== undefined) return;
    stopped = why;
    child.kill('SIGKILL');
  };
  const whole = setTimeout(() => stop(`stopped after the size budget of ${Math.round(limits.budgetMs / 1000)} s`), limits.budgetMs);
  let observedPeak = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) observedPeak = Math.max(observedPeak, procPeakRssMiB(child.pid) ?? 0);
  }, 250);
  let matrixTimer: NodeJS.Timeout | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  let current: { query: string; run: number; since: number } | undefined;
  const stall = setInterval(() => {
    if (phase === 'queries' && current !== undefined && Date.now() - current.since > limits.queryStallMs) {
      stop(`no progress for ${Math.round(limits.queryStallMs / 1000)} s in query "${current.query}" of run ${current.run}`);
    }
  }, 1000);
  child.on('message', (m: Progress) => {
    if ('query' in m) {
      current = { query: m.query, run: m.run, since: Date.now() };
      return;
    }
    const next = m.phase;
    log(`[${req.size}] ${phase} done in ${((Date.now() - phaseStart) / 1000).toFixed(1)} s; ${next}…`);
    phase = next;
    phaseStart = Date.now();
    if (next === 'matrix') {
      matrixTimer = setTimeout(() => stop(`stopped after the matrix budget of ${Math.round(limits.matrixBudgetMs / 1000)} s`), limits.matrixBudgetMs);
    }
    if (next === 'complete') {
      clearTimeout(matrixTimer);
      graceTimer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
    }
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  clearTimeout(whole);
  clearInterval(sampler);
  clearInterval(stall);
  clearTimeout(matrixTimer);
  clearTimeout(graceTimer);
  let result: SizeResult;
  try {
    result = JSON.parse(await readFile(req.resultFile, 'utf8')) as SizeResult;
  } catch {
    return {
      schemaVersion: 1,
      size: req.size,
      seed: req.seed,
      counts: req.counts,
      generateMs: req.generateMs,
      rssMiB: {},
      failures: [`child exited (code ${exit.code}, signal ${exit.signal}) before saving figures`],
      phase: 'start',
    };
  }
  // The child's own figure misses what it used after its last save (a stopped matrix).
  if (observedPeak > (result.peakRssMiB ?? 0)) result = { ...result, peakRssMiB: observedPeak };
  if (result.phase === 'complete') return result;
  const during = result.phase === 'queries' && current !== undefined ? `queries (query "${current.query}", run ${current.run})` : result.phase;
  const why = stopped ?? `child exited (code ${exit.code}, signal ${exit.signal}) during ${during}`;
  const failures = [...result.failures, `${result.phase}: ${why}`];
  if (result.phase === 'matrix') return { ...result, failures, matrix: { status: stopped ? 'killed' : 'failed', detail: why } };
  return result.phase === 'queries' && current !== undefined ? { ...result, failures, interruptedQuery: current.query } : { ...result, failures };
}
