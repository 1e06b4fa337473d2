// Cube sets against plain point sets over a small grid, depths 1 to 3:
// union, intersection and difference hold exactly the expected points, and
// the form stays canonical (equal point sets, however built, have equal keys;
// different ones different keys).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IntervalSet } from '../model/intervals.js';
import { CubeSet } from './cube-set.js';

const SIDE = 5;

/** Every point of the grid of a depth, as value lists. */
function grid(depth: number): number[][] {
  if (depth === 0) return [[]];
  return grid(depth - 1).flatMap((rest) => Array.from({ length: SIDE }, (_, v) => [v, ...rest]));
}

const arbValues = fc.array(fc.tuple(fc.nat(SIDE - 1), fc.nat(SIDE - 1)), { maxLength: 2 }).map((rs) => IntervalSet.of(rs.map(([a, b]) => ({ lo: Math.min(a, b), hi: Math.max(a, b) }))));
const arbSet = (depth: number): fc.Arbitrary<CubeSet> =>
  fc.array(fc.array(arbValues, { minLength: depth, maxLength: depth }), { maxLength: 3 }).map((products) => products.reduce((acc, dims) => acc.union(CubeSet.product(dims)), CubeSet.empty(depth)));

const pointsOf = (s: CubeSet, depth: number): string => grid(depth).filter((p) => s.has(p)).join(';');

describe('CubeSet', () => {
  it('computes exact unions, intersections and differences in canonical form', () => {
    const arbCase = fc.integer({ min: 1, max: 3 }).chain((depth) => fc.tuple(fc.constant(depth), arbSet(depth), arbSet(depth)));
    fc.assert(
      fc.property(arbCase, ([depth, a, b]) => {
        const points = grid(depth);
        const inA = (p: number[]): boolean => a.has(p);
        const inB = (p: number[]): boolean => b.has(p);
        const cases: [CubeSet, (p: number[]) => boolean][] = [
          [a.union(b), (p) => inA(p) || inB(p)],
          [a.intersect(b), (p) => inA(p) && inB(p)],
          [a.subtract(b), (p) => inA(p) && !inB(p)],
        ];
        for (const [got, want] of cases) {
          expect(pointsOf(got, depth)).toBe(points.filter(want).join(';'));
          // The same set built the other way round has the same key.
          expect(got.key).toBe(CubeSet.fromParts(depth, got.parts).key);
        }
        expect(a.union(b).key).toBe(b.union(a).key);
        expect(a.intersect(b).key).toBe(b.intersect(a).key);
        expect(a.key === b.key).toBe(pointsOf(a, depth) === pointsOf(b, depth));
        expect(a.subtract(b).union(a.intersect(b)).key).toBe(a.key);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the empty set of the depth for a product with an empty side', () => {
    expect(CubeSet.product([IntervalSet.range(0, 3), IntervalSet.EMPTY]).key).toBe(CubeSet.empty(2).key);
    expect(CubeSet.product([IntervalSet.range(0, 3), IntervalSet.EMPTY]).depth).toBe(2);
  });
});
