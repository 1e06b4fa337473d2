// One filter's view of the matrix units: a small key per unit and role (which
// of the filter's rule conditions the unit meets), and the filter's exact
// allowed set per (source key, destination key), computed from one
// representative unit per key with first-match or union semantics.

import type { Filter, PacketMatch } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { lowerBound } from '../model/search.js';
import { ConnSet, matchesAddresses, type AddressPair } from './connset.js';
import type { Unit } from './matrix-units.js';
import { IntPairMap } from './int-pair-map.js';
import type { Fields, VerdictMemo, Verdicts } from './matrix-verdicts.js';
import type { SetIds } from './set-ids.js';

export type Role = 'src' | 'dst';

interface RoleSets {
  readonly ips: readonly (IntervalSet | undefined)[];
  readonly endpoints: readonly (IntervalSet | undefined)[];
  /** Per rule: the index of its condition on this role, or -1 (none: it holds for every unit). */
  readonly ofRule: Int32Array;
}

/** Per filter: the distinct (address set, identity set) conditions its rules put on one role. */
function roleSets(f: Filter, role: Role, sets: SetIds): RoleSets {
  /** Condition index by address set id, then identity set id. */
  const byIds = new Map<number, Map<number, number>>();
  const ips: (IntervalSet | undefined)[] = [];
  const endpoints: (IntervalSet | undefined)[] = [];
  const ofRule = new Int32Array(f.rules.length).fill(-1);
  // Neighbouring rules often share the very set objects (one peer, many ports).
  let lastIp: IntervalSet | undefined;
  let lastEp: IntervalSet | undefined;
  let lastIndex = -1;
  f.rules.forEach((r, i) => {
    const m: PacketMatch = r.match;
    const ip = role === 'src' ? m.srcIps : m.dstIps;
    const ep = role === 'src' ? m.srcEndpoints : m.dstEndpoints;
    if (ip === undefined && ep === undefined) return;
    if (lastIndex >= 0 && ip === lastIp && ep === lastEp) {
      ofRule[i] = lastIndex;
      return;
    }
    const ipId = sets.id(ip);
    let withIp = byIds.get(ipId);
    if (withIp === undefined) {
      withIp = new Map();
      byIds.set(ipId, withIp);
    }
    const epId = sets.id(ep);
    let index = withIp.get(epId);
    if (index === undefined) {
      index = ips.length;
      withIp.set(epId, index);
      ips.push(ip);
      endpoints.push(ep);
    }
    ofRule[i] = index;
    lastIp = ip;
    lastEp = ep;
    lastIndex = index;
  });
  return { ips, endpoints, ofRule };
}

/** Allow rules by (source condition, destination condition) pair: condition indexes (-1: none) and joined fields. */
interface RuleGroups {
  readonly src: Int32Array;
  readonly dst: Int32Array;
  readonly fields: readonly Fields[];
}

/** Units sorted by representative address, shared by every filter. */
export class UnitIndex {
  /** Unit indexes in address order. */
  readonly order: Int32Array;
  private readonly ips: Float64Array;

  /** Units per identity (`Unit.endpointIndex`): those of identity e are `unitsByIdentity[identityStart[e] .. identityStart[e+1])`. */
  private readonly identityStart: Int32Array;
  private readonly unitsByIdentity: Int32Array;

  constructor(readonly units: readonly Unit[]) {
    this.order = Int32Array.from(units.map((u) => u.index)).sort((a, b) => units[a]!.ip - units[b]!.ip || a - b);
    this.ips = Float64Array.from(this.order, (i) => units[i]!.ip);
    let identities = 0;
    for (const u of units) if (u.endpointIndex !== undefined) identities = Math.max(identities, u.endpointIndex + 1);
    this.identityStart = new Int32Array(identities + 1);
    for (const u of units) if (u.endpointIndex !== undefined) this.identityStart[u.endpointIndex + 1]!++;
    for (let e = 0; e < identities; e++) this.identityStart[e + 1]! += this.identityStart[e]!;
    this.unitsByIdentity = new Int32Array(this.identityStart[identities]!);
    const next = this.identityStart.slice(0, identities);
    for (const u of units) if (u.endpointIndex !== undefined) this.unitsByIdentity[next[u.endpointIndex]!++] = u.index;
    const n = units.length;
    this.scratch = { diffA: new Int32Array(n + 1), diffB: new Int32Array(n + 1), extraA: new Int32Array(n), extraB: new Int32Array(n) };
  }

