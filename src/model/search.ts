// Small numeric helpers shared by the class partition, the encoder and the
// matrix: binary search over sorted numbers, and the deterministic random
// stream behind membership fingerprints (same estate → same classes).

/** First index of sorted `values` whose value is >= x (values.length if none). */
export function lowerBound(values: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Deterministic xorshift32 stream of signed 32-bit values. */
export function randomStream(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x | 0;
  };
}
