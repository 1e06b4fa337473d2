// One policy rule → model rules: the cross product of its peers and its port
// pieces (plain ports joined per protocol), each with provenance (file, line,
// `ns/policy` or policy name) and a display name such as
// `NetworkPolicy default/backend ingress rule 0: TCP 9090, 9443 from app=frontend`.
// The policy's own pod is not constrained here: the filter is attached only
// to the pods the policy selects.

import type { Direction, PacketMatch, Rule, RuleAction } from '../../model/estate.js';
import type { Provenance, SourceLocation } from '../../model/provenance.js';
import type { PeerPiece } from './convert-peers.js';
import type { PortPiece } from './convert-ports.js';

export interface RuleOrigin {
  /** e.g. "NetworkPolicy default/backend". */
  readonly policyText: string;
  /** `ns/name` or the cluster-scoped name. */
  readonly vendorId: string;
  /** Prefix of rule ids, unique per policy and direction. */
  readonly idPrefix: string;
  readonly direction: Direction;
  readonly index: number;
  /** Rule name (AdminNetworkPolicy rules have one). */
  readonly name?: string;
  readonly location: SourceLocation;
}

function matchOf(direction: Direction, peer: PeerPiece, port: PortPiece): PacketMatch | undefined {
  const m: { -readonly [K in keyof PacketMatch]: PacketMatch[K] } = {};
  if (port.protocols !== undefined) m.protocols = port.protocols;
  if (port.dstPorts !== undefined) m.dstPorts = port.dstPorts;
  if (direction === 'ingress') {
    if (peer.endpoints !== undefined) m.srcEndpoints = peer.endpoints;
    if (peer.ips !== undefined) m.srcIps = peer.ips;
    if (port.dstEndpoints !== undefined) m.dstEndpoints = port.dstEndpoints;
  } else {
    if (peer.ips !== undefined) {
      // A named port resolves on pods only; an address set never matches a pod.
      if (port.dstEndpoints !== undefined) return undefined;
      m.dstIps = peer.ips;
    }
    const dst =
      peer.endpoints === undefined ? port.dstEndpoints : port.dstEndpoints === undefined ? peer.endpoints : peer.endpoints.intersect(port.dstEndpoints);
    if (dst !== undefined) m.dstEndpoints = dst;
  }
  if ([m.srcEndpoints, m.dstEndpoints, m.srcIps, m.dstIps].some((s) => s !== undefined && s.isEmpty())) return undefined;
  return m;
}

/**
 * One flat string of the parts. A template literal or `+` makes a V8 rope (a
 * tree of string pieces); a large cluster holds a million rule names and ids,
 * and their ropes took several times the memory of the text.
 */
function flat(...parts: string[]): string {
  return parts.join('');
}

/**
 * A rule's provenance: the location's fields, then vendor id and name. Built
 * as a literal, not by spreading the location: spread copies gave almost
 * every rule an object shape of its own (a hundred bytes each, a million rules).
 */
function ruleProvenance(loc: SourceLocation, vendorId: string, displayName: string): Provenance {
  const { file, pointer, line } = loc;
  if (pointer !== undefined && line !== undefined) return { file, pointer, line, vendorId, displayName };
  if (pointer !== undefined) return { file, pointer, vendorId, displayName };
  if (line !== undefined) return { file, line, vendorId, displayName };
  return { file, vendorId, displayName };
}

/** Model rules for one policy rule; a piece that can match nothing is left out. */
export function convertRule(origin: RuleOrigin, action: RuleAction, peers: readonly PeerPiece[], ports: readonly PortPiece[]): Rule[] {
  const rules: Rule[] = [];
  const word = origin.direction === 'ingress' ? 'from' : 'to';
  const named = origin.name === undefined ? '' : ` (${origin.name})`;
  const verb = action === 'allow' ? '' : `${action.toUpperCase()} `;
  const head = flat(origin.policyText, ' ', origin.direction, ' rule ', String(origin.index), named, ': ', verb);
  const idPrefix = flat(origin.idPrefix, '/', String(origin.index), '/');
  for (const peer of peers) {
    for (const port of ports) {
      const match = matchOf(origin.direction, peer, port);
      if (match === undefined) continue;
      const what = port.text === '' ? 'all ports' : port.text;
      rules.push({
        id: flat(idPrefix, String(rules.length)),
        action,
        match,
        provenance: ruleProvenance(origin.location, origin.vendorId, flat(head, what, ' ', word, ' ', peer.text)),
      });
    }
  }
  return rules;
}
