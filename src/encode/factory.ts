// Smart constructors for terms: every constructor folds constants and
// simplifies what it can see locally (`and(t, false)` is `false` at once,
// `ite(c, true, e)` is `or(c, e)`), flattens nested conjunctions and
// disjunctions, and hash-conses, so equal structures share one term and one id.
// A formula that folds to a constant never needs the solver.

import type { IntervalSet } from '../model/intervals.js';
import type { Term } from './term.js';

type Shape = Term extends infer T ? (T extends Term ? Omit<T, 'id'> : never) : never;

export class TermFactory {
  private readonly table = new Map<string, Term>();
  private nextId = 0;
  readonly TRUE: Term;
  readonly FALSE: Term;

  constructor() {
    this.TRUE = this.intern('T', { op: 'const', value: true });
    this.FALSE = this.intern('F', { op: 'const', value: false });
  }

  private intern(key: string, shape: Shape): Term {
    const hit = this.table.get(key);
    if (hit !== undefined) return hit;
    const term = { ...shape, id: this.nextId++ } as Term;
    this.table.set(key, term);
    return term;
  }

  bool(value: boolean): Term {
    return value ? this.TRUE : this.FALSE;
  }

  boolVar(name: string): Term {
    return this.intern(`b:${name}`, { op: 'boolvar', name });
  }

  bvVar(name: string, width: number): Term {
    return this.intern(`v:${name}:${width}`, { op: 'bvvar', name, width });
  }

  bv(value: number, width: number): Term {
    if (!Number.isInteger(value) || value < 0 || value > 2 ** width - 1) {
      throw new Error(`internal: ${value} does not fit in ${width} bits`);
    }
    return this.intern(`c:${value}:${width}`, { op: 'bvconst', value, width });
  }

  not(a: Term): Term {
    if (a.op === 'const') return this.bool(!a.value);
    if (a.op === 'not') return a.arg;
    return this.intern(`!${a.id}`, { op: 'not', arg: a });
  }

  and(...args: Term[]): Term {
    return this.junction('and', args);
  }

  or(...args: Term[]): Term {
    return this.junction('or', args);
  }

  private junction(op: 'and' | 'or', args: readonly Term[]): Term {
    const unit = op === 'and'; // the neutral constant
    const flat = new Map<number, Term>();
    const stack = [...args];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (t.op === 'const') {
        if (t.value === unit) continue;
        return this.bool(!unit);
      }
      if (t.op === op) {
        stack.push(...t.args);
        continue;
      }
      flat.set(t.id, t);
    }
    for (const t of flat.values()) {
      if (t.op === 'not' && flat.has(t.arg.id)) return this.bool(!unit);
    }
    if (flat.size === 0) return this.bool(unit);
    const sorted = [...flat.values()].sort((x, y) => x.id - y.id);
    if (sorted.length === 1) return sorted[0]!;
    return this.intern(`${op}(${sorted.map((t) => t.id).join(',')})`, { op, args: sorted });
  }

  implies(a: Term, b: Term): Term {
    return this.or(this.not(a), b);
  }

  ite(cond: Term, then: Term, otherwise: Term): Term {
    if (cond.op === 'const') return cond.value ? then : otherwise;
    if (then.id === otherwise.id) return then;
    if (then.id === cond.id) return this.or(cond, otherwise);
    if (otherwise.id === cond.id) return this.and(cond, then);
    if (then.op === 'const') return then.value ? this.or(cond, otherwise) : this.and(this.not(cond), otherwise);
    if (otherwise.op === 'const') return otherwise.value ? this.or(this.not(cond), then) : this.and(cond, then);
    return this.intern(`?${cond.id},${then.id},${otherwise.id}`, { op: 'ite', cond, then, else: otherwise });
  }

  eq(a: Term, b: Term): Term {
    this.sameWidth(a, b);
    if (a.id === b.id) return this.TRUE;
    if (a.op === 'bvconst' && b.op === 'bvconst') return this.bool(a.value === b.value);
    const [x, y] = a.id < b.id ? [a, b] : [b, a];
    return this.intern(`=${x.id},${y.id}`, { op: 'eq', a: x, b: y });
  }

  /** Unsigned a <= b. */
  ule(a: Term, b: Term): Term {
    const width = this.sameWidth(a, b);
    if (a.id === b.id) return this.TRUE;
    if (a.op === 'bvconst' && b.op === 'bvconst') return this.bool(a.value <= b.value);
    if (a.op === 'bvconst' && a.value === 0) return this.TRUE;
    if (b.op === 'bvconst' && b.value === 2 ** width - 1) return this.TRUE;
    if (a.op === 'bvconst' && a.value === 2 ** width - 1) return this.eq(b, a);
    if (b.op === 'bvconst' && b.value === 0) return this.eq(a, b);
    return this.intern(`<=${a.id},${b.id}`, { op: 'ule', a, b });
  }

  /** lo <= x <= hi, clipped to the width of x. */
  inRange(x: Term, lo: number, hi: number): Term {
    const width = this.widthOf(x);
    const max = 2 ** width - 1;
    const l = Math.max(0, lo);
    const h = Math.min(max, hi);
    if (l > h) return this.FALSE;
    if (x.op === 'bvconst') return this.bool(x.value >= l && x.value <= h);
    if (l === h) return this.eq(x, this.bv(l, width));
    return this.and(this.ule(this.bv(l, width), x), this.ule(x, this.bv(h, width)));
  }

  /** x ∈ set (members beyond the width of x never match). */
  inSet(x: Term, set: IntervalSet): Term {
    return this.or(...set.ranges.map((r) => this.inRange(x, r.lo, r.hi)));
  }

  /** x ∈ values, for a short list of points. */
  inValues(x: Term, values: readonly number[]): Term {
    const width = this.widthOf(x);
    return this.or(...values.filter((v) => v <= 2 ** width - 1).map((v) => this.eq(x, this.bv(v, width))));
  }

  widthOf(t: Term): number {
    if (t.op === 'bvconst' || t.op === 'bvvar') return t.width;
    throw new Error(`internal: a bit-vector term was expected, got ${t.op}`);
  }

  private sameWidth(a: Term, b: Term): number {
    const w = this.widthOf(a);
    if (this.widthOf(b) !== w) throw new Error(`internal: bit-vector widths differ (${w} and ${this.widthOf(b)})`);
    return w;
  }
}
