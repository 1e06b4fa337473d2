// Evaluation without a solver: substituting bit-vector variables folds
// comparisons to constants, and `lowestSatisfying` finds the smallest model
// of a one-variable formula at the edges of its comparisons. On random
// formulas, substitution keeps values and three-valued falsity is sound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalSet } from '../model/intervals.js';
import { evaluateTerm, isFalseWith, lowestSatisfying, substitute, valueEdges } from './evaluate-term.js';
import { TermFactory } from './factory.js';
import { childrenOf, postOrder } from './term.js';
import { arbAssignment, arbTermSpec, buildTerm } from './test-terms.js';

describe('substitute with bit-vector values', () => {
  it('folds comparisons of a substituted variable and keeps the others', () => {
    const f = new TermFactory();
    const x = f.bvVar('x', 8);
    const y = f.bvVar('y', 8);
    const t = f.and(f.inRange(x, 10, 20), f.inRange(y, 0, 5));
    const [s] = substitute(f, [t], new Map([['x', 15]]));
    expect(s).toBe(f.inRange(y, 0, 5));
    const [none] = substitute(f, [t], new Map([['x', 21]]));
    expect(none).toBe(f.FALSE);
  });
});

describe('lowestSatisfying', () => {
  const f = new TermFactory();
  const x = f.bvVar('x', 16);

  it('finds the lowest member of a set, a point, or the lower bound itself', () => {
    const set = f.inSet(x, IntervalSet.of([{ lo: 300, hi: 400 }, { lo: 40, hi: 50 }]));
    expect(lowestSatisfying([set], 'x', 0, 65535)).toBe(40);
    expect(lowestSatisfying([set], 'x', 45, 65535)).toBe(45);
    expect(lowestSatisfying([set, f.not(f.inRange(x, 0, 50))], 'x', 0, 65535)).toBe(300);
    expect(lowestSatisfying([f.not(f.eq(x, f.bv(0, 16)))], 'x', 0, 65535)).toBe(1);
    expect(lowestSatisfying([f.TRUE], 'x', 7, 9)).toBe(7);
  });

  it('agrees with evaluating every value of a small formula', () => {
    const y = f.bvVar('y', 8);
    const t = f.or(
      f.and(f.inRange(y, 30, 90), f.not(f.inSet(y, IntervalSet.points([30, 31, 60])))),
      f.ite(f.eq(y, f.bv(200, 8)), f.TRUE, f.inRange(y, 250, 251)),
    );
    for (const [lo, hi] of [[0, 255], [31, 255], [61, 255], [91, 255], [201, 255], [0, 29]] as const) {
      let expected: number | undefined;
      for (let v = lo; v <= hi && expected === undefined; v++) if (evaluateTerm(t, new Map([['y', v]])) === true) expected = v;
      expect(lowestSatisfying([t], 'y', lo, hi)).toBe(expected);
    }
  });

  it('gives up when another variable is left', () => {
    const z = f.bvVar('z', 16);
    expect(lowestSatisfying([f.ule(x, z)], 'x', 0, 65535)).toBeUndefined();
    expect(lowestSatisfying([f.and(f.boolVar('b'), f.eq(x, f.bv(3, 16)))], 'x', 0, 65535)).toBeUndefined();
  });
});

describe('valueEdges', () => {
  it('lists where comparisons of one variable change, ignoring the others', () => {
    const f = new TermFactory();
    const c = f.bvVar('c', 8);
    const a = f.bvVar('a', 32);
    const t = f.or(f.and(f.inRange(c, 3, 5), f.inRange(a, 100, 200)), f.eq(c, f.bv(9, 8)));
    expect(valueEdges([t], 'c', 0, 255)).toEqual([0, 3, 4, 6, 9, 10]);
    expect(valueEdges([t], 'c', 4, 9)).toEqual([4, 6, 9]);
  });
});

describe('on random formulas', () => {
  it('substitution keeps every value, and a three-valued false is false under every completion', () => {
    fc.assert(
      fc.property(fc.array(arbTermSpec, { minLength: 1, maxLength: 3 }), arbAssignment, fc.array(fc.constantFrom<string>('b0', 'b1', 'b2', 'b3', 'x', 'y'), { maxLength: 6 }), (specs, full, pinned) => {
        const f = new TermFactory();
        const roots = specs.map((s) => buildTerm(f, s));
        const partial = new Map([...full].filter(([n]) => pinned.includes(n)));
        const folded = substitute(f, roots, partial);
        roots.forEach((r, i) => expect(evaluateTerm(folded[i]!, full)).toBe(evaluateTerm(r, full)));
        const bools = new Map([...partial].filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
        if (isFalseWith(roots, bools)) expect(roots.every((r) => evaluateTerm(r, full) === true)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('children are numbered before their parents (walks rely on it)', () => {
    fc.assert(
      fc.property(fc.array(arbTermSpec, { minLength: 1, maxLength: 3 }), (specs) => {
        const f = new TermFactory();
        for (const t of postOrder(specs.map((s) => buildTerm(f, s)))) for (const c of childrenOf(t)) expect(c.id).toBeLessThan(t.id);
      }),
    );
  });
});
