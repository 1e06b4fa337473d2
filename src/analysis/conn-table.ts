// Interned connection sets for the matrix: equal sets share one small integer
// id, so rows, caches and results hold numbers; intersections and unions of
// ids are cached per pair (in IntPairMaps: a lookup allocates nothing).

import { ConnSet } from './connset.js';
import { IntPairMap } from './int-pair-map.js';

/** Interned connection sets: equal sets share one small integer id. */
export class ConnTable {
  readonly sets: ConnSet[] = [];
  private readonly ids = new Map<string, number>();
  readonly NONE: number;
  readonly ALL: number;
  private readonly interMemo = new IntPairMap();
  private readonly unionMemo = new IntPairMap();

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
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    let v = this.interMemo.get(lo, hi);
    if (v < 0) {
      v = this.id(this.get(a).intersect(this.get(b)));
      this.interMemo.set(lo, hi, v);
    }
    return v;
  }

  union(a: number, b: number): number {
    if (a === b || b === this.NONE) return a;
    if (a === this.NONE) return b;
    if (a === this.ALL || b === this.ALL) return this.ALL;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    let v = this.unionMemo.get(lo, hi);
    if (v < 0) {
      v = this.id(this.get(a).union(this.get(b)));
      this.unionMemo.set(lo, hi, v);
    }
    return v;
  }
}
