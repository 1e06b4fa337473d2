// Sets of non-negative integers stored as sorted, disjoint, non-adjacent
// inclusive ranges. Every numeric packet dimension (addresses, ports, protocol
// numbers, ICMP type/code) and every set of endpoint-class ids uses this one
// immutable value type.

export interface Range {
  readonly lo: number;
  readonly hi: number;
}

export class IntervalSet {
  private constructor(readonly ranges: readonly Range[]) {}

  static readonly EMPTY = new IntervalSet([]);

  /** Builds a set from ranges in any order, possibly overlapping. */
  static of(ranges: Iterable<Range>): IntervalSet {
    const sorted: Range[] = [];
    for (const r of ranges) if (r.lo <= r.hi) sorted.push(r);
    sorted.sort((a, b) => a.lo - b.lo || a.hi - b.hi);
    const merged: Range[] = [];
    for (const r of sorted) {
      const last = merged[merged.length - 1];
      if (last !== undefined && r.lo <= last.hi + 1) {
        if (r.hi > last.hi) merged[merged.length - 1] = { lo: last.lo, hi: r.hi };
      } else {
        merged.push({ lo: r.lo, hi: r.hi });
      }
    }
    return new IntervalSet(merged);
  }

  static range(lo: number, hi: number): IntervalSet {
    return lo <= hi ? new IntervalSet([{ lo, hi }]) : IntervalSet.EMPTY;
  }

  static point(value: number): IntervalSet {
    return new IntervalSet([{ lo: value, hi: value }]);
  }

  static points(values: Iterable<number>): IntervalSet {
    return IntervalSet.of([...values].map((v) => ({ lo: v, hi: v })));
  }

  /** The union of many sets, merged pairwise in rounds (no sort: each is in order already). */
  static unionAll(sets: readonly IntervalSet[]): IntervalSet {
    if (sets.length === 0) return IntervalSet.EMPTY;
    let round = sets;
    while (round.length > 1) {
      const next: IntervalSet[] = [];
      for (let i = 0; i < round.length; i += 2) next.push(i + 1 < round.length ? round[i]!.union(round[i + 1]!) : round[i]!);
      round = next;
    }
    return round[0]!;
  }

  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** Number of members (exact up to 2^53). */
  size(): number {
    let n = 0;
    for (const r of this.ranges) n += r.hi - r.lo + 1;
    return n;
  }

  min(): number | undefined {
    return this.ranges[0]?.lo;
  }

  max(): number | undefined {
    return this.ranges[this.ranges.length - 1]?.hi;
  }

  has(value: number): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.ranges[mid]!;
      if (value < r.lo) hi = mid - 1;
      else if (value > r.hi) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Both range lists merged in order (no sort: each is sorted already). */
  union(other: IntervalSet): IntervalSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    const a = this.ranges;
    const b = other.ranges;
    const out: Range[] = [];
    let i = 0;
    let j = 0;
    const first = a[0]!.lo <= b[0]!.lo ? a[i++]! : b[j++]!;
    let lo = first.lo;
    let hi = first.hi;
    while (i < a.length || j < b.length) {
      const r = j >= b.length || (i < a.length && a[i]!.lo <= b[j]!.lo) ? a[i++]! : b[j++]!;
      if (r.lo <= hi + 1) {
        if (r.hi > hi) hi = r.hi;
        continue;
      }
      out.push({ lo, hi });
      lo = r.lo;
      hi = r.hi;
    }
    out.push({ lo, hi });
    return new IntervalSet(out);
  }

  intersect(other: IntervalSet): IntervalSet {
    if (this.isEmpty() || this === other) return this;
    if (other.isEmpty()) return other;
    const out: Range[] = [];
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const a = this.ranges[i]!;
      const b = other.ranges[j]!;
      const lo = Math.max(a.lo, b.lo);
      const hi = Math.min(a.hi, b.hi);
      if (lo <= hi) out.push({ lo, hi });
      if (a.hi < b.hi) i++;
      else j++;
    }
    return new IntervalSet(out);
  }

  subtract(other: IntervalSet): IntervalSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    const out: Range[] = [];
    let j = 0;
    for (const a of this.ranges) {
      let lo = a.lo;
      while (j < other.ranges.length && other.ranges[j]!.hi < lo) j++;
      let k = j;
      while (k < other.ranges.length && other.ranges[k]!.lo <= a.hi) {
        const b = other.ranges[k]!;
        if (b.lo > lo) out.push({ lo, hi: b.lo - 1 });
        lo = Math.max(lo, b.hi + 1);
        k++;
      }
      if (lo <= a.hi) out.push({ lo, hi: a.hi });
    }
    return new IntervalSet(out);
  }

  /** Complement within [lo, hi]. */
  complement(lo: number, hi: number): IntervalSet {
    return IntervalSet.range(lo, hi).subtract(this);
  }

  overlaps(other: IntervalSet): boolean {
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const a = this.ranges[i]!;
      const b = other.ranges[j]!;
      if (Math.max(a.lo, b.lo) <= Math.min(a.hi, b.hi)) return true;
      if (a.hi < b.hi) i++;
      else j++;
    }
    return false;
  }

  containsAll(other: IntervalSet): boolean {
    return other.subtract(this).isEmpty();
  }

  equals(other: IntervalSet): boolean {
    if (this.ranges.length !== other.ranges.length) return false;
    return this.ranges.every((r, i) => r.lo === other.ranges[i]!.lo && r.hi === other.ranges[i]!.hi);
  }

  /** The key, once built (a true private field: not part of the value's structure). */
  #text: string | undefined;

  /** A stable text key, e.g. "1-5,9" (built once per set). */
  key(): string {
    this.#text ??= this.ranges.map((r) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`)).join(',');
    return this.#text;
  }

  toString(): string {
    return this.key();
  }
}
