// Three-valued (Kleene) evaluation of a formula under a partial assignment of
// its boolean variables, kept up to date as variables change: a change
// re-evaluates only the terms above the variable whose value moves (in
// children-before-parents order), so switching proof trackers off one at a
// time costs the size of what each one reaches, not of the whole formula.
// Bit-vector terms and comparisons of variables are unknown. The values agree
// with `isFalseWith` (evaluate-term.ts) for every assignment.

import { childrenOf, indexedPostOrder, type Term } from './term.js';

const UNKNOWN = 2;
type Value = 0 | 1 | typeof UNKNOWN;

export class KleeneEvaluator {
  private readonly order: readonly Term[];
  /** Children of the term at each position, as positions. */
  private readonly kids: (readonly number[])[];
  /** Parents of the term at each position, as positions. */
  private readonly parents: number[][];
  private readonly values: Uint8Array;
  private readonly rootPositions: readonly number[];
  /** Positions of the boolean variables, by name. */
  private readonly variables = new Map<string, number>();
  private readonly assigned = new Map<string, boolean>();

  constructor(roots: readonly Term[], assignment: ReadonlyMap<string, boolean>) {
    const { order, slot } = indexedPostOrder(roots);
    this.order = order;
    this.kids = order.map((t) => childrenOf(t).map((c) => slot[c.id]! - 1));
    this.parents = this.order.map(() => []);
    this.kids.forEach((ks, i) => {
      for (const k of new Set(ks)) this.parents[k]!.push(i);
    });
    this.values = new Uint8Array(this.order.length);
    this.rootPositions = roots.map((r) => slot[r.id]! - 1);
    this.order.forEach((t, i) => {
      if (t.op === 'boolvar') {
        this.variables.set(t.name, i);
        const v = assignment.get(t.name);
        if (v !== undefined) this.assigned.set(t.name, v);
      }
    });
    for (let i = 0; i < this.order.length; i++) this.values[i] = this.compute(i);
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
      const v = this.compute(i);
      if (v === this.values[i]) continue;
      this.values[i] = v;
      for (const p of this.parents[i]!) {
        if (queued.has(p)) continue;
        queued.add(p);
        pending.push(p);
      }
    }
  }

  private compute(i: number): Value {
    const t = this.order[i]!;
    const kids = this.kids[i]!;
    const v = (k: number): Value => this.values[kids[k]!] as Value;
    switch (t.op) {
      case 'const':
        return t.value ? 1 : 0;
      case 'boolvar': {
        const a = this.assigned.get(t.name);
        return a === undefined ? UNKNOWN : a ? 1 : 0;
      }
      case 'not': {
        const a = v(0);
        return a === UNKNOWN ? UNKNOWN : a === 1 ? 0 : 1;
      }
      case 'and':
      case 'or': {
        const decisive = t.op === 'and' ? 0 : 1;
        let allNeutral = true;
        for (let k = 0; k < kids.length; k++) {
          const a = v(k);
          if (a === decisive) return decisive;
          if (a === UNKNOWN) allNeutral = false;
        }
        return allNeutral ? (decisive === 0 ? 1 : 0) : UNKNOWN;
      }
      case 'ite': {
        const c = v(0);
        const a = v(1);
        const b = v(2);
        return c === 1 ? a : c === 0 ? b : a === b ? a : UNKNOWN;
      }
      default:
        return UNKNOWN; // bit-vector terms and comparisons of variables
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
