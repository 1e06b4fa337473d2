// The units the matrix computes with: groups of addresses every rule treats
// alike. At endpoint level they are the endpoint classes of
// `partitionEndpoints`; at segment level each segment's range is cut where the
// address sets of the rules its layers use begin or end, and pieces that every
// such rule treats alike are joined. The internet is split with
// `partitionAddresses`. A unit's representative address stands for all of it.
// An endpoint without addresses (a Kubernetes pod, known by labels) is a unit
// of its own whose representative address is ADDRESSLESS_IP, a sentinel below
// every address, so no address set of any rule contains it.

import { partitionAddresses, partitionEndpoints } from '../model/classes.js';
import type { Endpoint, Estate } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';

export interface UnitMember {
  /** The endpoint (endpoint level) or segment (segment level) that owns the addresses. */
  readonly owner: Endpoint;
  readonly addresses: IntervalSet;
}

export interface Unit {
  readonly index: number;
  readonly kind: 'internal' | 'external';
  /** Internal units: the owner of the representative address. */
  readonly owner?: Endpoint;
  /** The representative address. */
  readonly ip: number;
  /** Identity for `PacketMatch.*Endpoints` (undefined for externals and segments). */
  readonly endpointIndex?: number;
  /** Internal units: addresses per owner. External units: one member-less address set. */
  readonly members: readonly UnitMember[];
  readonly addresses: IntervalSet;
}

/** Units for the internal parties of one level, then one unit per internet piece. */
export interface UnitSet {
  readonly internal: readonly Unit[];
  readonly external: readonly Unit[];
  readonly all: readonly Unit[];
}

/** Representative "address" of an address-less endpoint's unit: in no address set. */
export const ADDRESSLESS_IP = -1;

function endpointUnits(estate: Estate): Unit[] {
  const addressed = estate.endpoints.filter((e) => !e.addresses.isEmpty());
  // Without addressed endpoints (a Kubernetes cluster) there is nothing to partition.
  const classes = addressed.length === 0 ? [] : partitionEndpoints(addressed.length === estate.endpoints.length ? estate : { ...estate, endpoints: addressed }).classes;
  const units: Unit[] = classes.map((c, index) => {
    const byOwner = new Map<Endpoint, { lo: number; hi: number }[]>();
    for (const m of c.members) {
      const list = byOwner.get(m.endpoint);
      if (list) list.push({ lo: m.ip, hi: m.hi });
      else byOwner.set(m.endpoint, [{ lo: m.ip, hi: m.hi }]);
    }
    const members = [...byOwner].map(([owner, ranges]) => ({ owner, addresses: IntervalSet.of(ranges) }));
    const rep = c.representative;
    return {
      index,
      kind: 'internal' as const,
      owner: rep.endpoint,
      ip: rep.ip,
      endpointIndex: rep.endpoint.index,
      members,
      addresses: members.reduce((acc, m) => acc.union(m.addresses), IntervalSet.EMPTY),
    };
  });
  for (const e of estate.endpoints) {
    if (!e.addresses.isEmpty()) continue;
    units.push({
      index: units.length,
      kind: 'internal',
      owner: e,
      ip: ADDRESSLESS_IP,
      endpointIndex: e.index,
      members: [{ owner: e, addresses: IntervalSet.EMPTY }],
      addresses: IntervalSet.EMPTY,
    });
  }
  return units;
}

/** Distinct address sets named by the rules of the filters any segment's layers use. */
function segmentRuleSets(estate: Estate): IntervalSet[] {
  const sets = new Map<string, IntervalSet>();
  const layerIds = new Set<string>();
  for (const segment of estate.segments) for (const id of [...segment.egressLayers, ...segment.ingressLayers]) layerIds.add(id);
  const filterIds = new Set<string>();
  for (const id of layerIds) for (const fid of estate.layers.get(id)?.filterIds ?? []) filterIds.add(fid);
  for (const fid of filterIds) {
    for (const r of estate.filters.get(fid)?.rules ?? []) {
      for (const s of [r.match.srcIps, r.match.dstIps]) if (s !== undefined) sets.set(s.key(), s);
    }
  }
  return [...sets.values()];
}

/**
 * Pieces of `space` with the same membership in every set of `sets`, each a
 * set of (possibly several) ranges, ordered by lowest address.
 */
export function splitBySets(space: IntervalSet, sets: readonly IntervalSet[]): IntervalSet[] {
  if (space.isEmpty()) return [];
  const cuts = new Set<number>();
  for (const s of sets) {
    for (const r of s.ranges) {
      cuts.add(r.lo);
      cuts.add(r.hi + 1);
    }
  }
  const bounds = [...cuts].filter((c) => c > space.min()! && c <= space.max()!).sort((a, b) => a - b);
  const starts = [space.min()!, ...bounds];
  const groups = new Map<string, { lo: number; hi: number }[]>();
  for (let k = 0; k < starts.length; k++) {
    const lo = starts[k]!;
    const hi = k + 1 < starts.length ? starts[k + 1]! - 1 : space.max()!;
    if (!space.overlaps(IntervalSet.range(lo, hi))) continue;
    let key = '';
    for (const s of sets) key += s.has(lo) ? '1' : '0';
    const g = groups.get(key);
    if (g) g.push({ lo, hi });
    else groups.set(key, [{ lo, hi }]);
  }
  return [...groups.values()].map((rs) => IntervalSet.of(rs).intersect(space)).filter((s) => !s.isEmpty()).sort((a, b) => a.min()! - b.min()!);
}

function segmentUnits(estate: Estate): Unit[] {
  const units: Unit[] = [];
  const sets = segmentRuleSets(estate);
  for (const segment of estate.segments) {
    const relevant = sets.filter((s) => s.overlaps(segment.addresses) && !s.containsAll(segment.addresses));
    for (const piece of splitBySets(segment.addresses, relevant)) {
      units.push({ index: units.length, kind: 'internal', owner: segment, ip: piece.min()!, members: [{ owner: segment, addresses: piece }], addresses: piece });
    }
  }
  return units;
}

export function buildUnits(estate: Estate, level: 'endpoints' | 'segments'): UnitSet {
  const internal = level === 'endpoints' ? endpointUnits(estate) : segmentUnits(estate);
  const external: Unit[] = partitionAddresses(estate, estate.internet).map((addresses, i) => ({
    index: internal.length + i,
    kind: 'external' as const,
    ip: addresses.min()!,
    members: [],
    addresses,
  }));
  return { internal, external, all: [...internal, ...external] };
}
