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

function protocolSet(p: Protocol): IntervalSet {
  return IntervalSet.point(PROTOCOL_NUMBER[p]);
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

export function networkPolicyPortPieces(ctx: ConvertContext, ports: 'all' | readonly NetworkPolicyPort[], unresolved: UnresolvedPort): PortPiece[] {
  if (ports === 'all') return [ALL_PORTS_PIECE];
  return ports.flatMap((p): readonly PortPiece[] => {
    switch (p.kind) {
      case 'all':
        return [{ protocols: protocolSet(p.protocol), text: p.protocol }];
      case 'range':
        return [
          {
            protocols: protocolSet(p.protocol),
            dstPorts: IntervalSet.range(p.from, p.to),
            text: `${p.protocol} ${p.from === p.to ? p.from : `${p.from}-${p.to}`}`,
          },
        ];
      case 'named':
        return namedPieces(ctx, p.name, p.protocol, p.location, unresolved);
    }
  });
}

export function adminPortPieces(ctx: ConvertContext, ports: 'all' | readonly AdminPort[], unresolved: UnresolvedPort): PortPiece[] {
  if (ports === 'all') return [ALL_PORTS_PIECE];
  return ports.flatMap((p): readonly PortPiece[] => {
    switch (p.kind) {
      case 'number':
        return [{ protocols: protocolSet(p.protocol), dstPorts: IntervalSet.point(p.port), text: `${p.protocol} ${p.port}` }];
      case 'range':
        return [{ protocols: protocolSet(p.protocol), dstPorts: IntervalSet.range(p.start, p.end), text: `${p.protocol} ${p.start}-${p.end}` }];
      case 'named':
        return namedPieces(ctx, p.name, undefined, p.location, unresolved);
    }
  });
}
