// Endpoint classes: groups of (endpoint, address range) atoms that every policy
// in the estate treats alike (an endpoint without addresses is one atom, see
// NO_ADDRESS; an endpoint's addresses are cut at every boundary of a rule's
// address set, so each atom lies wholly inside or outside every such set and a
// pod owning a /20 of its subnet is a handful of atoms, not 4,096), and the split of an external address space into ranges with
// uniform treatment. The encoder and the matrix work per class,
// never per address, so a thousand interfaces behind the same security groups
// and subnet cost one disjunct, not a thousand.
//
// Two atoms share a class when they have the same egress and ingress layers,
// network, internet access, scopes used for layer bypass, caller-supplied key,
// and the same membership in every address set and endpoint set that any rule
// mentions. Membership is compared through two independent 32-bit sums of a
// random value per rule set (a 64-bit fingerprint; a false merge has
// probability below 1e-9 for a million atoms).

import type { Endpoint, Estate, PacketMatch } from './estate.js';
import { IntervalSet } from './intervals.js';
import { lowerBound, randomStream } from './search.js';

/**
 * The `ip` of the one atom of an endpoint without addresses (a pod not yet
 * scheduled, a workload known only by identity). It is below every address,
 * so it sorts first and lies in no address set: address sets never match
 * such an endpoint. Packets from or to it carry address 0 by convention.
 */
export const NO_ADDRESS = -1;

export interface ClassMember {
  readonly endpoint: Endpoint;
  /** The lowest address of the atom's range, or NO_ADDRESS for an endpoint without addresses. */
  readonly ip: number;
  /** The highest address of the atom's range (equal to `ip` for one address or NO_ADDRESS). */
  readonly hi: number;
}

/** The addresses of a member as a set (empty for an endpoint without addresses). */
export function memberAddresses(m: ClassMember): IntervalSet {
  return m.ip === NO_ADDRESS ? IntervalSet.EMPTY : IntervalSet.range(m.ip, m.hi);
}

export interface EndpointClass {
  /** Dense id, 0 … n-1. */
  readonly id: number;
  /** Atoms of the class, by endpoint index then address. */
  readonly members: readonly ClassMember[];
  /** The first member: the class's stand-in for every rule. */
  readonly representative: ClassMember;
  /** Number of distinct endpoints among the members. */
  readonly endpointCount: number;
}

export interface ClassPartition {
  readonly classes: readonly EndpointClass[];
  /** The class of an endpoint's address (NO_ADDRESS for an endpoint without addresses), or undefined when not partitioned. */
  classOf(endpointIndex: number, ip: number): number | undefined;
}

export interface PartitionOptions {
  /** Restrict to these endpoints (default: all of `estate.endpoints`). */
  readonly endpoints?: readonly Endpoint[];
  /** Extra distinctions, e.g. whether an atom is selected by a query side. */
  readonly extraKey?: (m: ClassMember) => string;
}

interface RuleSets {
  readonly ipSets: IntervalSet[];
  readonly endpointSets: IntervalSet[];
}

/**
 * Every distinct set object the rules mention (a policy peer's set is shared
 * by the rules of its ports, so a cluster's 1.8 million rule sets are a few
 * ten thousand objects; a set counted twice would not change the partition).
 */
function collectRuleSets(estate: Estate): RuleSets {
  const ipSets = new Set<IntervalSet>();
  const endpointSets = new Set<IntervalSet>();
  const add = (m: PacketMatch): void => {
    if (m.srcIps) ipSets.add(m.srcIps);
    if (m.dstIps) ipSets.add(m.dstIps);
    if (m.srcEndpoints) endpointSets.add(m.srcEndpoints);
    if (m.dstEndpoints) endpointSets.add(m.dstEndpoints);
  };
  for (const f of estate.filters.values()) for (const r of f.rules) add(r.match);
  return { ipSets: [...ipSets], endpointSets: [...endpointSets] };
}

function bypassScopes(estate: Estate): string[] {
  const scopes = new Set<string>();
  for (const l of estate.layers.values()) if (l.bypassWithinScope !== undefined) scopes.add(l.bypassWithinScope);
  return [...scopes].sort();
}

function structuralKey(e: Endpoint, scopes: readonly string[]): string {
  const acc = e.internet;
  return [
    e.egressLayers.join(','),
    e.ingressLayers.join(','),
    e.network,
    scopes.map((s) => e.scopes[s] ?? '').join(','),
    `${acc.outbound ? 1 : 0}${acc.inbound ? 1 : 0}`,
    acc.reasons.join(';'),
    acc.assumptions.join(','),
  ].join('|');
}

