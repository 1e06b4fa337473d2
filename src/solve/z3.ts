// The solver adapter, the only module that imports z3-solver. It loads Z3
// once per process, translates terms to Z3 expressions (memoized by term id,
// iteratively so deep formulas never overflow the stack), and checks with a
// timeout, assuming every proof tracker so the unsat core names what blocks.
// Checks are serialized by the caller; nothing here uses the low-level
// `eval_smtlib2_string` text path (it corrupts answers).

import { init, type Bool, type BitVec, type Context, type Expr, type Solver } from 'z3-solver';
import { childrenOf, type Term, type VarTerm } from '../encode/term.js';

export type CheckResult = 'sat' | 'unsat' | 'unknown';

type Z3Context = Context<'main'>;
type Z3Expr = Bool<'main'> | BitVec<number, 'main'>;

let loading: Promise<Z3Context> | undefined;

/**
 * Checks run on a Z3 worker thread while the main thread's garbage collector
 * releases Z3 objects (FinalizationRegistry → Z3_*_dec_ref). Releasing into
 * the context while a check runs corrupted Z3's memory (measured on the
 * size-M benchmark: heap aborts, and models the evaluator then rejected), so
 * every release waits until no check is in flight.
 */
let checksInFlight = 0;
const deferredReleases: (() => void)[] = [];

function deferReleasesDuringChecks(z3: Record<string, unknown>): void {
  for (const key of Object.keys(z3)) {
    const fn = z3[key];
    if (!key.endsWith('dec_ref') || typeof fn !== 'function') continue;
    const release = fn as (...args: unknown[]) => unknown;
    z3[key] = (...args: unknown[]): unknown => {
      if (checksInFlight === 0) return release(...args);
      deferredReleases.push(() => release(...args));
      return undefined;
    };
  }
}

/** Runs one solver check with releases held back until it ends. */
async function guardedCheck<T>(check: () => Promise<T>): Promise<T> {
  checksInFlight++;
  try {
    return await check();
  } finally {
    checksInFlight--;
    if (checksInFlight === 0) for (const release of deferredReleases.splice(0)) release();
  }
}

/**
 * One trivial check: Z3 starts the worker thread its checks run on at the
 * first one (about 190 ms), so loading does it while the caller still reads
 * its input (QueryEngine.warmUp), not when the first query waits.
 */
async function startCheckThread(ctx: Z3Context): Promise<void> {
  const solver = new ctx.Solver();
  try {
    solver.add(ctx.Bool.const('netproof warm-up'));
    await guardedCheck(() => solver.check());
  } finally {
    solver.release();
  }
}

/** The process-wide Z3 context (initialized on first use). */
export function loadZ3(): Promise<Z3Context> {
  loading ??= init().then(async (api) => {
    deferReleasesDuringChecks(api.Z3 as unknown as Record<string, unknown>);
    const ctx = api.Context('main');
    // Checks run on a Z3 worker thread while the main thread's garbage
    // collector releases expressions (FinalizationRegistry → Z3_dec_ref).
    // Without this, the two race inside the AST manager ("memory access out
    // of bounds", measured on the size-M benchmark).
    api.Z3.enable_concurrent_dec_ref(ctx.ptr);
    await startCheckThread(ctx);
    return ctx;
  });
  return loading;
}

/**
 * Values the solver should try first, by bit-vector variable name. With
 * phase selection "false first", a variable `x` with hint `h` is given to Z3
 * as `x' xor h`: the solver's first guess, all bits of `x'` false, is `h`.
 * Only the search order changes; models are read through the same
 * expression, so values are the variables' own.
 */
export type ValueHints = ReadonlyMap<string, number>;

function translate(ctx: Z3Context, t: Term, sub: (c: Term) => Z3Expr, hints: ValueHints): Z3Expr {
  const bool = (c: Term): Bool<'main'> => sub(c) as Bool<'main'>;
  const bv = (c: Term): BitVec<number, 'main'> => sub(c) as BitVec<number, 'main'>;
  switch (t.op) {
    case 'const':
      return ctx.Bool.val(t.value);
    case 'boolvar':
      return ctx.Bool.const(t.name);
    case 'bvconst':
      return ctx.BitVec.val(t.value, t.width);
    case 'bvvar': {
      const hint = hints.get(t.name);
      if (hint === undefined || hint === 0) return ctx.BitVec.const(t.name, t.width);
      return ctx.BitVec.const(`${t.name}^${hint}`, t.width).xor(ctx.BitVec.val(hint, t.width));
    }
    case 'not':
      return ctx.Not(bool(t.arg));
    case 'and':
      return ctx.And(...t.args.map(bool));
    case 'or':
      return ctx.Or(...t.args.map(bool));
    case 'ite':
      return ctx.If(bool(t.cond), bool(t.then), bool(t.else)) as Bool<'main'>;
    case 'eq':
      return bv(t.a).eq(bv(t.b));
    case 'ule':
      return ctx.ULE(bv(t.a), bv(t.b));
  }
}

