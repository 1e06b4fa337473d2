// Splitting a segment's range by rule address sets: pieces with the same
// membership everywhere are joined, even when not adjacent.
import { describe, expect, it } from 'vitest';
import { IntervalSet } from '../model/intervals.js';
import { splitBySets } from './matrix-units.js';

describe('splitBySets', () => {
  it('cuts at set edges and joins pieces with equal membership', () => {
    const pieces = splitBySets(IntervalSet.range(0, 99), [IntervalSet.range(10, 19), IntervalSet.range(15, 30), IntervalSet.range(200, 300)]);
    expect(pieces.map((p) => p.key())).toEqual(['0-9,31-99', '10-14', '15-19', '20-30']);
  });

  it('keeps a range that no set cuts whole, and gives nothing for an empty space', () => {
    expect(splitBySets(IntervalSet.range(5, 9), [IntervalSet.range(0, 100)]).map((p) => p.key())).toEqual(['5-9']);
    expect(splitBySets(IntervalSet.EMPTY, [IntervalSet.range(0, 1)])).toEqual([]);
  });
});
