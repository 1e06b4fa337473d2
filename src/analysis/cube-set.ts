// Canonical unions of hypercubes over a fixed number of integer dimensions.
// A set of depth d > 0 is a list of parts (values of the first dimension, the
// set of depth d-1 those values lead to); parts have disjoint value sets and
// pairwise different, non-empty sub-sets, ordered by lowest value. Grouping
// equal "columns" this way makes the form unique, so two sets are equal iff
// their keys are equal. Depth 0 is a boolean (empty or everything).

import { IntervalSet } from '../model/intervals.js';

export interface CubePart {
  readonly values: IntervalSet;
  readonly sub: CubeSet;
}

export class CubeSet {
  private constructor(
    readonly depth: number,
    /** Depth 0 only: whether the set holds the (single, empty) point. */
    readonly full: boolean,
    /** Depth > 0 only: the canonical parts. */
    readonly parts: readonly CubePart[],
    /** The canonical text: equal keys iff equal sets. */
    readonly key: string,
  ) {}

  private static readonly LEAF_FULL = new CubeSet(0, true, [], '1');
  private static readonly LEAF_EMPTY = new CubeSet(0, false, [], '0');
  private static readonly EMPTIES: CubeSet[] = [];

  static empty(depth: number): CubeSet {
    if (depth === 0) return CubeSet.LEAF_EMPTY;
    let e = CubeSet.EMPTIES[depth];
    if (e === undefined) {
      e = new CubeSet(depth, false, [], '[]');
      CubeSet.EMPTIES[depth] = e;
    }
    return e;
  }

  static leaf(full: boolean): CubeSet {
    return full ? CubeSet.LEAF_FULL : CubeSet.LEAF_EMPTY;
  }

  /** The product of one value set per dimension (empty when any is empty). */
  static product(dims: readonly IntervalSet[]): CubeSet {
    for (const d of dims) if (d.isEmpty()) return CubeSet.empty(dims.length);
    let s = CubeSet.LEAF_FULL;
    for (let i = dims.length - 1; i >= 0; i--) s = CubeSet.onePart(dims.length - i, dims[i]!, s);
    return s;
  }

  /** The canonical set of one part (what `fromParts` makes of it), both non-empty. */
  private static onePart(depth: number, values: IntervalSet, sub: CubeSet): CubeSet {
    return new CubeSet(depth, false, [{ values, sub }], `[${values.key()}:${sub.key}]`);
  }

  /** A set of depth 1: the values (the one part of a non-empty set of depth 1 leads to the full leaf). */
  static ofValues(values: IntervalSet): CubeSet {
    return values.isEmpty() ? CubeSet.empty(1) : CubeSet.onePart(1, values, CubeSet.LEAF_FULL);
  }

  /** Normalizes parts with disjoint value sets: drops empties, merges equal sub-sets. */
  static fromParts(depth: number, parts: readonly CubePart[]): CubeSet {
    if (parts.length === 1) {
      const { values, sub } = parts[0]!;
      return values.isEmpty() || sub.isEmpty() ? CubeSet.empty(depth) : CubeSet.onePart(depth, values, sub);
    }
    // Parts with equal sub-sets, found by a scan while there are few (most sets have a handful of parts).
    const groups: { values: IntervalSet; sub: CubeSet }[] = [];
    const bySub = parts.length > FEW_PARTS ? new Map<string, { values: IntervalSet; sub: CubeSet }>() : undefined;
    for (const p of parts) {
      if (p.values.isEmpty() || p.sub.isEmpty()) continue;
      const g = bySub !== undefined ? bySub.get(p.sub.key) : groups.find((x) => x.sub === p.sub || x.sub.key === p.sub.key);
      if (g) g.values = g.values.union(p.values);
      else {
        const fresh = { values: p.values, sub: p.sub };
        groups.push(fresh);
        bySub?.set(p.sub.key, fresh);
      }
    }
    if (groups.length === 0) return CubeSet.empty(depth);
    const sorted = groups.length > FEW_PARTS ? groups.sort((a, b) => a.values.min()! - b.values.min()!) : insertionSorted(groups);
    const key = '[' + sorted.map((p) => `${p.values.key()}:${p.sub.key}`).join('|') + ']';
    return new CubeSet(depth, false, sorted, key);
  }

