// `npm run bench`: generates AWS estates (S/M/L) and Kubernetes clusters
// (K-S/K-M, as YAML manifests), measures each size in its own
// child process, times a cold CLI query on S, checks the targets, and writes
// the figures as Markdown (for the README) and JSON.
//
//   node --expose-gc dist/bench/main.js [--sizes S,M,L,K-S,K-M] [--out dir] [--repeat 20]
//     [--seed n] [--timeout-ms n] [--no-matrix] [--matrix-budget s] [--budget s] [--keep]

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { measureInChild, type ChildLimits } from './bench-child.js';
import type { MeasureRequest } from './bench-measure.js';
import { timeColdCliQuery } from './bench-cold-cli.js';
import { prepareSize } from './bench-prepare.js';
import { prepareKubeSize } from './k8s-prepare.js';
import { isKubeSizeName } from './k8s-sizes.js';
import { renderMarkdown } from './bench-report.js';
import { BENCH_SCHEMA_VERSION, type BenchDocument, type BenchSizeName, type SizeResult } from './bench-result.js';
import { checkTargets } from './bench-targets.js';
import { DEFAULT_SEED } from './generate.js';
import { isSizeName } from './generate-sizes.js';

interface BenchOptions {
  readonly sizes: BenchSizeName[];
  readonly out: string;
  readonly repeat: number;
  readonly seed: number;
  readonly timeoutMs?: number;
  readonly matrix: boolean;
  readonly matrixBudget: number;
  readonly budget: number;
  readonly keep: boolean;
}

function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function sizeList(text: string): BenchSizeName[] {
  const sizes = text.split(',').map((s) => s.trim().toUpperCase());
  for (const s of sizes) {
    if (!isSizeName(s) && !isKubeSizeName(s)) throw new InvalidArgumentError(`unknown size "${s}" (use S, M, L, K-S, K-M)`);
  }
  return sizes as BenchSizeName[];
}

/** Query-set runs per size: M is the repeatability check; L and K-M stay short. */
function runsFor(size: BenchSizeName, repeat: number): number {
  if (size === 'M') return repeat;
  if (size === 'S' || size === 'K-S') return Math.min(repeat, 5);
  if (size === 'K-M') return Math.min(repeat, 3);
  return Math.min(repeat, 2);
}

