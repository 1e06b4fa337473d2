// Printing connection sets: netproof's own style ("TCP dst 443, UDP 53 …") and
// the np-guard AWS style ("protocol: TCP src-ports: 1-9079 dst-ports: 9080",
// cubes joined by "; ", "All Connections"). np-guard models TCP, UDP and ICMP
// with ports 1-65535 only, so its style shows the set projected onto that
// domain (`NPGUARD_DOMAIN`).

import { IntervalSet } from '../model/intervals.js';
import { PROTO, protocolName } from '../model/packet.js';
import { ALL_ICMP_CODES, ALL_ICMP_TYPES, ALL_PORTS, ConnSet, ICMP_PROTOCOL, PORT_PROTOCOLS } from './connset.js';

/** Ports np-guard models (port 0 is outside its model). */
export const NPGUARD_PORTS = IntervalSet.range(1, 65535);

/** Everything np-guard can express: TCP and UDP on ports 1-65535, and all of ICMP. */
export const NPGUARD_DOMAIN = ConnSet.ports(IntervalSet.points([PROTO.TCP, PROTO.UDP]), NPGUARD_PORTS, NPGUARD_PORTS).union(ConnSet.icmp());

export function projectNpGuard(set: ConnSet): ConnSet {
  return set.intersect(NPGUARD_DOMAIN);
}

function protocolList(protocols: IntervalSet): string {
  const names: string[] = [];
  for (const r of protocols.ranges) for (let p = r.lo; p <= r.hi; p++) names.push(protocolName(p));
  return names.sort().join(',');
}

/** np-guard AWS style, of the set projected onto `NPGUARD_DOMAIN`. */
export function formatNpGuard(set: ConnSet): string {
  const s = projectNpGuard(set);
  if (s.isEmpty()) return 'No Connections';
  if (s.equals(NPGUARD_DOMAIN)) return 'All Connections';
  const items: string[] = [];
  for (const [protocols, a, b] of s.cubes()) {
    const ported = protocols.intersect(PORT_PROTOCOLS);
    if (!ported.isEmpty()) {
      let text = `protocol: ${protocolList(ported)}`;
      if (!a.equals(NPGUARD_PORTS)) text += ` src-ports: ${a.key()}`;
      if (!b.equals(NPGUARD_PORTS)) text += ` dst-ports: ${b.key()}`;
      items.push(text);
    }
    if (protocols.overlaps(ICMP_PROTOCOL)) {
      let text = 'protocol: ICMP';
      if (!a.equals(ALL_ICMP_TYPES) || !b.equals(ALL_ICMP_CODES)) text += ` icmp-type: ${a.key()}`;
      if (!b.equals(ALL_ICMP_CODES)) text += ` icmp-code: ${b.key()}`;
      items.push(text);
    }
  }
  return items.sort().join('; ');
}

const PROTOCOL_ORDER: Readonly<Record<string, number>> = { TCP: 0, UDP: 1, SCTP: 2, ICMP: 3 };

function byProtocolName(a: string, b: string): number {
  const ka = PROTOCOL_ORDER[a.split(/[ ,]/)[0]!] ?? 9;
  const kb = PROTOCOL_ORDER[b.split(/[ ,]/)[0]!] ?? 9;
  return ka - kb || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * netproof's own style: "all traffic", "none", or items joined by ", " such
 * as "TCP 443", "TCP,UDP 53", "TCP src 1024-65535 dst 80", "UDP", "ICMP type 8
 * code 0", "proto-47". Ports shown alone are destination ports.
 */
export function formatConnSet(set: ConnSet): string {
  if (set.isEmpty()) return 'none';
  if (set.isAll()) return 'all traffic';
  const items: string[] = [];
  for (const [protocols, a, b] of set.cubes()) {
    const ported = protocols.intersect(PORT_PROTOCOLS);
    if (!ported.isEmpty()) {
      let text = protocolList(ported);
      const allSrc = a.equals(ALL_PORTS);
      const allDst = b.equals(ALL_PORTS);
      if (!allSrc) text += ` src ${a.key()}`;
      if (!allDst) text += allSrc ? ` ${b.key()}` : ` dst ${b.key()}`;
      items.push(text);
    }
    if (protocols.overlaps(ICMP_PROTOCOL)) {
      let text = 'ICMP';
      if (!a.equals(ALL_ICMP_TYPES)) text += ` type ${a.key()}`;
      if (!b.equals(ALL_ICMP_CODES)) text += ` code ${b.key()}`;
      items.push(text);
    }
    const others = protocols.subtract(PORT_PROTOCOLS).subtract(ICMP_PROTOCOL);
    if (!others.isEmpty()) {
      items.push(others.ranges.map((r) => (r.lo === r.hi ? protocolName(r.lo) : `proto-${r.lo}-${r.hi}`)).join(','));
    }
  }
  return items.sort(byProtocolName).join(', ');
}
