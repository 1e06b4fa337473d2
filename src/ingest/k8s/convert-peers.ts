// Policy peers → the peer side of model matches. Pod peers (label selectors)
// become identity sets (`*Endpoints`: pods are known by labels, not
// addresses); ipBlock / networks become address sets, which never match a pod
// (pods have no addresses in the model, as in netpol-analyzer). "No peers"
// is no constraint at all: every pod and every external address.

import type { Assumption } from '../../model/estate.js';
import { IntervalSet } from '../../model/intervals.js';
import type { ConvertContext } from './convert-context.js';
import { formatSelector, isEmptySelector } from './selector.js';
import type { AdminPeer, LabelSelector, NetworkPolicyPeer } from './types.js';

export interface PeerPiece {
  /** Pods the peer selects (identity). */
  readonly endpoints?: IntervalSet;
  /** External addresses the peer selects. */
  readonly ips?: IntervalSet;
  readonly text: string;
}

export const ANY_PEER: PeerPiece = { text: 'anywhere' };

export const NODES_ASSUMPTION_ID = 'k8s-nodes-peer';

function selectorText(what: string, s: LabelSelector): string {
  return isEmptySelector(s) ? `all ${what}` : `${what} ${formatSelector(s)}`;
}

export function networkPolicyPeerPieces(ctx: ConvertContext, namespace: string, peers: 'all' | readonly NetworkPolicyPeer[]): PeerPiece[] {
  if (peers === 'all') return [ANY_PEER];
  return peers.map((p): PeerPiece => {
    if (p.kind === 'ipBlock') {
      const ips = p.except.reduce((acc, e) => acc.subtract(e.range), p.cidr.range);
      const except = p.except.length === 0 ? '' : ` except ${p.except.map((e) => e.text).join(', ')}`;
      return { ips, text: `${p.cidr.text}${except}` };
    }
    if (p.namespaceSelector === undefined) {
      const pods = p.podSelector;
      if (pods === undefined) return { endpoints: ctx.podsIn(namespace, undefined), text: `all pods of namespace ${namespace}` };
      return { endpoints: ctx.podsIn(namespace, pods), text: isEmptySelector(pods) ? `all pods of namespace ${namespace}` : formatSelector(pods) };
    }
    const ns = selectorText('namespaces', p.namespaceSelector);
    const text = p.podSelector === undefined ? ns : `${ns}, ${selectorText('pods', p.podSelector)}`;
    return { endpoints: ctx.pods(p.namespaceSelector, p.podSelector), text };
  });
}

/**
 * AdminNetworkPolicy peers. A `nodes` peer matches the addresses of the Node
 * objects it selects; when the input has no Node objects it matches nothing
 * (their addresses are unknown), and `assume` records that.
 */
export function adminPeerPieces(ctx: ConvertContext, peers: readonly AdminPeer[], assume: (a: Assumption) => void): PeerPiece[] {
  return peers.flatMap((p): PeerPiece[] => {
    switch (p.kind) {
      case 'namespaces':
        return [{ endpoints: ctx.pods(p.namespaces, undefined), text: selectorText('namespaces', p.namespaces) }];
      case 'pods':
        return [
          {
            endpoints: ctx.pods(p.namespaceSelector, p.podSelector),
            text: `${selectorText('namespaces', p.namespaceSelector)}, ${selectorText('pods', p.podSelector)}`,
          },
        ];
      case 'networks':
        return [{ ips: p.networks.reduce((acc, n) => acc.union(n.range), IntervalSet.EMPTY), text: p.networks.map((n) => n.text).join(', ') }];
      case 'nodes': {
        const ips = ctx.nodeAddresses(p.nodes);
        if (ips !== undefined) return [{ ips, text: selectorText('nodes', p.nodes) }];
        assume({
          id: NODES_ASSUMPTION_ID,
          text: 'AdminNetworkPolicy nodes peers match no address: the input holds no Node objects, so node addresses are unknown',
          location: p.location,
        });
        return [];
      }
    }
  });
}