/** Every address where some rule address set starts or stops (r.lo and r.hi + 1), ascending. */
function ruleCuts(ipSets: readonly IntervalSet[]): number[] {
  const cuts = new Set<number>();
  for (const set of ipSets) {
    for (const r of set.ranges) {
      cuts.add(r.lo);
      cuts.add(r.hi + 1);
    }
  }
  return [...cuts].sort((a, b) => a - b);
}

/** The endpoint's atoms: its address ranges cut at every rule boundary. */
function atomsOf(e: Endpoint, cuts: readonly number[], out: ClassMember[]): void {
  if (e.addresses.isEmpty()) {
    out.push({ endpoint: e, ip: NO_ADDRESS, hi: NO_ADDRESS });
    return;
  }
  for (const r of e.addresses.ranges) {
    let lo = r.lo;
    for (let k = lowerBound(cuts, r.lo + 1); k < cuts.length && cuts[k]! <= r.hi; k++) {
      out.push({ endpoint: e, ip: lo, hi: cuts[k]! - 1 });
      lo = cuts[k]!;
    }
    out.push({ endpoint: e, ip: lo, hi: r.hi });
  }
}

export function partitionEndpoints(estate: Estate, options: PartitionOptions = {}): ClassPartition {
  const endpoints = options.endpoints ?? estate.endpoints;
  const { ipSets, endpointSets } = collectRuleSets(estate);
  const cuts = ruleCuts(ipSets);
  const atoms: ClassMember[] = [];
  for (const e of endpoints) atomsOf(e, cuts, atoms);
  // Sort atoms by address so an address range maps to a contiguous run of
  // atoms; every atom lies wholly inside or outside each rule range.
  const order = atoms.map((_, i) => i).sort((a, b) => atoms[a]!.ip - atoms[b]!.ip || a - b);
  const sortedIps = order.map((i) => atoms[i]!.ip);
  const n = atoms.length;
  const diffA = new Int32Array(n + 1);
  const diffB = new Int32Array(n + 1);
  const next = randomStream(0x6e657470);
  for (const set of ipSets) {
    const ra = next() | 0;
    const rb = next() | 0;
    for (const r of set.ranges) {
      const from = lowerBound(sortedIps, r.lo);
      const to = lowerBound(sortedIps, r.hi + 1);
      if (from >= to) continue;
      diffA[from] = (diffA[from]! + ra) | 0;
      diffA[to] = (diffA[to]! - ra) | 0;
      diffB[from] = (diffB[from]! + rb) | 0;
      diffB[to] = (diffB[to]! - rb) | 0;
    }
  }
  const hashA = new Int32Array(n);
  const hashB = new Int32Array(n);
  let runA = 0;
  let runB = 0;
  for (let k = 0; k < n; k++) {
    runA = (runA + diffA[k]!) | 0;
    runB = (runB + diffB[k]!) | 0;
    hashA[order[k]!] = runA;
    hashB[order[k]!] = runB;
  }
  if (endpointSets.length > 0) {
    // Same difference-array sweep as for addresses, over atoms ordered by
    // endpoint index: an endpoint-index range is a contiguous run of atoms.
    const byEndpoint = atoms.map((_, i) => i).sort((a, b) => atoms[a]!.endpoint.index - atoms[b]!.endpoint.index || a - b);
    const sortedIndexes = Float64Array.from(byEndpoint, (i) => atoms[i]!.endpoint.index);
    const setA = new Int32Array(n + 1);
    const setB = new Int32Array(n + 1);
    for (const set of endpointSets) {
      const ra = next() | 0;
      const rb = next() | 0;
      for (const r of set.ranges) {
        const from = lowerBound(sortedIndexes, r.lo);
        const to = lowerBound(sortedIndexes, r.hi + 1);
        if (from >= to) continue;
        setA[from] = (setA[from]! + ra) | 0;
        setA[to] = (setA[to]! - ra) | 0;
        setB[from] = (setB[from]! + rb) | 0;
        setB[to] = (setB[to]! - rb) | 0;
      }
    }
    let sumA = 0;
    let sumB = 0;
    for (let k = 0; k < n; k++) {
      sumA = (sumA + setA[k]!) | 0;
      sumB = (sumB + setB[k]!) | 0;
      const i = byEndpoint[k]!;
      hashA[i] = (hashA[i]! + sumA) | 0;
      hashB[i] = (hashB[i]! + sumB) | 0;
    }
  }
  const scopes = bypassScopes(estate);
  const structural = new Map<Endpoint, string>();
  const groups = new Map<string, ClassMember[]>();
  atoms.forEach((a, i) => {
    let s = structural.get(a.endpoint);
    if (s === undefined) {
      s = structuralKey(a.endpoint, scopes);
      structural.set(a.endpoint, s);
    }
    const extra = options.extraKey ? options.extraKey(a) : '';
    const key = `${s}|${extra}|${hashA[i]}:${hashB[i]}`;
    const g = groups.get(key);
    if (g) g.push(a);
    else groups.set(key, [a]);
  });
  const classes: EndpointClass[] = [];
  /** Per endpoint: its atoms' lowest addresses (ascending) and their class ids. */
  const index = new Map<number, { readonly los: number[]; readonly ids: number[] }>();
  const classOfAtom = new Map<ClassMember, number>();
  for (const members of groups.values()) {
    members.sort((x, y) => x.endpoint.index - y.endpoint.index || x.ip - y.ip);
    for (const m of members) classOfAtom.set(m, classes.length);
    classes.push({
      id: classes.length,
      members,
      representative: members[0]!,
      endpointCount: new Set(members.map((m) => m.endpoint.index)).size,
    });
  }
  for (const m of atoms.slice().sort((x, y) => x.ip - y.ip)) {
    const id = classOfAtom.get(m)!;
    const entry = index.get(m.endpoint.index);
    if (entry) {
      entry.los.push(m.ip);
      entry.ids.push(id);
    } else index.set(m.endpoint.index, { los: [m.ip], ids: [id] });
  }
  const classOf = (endpointIndex: number, ip: number): number | undefined => {
    const entry = index.get(endpointIndex);
    const e = estate.endpoints[endpointIndex];
    if (entry === undefined || e === undefined) return undefined;
    if (ip === NO_ADDRESS) return e.addresses.isEmpty() ? entry.ids[0] : undefined;
    if (!e.addresses.has(ip)) return undefined;
    const k = lowerBound(entry.los, ip + 1) - 1;
    return k >= 0 ? entry.ids[k] : undefined;
  };
  return { classes, classOf };
}

