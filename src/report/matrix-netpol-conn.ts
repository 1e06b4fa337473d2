// A connection set as netpol-analyzer prints it: `All Connections` (TCP, UDP
// and SCTP, every destination port 1-65535) or protocol groups SCTP < TCP <
// UDP such as `TCP 8080,UDP 53-54`. Only TCP/UDP/SCTP destination ports are
// shown: Kubernetes policies never name ICMP or source ports.

import type { ConnSet } from '../analysis/connset.js';
import { IntervalSet } from '../model/intervals.js';
import { PROTO } from '../model/packet.js';

export const NETPOL_CONN_PROTOCOLS: readonly (readonly [string, number])[] = [
  ['SCTP', PROTO.SCTP],
  ['TCP', PROTO.TCP],
  ['UDP', PROTO.UDP],
];
export const NETPOL_PORTS = IntervalSet.range(1, 65535);

export const ALL_CONNECTIONS = 'All Connections';

/** Destination ports 1-65535 the set allows for a protocol (whatever the source port). */
export function netpolPorts(set: ConnSet, protocol: number): IntervalSet {
  let ports = IntervalSet.EMPTY;
  for (const [protocols, , dst] of set.cubes()) if (protocols.has(protocol)) ports = ports.union(dst);
  return ports.intersect(NETPOL_PORTS);
}

/** `80,8080-8090`. */
export function formatPortList(ports: IntervalSet): string {
  return ports.ranges.map((r) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`)).join(',');
}

/** `All Connections`, protocol groups, or '' when no TCP/UDP/SCTP traffic is allowed. */
export function formatNetpolConn(set: ConnSet): string {
  const groups: string[] = [];
  let all = true;
  for (const [name, number] of NETPOL_CONN_PROTOCOLS) {
    const ports = netpolPorts(set, number);
    if (!ports.equals(NETPOL_PORTS)) all = false;
    if (ports.isEmpty()) continue;
    groups.push(`${name} ${formatPortList(ports)}`);
  }
  return all ? ALL_CONNECTIONS : groups.join(',');
}