  isEmpty(): boolean {
    return this.depth === 0 ? !this.full : this.parts.length === 0;
  }

  equals(other: CubeSet): boolean {
    return this.key === other.key;
  }

  union(other: CubeSet): CubeSet {
    if (other.isEmpty() || this === other) return this;
    if (this.isEmpty()) return other;
    return combine(this, other, 'union');
  }

  intersect(other: CubeSet): CubeSet {
    if (this.isEmpty()) return this;
    if (other.isEmpty()) return other;
    if (this === other) return this;
    return combine(this, other, 'intersect');
  }

  subtract(other: CubeSet): CubeSet {
    if (this.isEmpty() || other.isEmpty()) return this;
    return combine(this, other, 'subtract');
  }

  /** Whether the point (one value per dimension) is in the set. */
  has(point: readonly number[]): boolean {
    let s: CubeSet = this;
    for (const v of point) {
      if (s.depth === 0) break;
      const part = s.parts.find((p) => p.values.has(v));
      if (part === undefined) return false;
      s = part.sub;
    }
    return s.depth === 0 ? s.full : false;
  }

  /** Every maximal product of the canonical form, one value set per dimension. */
  cubes(): IntervalSet[][] {
    if (this.depth === 0) return this.full ? [[]] : [];
    const out: IntervalSet[][] = [];
    for (const p of this.parts) for (const rest of p.sub.cubes()) out.push([p.values, ...rest]);
    return out;
  }
}

/** Up to this many parts are grouped by sub-set with a scan, more with a map. */
const FEW_PARTS = 16;

/** Few parts sorted by lowest value in place (no work array, unlike `Array.prototype.sort`). */
function insertionSorted<T extends { readonly values: IntervalSet }>(list: T[]): T[] {
  for (let i = 1; i < list.length; i++) {
    const item = list[i]!;
    const min = item.values.min()!;
    let j = i - 1;
    for (; j >= 0 && list[j]!.values.min()! > min; j--) list[j + 1] = list[j]!;
    list[j + 1] = item;
  }
  return list;
}

type Op = 'union' | 'intersect' | 'subtract';

function leafOp(a: boolean, b: boolean, op: Op): boolean {
  if (op === 'union') return a || b;
  if (op === 'intersect') return a && b;
  return a && !b;
}

function valuesOp(a: IntervalSet, b: IntervalSet, op: Op): IntervalSet {
  if (op === 'union') return a.union(b);
  if (op === 'intersect') return a.intersect(b);
  return a.subtract(b);
}

/** `op` of two non-empty sets of one depth. */
function combine(a: CubeSet, b: CubeSet, op: Op): CubeSet {
  if (a.depth !== b.depth) throw new Error(`internal: cube sets of depth ${a.depth} and ${b.depth}`);
  if (a.depth === 0) return CubeSet.leaf(leafOp(a.full, b.full, op));
  // Depth 1: each set is its one part's values.
  if (a.depth === 1) return CubeSet.ofValues(valuesOp(a.parts[0]!.values, b.parts[0]!.values, op));
  const parts: CubePart[] = [];
  let coveredByB = IntervalSet.EMPTY;
  if (op !== 'intersect') for (const pb of b.parts) coveredByB = coveredByB.union(pb.values);
  let coveredByA = IntervalSet.EMPTY;
  for (const pa of a.parts) {
    if (op === 'union') coveredByA = coveredByA.union(pa.values);
    for (const pb of b.parts) {
      if (pa.values.max()! < pb.values.min()! || pb.values.max()! < pa.values.min()!) continue;
      const both = pa.values.intersect(pb.values);
      if (both.isEmpty()) continue;
      const sub = op === 'union' ? pa.sub.union(pb.sub) : op === 'intersect' ? pa.sub.intersect(pb.sub) : pa.sub.subtract(pb.sub);
      parts.push({ values: both, sub });
    }
    // Values only A has: union and subtract keep A's sub-set; intersect drops them.
    if (op !== 'intersect') parts.push({ values: pa.values.subtract(coveredByB), sub: pa.sub });
  }
  if (op === 'union') for (const pb of b.parts) parts.push({ values: pb.values.subtract(coveredByA), sub: pb.sub });
  return CubeSet.fromParts(a.depth, parts);
}