/**
 * Splits `space` into address sets whose members every rule treats alike
 * (same membership in every rule address set). A set may hold several
 * disjoint ranges. Ordered by lowest address.
 */
export function partitionAddresses(estate: Estate, space: IntervalSet): IntervalSet[] {
  if (space.isEmpty()) return [];
  const cuts = new Set<number>();
  const { ipSets } = collectRuleSets(estate);
  const lo = space.min()!;
  const hi = space.max()!;
  for (const set of ipSets) {
    for (const r of set.ranges) {
      if (r.lo > lo && r.lo <= hi) cuts.add(r.lo);
      if (r.hi + 1 > lo && r.hi + 1 <= hi) cuts.add(r.hi + 1);
    }
  }
  const starts = [lo, ...[...cuts].sort((a, b) => a - b)];
  const diffA = new Int32Array(starts.length + 1);
  const diffB = new Int32Array(starts.length + 1);
  const next = randomStream(0x61646472);
  for (const set of ipSets) {
    const ra = next() | 0;
    const rb = next() | 0;
    for (const r of set.ranges) {
      // Elementary interval k spans [starts[k], starts[k+1]-1]; rule ranges align with cuts.
      const from = lowerBound(starts, Math.max(r.lo, lo));
      const to = lowerBound(starts, r.hi + 1 > hi ? hi + 1 : r.hi + 1);
      const fromIdx = starts[from] === Math.max(r.lo, lo) ? from : from - 1;
      if (r.hi < lo || r.lo > hi || fromIdx >= to) continue;
      diffA[fromIdx] = (diffA[fromIdx]! + ra) | 0;
      diffA[to] = (diffA[to]! - ra) | 0;
      diffB[fromIdx] = (diffB[fromIdx]! + rb) | 0;
      diffB[to] = (diffB[to]! - rb) | 0;
    }
  }
  const groups = new Map<string, { lo: number; hi: number }[]>();
  let runA = 0;
  let runB = 0;
  for (let k = 0; k < starts.length; k++) {
    runA = (runA + diffA[k]!) | 0;
    runB = (runB + diffB[k]!) | 0;
    const elemLo = starts[k]!;
    const elemHi = k + 1 < starts.length ? starts[k + 1]! - 1 : hi;
    const key = `${runA}:${runB}`;
    const g = groups.get(key);
    if (g) g.push({ lo: elemLo, hi: elemHi });
    else groups.set(key, [{ lo: elemLo, hi: elemHi }]);
  }
  const out: IntervalSet[] = [];
  for (const ranges of groups.values()) {
    const set = IntervalSet.of(ranges).intersect(space);
    if (!set.isEmpty()) out.push(set);
  }
  return out.sort((a, b) => a.min()! - b.min()!);
}