  /** Zeroed work arrays for one key computation at a time (returned zeroed). */
  readonly scratch: { readonly diffA: Int32Array; readonly diffB: Int32Array; readonly extraA: Int32Array; readonly extraB: Int32Array };

  /**
   * Adds (a, b) to the `scratch.extraA`/`extraB` entries (by unit index) of
   * the units whose identity is in `endpoints`, without scanning every unit.
   */
  markIdentities(endpoints: IntervalSet, a: number, b: number): void {
    const { extraA, extraB } = this.scratch;
    const last = this.identityStart.length - 2;
    for (const r of endpoints.ranges) {
      const to = this.identityStart[Math.min(r.hi, last) + 1]!;
      for (let k = this.identityStart[Math.max(r.lo, 0)] ?? to; k < to; k++) {
        const u = this.unitsByIdentity[k]!;
        extraA[u] = (extraA[u]! + a) | 0;
        extraB[u] = (extraB[u]! + b) | 0;
      }
    }
  }

  /** First position whose address is >= x. */
  lowerBound(x: number): number {
    return lowerBound(this.ips, x);
  }
}

/**
 * A filter's keys for external addresses of one role: the address space
 * 0..2^32-1 cut at `starts` (ascending, from 0); `keys[k]` holds from
 * `starts[k]` to the next start.
 */
export interface AddressKeys {
  readonly starts: readonly number[];
  readonly keys: readonly number[];
}

/** The highest address an external segment reaches. */
export const MAX_ADDRESS = 2 ** 32 - 1;

/**
 * One filter's view of the units. A unit's key for a role is its membership
 * in every (address set, identity set) condition the filter's rules put on
 * that role, compared through a 64-bit fingerprint (two sums of a random value per
 * condition, as in model/classes.ts; a false merge is below 1e-9 for a
 * million units). Keys of all units are computed at once, with difference
 * arrays over the units in address order. External addresses (no identity)
 * get keys from the same fingerprints, per segment of the address space the
 * filter's own address sets cut (`addressKeys`), so the internet is never
 * split by the address sets of other filters.
 */
export class FilterInfo {
  private readonly sets: Record<Role, RoleSets>;
  private readonly keyOf: Partial<Record<Role, Int32Array>> = {};
  /** A unit per key, to stand for every unit with that key. */
  private readonly repOf: Record<Role, Unit[]> = { src: [], dst: [] };
  /** Per role: fingerprint → key, and the random pair drawn for each condition. */
  private readonly keyIds: Record<Role, IntPairMap> = { src: new IntPairMap(), dst: new IntPairMap() };
  private readonly randoms: Record<Role, number[]> = { src: [], dst: [] };
  private readonly external: Partial<Record<Role, AddressKeys>> = {};
  /** Per (source key, destination key): the index of its verdicts in `verdicts`. */
  private readonly verdictOf = new IntPairMap();
  private readonly verdicts: Verdicts[] = [];
  /** Per role and key: condition membership of the key's units. */
  private readonly memberships: Record<Role, (Uint8Array | undefined)[]> = { src: [], dst: [] };
  private groups?: RuleGroups;

