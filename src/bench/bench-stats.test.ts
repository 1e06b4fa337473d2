// Tests of the benchmark's percentile and summary helpers.
import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './bench-stats.js';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
  });

  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarizes count, p50, p95 and max', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(summarize(values)).toEqual({ count: 20, p50Ms: 10, p95Ms: 19, maxMs: 20 });
  });
});
