// SetIds: equal sets (other objects, built in other ways) share an id,
// different sets never do, and an absent set has its own id.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IntervalSet } from '../model/intervals.js';
import { SetIds } from './set-ids.js';

describe('SetIds', () => {
  it('gives equal ids exactly to equal sets', () => {
    const arbSet = fc.array(fc.tuple(fc.nat(40), fc.nat(5)), { maxLength: 4 }).map((rs) => IntervalSet.of(rs.map(([lo, n]) => ({ lo, hi: lo + n }))));
    fc.assert(
      fc.property(fc.array(arbSet, { maxLength: 30 }), (sets) => {
        const ids = new SetIds();
        const copies = sets.map((s) => IntervalSet.of([...s.ranges]));
        for (const [i, a] of [...sets, ...copies].entries()) {
          for (const b of sets) expect(ids.id(a) === ids.id(b)).toBe(a.equals(b));
          expect(ids.id(a)).toBeGreaterThanOrEqual(0);
          expect(ids.id(a)).toBe(ids.id(i < sets.length ? copies[i]! : sets[i - sets.length]!));
        }
        expect(ids.id(undefined)).toBe(SetIds.NONE);
      }),
      { numRuns: 200 },
    );
  });
});