/**
 * Beyond this many trackers a session fixes them by facts instead of assuming
 * them, and Z3 does not minimize its cores (it re-checks the obligation per
 * item: cheap on the usual proof, longer than the proof itself on a
 * cluster-wide tenant obligation).
 */
export const MANY_TRACKERS = 2000;

/** What a session shares with its siblings: the expressions built and the trackers. */
interface SessionShared {
  readonly memo: Map<number, Z3Expr>;
  readonly trackerExprs: Map<string, Bool<'main'>>;
  /** Z3 AST id of each tracker → its name. */
  readonly trackerById: Map<number, string>;
  /** Whether trackers are fixed by facts rather than assumed (there are many). */
  readonly fixed: boolean;
  /** Whether Z3 minimizes cores (not with many trackers in all). */
  readonly minimize: boolean;
}

/**
 * One solver for one query: add assertions, check, read the model or the
 * core. With few trackers, every check assumes them all true, so the core of
 * an unsat check names the items that block. With many (a cluster-wide
 * tenant obligation has thousands), assumptions made Z3 ten times slower
 * (4.3 s against 0.4 s): the caller fixes them by facts (`fixTrackers`),
 * which Z3 propagates before it searches, and asks for a core only over the
 * few trackers an explanation keeps in play (`checkAssuming`). Every check
 * also assumes one literal of the session's own, which keeps Z3 in its
 * incremental solver from the first check: leaving the one-shot solver at the
 * first push costs a second internalization of the formula.
 */
export class SolverSession {
  private readonly solver: Solver<'main'>;
  private readonly shared: SessionShared;
  private readonly incremental: Bool<'main'>;
  private readonly isSibling: boolean;
  /** Set when a check was refused because the budget was spent. */
  private spent = false;

  /**
   * `deadline` (a `performance.now()` time) bounds every check of the
   * session together: each check gets the time that remains, and none starts
   * after it. Beyond `fixTrackersAbove` trackers they are fixed, not
   * assumed. A sibling (`sibling()`) passes what it shares.
   */
  constructor(
    private readonly ctx: Z3Context,
    private readonly deadline: number,
    trackers: readonly Term[],
    private readonly hints: ValueHints = new Map(),
    fixTrackersAbove = MANY_TRACKERS,
    shared?: SessionShared,
  ) {
    this.solver = new ctx.Solver();
    // Deciding Boolean atoms false first: measured on the size-M benchmark, the
    // first check of the largest queries took half the time of the default
    // phase caching (e.g. 606 → 277 ms), and models lean to small values, so
    // the lexicographic pinning of witnesses (witness-preference.ts) rarely
    // needs more than one check per variable.
    this.solver.set('smt.phase_selection', 0);
    this.incremental = ctx.Bool.const('netproof incremental');
    this.isSibling = shared !== undefined;
    if (shared !== undefined) {
      this.shared = shared;
    } else {
      this.shared = { memo: new Map(), trackerExprs: new Map(), trackerById: new Map(), fixed: trackers.length > fixTrackersAbove, minimize: trackers.length <= MANY_TRACKERS };
      for (const t of trackers) {
        if (t.op !== 'boolvar') throw new Error('internal: a tracker is a Boolean variable');
        const e = this.expr(t) as Bool<'main'>;
        this.shared.trackerExprs.set(t.name, e);
        this.shared.trackerById.set(e.id(), t.name);
      }
    }
    this.solver.set('core.minimize', this.shared.minimize);
  }

  /** Whether the session has too many trackers to assume: the caller fixes them (`fixTrackers`). */
  get fixesTrackers(): boolean {
    return this.shared.fixed;
  }

  /** A new solver over the same expressions and trackers (for checks at the base level of a formula of their own). */
  sibling(): SolverSession {
    return new SolverSession(this.ctx, this.deadline, [], this.hints, MANY_TRACKERS, this.shared);
  }

