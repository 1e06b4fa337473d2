// Three-valued (Kleene) evaluation of a formula under a partial assignment of
// its boolean variables, kept up to date as variables change: a change
// re-evaluates only the terms above the variable whose value moves (in
// children-before-parents order), so switching proof trackers off one at a
// time costs the size of what each one reaches, not of the whole formula.
// Bit-vector terms and comparisons of variables are unknown. `kleeneValue`
// is the one rule, which `isFalseWith` (evaluate-term.ts) uses too.

import { childrenOf, indexedPostOrder, type Term } from './term.js';

/** A three-valued result: 0 false, 1 true, or unknown. */
export const UNKNOWN = 2;
export type Value = 0 | 1 | typeof UNKNOWN;

/**
 * The three-valued value of `t` from its children's values and the boolean
 * variables' values (bit-vector terms and comparisons of variables: unknown).
 */
export function kleeneValue(t: Term, child: (c: Term) => Value, variable: (name: string) => boolean | undefined): Value {
  switch (t.op) {
    case 'const':
      return t.value ? 1 : 0;
    case 'boolvar': {
      const a = variable(t.name);
      return a === undefined ? UNKNOWN : a ? 1 : 0;
    }
    case 'not': {
      const a = child(t.arg);
      return a === UNKNOWN ? UNKNOWN : a === 1 ? 0 : 1;
    }
    case 'and':
    case 'or': {
      const decisive = t.op === 'and' ? 0 : 1;
      let allNeutral = true;
      for (const c of t.args) {
        const a = child(c);
        if (a === decisive) return decisive;
        if (a === UNKNOWN) allNeutral = false;
      }
      return allNeutral ? (decisive === 0 ? 1 : 0) : UNKNOWN;
    }
    case 'ite': {
      const c = child(t.cond);
      const a = child(t.then);
      const b = child(t.else);
      return c === 1 ? a : c === 0 ? b : a === b ? a : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

export class KleeneEvaluator {
  private readonly order: readonly Term[];
  /** By term id: its position in `order` plus one. */
  private readonly slot: Int32Array;
  /** Parents of the term at each position, as positions. */
  private readonly parents: number[][];
  private readonly values: Uint8Array;
  private readonly rootPositions: readonly number[];
  /** Positions of the boolean variables, by name. */
  private readonly variables = new Map<string, number>();
  private readonly assigned = new Map<string, boolean>();
  private readonly child = (c: Term): Value => this.values[this.slot[c.id]! - 1] as Value;
  private readonly variable = (name: string): boolean | undefined => this.assigned.get(name);

  constructor(roots: readonly Term[], assignment: ReadonlyMap<string, boolean>) {
    const { order, slot } = indexedPostOrder(roots);
    this.order = order;
    this.slot = slot;
    this.parents = order.map(() => []);
    order.forEach((t, i) => {
      for (const k of new Set(childrenOf(t).map((c) => slot[c.id]! - 1))) this.parents[k]!.push(i);
    });
    this.values = new Uint8Array(order.length);
    this.rootPositions = roots.map((r) => slot[r.id]! - 1);
    order.forEach((t, i) => {
      if (t.op === 'boolvar') {
        this.variables.set(t.name, i);
        const v = assignment.get(t.name);
        if (v !== undefined) this.assigned.set(t.name, v);
      }
    });
    for (let i = 0; i < order.length; i++) this.values[i] = kleeneValue(order[i]!, this.child, this.variable);
  }

  /** Whether some root is false: the conjunction of the roots is. */
  isFalse(): boolean {
    return this.rootPositions.some((p) => this.values[p] === 0);
  }

  /** Whether the formula mentions boolean variable `name`. */
  mentions(name: string): boolean {
    return this.variables.has(name);
  }

  /** Assigns `name` (undefined: unknown) and re-evaluates what depends on it. */
  set(name: string, value: boolean | undefined): void {
    const at = this.variables.get(name);
    if (value === undefined) this.assigned.delete(name);
    else this.assigned.set(name, value);
    if (at === undefined) return;
    // Positions to revisit, lowest first (children before parents).
    const pending = new MinHeap();
    const queued = new Set<number>();
    pending.push(at);
    queued.add(at);
    while (pending.size > 0) {
      const i = pending.pop();
      queued.delete(i);
      const v = kleeneValue(this.order[i]!, this.child, this.variable);
      if (v === this.values[i]) continue;
      this.values[i] = v;
      for (const p of this.parents[i]!) {
        if (queued.has(p)) continue;
        queued.add(p);
        pending.push(p);
      }
    }
  }
}

/** A binary min-heap of non-negative integers. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (a[up]! <= x) break;
      a[i] = a[up]!;
      i = up;
    }
    a[i] = x;
  }

  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const m = r < a.length && a[r]! < a[l]! ? r : l;
      if (a[m]! >= last) break;
      a[i] = a[m]!;
      i = m;
    }
    a[i] = last;
    return top;
  }
}
