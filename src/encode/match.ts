// A PacketMatch as a formula over the header and the two class variables.
// Identity sets (srcEndpoints/dstEndpoints) become sets of class ids: classes
// are uniform in every identity set, and the internet class is in none.

import type { PacketMatch } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { PROTO } from '../model/packet.js';
import type { TermFactory } from './factory.js';
import type { Scene, SceneSide } from './scene.js';
import type { Term } from './term.js';
import { lowerBound } from '../model/search.js';
import { memoized } from './memo.js';
import { PORT_PROTOCOLS } from './traffic.js';
import type { FormulaVars } from './variables.js';

/** Ids of the classes on `side` whose endpoints are in `set`. */
export function classIdsIn(scene: Scene, side: SceneSide, set: IntervalSet): IntervalSet {
  const ids: number[] = [];
  const sorted = side.sortedEndpointIndexes;
  for (const r of set.ranges) {
    for (let k = lowerBound(sorted, r.lo); k < sorted.length && sorted[k]! <= r.hi; k++) {
      for (const c of scene.classesOfEndpoint.get(sorted[k]!) ?? []) ids.push(c);
    }
  }
  return IntervalSet.points(ids);
}

/** Ids of the classes whose representative address is in `set` (ids follow address order). */
export function classIdsWithAddressIn(scene: Scene, set: IntervalSet): IntervalSet {
  const reps = scene.representativeIps;
  return IntervalSet.of(set.ranges.map((r) => ({ lo: lowerBound(reps, r.lo), hi: lowerBound(reps, r.hi + 1) - 1 })));
}

/**
 * An address test on one side: internal classes by id (every member of a
 * class is alike, and ids follow representative addresses), the internet
 * class by its address variable.
 */
function addressTerm(f: TermFactory, scene: Scene, side: SceneSide, cls: Term, address: Term, set: IntervalSet): Term {
  const internal = f.inSet(cls, classIdsWithAddressIn(scene, set));
  if (side.internet.isEmpty()) return internal;
  const external = set.intersect(side.internet);
  if (external.isEmpty()) return internal;
  return f.or(internal, f.and(f.eq(cls, f.bv(scene.internetClass, scene.classWidth)), f.inSet(address, external)));
}

/**
 * Terms already built, per formula (its variables), part of the match and
 * set object: a security group's members, referenced by many rules, are one
 * shared address set, and its term (a disjunction of class-id runs) is built
 * once; so are the port lists and protocols policies share.
 */
const SIDE_TERMS = {
  protocols: new WeakMap<FormulaVars, WeakMap<IntervalSet, Term>>(),
  srcPorts: new WeakMap<FormulaVars, WeakMap<IntervalSet, Term>>(),
  dstPorts: new WeakMap<FormulaVars, WeakMap<IntervalSet, Term>>(),
  srcIps: new WeakMap<FormulaVars, WeakMap<IntervalSet, Term>>(),
  dstIps: new WeakMap<FormulaVars, WeakMap<IntervalSet, Term>>(),
  srcEndpoints: new WeakMap<FormulaVars, WeakMap<IntervalSet, Term>>(),
  dstEndpoints: new WeakMap<FormulaVars, WeakMap<IntervalSet, Term>>(),
};

export function matchTerm(f: TermFactory, v: FormulaVars, scene: Scene, m: PacketMatch): Term {
  const h = v.header;
  const parts: Term[] = [];
  const srcIps = m.srcIps;
  const dstIps = m.dstIps;
  const protocols = m.protocols;
  const srcPorts = m.srcPorts;
  const dstPorts = m.dstPorts;
  // Port and protocol sets are shared by the rules of a policy (and across
  // policies): their terms too.
  if (protocols !== undefined) parts.push(memoized(SIDE_TERMS.protocols, v, protocols, () => f.inSet(h.protocol, protocols)));
  if (srcIps !== undefined) parts.push(memoized(SIDE_TERMS.srcIps, v, srcIps, () => addressTerm(f, scene, scene.from, v.src.cls, h.srcIp, srcIps)));
  if (dstIps !== undefined) parts.push(memoized(SIDE_TERMS.dstIps, v, dstIps, () => addressTerm(f, scene, scene.to, v.dst.cls, h.dstIp, dstIps)));
  if (srcPorts !== undefined || dstPorts !== undefined) {
    parts.push(memoized(SIDE_TERMS.protocols, v, PORT_PROTOCOLS, () => f.inSet(h.protocol, PORT_PROTOCOLS)));
    if (srcPorts !== undefined) parts.push(memoized(SIDE_TERMS.srcPorts, v, srcPorts, () => f.inSet(h.srcPort, srcPorts)));
    if (dstPorts !== undefined) parts.push(memoized(SIDE_TERMS.dstPorts, v, dstPorts, () => f.inSet(h.dstPort, dstPorts)));
  }
  if (m.icmpTypes !== undefined || m.icmpCodes !== undefined) {
    parts.push(f.eq(h.protocol, f.bv(PROTO.ICMP, 8)));
    if (m.icmpTypes !== undefined) parts.push(f.inSet(h.icmpType, m.icmpTypes));
    if (m.icmpCodes !== undefined) parts.push(f.inSet(h.icmpCode, m.icmpCodes));
  }
  const srcEndpoints = m.srcEndpoints;
  const dstEndpoints = m.dstEndpoints;
  if (srcEndpoints !== undefined) parts.push(memoized(SIDE_TERMS.srcEndpoints, v, srcEndpoints, () => f.inSet(v.src.cls, classIdsIn(scene, scene.from, srcEndpoints))));
  if (dstEndpoints !== undefined) parts.push(memoized(SIDE_TERMS.dstEndpoints, v, dstEndpoints, () => f.inSet(v.dst.cls, classIdsIn(scene, scene.to, dstEndpoints))));
  return f.and(...parts);
}
