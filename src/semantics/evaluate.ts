// The concrete evaluator: the reference semantics of the model. It decides one
// concrete packet between two concrete parties, layer by layer, and says which
// rule decided each layer. It shares no code with the symbolic encoder; every
// witness the solver finds is replayed here before anyone sees it.

import type { Endpoint, Estate, Filter, Layer, PacketMatch, Rule, RuleAction } from '../model/estate.js';
import type { IntervalSet } from '../model/intervals.js';
import { hasIcmp, hasPorts, reversePacket, type Packet } from '../model/packet.js';

/** One side of a flow: an internal endpoint, or an address on the internet. */
export type Party =
  | { readonly kind: 'endpoint'; readonly endpoint: Endpoint }
  | { readonly kind: 'external' };

export interface FilterDecision {
  readonly filter: Filter;
  readonly action: RuleAction;
  /** The deciding rule; undefined when the filter's default decided. */
  readonly rule?: Rule;
}

export interface LayerTrace {
  readonly layer: Layer;
  readonly side: 'source' | 'destination';
  readonly verdict: 'allow' | 'deny' | 'bypassed';
  /**
   * Union layer that allows: the first filter that allows; that denies: every
   * filter. Chain layer: every filter consulted, the decisive one last.
   */
  readonly decisions: readonly FilterDecision[];
}

/** A path condition that is not a policy layer: internet access, routing between networks. */
export interface GateTrace {
  readonly kind: 'internet' | 'network';
  readonly side: 'source' | 'destination' | 'path';
  readonly verdict: 'allow' | 'deny';
  readonly reasons: readonly string[];
  readonly assumptions: readonly string[];
}

export interface PathVerdict {
  readonly allowed: boolean;
  readonly layers: readonly LayerTrace[];
  readonly gate?: GateTrace;
  /** Assumption ids that the deciding rules or gate rest on. */
  readonly assumptions: readonly string[];
}

function inSet(set: IntervalSet | undefined, value: number): boolean {
  return set === undefined || set.has(value);
}

function partyIndex(p: Party): number | undefined {
  return p.kind === 'endpoint' ? p.endpoint.index : undefined;
}

/** An internal endpoint without addresses is matched by no address set. */
function addressless(p: Party): boolean {
  return p.kind === 'endpoint' && p.endpoint.addresses.isEmpty();
}

export function matches(m: PacketMatch, pkt: Packet, src: Party, dst: Party): boolean {
  if (!inSet(m.protocols, pkt.protocol)) return false;
  if (!inSet(m.srcIps, pkt.srcIp) || !inSet(m.dstIps, pkt.dstIp)) return false;
  if ((m.srcIps !== undefined && addressless(src)) || (m.dstIps !== undefined && addressless(dst))) return false;
  if (m.srcPorts !== undefined || m.dstPorts !== undefined) {
    if (!hasPorts(pkt.protocol)) return false;
    if (!inSet(m.srcPorts, pkt.srcPort) || !inSet(m.dstPorts, pkt.dstPort)) return false;
  }
  if (m.icmpTypes !== undefined || m.icmpCodes !== undefined) {
    if (!hasIcmp(pkt.protocol)) return false;
    if (!inSet(m.icmpTypes, pkt.icmpType) || !inSet(m.icmpCodes, pkt.icmpCode)) return false;
  }
  if (m.srcEndpoints !== undefined) {
    const i = partyIndex(src);
    if (i === undefined || !m.srcEndpoints.has(i)) return false;
  }
  if (m.dstEndpoints !== undefined) {
    const i = partyIndex(dst);
    if (i === undefined || !m.dstEndpoints.has(i)) return false;
  }
  return true;
}

export function decideFilter(f: Filter, pkt: Packet, src: Party, dst: Party): FilterDecision {
  for (const rule of f.rules) {
    if (!matches(rule.match, pkt, src, dst)) continue;
    if (f.kind === 'first-match') return { filter: f, action: rule.action, rule };
    if (rule.action === 'allow') return { filter: f, action: 'allow', rule };
  }
  return { filter: f, action: f.defaultAction };
}

function sharesScope(layer: Layer, self: Endpoint, peer: Party): boolean {
  const scope = layer.bypassWithinScope;
  if (scope === undefined || peer.kind !== 'endpoint') return false;
  const mine = self.scopes[scope];
  return mine !== undefined && mine === peer.endpoint.scopes[scope];
}

function lookup<T>(map: ReadonlyMap<string, T>, id: string, what: string): T {
  const v = map.get(id);
  if (v === undefined) throw new Error(`internal: ${what} ${id} is not in the estate`);
  return v;
}

