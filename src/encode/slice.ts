// Slicing: before anything is encoded, drop rules whose match cannot overlap
// the query's packet space (its traffic, the addresses and identities each
// side may have, and per filter the peers its owners may meet). Dropping a
// rule that never matches within the space leaves first-match and union
// semantics unchanged there. Interval tests only, allocation-free; the address
// sets a filter's rules share are tested once per group of rules.

import type { Filter, PacketMatch } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { PROTO } from '../model/packet.js';
import type { TrafficSpec } from '../queries/query.js';
import type { Scene, SceneSide } from './scene.js';
import { PORT_PROTOCOLS, trafficProtocols } from './traffic.js';
import { memoized } from './memo.js';

export interface QuerySpace {
  readonly protocols: IntervalSet;
  readonly dstPorts?: IntervalSet;
  readonly from: SceneSide;
  readonly to: SceneSide;
  /**
   * Per filter id, the endpoints (sorted indexes) that can be the peer of the
   * filter's owners in a flow the query asks about: sources for an ingress
   * filter, destinations for an egress filter. A filter not listed may meet
   * any endpoint of the other side. (A tenant-isolation query asks only about
   * peers of another tenant.)
   */
  readonly peersByFilter?: ReadonlyMap<string, readonly number[]>;
}

export function querySpace(
  scene: Scene,
  traffic: TrafficSpec | undefined,
  peersByFilter?: ReadonlyMap<string, readonly number[]>,
): QuerySpace {
  const space = { protocols: trafficProtocols(traffic), from: scene.from, to: scene.to, ...(peersByFilter === undefined ? {} : { peersByFilter }) };
  return traffic?.dstPorts === undefined ? space : { ...space, dstPorts: traffic.dstPorts };
}

/** Whether some value of sorted `values` lies in `set`. */
export function overlapsSorted(set: IntervalSet, values: readonly number[]): boolean {
  for (const r of set.ranges) {
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid]! < r.lo) lo = mid + 1;
      else hi = mid;
    }
    if (lo < values.length && values[lo]! <= r.hi) return true;
  }
  return false;
}

/**
 * Overlap tests already made, per side (or peer list) and set object: the
 * rules of a policy peer share its set, so a cluster's filters repeat the
 * same few thousand sets across a million rules.
 */
const OVERLAPS = new WeakMap<object, WeakMap<IntervalSet, boolean>>();

function addressesOverlap(set: IntervalSet | undefined, side: SceneSide): boolean {
  return set === undefined || memoized(OVERLAPS, side, set, () => overlapsSorted(set, side.representativeIps) || set.overlaps(side.internet));
}

function identitiesOverlap(set: IntervalSet | undefined, endpoints: readonly number[]): boolean {
  return set === undefined || memoized(OVERLAPS, endpoints, set, () => overlapsSorted(set, endpoints));
}

const ICMP_ONLY = IntervalSet.point(PROTO.ICMP);

/** Whether the three sets (c: no constraint when undefined) have a common value; allocates nothing. */
function meet3(a: IntervalSet, b: IntervalSet, c: IntervalSet | undefined): boolean {
  for (const ra of a.ranges) {
    for (const rb of b.ranges) {
      const lo = Math.max(ra.lo, rb.lo);
      const hi = Math.min(ra.hi, rb.hi);
      if (lo > hi) continue;
      if (c === undefined) return true;
      for (const rc of c.ranges) if (Math.max(lo, rc.lo) <= Math.min(hi, rc.hi)) return true;
    }
  }
  return false;
}

const ALL_PORTS = IntervalSet.range(0, 65535);

/** Whether some packet of the space has `m`'s protocol, port and ICMP fields. Allocates nothing. */
function fieldsFit(m: PacketMatch, space: QuerySpace): boolean {
  const ported = m.srcPorts !== undefined || m.dstPorts !== undefined;
  const icmp = m.icmpTypes !== undefined || m.icmpCodes !== undefined;
  if (ported && icmp) return false;
  const kind = ported ? PORT_PROTOCOLS : icmp ? ICMP_ONLY : undefined;
  if (m.protocols === undefined ? kind !== undefined && !space.protocols.overlaps(kind) : !meet3(m.protocols, space.protocols, kind)) return false;
  if (m.dstPorts !== undefined && space.dstPorts !== undefined && !m.dstPorts.overlaps(space.dstPorts)) return false;
  return m.srcPorts === undefined || m.srcPorts.overlaps(ALL_PORTS);
}

/** Whether the address and identity sets of `m` (a rule of `filter`, when given) meet the space. */
function addressesFit(m: PacketMatch, space: QuerySpace, filter?: Filter): boolean {
  if (!addressesOverlap(m.srcIps, space.from) || !addressesOverlap(m.dstIps, space.to)) return false;
  if (m.srcEndpoints === undefined && m.dstEndpoints === undefined) return true;
  const peers = filter === undefined ? undefined : space.peersByFilter?.get(filter.id);
  const sources = peers !== undefined && filter?.direction === 'ingress' ? peers : space.from.sortedEndpointIndexes;
  const destinations = peers !== undefined && filter?.direction === 'egress' ? peers : space.to.sortedEndpointIndexes;
  return identitiesOverlap(m.srcEndpoints, sources) && identitiesOverlap(m.dstEndpoints, destinations);
}

/** False only when no packet of the space can match `m` (a rule of `filter`, when given). Allocates nothing. */
export function canMatch(m: PacketMatch, space: QuerySpace, filter?: Filter): boolean {
  return fieldsFit(m, space) && addressesFit(m, space, filter);
}

/**
 * A filter's rules by their address and identity sets (the same objects):
 * one policy peer gives a rule per protocol, all with its sets, so slicing
 * tests the sets once per group. Built once per filter.
 */
const ADDRESS_GROUPS = new WeakMap<Filter, { readonly first: Int32Array; readonly members: readonly Int32Array[] }>();

/** The value of `key` in `map`, made on first use. */
function level<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

function addressGroups(filter: Filter): { readonly first: Int32Array; readonly members: readonly Int32Array[] } {
  let groups = ADDRESS_GROUPS.get(filter);
  if (groups === undefined) {
    const byKey = new Map<IntervalSet | undefined, Map<IntervalSet | undefined, Map<IntervalSet | undefined, Map<IntervalSet | undefined, number[]>>>>();
    const lists: number[][] = [];
    filter.rules.forEach((r, i) => {
      const m = r.match;
      const bySrcEp = level(byKey, m.srcIps, () => new Map());
      const byDstIps = level(bySrcEp, m.srcEndpoints, () => new Map());
      const byDstEp = level(byDstIps, m.dstIps, () => new Map());
      level(byDstEp, m.dstEndpoints, () => {
        const list: number[] = [];
        lists.push(list);
        return list;
      }).push(i);
    });
    groups = { first: Int32Array.from(lists, (l) => l[0]!), members: lists.map((l) => Int32Array.from(l)) };
    ADDRESS_GROUPS.set(filter, groups);
  }
  return groups;
}

/** The rules of `filter` that can match within the space, in order. */
export function sliceRules(filter: Filter, space: QuerySpace): Filter['rules'] {
  const { first, members } = addressGroups(filter);
  const keep = new Uint8Array(filter.rules.length);
  for (let g = 0; g < first.length; g++) {
    if (!addressesFit(filter.rules[first[g]!]!.match, space, filter)) continue;
    for (const i of members[g]!) if (fieldsFit(filter.rules[i]!.match, space)) keep[i] = 1;
  }
  return filter.rules.filter((_, i) => keep[i] === 1);
}
