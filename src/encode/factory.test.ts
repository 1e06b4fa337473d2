// Smart constructors fold constants, flatten, hash-cons, and build range tests
// clipped to the variable's width.
import { describe, expect, it } from 'vitest';
import { IntervalSet } from '../model/intervals.js';
import { evaluateTerm, isFalseWith, substitute } from './evaluate-term.js';
import { TermFactory } from './factory.js';

describe('TermFactory', () => {
  const f = new TermFactory();
  const a = f.boolVar('a');
  const b = f.boolVar('b');
  const x = f.bvVar('x', 8);

  it('folds and/or with constants at once', () => {
    expect(f.and(a, f.FALSE)).toBe(f.FALSE);
    expect(f.or(a, f.TRUE)).toBe(f.TRUE);
    expect(f.and(a, f.TRUE)).toBe(a);
    expect(f.or()).toBe(f.FALSE);
    expect(f.and()).toBe(f.TRUE);
    expect(f.and(a, f.not(a))).toBe(f.FALSE);
    expect(f.or(a, f.not(a))).toBe(f.TRUE);
  });

  it('flattens, deduplicates and hash-conses', () => {
    const ab = f.and(a, f.and(b, a));
    expect(ab.op).toBe('and');
    expect(ab).toBe(f.and(b, a));
    expect(f.not(f.not(a))).toBe(a);
    expect(f.eq(x, f.bv(3, 8))).toBe(f.eq(f.bv(3, 8), x));
  });

  it('simplifies ite with constant branches', () => {
    expect(f.ite(f.TRUE, a, b)).toBe(a);
    expect(f.ite(a, b, b)).toBe(b);
    expect(f.ite(a, f.TRUE, b)).toBe(f.or(a, b));
    expect(f.ite(a, f.FALSE, b)).toBe(f.and(f.not(a), b));
    expect(f.ite(a, b, f.FALSE)).toBe(f.and(a, b));
    expect(f.ite(a, b, f.TRUE)).toBe(f.or(f.not(a), b));
    expect(f.ite(a, a, b)).toBe(f.or(a, b));
    expect(f.ite(a, b, a)).toBe(f.and(a, b));
    expect(f.ite(a, b, f.boolVar('c')).op).toBe('ite');
  });

  it('folds comparisons of constants and trivial bounds', () => {
    expect(f.eq(f.bv(3, 8), f.bv(3, 8))).toBe(f.TRUE);
    expect(f.eq(f.bv(3, 8), f.bv(4, 8))).toBe(f.FALSE);
    expect(f.ule(f.bv(0, 8), x)).toBe(f.TRUE);
    expect(f.ule(x, f.bv(255, 8))).toBe(f.TRUE);
    expect(f.ule(x, f.bv(0, 8))).toBe(f.eq(x, f.bv(0, 8)));
    expect(() => f.bv(256, 8)).toThrow();
    expect(() => f.eq(x, f.bv(1, 16))).toThrow();
  });

  it('builds range and set tests clipped to the width', () => {
    expect(f.inRange(x, 0, 255)).toBe(f.TRUE);
    expect(f.inRange(x, 0, 1000)).toBe(f.TRUE);
    expect(f.inRange(x, 300, 400)).toBe(f.FALSE);
    expect(f.inRange(x, 7, 7)).toBe(f.eq(x, f.bv(7, 8)));
    expect(f.inSet(x, IntervalSet.EMPTY)).toBe(f.FALSE);
    const t = f.inSet(x, IntervalSet.of([{ lo: 10, hi: 20 }, { lo: 30, hi: 30 }]));
    for (const [v, want] of [[9, false], [10, true], [20, true], [21, false], [29, false], [30, true], [31, false]] as const) {
      expect(evaluateTerm(t, new Map([['x', v]]))).toBe(want);
    }
  });

  it('decides falsity under a partial assignment in three-valued logic', () => {
    const t = f.and(f.or(f.not(a), f.eq(x, f.bv(1, 8))), b);
    expect(isFalseWith([t], new Map([['b', false]]))).toBe(true);
    expect(isFalseWith([t], new Map([['a', true], ['b', true]]))).toBe(false);
    expect(isFalseWith([t, f.not(b)], new Map([['b', true]]))).toBe(true);
    expect(isFalseWith([f.ite(a, b, b)], new Map([['b', false]]))).toBe(true);
  });

  it('substitutes constants for variables and refolds', () => {
    const t = f.and(f.or(a, x.op === 'bvvar' ? f.eq(x, f.bv(1, 8)) : f.TRUE), b);
    const [s] = substitute(f, [t], new Map([['b', false]]));
    expect(s).toBe(f.FALSE);
    const [s2] = substitute(f, [t], new Map([['a', true], ['b', true]]));
    expect(s2).toBe(f.TRUE);
  });

  it('hash-conses thousands of nodes: equal structure, same term; different structure, different term', () => {
    const g = new TermFactory();
    const vars = Array.from({ length: 60 }, (_, i) => g.boolVar(`v${i}`));
    const built = new Map<string, number>();
    for (let i = 0; i < vars.length; i++) {
      for (let j = 0; j < vars.length; j++) {
        if (i === j) continue;
        const t = g.ite(vars[i]!, vars[j]!, g.not(vars[(i + j) % vars.length]!));
        const key = `${i},${j}`;
        expect(g.ite(vars[i]!, vars[j]!, g.not(vars[(i + j) % vars.length]!))).toBe(t);
        built.set(key, t.id);
      }
    }
    expect(new Set(built.values()).size).toBe(built.size);
    expect(g.and(vars[1]!, vars[2]!, vars[3]!)).toBe(g.and(vars[3]!, g.and(vars[2]!, vars[1]!)));
    expect(g.and(vars[1]!, vars[2]!)).not.toBe(g.or(vars[1]!, vars[2]!));
  });
});
