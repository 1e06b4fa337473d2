// IntPairMap against a plain Map keyed by the pair's text, through growth and
// colliding keys (negative values, equal first or second halves).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IntPairMap } from './int-pair-map.js';

describe('IntPairMap', () => {
  it('agrees with a Map on random sets and lookups', () => {
    const int = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(int, int, fc.nat(1000)), { maxLength: 200 }), fc.array(fc.tuple(int, int), { maxLength: 50 }), (writes, reads) => {
        const m = new IntPairMap();
        const model = new Map<string, number>();
        for (const [a, b, v] of writes) {
          m.set(a, b, v);
          model.set(`${a},${b}`, v);
        }
        expect(m.size).toBe(model.size);
        for (const [a, b] of [...writes.map(([a, b]) => [a, b] as const), ...reads]) expect(m.get(a, b)).toBe(model.get(`${a},${b}`) ?? -1);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses negative values (-1 means absent)', () => {
    expect(() => new IntPairMap().set(1, 2, -1)).toThrow(/non-negative/);
  });
});
