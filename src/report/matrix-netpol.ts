// The connectivity matrix in np-guard netpol-analyzer's text format, one line
// per ordered pair with some allowed traffic, sorted:
//
//     <src> => <dst> : <conn>
//
// Internal parties print by name (`ns/name[Kind]`), external ones as
// `A.B.C.D-E.F.G.H[External]` (one line per maximal interval with the same
// connections, so intervals of one peer and direction are disjoint).
// `<conn>` is `All Connections` (TCP, UDP and SCTP, every destination port
// 1-65535) or protocol groups SCTP < TCP < UDP such as
// `TCP 8080,UDP 53-54`. Only TCP/UDP/SCTP destination ports are shown:
// Kubernetes policies never name ICMP or source ports. Self pairs are never listed.

import type { ConnSet } from '../analysis/connset.js';
import type { Matrix, MatrixParty } from '../analysis/matrix.js';
import { IntervalSet } from '../model/intervals.js';
import { formatIpv4 } from '../model/ip.js';
import { PROTO } from '../model/packet.js';

const NETPOL_PROTOCOLS: readonly (readonly [string, number])[] = [
  ['SCTP', PROTO.SCTP],
  ['TCP', PROTO.TCP],
  ['UDP', PROTO.UDP],
];
const PORTS = IntervalSet.range(1, 65535);

export const ALL_CONNECTIONS = 'All Connections';

/** Destination ports 1-65535 the set allows for a protocol (whatever the source port). */
export function netpolPorts(set: ConnSet, protocol: number): IntervalSet {
  let ports = IntervalSet.EMPTY;
  for (const [protocols, , dst] of set.cubes()) if (protocols.has(protocol)) ports = ports.union(dst);
  return ports.intersect(PORTS);
}

/** `All Connections`, protocol groups, or '' when no TCP/UDP/SCTP traffic is allowed. */
export function formatNetpolConn(set: ConnSet): string {
  const groups: string[] = [];
  let all = true;
  for (const [name, number] of NETPOL_PROTOCOLS) {
    const ports = netpolPorts(set, number);
    if (!ports.equals(PORTS)) all = false;
    if (ports.isEmpty()) continue;
    groups.push(`${name} ${ports.ranges.map((r) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`)).join(',')}`);
  }
  return all ? ALL_CONNECTIONS : groups.join(',');
}

function externalTexts(addresses: IntervalSet): string[] {
  return addresses.ranges.map((r) => `${formatIpv4(r.lo)}-${formatIpv4(r.hi)}[External]`);
}

function internalName(p: MatrixParty): string {
  return p.kind === 'endpoint' ? p.name : '';
}

/** The lines of the matrix in netpol-analyzer's format, sorted (no trailing newline). */
export function formatNetpolMatrix(matrix: Matrix): string[] {
  const lines: string[] = [];
  /** (internal party, direction, conn) → external addresses, merged before printing. */
  const external = new Map<string, { internal: string; outbound: boolean; conn: string; addresses: IntervalSet }>();
  const connText = new Map<ConnSet, string>();
  matrix.forEachEntry((e) => {
    let conn = connText.get(e.allowed);
    if (conn === undefined) {
      conn = formatNetpolConn(e.allowed);
      connText.set(e.allowed, conn);
    }
    if (conn === '') return;
    if (e.src.kind === 'endpoint' && e.dst.kind === 'endpoint') {
      if (e.src.index !== e.dst.index) lines.push(`${e.src.name} => ${e.dst.name} : ${conn}`);
      return;
    }
    const outbound = e.dst.kind === 'external';
    const ext = outbound ? e.dst : e.src;
    const internal = internalName(outbound ? e.src : e.dst);
    const key = `${internal}\u0000${outbound ? 1 : 0}\u0000${conn}`;
    const known = external.get(key);
    if (known === undefined) external.set(key, { internal, outbound, conn, addresses: ext.addresses });
    else known.addresses = known.addresses.union(ext.addresses);
  });
  for (const x of external.values()) {
    for (const ext of externalTexts(x.addresses)) {
      lines.push(x.outbound ? `${x.internal} => ${ext} : ${x.conn}` : `${ext} => ${x.internal} : ${x.conn}`);
    }
  }
  return [...new Set(lines)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
