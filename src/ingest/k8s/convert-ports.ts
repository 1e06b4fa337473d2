// Policy ports → the non-address part of model matches. A port list becomes
// "pieces": each a protocol with destination ports, and, for a named port,
// the destination pods on which the name resolves to that number (by name AND
// protocol for NetworkPolicy, by name for AdminNetworkPolicy, which carries no
// protocol). An unresolved name yields no piece: it allows nothing.

import { IntervalSet } from '../../model/intervals.js';
import { PROTO } from '../../model/packet.js';
import type { ConvertContext } from './convert-context.js';
import type { SourceLocation } from '../../model/provenance.js';
import type { AdminPort, NetworkPolicyPort, Protocol } from './types.js';

export interface PortPiece {
  readonly protocols?: IntervalSet;
  readonly dstPorts?: IntervalSet;
  /** Destination pods a named port resolved on. */
  readonly dstEndpoints?: IntervalSet;
  /** e.g. "TCP 8080", "UDP 53-55", "TCP http=8080"; empty for "all ports". */
  readonly text: string;
}

/** Told about a named port that resolves on no pod (it yields no piece). */
export type UnresolvedPort = (name: string, protocol: Protocol | undefined, location: SourceLocation) => void;

export const PROTOCOL_NUMBER: Readonly<Record<Protocol, number>> = { TCP: PROTO.TCP, UDP: PROTO.UDP, SCTP: PROTO.SCTP };

/** "all ports, all protocols": no constraint. */
export const ALL_PORTS_PIECE: PortPiece = { text: '' };

const PROTOCOL_SETS: Readonly<Record<Protocol, IntervalSet>> = {
  TCP: IntervalSet.point(PROTO.TCP),
  UDP: IntervalSet.point(PROTO.UDP),
  SCTP: IntervalSet.point(PROTO.SCTP),
};

function protocolSet(p: Protocol): IntervalSet {
  return PROTOCOL_SETS[p];
}

/** Pieces of a named port, per (name, protocol), shared by every rule that names it. */
const NAMED_PIECES = new WeakMap<ConvertContext, Map<string, readonly PortPiece[]>>();

/** Pieces of a named port: one per (protocol, number) it resolves to on some pod. */
function namedPieces(ctx: ConvertContext, name: string, protocol: Protocol | undefined, location: SourceLocation, unresolved: UnresolvedPort): readonly PortPiece[] {
  let memo = NAMED_PIECES.get(ctx);
  if (memo === undefined) {
    memo = new Map();
    NAMED_PIECES.set(ctx, memo);
  }
  const key = `${protocol ?? '*'}/${name}`;
  let pieces = memo.get(key);
  if (pieces === undefined) {
    const groups = new Map<string, { protocol: Protocol; port: number; pods: number[] }>();
    for (const { pod, port: cp } of ctx.portsNamed(name)) {
      if (protocol !== undefined && cp.protocol !== protocol) continue;
      const groupKey = `${cp.protocol}/${cp.port}`;
      const g = groups.get(groupKey) ?? { protocol: cp.protocol, port: cp.port, pods: [] };
      // Pods come in ascending order: a repeat of this pod is the last one.
      if (g.pods[g.pods.length - 1] !== pod) g.pods.push(pod);
      groups.set(groupKey, g);
    }
    pieces = [...groups.values()].map((g) => ({
      protocols: protocolSet(g.protocol),
      dstPorts: IntervalSet.point(g.port),
      dstEndpoints: IntervalSet.points(g.pods),
      text: `${g.protocol} ${name}=${g.port}`,
    }));
    memo.set(key, pieces);
  }
  if (pieces.length === 0) unresolved(name, protocol, location);
  return pieces;
}

/** A port or range of one protocol without a name, or (no range) the whole protocol. */
interface PlainPort {
  readonly protocol: Protocol;
  readonly range?: { readonly from: number; readonly to: number };
}

/**
 * Plain ports joined per protocol, in order of first mention: one piece for
 * "TCP 80, 443, 8000-9000" rather than three. The pieces of one policy rule
 * share its peers and its action, so the union is exact under both union and
 * first-match semantics, and a large policy set keeps a rule per (peer,
 * protocol) instead of one per (peer, port).
 */
function joinedPlainPieces(plain: readonly PlainPort[]): PortPiece[] {
  const byProtocol = new Map<Protocol, { whole: boolean; ranges: { from: number; to: number }[] }>();
  for (const p of plain) {
    let g = byProtocol.get(p.protocol);
    if (g === undefined) {
      g = { whole: false, ranges: [] };
      byProtocol.set(p.protocol, g);
    }
    if (p.range === undefined) g.whole = true;
    else if (!g.ranges.some((r) => r.from === p.range!.from && r.to === p.range!.to)) g.ranges.push(p.range);
  }
  return [...byProtocol].map(([protocol, g]): PortPiece => {
    if (g.whole) return { protocols: protocolSet(protocol), text: protocol };
    const list = g.ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(', ');
    return { protocols: protocolSet(protocol), dstPorts: IntervalSet.of(g.ranges.map((r) => ({ lo: r.from, hi: r.to }))), text: `${protocol} ${list}` };
  });
}

export function networkPolicyPortPieces(ctx: ConvertContext, ports: 'all' | readonly NetworkPolicyPort[], unresolved: UnresolvedPort): PortPiece[] {
  if (ports === 'all') return [ALL_PORTS_PIECE];
  const plain: PlainPort[] = [];
  const named: PortPiece[] = [];
  for (const p of ports) {
    if (p.kind === 'all') plain.push({ protocol: p.protocol });
    else if (p.kind === 'range') plain.push({ protocol: p.protocol, range: { from: p.from, to: p.to } });
    else named.push(...namedPieces(ctx, p.name, p.protocol, p.location, unresolved));
  }
  return [...joinedPlainPieces(plain), ...named];
}

export function adminPortPieces(ctx: ConvertContext, ports: 'all' | readonly AdminPort[], unresolved: UnresolvedPort): PortPiece[] {
  if (ports === 'all') return [ALL_PORTS_PIECE];
  const plain: PlainPort[] = [];
  const named: PortPiece[] = [];
  for (const p of ports) {
    if (p.kind === 'number') plain.push({ protocol: p.protocol, range: { from: p.port, to: p.port } });
    else if (p.kind === 'range') plain.push({ protocol: p.protocol, range: { from: p.start, to: p.end } });
    else named.push(...namedPieces(ctx, p.name, undefined, p.location, unresolved));
  }
  return [...joinedPlainPieces(plain), ...named];
}