/** L and K-M get 30 s, so a proof slower than its 10 s target is measured rather than cut off as unknown. */
function defaultTimeoutMs(size: BenchSizeName): number {
  return size === 'L' || size === 'K-M' ? 30_000 : 10_000;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Figures of a run whose queries were cut short, completed by a matrix-only run. */
function mergeMatrixRun(first: SizeResult, second: SizeResult): SizeResult {
  const rss: Record<string, number> = { ...first.rssMiB };
  for (const [k, v] of Object.entries(second.rssMiB)) rss[`matrix run: ${k}`] = v;
  return {
    ...first,
    ...(second.matrix === undefined ? {} : { matrix: second.matrix }),
    rssMiB: rss,
    peakRssMiB: Math.max(first.peakRssMiB ?? 0, second.peakRssMiB ?? 0),
    failures: [...first.failures, ...second.failures.map((f) => `matrix run: ${f}`)],
  };
}

/** Reruns after a crash or stall in a query leave out at most this many queries. */
const MAX_EXCLUDED = 2;

/**
 * Measures a size; when a query crashes or stalls the process, measures again
 * without it (it is listed as excluded, and its failure kept), and measures
 * the matrix in a process of its own if the queries never got that far.
 */
async function measureWithRetries(request: MeasureRequest, root: string, limits: ChildLimits): Promise<SizeResult> {
  const dir = path.join(root, request.size);
  const failures: string[] = [];
  const exclude: string[] = [];
  let peak = 0;
  for (;;) {
    const attempt = exclude.length;
    const req: MeasureRequest = { ...request, exclude: [...exclude], resultFile: path.join(dir, `result-${attempt}.json`) };
    let measured = await measureInChild(req, path.join(dir, `request-${attempt}.json`), limits, log);
    peak = Math.max(peak, measured.peakRssMiB ?? 0);
    const interrupted = measured.interruptedQuery;
    if (measured.phase === 'queries' && interrupted !== undefined && exclude.length < MAX_EXCLUDED) {
      failures.push(...measured.failures);
      exclude.push(interrupted);
      log(`[${request.size}] rerunning without "${interrupted}"…`);
      continue;
    }
    if (measured.phase === 'queries' && request.matrix) {
      // The query phase was cut short; measure the matrix in a fresh process of its own.
      log(`[${request.size}] measuring the matrix in a second process…`);
      const second = await measureInChild(
        { ...req, queries: false, resultFile: path.join(dir, 'result-matrix.json') },
        path.join(dir, 'request-matrix.json'),
        limits,
        log,
      );
      measured = mergeMatrixRun(measured, second);
    }
    return {
      ...measured,
      peakRssMiB: Math.max(peak, measured.peakRssMiB ?? 0),
      failures: [...failures, ...measured.failures],
      ...(exclude.length === 0 ? {} : { excludedQueries: exclude }),
    };
  }
}

async function run(opts: BenchOptions): Promise<number> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'netproof-bench-'));
  const results: SizeResult[] = [];
  try {
    for (const size of opts.sizes) {
      log(`[${size}] generating…`);
      const prepared = isKubeSizeName(size) ? await prepareKubeSize(size, opts.seed, root) : await prepareSize(size, opts.seed, root);
      const c = prepared.counts;
      const what = 'pods' in c ? `${c.pods} pods, ${c.networkPolicies} NetworkPolicies, ${c.adminPolicies} ANPs` : `${c.interfaces} interfaces`;
      log(`[${size}] ${what}, ${(c.inputBytes / 2 ** 20).toFixed(1)} MiB of input in ${(prepared.generateMs / 1000).toFixed(1)} s`);
      const loadBefore = os.loadavg()[0] ?? 0;
      const timeoutMs = opts.timeoutMs ?? defaultTimeoutMs(size);
      const limits = { budgetMs: opts.budget * 1000, matrixBudgetMs: opts.matrixBudget * 1000, queryStallMs: timeoutMs + 90_000 };
      const request: MeasureRequest = {
        size,
        seed: opts.seed,
        estateDir: prepared.estateDir,
        facts: prepared.facts,
        counts: prepared.counts,
        generateMs: prepared.generateMs,
        resultFile: path.join(root, size, 'result.json'),
        runs: runsFor(size, opts.repeat),
        timeoutMs,
        queries: true,
        exclude: [],
        matrix: opts.matrix,
      };
      const measured = await measureWithRetries(request, root, limits);
      const result: SizeResult = { ...measured, loadAverage: { before: loadBefore, after: os.loadavg()[0] ?? 0 } };
      if (size === 'S') {
        log('[S] cold CLI query…');
        results.push({ ...result, coldCli: await timeColdCliQuery(prepared.estateDir, 'tag:Tier=web', 'tag:Tier=db') });
      } else {
        results.push(result);
      }
      if (opts.keep) log(`[${size}] estate kept in ${prepared.estateDir}`);
    }
  } finally {
    if (!opts.keep) await rm(root, { recursive: true, force: true });
  }
  const cpus = os.cpus();
  const doc: BenchDocument = {
    schemaVersion: BENCH_SCHEMA_VERSION,
    startedAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    sizes: results,
    targets: checkTargets(results),
  };
  const markdown = renderMarkdown(doc);
  await mkdir(opts.out, { recursive: true });
  await writeFile(path.join(opts.out, 'bench.json'), JSON.stringify(doc, null, 2) + '\n', 'utf8');
  await writeFile(path.join(opts.out, 'bench.md'), markdown, 'utf8');
  process.stdout.write(markdown);
  log(`figures written to ${path.join(opts.out, 'bench.md')} and bench.json`);
  // A missed target is a figure, not a harness failure; a phase that failed is.
  return results.some((r) => r.failures.length > 0) ? 1 : 0;
}

const program = new Command('bench')
  .description('Benchmark netproof on generated AWS estates and Kubernetes clusters')
  .option('--sizes <list>', 'sizes to run, comma-separated (S, M, L, K-S, K-M)', sizeList, ['S', 'M'] as BenchSizeName[])
  .option('--out <dir>', 'folder for bench.md and bench.json', '.bench-out')
  .option('--repeat <n>', 'runs of the query set on M (S runs at most 5, L at most 2)', positiveInt, 20)
  .option('--seed <n>', 'generator seed', positiveInt, DEFAULT_SEED)
  .option('--timeout-ms <n>', 'solver timeout per query (default 10000; 30000 on L and K-M)', positiveInt)
  .option('--no-matrix', 'skip the endpoint matrix')
  .option('--matrix-budget <s>', 'stop the matrix after this many seconds', positiveInt, 600)
  .option('--budget <s>', 'stop a size after this many seconds in all', positiveInt, 3600)
  .option('--keep', 'keep the generated estates (their folder is printed)', false);

program.parse(process.argv);
process.exitCode = await run(program.opts<BenchOptions>());