function traceLayer(
  estate: Estate,
  layer: Layer,
  side: 'source' | 'destination',
  self: Endpoint,
  peer: Party,
  pkt: Packet,
  src: Party,
  dst: Party,
): LayerTrace {
  if (sharesScope(layer, self, peer)) return { layer, side, verdict: 'bypassed', decisions: [] };
  if (layer.filterIds.length === 0) return { layer, side, verdict: layer.emptyAction, decisions: [] };
  const decisions: FilterDecision[] = [];
  if (layer.combine === 'chain') {
    for (const id of layer.filterIds) {
      const d = decideFilter(lookup(estate.filters, id, 'filter'), pkt, src, dst);
      decisions.push(d);
      if (d.action !== 'pass') return { layer, side, verdict: d.action, decisions };
    }
    return { layer, side, verdict: layer.emptyAction, decisions };
  }
  for (const id of layer.filterIds) {
    const d = decideFilter(lookup(estate.filters, id, 'filter'), pkt, src, dst);
    if (d.action === 'allow') return { layer, side, verdict: 'allow', decisions: [d] };
    decisions.push(d);
  }
  return { layer, side, verdict: 'deny', decisions };
}

/** Which layers a side passes; `statelessOnly` keeps the layers that judge replies. */
function sideLayers(estate: Estate, e: Endpoint, dir: 'egress' | 'ingress', statelessOnly: boolean): Layer[] {
  const ids = dir === 'egress' ? e.egressLayers : e.ingressLayers;
  return ids.map((id) => lookup(estate.layers, id, 'layer')).filter((l) => !statelessOnly || !l.stateful);
}

function networksLinked(estate: Estate, a: string, b: string): { linked: boolean; assumptions: string[] } {
  if (a === b) return { linked: true, assumptions: [] };
  const link = estate.networkLinks.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
  if (link === undefined) return { linked: false, assumptions: [] };
  return { linked: true, assumptions: link.assumption === undefined ? [] : [link.assumption] };
}

function walk(estate: Estate, pkt: Packet, src: Party, dst: Party, statelessOnly: boolean): PathVerdict {
  if (src.kind === 'external' && dst.kind === 'external') {
    throw new Error('internal: a path needs at least one internal endpoint');
  }
  const layers: LayerTrace[] = [];
  const assumptions = new Set<string>();
  let allowed = true;
  let gate: GateTrace | undefined;
  const record = (t: LayerTrace): void => {
    layers.push(t);
    if (t.verdict === 'deny') allowed = false;
    if (t.verdict === 'allow') for (const d of t.decisions) if (d.rule?.assumption) assumptions.add(d.rule.assumption);
  };
  if (src.kind === 'endpoint') {
    for (const l of sideLayers(estate, src.endpoint, 'egress', statelessOnly)) {
      record(traceLayer(estate, l, 'source', src.endpoint, dst, pkt, src, dst));
    }
  }
  const gateSide = src.kind === 'external' ? dst : dst.kind === 'external' ? src : undefined;
  if (statelessOnly) {
    // Replies follow the route and gate the forward packet already passed.
  } else if (gateSide?.kind === 'endpoint') {
    const acc = gateSide.endpoint.internet;
    const ok = src.kind === 'external' ? acc.inbound : acc.outbound;
    gate = {
      kind: 'internet',
      side: gateSide === src ? 'source' : 'destination',
      verdict: ok ? 'allow' : 'deny',
      reasons: acc.reasons,
      assumptions: acc.assumptions,
    };
  } else if (src.kind === 'endpoint' && dst.kind === 'endpoint' && src.endpoint.network !== dst.endpoint.network) {
    const link = networksLinked(estate, src.endpoint.network, dst.endpoint.network);
    gate = {
      kind: 'network',
      side: 'path',
      verdict: link.linked ? 'allow' : 'deny',
      reasons: [
        link.linked
          ? `${src.endpoint.network} and ${dst.endpoint.network} are linked`
          : `no route between ${src.endpoint.network} and ${dst.endpoint.network}`,
      ],
      assumptions: link.assumptions,
    };
  }
  if (gate !== undefined) {
    if (gate.verdict === 'deny') allowed = false;
    else for (const a of gate.assumptions) assumptions.add(a);
  }
  if (dst.kind === 'endpoint') {
    for (const l of sideLayers(estate, dst.endpoint, 'ingress', statelessOnly)) {
      record(traceLayer(estate, l, 'destination', dst.endpoint, src, pkt, src, dst));
    }
  }
  return gate === undefined
    ? { allowed, layers, assumptions: [...assumptions] }
    : { allowed, layers, gate, assumptions: [...assumptions] };
}

/** The fate of one packet from `src` to `dst`: every layer on the path, in order. */
export function evaluatePath(estate: Estate, pkt: Packet, src: Party, dst: Party): PathVerdict {
  return walk(estate, pkt, src, dst, false);
}

/**
 * Whether the reply to an allowed packet gets back: the reversed packet must
 * pass every stateless layer from `dst` back to `src` (stateful layers admit
 * replies of flows they allowed). The internet gate is symmetric and not
 * re-checked.
 */
export function evaluateReply(estate: Estate, pkt: Packet, src: Party, dst: Party): PathVerdict {
  const v = walk(estate, reversePacket(pkt), dst, src, true);
  return { allowed: v.allowed, layers: v.layers, assumptions: v.assumptions };
}

/** The internal endpoint that owns an address, if any (first by index). */
export function endpointByAddress(estate: Estate, ip: number): Endpoint | undefined {
  return estate.endpoints.find((e) => e.addresses.has(ip));
}
