// The rows of the connectivity matrix as netpol-analyzer lists them: one row
// per ordered pair with some allowed TCP/UDP/SCTP traffic, `src`, `dst` and
// `conn` as texts, sorted by source, destination, then connection.
//
// Internal parties print by name (`ns/name[Kind]`), external ones as
// `A.B.C.D-E.F.G.H[External]` (one row per maximal interval with the same
// connections, so intervals of one peer and direction are disjoint). Self
// pairs are never listed. Every format (txt, json, csv, md, dot) prints these rows.

import type { ConnSet } from '../analysis/connset.js';
import type { Matrix, MatrixParty } from '../analysis/matrix.js';
import { IntervalSet } from '../model/intervals.js';
import { formatIpv4 } from '../model/ip.js';
import { formatNetpolConn } from './matrix-netpol-conn.js';

export interface NetpolPeer {
  /** `ns/name[Kind]` or `A.B.C.D-E.F.G.H[External]`. */
  readonly text: string;
  readonly external: boolean;
  /** Index of the internal party in `estate.endpoints`; undefined for an external peer. */
  readonly endpointIndex?: number;
  /** The external addresses the peer stands for (internal peers: undefined). */
  readonly addresses?: IntervalSet;
}

export interface NetpolRow {
  readonly src: NetpolPeer;
  readonly dst: NetpolPeer;
  readonly conn: string;
  /** The full allowed set behind `conn` (for explanations). */
  readonly allowed: ConnSet;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareRows(a: NetpolRow, b: NetpolRow): number {
  return compareText(a.src.text, b.src.text) || compareText(a.dst.text, b.dst.text) || compareText(a.conn, b.conn);
}

function internalPeer(p: MatrixParty & { kind: 'endpoint' }): NetpolPeer {
  return { text: p.name, external: false, endpointIndex: p.index };
}

function externalPeers(addresses: IntervalSet): NetpolPeer[] {
  return addresses.ranges.map((r) => {
    return { text: `${formatIpv4(r.lo)}-${formatIpv4(r.hi)}[External]`, external: true, addresses: IntervalSet.range(r.lo, r.hi) };
  });
}

export interface NetpolRowOptions {
  /** Also list pairs with no allowed TCP/UDP/SCTP traffic (their `conn` is ''); for explanations. */
  readonly includeDenied?: boolean;
}

/** The rows of the matrix, sorted; pairs whose traffic has no TCP/UDP/SCTP port are left out unless asked for. */
export function netpolRows(matrix: Matrix, options: NetpolRowOptions = {}): NetpolRow[] {
  const rows: NetpolRow[] = [];
  /** (internal party, direction, conn) → merged external addresses. */
  const external = new Map<string, { internal: NetpolPeer; outbound: boolean; conn: string; allowed: ConnSet; addresses: IntervalSet }>();
  const connText = new Map<ConnSet, string>();
  const seen = new Set<string>();
  matrix.forEachEntry((e) => {
    let conn = connText.get(e.allowed);
    if (conn === undefined) {
      conn = formatNetpolConn(e.allowed);
      connText.set(e.allowed, conn);
    }
    if (conn === '' && options.includeDenied !== true) return;
    if (e.src.kind === 'endpoint' && e.dst.kind === 'endpoint') {
      if (e.src.index === e.dst.index) return;
      const key = `${e.src.name}\u0000${e.dst.name}\u0000${conn}`;
      if (seen.has(key)) return;
      seen.add(key);
      rows.push({ src: internalPeer(e.src), dst: internalPeer(e.dst), conn, allowed: e.allowed });
      return;
    }
    const outbound = e.dst.kind === 'external';
    const ext = outbound ? e.dst : e.src;
    const inside = outbound ? e.src : e.dst;
    if (inside.kind !== 'endpoint') return;
    const key = `${inside.name}\u0000${outbound ? 1 : 0}\u0000${conn}`;
    const known = external.get(key);
    if (known === undefined) external.set(key, { internal: internalPeer(inside), outbound, conn, allowed: e.allowed, addresses: ext.addresses });
    else known.addresses = known.addresses.union(ext.addresses);
  });
  for (const x of external.values()) {
    for (const ext of externalPeers(x.addresses)) {
      rows.push(x.outbound ? { src: x.internal, dst: ext, conn: x.conn, allowed: x.allowed } : { src: ext, dst: x.internal, conn: x.conn, allowed: x.allowed });
    }
  }
  return rows.sort(compareRows);
}
