// The query engine the CLI and library use: created once per estate (Z3
// loaded once per process, per-estate indexes built once), it answers queries
// one at a time (Z3 checks are serialized anyway) and never throws for a query.
// After a query, it returns garbage once the heap has outgrown the live data (heap-relief.ts).

import type { Estate } from '../model/estate.js';
import { buildEstateIndex } from '../encode/estate-index.js';
import { loadZ3, MANY_TRACKERS } from '../solve/z3.js';
import type { QueryAnswer } from './answer.js';
import { answerQuery, type EngineState, type SelectorResolver } from './engine-core.js';
import type { Query } from './query.js';
import { resolveSelector } from './select.js';
import { relieveHeap } from './heap-relief.js';

export interface EngineOptions {
  readonly timeoutMs: number;
  readonly emitSmtDir?: string;
  /**
   * Try the preferred header's folded formula before the full search
   * (preferred-fold.ts); on by default. Tests turn it off to check that both
   * ways give the same answers.
   */
  readonly preferredFold?: boolean;
  /**
   * Queries with more proof trackers than this fix them by facts instead of
   * assuming them (see MANY_TRACKERS in solve/z3.ts, the default). Tests set
   * it to 0 to compare both ways on small estates.
   */
  readonly fixTrackersAbove?: number;
}

export class QueryEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(private readonly state: EngineState) {}

  /** Loads Z3 (once per process) and indexes the estate. `resolve` is for tests. */
  /**
   * Starts loading Z3 in the background (its WebAssembly compiles while the
   * caller reads input files). `create` awaits the same load; a failure
   * surfaces there.
   */
  static warmUp(): void {
    loadZ3().catch(() => undefined);
  }

  static async create(estate: Estate, options: EngineOptions, resolve: SelectorResolver = resolveSelector): Promise<QueryEngine> {
    await loadZ3();
    const state: EngineState = {
      index: buildEstateIndex(estate),
      timeoutMs: options.timeoutMs,
      preferredFold: options.preferredFold ?? true,
      fixTrackersAbove: options.fixTrackersAbove ?? MANY_TRACKERS,
      resolve,
      smtNames: new Set(),
      ...(options.emitSmtDir === undefined ? {} : { emitSmtDir: options.emitSmtDir }),
    };
    return new QueryEngine(state);
  }

  /** The answer to one query; internal problems come back as verdict 'error'. */
  answer(query: Query): Promise<QueryAnswer> {
    if (this.closed) {
      return Promise.resolve({
        query,
        verdict: 'error',
        reason: 'internal error: the query engine was closed',
        assumptions: [],
        fromCount: 0,
        toCount: 0,
        elapsedMs: 0,
      });
    }
    const run = this.queue.then(async () => {
      const answer = await answerQuery(this.state, query);
      relieveHeap();
      return answer;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Releases the engine; the process-wide Z3 stays loaded for later engines. */
  close(): void {
    this.closed = true;
  }
}
