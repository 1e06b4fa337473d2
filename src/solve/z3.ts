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

/** The process-wide Z3 context (initialized on first use). */
export function loadZ3(): Promise<Z3Context> {
  loading ??= init().then((api) => {
    deferReleasesDuringChecks(api.Z3 as unknown as Record<string, unknown>);
    const ctx = api.Context('main');
    // Checks run on a Z3 worker thread while the main thread's garbage
    // collector releases expressions (FinalizationRegistry → Z3_dec_ref).
    // Without this, the two race inside the AST manager ("memory access out
    // of bounds", measured on the size-M benchmark).
    api.Z3.enable_concurrent_dec_ref(ctx.ptr);
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

/** Sessions with more trackers than this do not minimize unsat cores. */
export const MINIMIZED_CORE_TRACKERS = 2000;

/** One solver for one query: add assertions, check, read the model or the core. */
export class SolverSession {
  private readonly memo = new Map<number, Z3Expr>();
  private readonly solver: Solver<'main'>;
  private readonly trackerExprs: Bool<'main'>[];
  private readonly trackerNames: string[];
  /** Z3 AST id of each tracker → its name. */
  private readonly trackerById = new Map<number, string>();
  /** Set when a check was refused because the budget was spent. */
  private spent = false;

  /**
   * `deadline` (a `performance.now()` time) bounds every check of the
   * session together: each check gets the time that remains, and none starts
   * after it.
   */
  constructor(
    private readonly ctx: Z3Context,
    private readonly deadline: number,
    trackers: readonly Term[],
    private readonly hints: ValueHints = new Map(),
  ) {
    this.solver = new ctx.Solver();
    // Z3 shrinks cores by re-checking the obligation per item: cheap on the
    // usual proof, longer than the proof itself on a cluster-wide tenant
    // obligation (3,000+ tracked items). Larger obligations report the
    // solver's core as it comes.
    this.solver.set('core.minimize', trackers.length <= MINIMIZED_CORE_TRACKERS);
    // Deciding Boolean atoms false first: measured on the size-M benchmark, the
    // first check of the largest queries took half the time of the default
    // phase caching (e.g. 606 → 277 ms), and models lean to small values, so
    // the lexicographic pinning of witnesses (witness-preference.ts) rarely
    // needs more than one check per variable.
    this.solver.set('smt.phase_selection', 0);
    this.trackerExprs = trackers.map((t) => this.expr(t) as Bool<'main'>);
    this.trackerNames = trackers.map((t) => (t.op === 'boolvar' ? t.name : ''));
    this.trackerExprs.forEach((e, i) => this.trackerById.set(e.id(), this.trackerNames[i]!));
  }

  /** The Z3 expression of a term (children first, without recursion). */
  expr(root: Term): Z3Expr {
    const hit = this.memo.get(root.id);
    if (hit !== undefined) return hit;
    const stack: { term: Term; expanded: boolean }[] = [{ term: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack.pop()!;
      if (this.memo.has(top.term.id)) continue;
      if (top.expanded) {
        this.memo.set(top.term.id, translate(this.ctx, top.term, (c) => this.memo.get(c.id)!, this.hints));
        continue;
      }
      stack.push({ term: top.term, expanded: true });
      for (const c of childrenOf(top.term)) if (!this.memo.has(c.id)) stack.push({ term: c, expanded: false });
    }
    return this.memo.get(root.id)!;
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

  /** Checks the assertions with every tracker assumed true. */
  async check(): Promise<CheckResult> {
    return this.run(this.trackerExprs);
  }

  /** Checks with only the named trackers assumed true (the others are left free). */
  async checkAssuming(names: ReadonlySet<string>): Promise<CheckResult> {
    return this.run(this.trackerExprs.filter((_, i) => names.has(this.trackerNames[i]!)));
  }

  reasonUnknown(): string {
    return this.spent ? 'the time budget of the query is spent' : this.solver.reasonUnknown();
  }

  /** Names of the trackers in the unsat core of the last (unsat) check. */
  core(): string[] {
    return [...this.solver.unsatCore()].map((e) => this.trackerById.get(e.id()) ?? e.toString());
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

  release(): void {
    this.solver.release();
    this.memo.clear();
  }
}

/** A session whose checks all end by `deadline` (a `performance.now()` time). */
export async function openSession(deadline: number, trackers: readonly Term[], hints?: ValueHints): Promise<SolverSession> {
  return new SolverSession(await loadZ3(), deadline, trackers, hints);
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