  /** The Z3 expression of a term (children first, without recursion). */
  expr(root: Term): Z3Expr {
    const memo = this.shared.memo;
    const hit = memo.get(root.id);
    if (hit !== undefined) return hit;
    const stack: { term: Term; expanded: boolean }[] = [{ term: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack.pop()!;
      if (memo.has(top.term.id)) continue;
      if (top.expanded) {
        memo.set(top.term.id, translate(this.ctx, top.term, (c) => memo.get(c.id)!, this.hints));
        continue;
      }
      stack.push({ term: top.term, expanded: true });
      for (const c of childrenOf(top.term)) if (!memo.has(c.id)) stack.push({ term: c, expanded: false });
    }
    return memo.get(root.id)!;
  }

  add(terms: readonly Term[]): void {
    for (const t of terms) this.solver.add(this.expr(t) as Bool<'main'>);
  }

  push(): void {
    this.solver.push();
  }

  pop(): void {
    this.solver.pop();
  }

  /** Milliseconds left of the session's budget (0 when spent). */
  remainingMs(): number {
    return Math.max(0, Math.floor(this.deadline - performance.now()));
  }

  private async run(assumptions: readonly Bool<'main'>[]): Promise<CheckResult> {
    const left = this.remainingMs();
    if (left < 1) {
      this.spent = true;
      return 'unknown';
    }
    this.spent = false;
    this.solver.set('timeout', left);
    return guardedCheck(() => this.solver.check(...assumptions));
  }

  /** Checks the assertions: with few trackers, all assumed true; with many, as fixed (`fixTrackers`). */
  async check(): Promise<CheckResult> {
    return this.run(this.shared.fixed ? [this.incremental] : [this.incremental, ...this.shared.trackerExprs.values()]);
  }

  /** Checks with only the named trackers assumed true (the others as fixed, or free). */
  async checkAssuming(names: ReadonlySet<string>): Promise<CheckResult> {
    const assumed: Bool<'main'>[] = [this.incremental];
    for (const [name, e] of this.shared.trackerExprs) if (names.has(name)) assumed.push(e);
    return this.run(assumed);
  }

  /** Asserts tracker values (in the current scope: at the base level for speed); trackers not named stay free. */
  fixTrackers(values: ReadonlyMap<string, boolean>): void {
    const literals: Bool<'main'>[] = [];
    for (const [name, on] of values) {
      const e = this.shared.trackerExprs.get(name);
      if (e === undefined) throw new Error(`internal: no tracker ${name} in this session`);
      literals.push(on ? e : this.ctx.Not(e));
    }
    // One conjunction: a call into Z3 per literal cost more than the check.
    if (literals.length > 0) this.solver.add(this.ctx.And(...literals));
  }

  reasonUnknown(): string {
    return this.spent ? 'the time budget of the query is spent' : this.solver.reasonUnknown();
  }

  /** Names of the trackers in the unsat core of the last (unsat) check. */
  core(): string[] {
    const names: string[] = [];
    for (const e of this.solver.unsatCore()) {
      const name = this.shared.trackerById.get(e.id());
      if (name !== undefined) names.push(name);
    }
    return names;
  }

  /** Values of variables in the model of the last (sat) check (unconstrained ones completed). */
  values(vars: readonly VarTerm[]): Map<string, number | boolean> {
    const model = this.solver.model();
    const out = new Map<string, number | boolean>();
    for (const v of vars) {
      const x = model.eval(this.expr(v) as Expr<'main'>, true);
      out.set(v.name, v.op === 'boolvar' ? this.ctx.isTrue(x) : Number((x as unknown as { value(): bigint }).value()));
    }
    model.release();
    return out;
  }

  /** Frees the solver; the session that made the expressions (not a sibling) frees them too. */
  release(): void {
    this.solver.release();
    if (!this.isSibling) this.shared.memo.clear();
  }
}

/** A session whose checks all end by `deadline` (a `performance.now()` time). */
export async function openSession(deadline: number, trackers: readonly Term[], hints?: ValueHints, fixTrackersAbove = MANY_TRACKERS): Promise<SolverSession> {
  return new SolverSession(await loadZ3(), deadline, trackers, hints, fixTrackersAbove);
}

/** Checks an SMT-LIB 2 script (declarations and assertions) through the solver's parser. */
export async function checkSmtText(text: string, timeoutMs: number): Promise<CheckResult> {
  const ctx = await loadZ3();
  const solver = new ctx.Solver();
  try {
    solver.set('timeout', Math.max(1, Math.floor(timeoutMs)));
    solver.fromString(text);
    return await guardedCheck(() => solver.check());
  } finally {
    solver.release();
  }
}
