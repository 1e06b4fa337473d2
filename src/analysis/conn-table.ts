// Interned connection sets for the matrix: equal sets share one small integer
// id, so rows, caches and results hold numbers; intersections and unions of
// ids are cached per pair.

import { ConnSet } from './connset.js';

/** Interned connection sets: equal sets share one small integer id. */
export class ConnTable {
  readonly sets: ConnSet[] = [];
  private readonly ids = new Map<string, number>();
  readonly NONE: number;
  readonly ALL: number;
  private readonly interMemo = new Map<number, number>();
  private readonly unionMemo = new Map<number, number>();

  constructor() {
    this.NONE = this.id(ConnSet.NONE);
    this.ALL = this.id(ConnSet.ALL);
  }

  id(set: ConnSet): number {
    let id = this.ids.get(set.key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.ids.set(set.key, id);
    }
    return id;
  }

  get(id: number): ConnSet {
    return this.sets[id]!;
  }

  intersect(a: number, b: number): number {
    if (a === b || b === this.ALL) return a;
    if (a === this.ALL) return b;
    if (a === this.NONE || b === this.NONE) return this.NONE;
    const key = pairKey(Math.min(a, b), Math.max(a, b));
    let v = this.interMemo.get(key);
    if (v === undefined) {
      v = this.id(this.get(a).intersect(this.get(b)));
      this.interMemo.set(key, v);
    }
    return v;
  }

  union(a: number, b: number): number {
    if (a === b || b === this.NONE) return a;
    if (a === this.NONE) return b;
    if (a === this.ALL || b === this.ALL) return this.ALL;
    const key = pairKey(Math.min(a, b), Math.max(a, b));
    let v = this.unionMemo.get(key);
    if (v === undefined) {
      v = this.id(this.get(a).union(this.get(b)));
      this.unionMemo.set(key, v);
    }
    return v;
  }
}

const PAIR_RADIX = 2 ** 26;

/** One number for a pair of small non-negative integers (cache keys; no closure per lookup). */
export function pairKey(a: number, b: number): number {
  if (a >= PAIR_RADIX || b >= PAIR_RADIX) throw new Error('internal: matrix cache key out of range');
  return a * PAIR_RADIX + b;
}
