// The engine's relief after large queries: garbage beyond the threshold is
// collected before the next query.
import { describe, expect, it } from 'vitest';
import { relieveHeap } from './heap-relief.js';

const heapUsed = (): number => process.memoryUsage().heapUsed;

describe('heap relief', () => {
  it('collects once the heap outgrew the live data', () => {
    relieveHeap(); // the first call records the live heap
    const mark = heapUsed();
    // Keep the garbage reachable until the relief runs, then drop it.
    let hold: number[][] | undefined = Array.from({ length: 700 * 1024 }, (_, i) => new Array<number>(96).fill(i));
    expect(heapUsed() - mark).toBeGreaterThan(Math.max(mark, 384 * 2 ** 20));
    hold = undefined;
    relieveHeap();
    expect(hold).toBeUndefined();
    expect(heapUsed() - mark).toBeLessThan(128 * 2 ** 20);
  });
});