  constructor(
    readonly filter: Filter,
    private readonly index: UnitIndex,
    private readonly random: () => number,
    private readonly memo: VerdictMemo,
  ) {
    this.sets = { src: roleSets(filter, 'src', memo.sets), dst: roleSets(filter, 'dst', memo.sets) };
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

  /** The key with fingerprint (a, b), made (with `rep` standing for it) if new. */
  private keyFor(role: Role, a: number, b: number, rep: Unit): number {
    const ids = this.keyIds[role];
    let id = ids.get(a, b);
    if (id < 0) {
      id = this.repOf[role].length;
      ids.set(a, b, id);
      this.repOf[role].push(rep);
    }
    return id;
  }

  private computeKeys(role: Role): Int32Array {
    const { units, order } = this.index;
    const n = units.length;
    if (this.sets[role].ips.length === 0) {
      // No conditions on this role: every unit has the one key.
      const keys = new Int32Array(n);
      if (n > 0) this.keyFor(role, 0, 0, units[0]!);
      return keys;
    }
    const { diffA, diffB, extraA, extraB } = this.index.scratch;
    const { ips, endpoints } = this.sets[role];
    const randoms = this.randoms[role];
    for (let i = 0; i < ips.length; i++) {
      const ra = this.random();
      const rb = this.random();
      randoms.push(ra, rb);
      const ipSet = ips[i];
      const epSet = endpoints[i];
      // Positions from..to-1 (address order) all meet the condition.
      const markPositions = (from: number, to: number): void => {
        diffA[from] = (diffA[from]! + ra) | 0;
        diffA[to] = (diffA[to]! - ra) | 0;
        diffB[from] = (diffB[from]! + rb) | 0;
        diffB[to] = (diffB[to]! - rb) | 0;
      };
      if (ipSet === undefined) {
        if (epSet === undefined) markPositions(0, n);
        else this.index.markIdentities(epSet, ra, rb);
        continue;
      }
      for (const r of ipSet.ranges) {
        const from = this.index.lowerBound(r.lo);
        const to = this.index.lowerBound(r.hi + 1);
        if (from >= to) continue;
        if (epSet === undefined) markPositions(from, to);
        else {
          for (let k = from; k < to; k++) {
            const u = units[order[k]!]!;
            if (u.endpointIndex !== undefined && epSet.has(u.endpointIndex)) {
              extraA[u.index] = (extraA[u.index]! + ra) | 0;
              extraB[u.index] = (extraB[u.index]! + rb) | 0;
            }
          }
        }
      }
    }
    const keys = new Int32Array(n);
    let runA = 0;
    let runB = 0;
    // Neighbours in address order often share a fingerprint: look it up once.
    let lastA = 0;
    let lastB = 0;
    let lastKey = -1;
    for (let k = 0; k < n; k++) {
      runA = (runA + diffA[k]!) | 0;
      runB = (runB + diffB[k]!) | 0;
      const u = order[k]!;
      const a = (runA + extraA[u]!) | 0;
      const b = (runB + extraB[u]!) | 0;
      if (lastKey < 0 || a !== lastA || b !== lastB) {
        lastKey = this.keyFor(role, a, b, units[u]!);
        lastA = a;
        lastB = b;
      }
      keys[u] = lastKey;
    }
    diffA.fill(0);
    diffB.fill(0);
    extraA.fill(0);
    extraB.fill(0);
    return keys;
  }

  /**
   * Keys of external addresses for the role: an address without identity
   * meets exactly the conditions whose address set holds it and that name no
   * identities. Segments are cut only where this filter's address sets begin
   * or end; adjacent segments with one key are joined.
   */
  addressKeys(role: Role): AddressKeys {
    const known = this.external[role];
    if (known !== undefined) return known;
    this.allKeys(role); // draws the conditions' random values, in a fixed order
    const { ips, endpoints } = this.sets[role];
    const randoms = this.randoms[role];
    const deltaA = new Map<number, number>([[0, 0]]);
    const deltaB = new Map<number, number>([[0, 0]]);
    const add = (at: number, a: number, b: number): void => {
      if (at > MAX_ADDRESS) return;
      deltaA.set(at, ((deltaA.get(at) ?? 0) + a) | 0);
      deltaB.set(at, ((deltaB.get(at) ?? 0) + b) | 0);
    };
    for (let i = 0; i < ips.length; i++) {
      const ipSet = ips[i];
      if (ipSet === undefined || endpoints[i] !== undefined) continue;
      const ra = randoms[2 * i]!;
      const rb = randoms[2 * i + 1]!;
      for (const r of ipSet.ranges) {
        if (r.lo > MAX_ADDRESS || r.hi < 0) continue;
        add(Math.max(r.lo, 0), ra, rb);
        add(r.hi + 1, -ra, -rb);
      }
    }
    const positions = [...deltaA.keys()].sort((x, y) => x - y);
    const starts: number[] = [];
    const keys: number[] = [];
    let runA = 0;
    let runB = 0;
    for (const at of positions) {
      runA = (runA + deltaA.get(at)!) | 0;
      runB = (runB + deltaB.get(at)!) | 0;
      let key = this.keyIds[role].get(runA, runB);
      if (key < 0) key = this.keyFor(role, runA, runB, { index: -1, kind: 'external', ip: at, members: [], addresses: IntervalSet.EMPTY });
      if (keys.length > 0 && keys[keys.length - 1] === key) continue;
      starts.push(at);
      keys.push(key);
    }
    const result = { starts, keys };
    this.external[role] = result;
    return result;
  }

  /**
   * Which of the role's conditions the units with this key meet (1 = met),
   * read off the key's representative as `matchesAddresses` would.
   */
  private membership(role: Role, key: number): Uint8Array {
    const cache = this.memberships[role];
    let bits = cache[key];
    if (bits === undefined) {
      const u = this.repOf[role][key]!;
      const { ips, endpoints } = this.sets[role];
      bits = new Uint8Array(ips.length);
      for (let c = 0; c < ips.length; c++) {
        const ip = ips[c];
        const ep = endpoints[c];
        const inIps = ip === undefined || ip.has(u.ip);
        const inEndpoints = ep === undefined || (u.endpointIndex !== undefined && ep.has(u.endpointIndex));
        bits[c] = inIps && inEndpoints ? 1 : 0;
      }
      cache[key] = bits;
    }
    return bits;
  }

  /** How many distinct keys the role has seen so far. */
  keyCount(role: Role): number {
    return this.repOf[role].length;
  }

  /** The filter's allowed set for units with the given keys. */
  answer(srcKey: number, dstKey: number): number {
    return this.verdictsFor(srcKey, dstKey).allowed;
  }

  /** The set the filter passes (verdict 'pass') for units with the given keys. */
  passAnswer(srcKey: number, dstKey: number): number {
    return this.verdictsFor(srcKey, dstKey).passed;
  }

  /**
   * A union-semantics filter's allow rules grouped by their (source
   * condition, destination condition) pair, each group's fields joined: the
   * rules of a pair always match together (built once; a merged
   * NetworkPolicy filter has several rules per pair, one per protocol and
   * named-port resolution).
   */
  private ruleGroups(): RuleGroups {
    if (this.groups !== undefined) return this.groups;
    const fields = this.memo.fieldsOfRules(this.filter);
    const srcOf = this.sets.src.ofRule;
    const dstOf = this.sets.dst.ofRule;
    // Group index by (source condition + 1) * (destination conditions + 1) + destination condition + 1.
    const groupOf = new Map<number, number>();
    const dstRadix = this.sets.dst.ips.length + 1;
    const groups: { sc: number; dc: number; members: Fields[] }[] = [];
    this.filter.rules.forEach((r, i) => {
      const fi = fields[i]!;
      if (r.action !== 'allow' || fi.set.isEmpty()) return;
      const sc = srcOf[i]!;
      const dc = dstOf[i]!;
      const key = (sc + 1) * dstRadix + dc + 1;
      const g = groupOf.get(key);
      if (g === undefined) {
        groupOf.set(key, groups.length);
        groups.push({ sc, dc, members: [fi] });
      } else if (!groups[g]!.members.includes(fi)) groups[g]!.members.push(fi);
    });
    const src = new Int32Array(groups.length);
    const dst = new Int32Array(groups.length);
    groups.forEach((g, k) => {
      src[k] = g.sc;
      dst[k] = g.dc;
    });
    this.groups = { src, dst, fields: groups.map((g) => this.memo.joined(g.members)) };
    return this.groups;
  }

  /** The filter's verdicts for units with the given keys (computed once per key pair). */
  private verdictsFor(srcKey: number, dstKey: number): Verdicts {
    const known = this.verdictOf.get(srcKey, dstKey);
    if (known >= 0) return this.verdicts[known]!;
    const srcIn = this.membership('src', srcKey);
    const dstIn = this.membership('dst', dstKey);
    let verdicts: Verdicts;
    if (this.filter.kind === 'first-match') {
      const srcOf = this.sets.src.ofRule;
      const dstOf = this.sets.dst.ofRule;
      verdicts = this.memo.verdicts(this.filter, this.memo.fieldsOfRules(this.filter), (i) => {
        const sc = srcOf[i]!;
        const dc = dstOf[i]!;
        return (sc < 0 || srcIn[sc] === 1) && (dc < 0 || dstIn[dc] === 1);
      });
    } else {
      const groups = this.ruleGroups();
      const matched: Fields[] = [];
      for (let g = 0; g < groups.fields.length; g++) {
        const sc = groups.src[g]!;
        const dc = groups.dst[g]!;
        if ((sc < 0 || srcIn[sc] === 1) && (dc < 0 || dstIn[dc] === 1)) matched.push(groups.fields[g]!);
      }
      verdicts = this.memo.unionVerdicts(this.filter, matched);
    }
    this.verdictOf.set(srcKey, dstKey, this.verdicts.length);
    this.verdicts.push(verdicts);
    return verdicts;
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
