// Traffic specifications (protocols and destination ports) as formulas and as
// concrete predicates, plus the well-formedness of packets: fields a protocol
// does not carry are 0. A destination-port restriction only admits packets of
// protocols that carry ports, as in PacketMatch.

import { IntervalSet } from '../model/intervals.js';
import { hasPorts, PROTO, type Packet } from '../model/packet.js';
import type { TrafficSpec } from '../queries/query.js';
import type { TermFactory } from './factory.js';
import type { FormulaVars } from './variables.js';
import type { Term } from './term.js';

export const PORT_PROTOCOLS = IntervalSet.points([PROTO.TCP, PROTO.UDP, PROTO.SCTP]);
export const ALL_PROTOCOLS = IntervalSet.range(0, 255);

export function carriesPortsTerm(f: TermFactory, v: FormulaVars): Term {
  return f.inSet(v.header.protocol, PORT_PROTOCOLS);
}

export function isIcmpTerm(f: TermFactory, v: FormulaVars): Term {
  return f.eq(v.header.protocol, f.bv(PROTO.ICMP, 8));
}

export function wellFormedTerm(f: TermFactory, v: FormulaVars): Term {
  const h = v.header;
  const zero16 = f.bv(0, 16);
  const zero8 = f.bv(0, 8);
  return f.and(
    f.or(carriesPortsTerm(f, v), f.and(f.eq(h.srcPort, zero16), f.eq(h.dstPort, zero16))),
    f.or(isIcmpTerm(f, v), f.and(f.eq(h.icmpType, zero8), f.eq(h.icmpCode, zero8))),
  );
}

export function trafficTerm(f: TermFactory, v: FormulaVars, spec: TrafficSpec | undefined): Term {
  if (spec === undefined) return f.TRUE;
  return f.and(
    spec.protocols === undefined ? f.TRUE : f.inSet(v.header.protocol, spec.protocols),
    spec.dstPorts === undefined ? f.TRUE : f.and(carriesPortsTerm(f, v), f.inSet(v.header.dstPort, spec.dstPorts)),
  );
}

export function trafficMatches(spec: TrafficSpec | undefined, p: Packet): boolean {
  if (spec === undefined) return true;
  if (spec.protocols !== undefined && !spec.protocols.has(p.protocol)) return false;
  if (spec.dstPorts !== undefined && (!hasPorts(p.protocol) || !spec.dstPorts.has(p.dstPort))) return false;
  return true;
}

/** Protocols a packet of the traffic may have. */
export function trafficProtocols(spec: TrafficSpec | undefined): IntervalSet {
  let protocols = spec?.protocols?.intersect(ALL_PROTOCOLS) ?? ALL_PROTOCOLS;
  if (spec?.dstPorts !== undefined) protocols = protocols.intersect(PORT_PROTOCOLS);
  return protocols;
}
