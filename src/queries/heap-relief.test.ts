// The engine's relief after large queries: garbage beyond the threshold is
// collected before the next query.
import { describe, expect, it } from 'vitest';
import { heapMark, relieveHeap } from './heap-relief.js';

describe('heap relief', () => {
  it('collects after a query that left hundreds of MiB of garbage', () => {
    const mark = heapMark();
    // Keep the garbage reachable until the relief runs, then drop it.
    let hold: number[][] | undefined = Array.from({ length: 400 * 1024 }, (_, i) => new Array<number>(96).fill(i));
    expect(heapMark() - mark).toBeGreaterThan(256 * 2 ** 20);
    hold = undefined;
    relieveHeap(mark);
    expect(hold).toBeUndefined();
    expect(heapMark() - mark).toBeLessThan(128 * 2 ** 20);
  });
});
