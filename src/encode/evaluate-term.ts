// Evaluates terms without a solver: `evaluateTerm` under a full assignment of
// variables (tests compare encoded formulas with the concrete evaluator this
// way), `isFalseWith` under a partial assignment of boolean variables
// (three-valued, allocation-free), `substitute` that replaces variables by
// constants and folds the result again through the factory, and
// `lowestSatisfying`, the smallest value of the one variable a formula has
// left.

import type { TermFactory } from './factory.js';
import { kleeneValue, type Value } from './kleene.js';
import { indexedPostOrder, postOrder, type Term } from './term.js';

export type Assignment = ReadonlyMap<string, number | boolean>;

/** The value of `root` under `assignment`; a missing variable is an error. */
export function evaluateTerm(root: Term, assignment: Assignment): number | boolean {
  const values = new Map<number, number | boolean>();
  const get = (t: Term): number | boolean => values.get(t.id)!;
  for (const t of postOrder([root])) {
    let v: number | boolean;
    switch (t.op) {
      case 'const':
      case 'bvconst':
        v = t.value;
        break;
      case 'boolvar':
      case 'bvvar': {
        const a = assignment.get(t.name);
        if (a === undefined) throw new Error(`internal: no value for variable ${t.name}`);
        v = a;
        break;
      }
      case 'not':
        v = !get(t.arg);
        break;
      case 'and':
        v = t.args.every((x) => get(x) === true);
        break;
      case 'or':
        v = t.args.some((x) => get(x) === true);
        break;
      case 'ite':
        v = get(t.cond) === true ? get(t.then) : get(t.else);
        break;
      case 'eq':
        v = get(t.a) === get(t.b);
        break;
      case 'ule':
        v = (get(t.a) as number) <= (get(t.b) as number);
        break;
    }
    values.set(t.id, v);
  }
  return get(root);
}

/**
 * `roots` with the named variables replaced by constants, refolded. A term
 * none of whose children changed is kept as it is, without asking the
 * factory again (most of a formula, for a substitution of one variable).
 */
export function substitute(f: TermFactory, roots: readonly Term[], values: Assignment): Term[] {
  const { order, slot } = indexedPostOrder(roots);
  const out: Term[] = new Array<Term>(order.length);
  const get = (t: Term): Term => out[slot[t.id]! - 1]!;
  for (let i = 0; i < order.length; i++) {
    const t = order[i]!;
    let r: Term = t;
    switch (t.op) {
      case 'boolvar': {
        const v = values.get(t.name);
        if (typeof v === 'boolean') r = f.bool(v);
        break;
      }
      case 'bvvar': {
        const v = values.get(t.name);
        if (typeof v === 'number') r = f.bv(v, t.width);
        break;
      }
      case 'not': {
        const a = get(t.arg);
        if (a !== t.arg) r = f.not(a);
        break;
      }
      case 'and':
      case 'or': {
        let changed = false;
        for (const c of t.args) if (get(c) !== c) changed = true;
        if (changed) r = t.op === 'and' ? f.and(...t.args.map(get)) : f.or(...t.args.map(get));
        break;
      }
      case 'ite': {
        const [c, a, b] = [get(t.cond), get(t.then), get(t.else)];
        if (c !== t.cond || a !== t.then || b !== t.else) r = f.ite(c, a, b);
        break;
      }
      case 'eq':
      case 'ule': {
        const [a, b] = [get(t.a), get(t.b)];
        if (a !== t.a || b !== t.b) r = t.op === 'eq' ? f.eq(a, b) : f.ule(a, b);
        break;
      }
      default:
        break;
    }
    out[i] = r;
  }
  return roots.map(get);
}

/**
 * Whether the conjunction of `roots` is false whatever the unassigned
 * variables are, with the named boolean variables fixed (Kleene logic).
 */
export function isFalseWith(roots: readonly Term[], values: ReadonlyMap<string, boolean>): boolean {
  const { order, slot } = indexedPostOrder(roots);
  const v = new Uint8Array(order.length);
  const child = (t: Term): Value => v[slot[t.id]! - 1] as Value;
  const variable = (name: string): boolean | undefined => values.get(name);
  for (let i = 0; i < order.length; i++) v[i] = kleeneValue(order[i]!, child, variable);
  return roots.some((t) => child(t) === 0);
}

/**
 * Where the truth of `roots` can change as bit-vector variable `name` grows
 * (the roots compare it with constants only): `lo` and the edges of every
 * comparison of `name` with a constant, within [lo, hi], ascending. Other
 * variables are ignored.
 */
export function valueEdges(roots: readonly Term[], name: string, lo: number, hi: number): number[] {
  const edges = new Set<number>([lo]);
  const isVar = (t: Term): boolean => t.op === 'bvvar' && t.name === name;
  for (const t of postOrder(roots)) {
    if (t.op !== 'ule' && t.op !== 'eq') continue;
    const [a, b] = [t.a, t.b];
    if (isVar(a) && b.op === 'bvconst') edges.add(t.op === 'ule' ? b.value + 1 : b.value).add(b.value + 1);
    if (isVar(b) && a.op === 'bvconst') edges.add(a.value).add(a.value + 1);
  }
  return [...edges].filter((x) => x >= lo && x <= hi).sort((x, y) => x - y);
}

/**
 * The smallest value in [lo, hi] of bit-vector variable `name` that makes
 * every root true, when the roots mention no other variable (undefined when
 * none does, or another variable is left). The roots compare the variable
 * with constants only, so their truth changes only at those constants: the
 * lowest true one of `lo` and the constants' edges is the answer.
 */
export function lowestSatisfying(roots: readonly Term[], name: string, lo: number, hi: number): number | undefined {
  for (const t of postOrder(roots)) {
    if (t.op === 'boolvar' || (t.op === 'bvvar' && t.name !== name)) return undefined;
  }
  for (const x of valueEdges(roots, name, lo, hi)) {
    const assignment = new Map([[name, x]]);
    if (roots.every((r) => evaluateTerm(r, assignment) === true)) return x;
  }
  return undefined;
}
