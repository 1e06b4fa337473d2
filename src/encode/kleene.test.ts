// The incremental three-valued evaluator agrees with `isFalseWith` (a fresh
// evaluation) after every change of a random sequence of assignments, on
// random formulas, and re-evaluates only what a change reaches.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFalseWith } from './evaluate-term.js';
import { TermFactory } from './factory.js';
import { KleeneEvaluator } from './kleene.js';
import { arbTermSpec, BOOL_NAMES, buildTerm } from './test-terms.js';

const arbChange = fc.record({ name: fc.constantFrom(...BOOL_NAMES), value: fc.constantFrom<boolean | undefined>(true, false, undefined) });
const arbStart = fc.array(fc.constantFrom<boolean | undefined>(true, false, undefined), { minLength: 4, maxLength: 4 });

function assignmentOf(values: readonly (boolean | undefined)[]): Map<string, boolean> {
  const m = new Map<string, boolean>();
  BOOL_NAMES.forEach((n, i) => {
    const v = values[i];
    if (v !== undefined) m.set(n, v);
  });
  return m;
}

describe('KleeneEvaluator', () => {
  it('agrees with a fresh three-valued evaluation after every change', () => {
    fc.assert(
      fc.property(fc.array(arbTermSpec, { minLength: 1, maxLength: 3 }), arbStart, fc.array(arbChange, { maxLength: 12 }), (specs, start, changes) => {
        const f = new TermFactory();
        const roots = specs.map((s) => buildTerm(f, s));
        const current = assignmentOf(start);
        const k = new KleeneEvaluator(roots, current);
        expect(k.isFalse()).toBe(isFalseWith(roots, current));
        for (const { name, value } of changes) {
          k.set(name, value);
          if (value === undefined) current.delete(name);
          else current.set(name, value);
          expect(k.isFalse()).toBe(isFalseWith(roots, current));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('follows a change through shared sub-terms to every root', () => {
    const f = new TermFactory();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => f.boolVar(n)) as [ReturnType<typeof f.boolVar>, ReturnType<typeof f.boolVar>, ReturnType<typeof f.boolVar>];
    const shared = f.and(a, b);
    const roots = [f.or(shared, c), f.ite(c, shared, f.not(a))];
    const k = new KleeneEvaluator(roots, new Map([['a', true], ['b', true], ['c', true]]));
    expect(k.isFalse()).toBe(false);
    k.set('a', false); // shared false: root 1 = ite(true, false, …) is false
    expect(k.isFalse()).toBe(true);
    k.set('c', undefined); // root 0 = or(false, ?), root 1 = ite(?, false, true): both unknown
    expect(k.isFalse()).toBe(false);
    expect(k.mentions('b')).toBe(true);
    expect(k.mentions('z')).toBe(false);
  });
});
