// Evaluates terms without a solver: `evaluateTerm` under a full assignment of
// variables (tests compare encoded formulas with the concrete evaluator this
// way), `isFalseWith` under a partial assignment of boolean variables
// (three-valued, allocation-free), and `substitute` that replaces variables
// by constants and folds the result again through the factory.

import type { TermFactory } from './factory.js';
import { postOrder, type Term } from './term.js';

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

/** `roots` with the named boolean variables replaced by constants, refolded. */
export function substitute(f: TermFactory, roots: readonly Term[], values: ReadonlyMap<string, boolean>): Term[] {
  const out = new Map<number, Term>();
  const get = (t: Term): Term => out.get(t.id)!;
  for (const t of postOrder(roots)) {
    let r: Term;
    switch (t.op) {
      case 'boolvar': {
        const v = values.get(t.name);
        r = v === undefined ? t : f.bool(v);
        break;
      }
      case 'not':
        r = f.not(get(t.arg));
        break;
      case 'and':
        r = f.and(...t.args.map(get));
        break;
      case 'or':
        r = f.or(...t.args.map(get));
        break;
      case 'ite':
        r = f.ite(get(t.cond), get(t.then), get(t.else));
        break;
      case 'eq':
        r = f.eq(get(t.a), get(t.b));
        break;
      case 'ule':
        r = f.ule(get(t.a), get(t.b));
        break;
      default:
        r = t;
    }
    out.set(t.id, r);
  }
  return roots.map(get);
}

/**
 * Whether the conjunction of `roots` is false whatever the unassigned
 * variables are, with the named boolean variables fixed (Kleene logic).
 */
export function isFalseWith(roots: readonly Term[], values: ReadonlyMap<string, boolean>): boolean {
  // undefined = unknown
  const v = new Map<number, boolean | undefined>();
  for (const t of postOrder(roots)) {
    let r: boolean | undefined;
    switch (t.op) {
      case 'const':
        r = t.value;
        break;
      case 'boolvar':
        r = values.get(t.name);
        break;
      case 'not': {
        const a = v.get(t.arg.id);
        r = a === undefined ? undefined : !a;
        break;
      }
      case 'and':
        r = t.args.some((x) => v.get(x.id) === false) ? false : t.args.every((x) => v.get(x.id) === true) ? true : undefined;
        break;
      case 'or':
        r = t.args.some((x) => v.get(x.id) === true) ? true : t.args.every((x) => v.get(x.id) === false) ? false : undefined;
        break;
      case 'ite': {
        const c = v.get(t.cond.id);
        const a = v.get(t.then.id);
        const b = v.get(t.else.id);
        r = c === true ? a : c === false ? b : a !== undefined && a === b ? a : undefined;
        break;
      }
      default:
        r = undefined; // bit-vector terms and comparisons of variables
    }
    v.set(t.id, r);
  }
  return roots.some((t) => v.get(t.id) === false);
}
