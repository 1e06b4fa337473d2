// One filter's view of the matrix units: a small key per unit and role (which
// of the filter's rule conditions the unit meets), and the filter's exact
// allowed set per (source key, destination key), computed from one
// representative unit per key with first-match or union semantics.

import type { Filter, PacketMatch } from '../model/estate.js';
import type { IntervalSet } from '../model/intervals.js';
import { lowerBound } from '../model/search.js';
import { pairKey, type ConnTable } from './conn-table.js';
import { ConnSet, matchesAddresses, type AddressPair } from './connset.js';
import type { Unit } from './matrix-units.js';

export type Role = 'src' | 'dst';

interface RoleSets {
  readonly ips: readonly (IntervalSet | undefined)[];
  readonly endpoints: readonly (IntervalSet | undefined)[];
}

/** Per filter: the distinct (address set, identity set) conditions its rules put on one role. */
function roleSets(f: Filter, role: Role): RoleSets {
  const seen = new Set<string>();
  const ips: (IntervalSet | undefined)[] = [];
  const endpoints: (IntervalSet | undefined)[] = [];
  for (const r of f.rules) {
    const m: PacketMatch = r.match;
    const ip = role === 'src' ? m.srcIps : m.dstIps;
    const ep = role === 'src' ? m.srcEndpoints : m.dstEndpoints;
    if (ip === undefined && ep === undefined) continue;
    const key = `${ip?.key() ?? '*'}/${ep?.key() ?? '*'}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ips.push(ip);
    endpoints.push(ep);
  }
  return { ips, endpoints };
}

/** Units sorted by representative address, shared by every filter. */
export class UnitIndex {
  /** Unit indexes in address order. */
  readonly order: Int32Array;
  private readonly ips: Float64Array;

  constructor(readonly units: readonly Unit[]) {
    this.order = Int32Array.from(units.map((u) => u.index)).sort((a, b) => units[a]!.ip - units[b]!.ip || a - b);
    this.ips = Float64Array.from(this.order, (i) => units[i]!.ip);
  }

  /** First position whose address is >= x. */
  lowerBound(x: number): number {
    return lowerBound(this.ips, x);
  }
}

/**
 * One filter's view of the units. A unit's key for a role is its membership
 * in every (address set, identity set) condition the filter's rules put on
 * that role, compared through a 53-bit fingerprint (sums of a random value per
 * condition, as in model/classes.ts; a false merge is below 1e-9 for a
 * million units). Keys of all units are computed at once, with difference
 * arrays over the units in address order.
 */
export class FilterInfo {
  private readonly sets: Record<Role, RoleSets>;
  private readonly keyOf: Partial<Record<Role, Int32Array>> = {};
  /** A unit per key, to stand for every unit with that key. */
  private readonly repOf: Record<Role, Unit[]> = { src: [], dst: [] };
  private readonly answers = new Map<number, number>();
  private readonly passAnswers = new Map<number, number>();

  constructor(
    readonly filter: Filter,
    private readonly index: UnitIndex,
    private readonly random: () => number,
  ) {
    this.sets = { src: roleSets(filter, 'src'), dst: roleSets(filter, 'dst') };
  }

  key(u: Unit, role: Role): number {
    return this.allKeys(role)[u.index]!;
  }

  /** Keys of every unit for the role, indexed by unit index (computed once). */
  allKeys(role: Role): Int32Array {
    let keys = this.keyOf[role];
    if (keys === undefined) {
      keys = this.computeKeys(role);
      this.keyOf[role] = keys;
    }
    return keys;
  }

  private computeKeys(role: Role): Int32Array {
    const { units, order } = this.index;
    const n = units.length;
    const diffA = new Int32Array(n + 1);
    const diffB = new Int32Array(n + 1);
    const extraA = new Int32Array(n);
    const extraB = new Int32Array(n);
    const { ips, endpoints } = this.sets[role];
    for (let i = 0; i < ips.length; i++) {
      const ra = this.random();
      const rb = this.random();
      const ipSet = ips[i];
      const epSet = endpoints[i];
      const mark = (u: Unit): void => {
        if (epSet !== undefined && (u.endpointIndex === undefined || !epSet.has(u.endpointIndex))) return;
        extraA[u.index] = (extraA[u.index]! + ra) | 0;
        extraB[u.index] = (extraB[u.index]! + rb) | 0;
      };
      if (ipSet === undefined) {
        for (const u of units) mark(u);
        continue;
      }
      for (const r of ipSet.ranges) {
        const from = this.index.lowerBound(r.lo);
        const to = this.index.lowerBound(r.hi + 1);
        if (from >= to) continue;
        if (epSet === undefined) {
          diffA[from] = (diffA[from]! + ra) | 0;
          diffA[to] = (diffA[to]! - ra) | 0;
          diffB[from] = (diffB[from]! + rb) | 0;
          diffB[to] = (diffB[to]! - rb) | 0;
        } else {
          for (let k = from; k < to; k++) mark(units[order[k]!]!);
        }
      }
    }
    const keys = new Int32Array(n);
    const ids = new Map<number, number>();
    let runA = 0;
    let runB = 0;
    for (let k = 0; k < n; k++) {
      runA = (runA + diffA[k]!) | 0;
      runB = (runB + diffB[k]!) | 0;
      const u = units[order[k]!]!;
      const a = (runA + extraA[u.index]!) >>> 0;
      const b = ((runB + extraB[u.index]!) >>> 0) >>> 11;
      const fingerprint = a * 2097152 + b;
      let id = ids.get(fingerprint);
      if (id === undefined) {
        id = this.repOf[role].length;
        ids.set(fingerprint, id);
        this.repOf[role].push(u);
      }
      keys[u.index] = id;
    }
    return keys;
  }

  /** How many distinct keys the role has seen so far. */
  keyCount(role: Role): number {
    return this.repOf[role].length;
  }

  /** The filter's allowed set for units with the given keys. */
  answer(srcKey: number, dstKey: number, table: ConnTable): number {
    return this.cachedAnswer(this.answers, srcKey, dstKey, table, (pair) => filterAllowed(this.filter, pair));
  }

  /** The set the filter passes (verdict 'pass') for units with the given keys. */
  passAnswer(srcKey: number, dstKey: number, table: ConnTable): number {
    return this.cachedAnswer(this.passAnswers, srcKey, dstKey, table, (pair) => filterVerdicts(this.filter, pair).passed);
  }

  private cachedAnswer(cache: Map<number, number>, srcKey: number, dstKey: number, table: ConnTable, compute: (pair: AddressPair) => ConnSet): number {
    const key = pairKey(srcKey, dstKey);
    const known = cache.get(key);
    if (known !== undefined) return known;
    const src = this.repOf.src[srcKey]!;
    const dst = this.repOf.dst[dstKey]!;
    const pair: AddressPair = {
      srcIp: src.ip,
      dstIp: dst.ip,
      ...(src.endpointIndex === undefined ? {} : { srcEndpoint: src.endpointIndex }),
      ...(dst.endpointIndex === undefined ? {} : { dstEndpoint: dst.endpointIndex }),
    };
    const id = table.id(compute(pair));
    cache.set(key, id);
    return id;
  }
}

/** The non-address part of each rule's match, built once per match. */
const FIELDS_OF_MATCH = new WeakMap<PacketMatch, ConnSet>();

function matchFields(m: PacketMatch): ConnSet {
  let c = FIELDS_OF_MATCH.get(m);
  if (c === undefined) {
    c = ConnSet.fromMatchFields(m);
    FIELDS_OF_MATCH.set(m, c);
  }
  return c;
}

/** The exact set a filter allows between one address pair: first match or union semantics. */
export function filterAllowed(f: Filter, pair: AddressPair): ConnSet {
  return filterVerdicts(f, pair).allowed;
}

/**
 * The exact sets a filter allows and passes between one address pair (the
 * rest it denies): first match — each rule takes what no earlier rule took —
 * or union semantics (allow rules, then the default for the rest).
 */
export function filterVerdicts(f: Filter, pair: AddressPair): { readonly allowed: ConnSet; readonly passed: ConnSet } {
  let allowed = ConnSet.NONE;
  let passed = ConnSet.NONE;
  let decided = ConnSet.NONE;
  for (const r of f.rules) {
    if (!matchesAddresses(r.match, pair)) continue;
    const m = matchFields(r.match);
    if (m.isEmpty()) continue;
    if (f.kind === 'first-match') {
      const fresh = m.subtract(decided);
      if (r.action === 'allow') allowed = allowed.union(fresh);
      else if (r.action === 'pass') passed = passed.union(fresh);
      decided = decided.union(m);
    } else if (r.action === 'allow') {
      allowed = allowed.union(m);
      decided = decided.union(m);
    }
  }
  const rest = ConnSet.ALL.subtract(decided);
  if (f.defaultAction === 'allow') allowed = allowed.union(rest);
  else if (f.defaultAction === 'pass') passed = passed.union(rest);
  return { allowed, passed };
}
