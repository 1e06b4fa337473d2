// Interval sets against a plain Set<number> model on a small universe.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IntervalSet } from './intervals.js';

const U = 64;
const arbSet = fc.array(fc.tuple(fc.nat(U - 1), fc.nat(8)), { maxLength: 6 }).map((rs) =>
  IntervalSet.of(rs.map(([lo, len]) => ({ lo, hi: Math.min(U - 1, lo + len) }))),
);
const members = (s: IntervalSet): number[] => [...Array(U).keys()].filter((v) => s.has(v));

describe('IntervalSet', () => {
  it('normalizes overlapping and adjacent ranges', () => {
    const s = IntervalSet.of([{ lo: 5, hi: 7 }, { lo: 1, hi: 2 }, { lo: 3, hi: 4 }, { lo: 10, hi: 10 }]);
    expect(s.key()).toBe('1-7,10');
    expect(s.size()).toBe(8);
    expect(s.min()).toBe(1);
    expect(s.max()).toBe(10);
  });

  it('set operations agree with a membership model', () => {
    fc.assert(
      fc.property(arbSet, arbSet, (a, b) => {
        const ma = new Set(members(a));
        const mb = new Set(members(b));
        expect(members(a.union(b))).toEqual([...Array(U).keys()].filter((v) => ma.has(v) || mb.has(v)));
        expect(members(a.intersect(b))).toEqual([...Array(U).keys()].filter((v) => ma.has(v) && mb.has(v)));
        expect(members(a.subtract(b))).toEqual([...Array(U).keys()].filter((v) => ma.has(v) && !mb.has(v)));
        expect(a.overlaps(b)).toBe([...ma].some((v) => mb.has(v)));
        expect(a.containsAll(b)).toBe([...mb].every((v) => ma.has(v)));
        expect(a.union(b).equals(b.union(a))).toBe(true);
        // Canonical form: disjoint, non-adjacent ranges in order.
        expect(a.union(b).key()).toBe(IntervalSet.points(members(a.union(b))).key());
      }),
      { numRuns: 300 },
    );
  });

  it('unions many sets at once as one by one', () => {
    fc.assert(
      fc.property(fc.array(arbSet, { maxLength: 9 }), (sets) => {
        const want = sets.reduce((acc, s) => acc.union(s), IntervalSet.EMPTY);
        expect(IntervalSet.unionAll(sets).key()).toBe(want.key());
      }),
      { numRuns: 300 },
    );
  });

  it('complements within bounds', () => {
    expect(IntervalSet.of([{ lo: 2, hi: 3 }]).complement(0, 5).key()).toBe('0-1,4-5');
    expect(IntervalSet.EMPTY.complement(0, 0).key()).toBe('0');
  });
});
