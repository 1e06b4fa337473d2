// The three tiers of a pod's policy chain as model filters:
// - AdminNetworkPolicy: first-match over the rules of every ANP selecting the
//   pod, by ascending priority then rule order; Allow/Deny/Pass; default pass.
// - NetworkPolicy: allow-union of the rules of every policy of the pod's
//   namespace that selects it and isolates it in that direction; default deny.
// - BaselineAdminNetworkPolicy: first-match, Allow/Deny, default pass.
// Rules are converted once per policy and direction and shared by filters.

import type { Assumption, Direction, Filter, Rule, RuleAction } from '../../model/estate.js';
import type { ConvertContext } from './convert-context.js';
import { adminPeerPieces, networkPolicyPeerPieces } from './convert-peers.js';
import { adminPortPieces, networkPolicyPortPieces, type UnresolvedPort } from './convert-ports.js';
import type { SourceLocation } from '../../model/provenance.js';
import { convertRule } from './convert-rules.js';
import type { AdminAction, AdminNetworkPolicy, BaselineAdminNetworkPolicy, NetworkPolicy } from './types.js';

const ADMIN_ACTION: Readonly<Record<AdminAction, RuleAction>> = { Allow: 'allow', Deny: 'deny', Pass: 'pass' };

export type AdminTier = 'anp' | 'banp';

export class FilterFactory {
  private readonly ruleCache = new Map<string, Rule[]>();
  readonly filters = new Map<string, Filter>();
  readonly assumptions = new Map<string, Assumption>();
  /** Named ports that resolve on no pod, with where they are written. */
  readonly unresolvedPorts: { readonly text: string; readonly location: SourceLocation }[] = [];
  private readonly unresolved: UnresolvedPort = (name, protocol, location) => {
    this.unresolvedPorts.push({ text: protocol === undefined ? `"${name}"` : `"${name}" (${protocol})`, location });
  };

  constructor(private readonly ctx: ConvertContext) {}

  private cached(key: string, build: () => Rule[]): Rule[] {
    let rules = this.ruleCache.get(key);
    if (rules === undefined) {
      rules = build();
      this.ruleCache.set(key, rules);
    }
    return rules;
  }

  private networkPolicyRules(p: NetworkPolicy, direction: Direction): Rule[] {
    return this.cached(`np/${p.id}/${direction}`, () =>
      p[direction].flatMap((r) =>
        convertRule(
          { policyText: `NetworkPolicy ${p.id}`, vendorId: p.id, idPrefix: `np/${p.id}/${direction}`, direction, index: r.index, location: r.location },
          'allow',
          networkPolicyPeerPieces(this.ctx, p.namespace, r.peers),
          networkPolicyPortPieces(this.ctx, r.ports, this.unresolved),
        ),
      ),
    );
  }

  private adminRules(tier: AdminTier, p: AdminNetworkPolicy | BaselineAdminNetworkPolicy, direction: Direction): Rule[] {
    const kind = tier === 'anp' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
    return this.cached(`${tier}/${p.name}/${direction}`, () =>
      p[direction].flatMap((r) =>
        convertRule(
          {
            policyText: `${kind} ${p.name}`,
            vendorId: p.name,
            idPrefix: `${tier}/${p.name}/${direction}`,
            direction,
            index: r.index,
            ...(r.name === undefined ? {} : { name: r.name }),
            location: r.location,
          },
          ADMIN_ACTION[r.action],
          adminPeerPieces(this.ctx, r.peers, (a) => this.assumptions.set(a.id, a)),
          adminPortPieces(this.ctx, r.ports, this.unresolved),
        ),
      ),
    );
  }

  /** The NetworkPolicy filter for pods selected (and isolated in `direction`) by exactly `policies`. */
  networkPolicyFilter(policies: readonly NetworkPolicy[], direction: Direction): Filter {
    const id = `np/${direction}/${policies.map((p) => p.id).join('+')}`;
    const known = this.filters.get(id);
    if (known !== undefined) return known;
    const first = policies[0]!;
    const names = policies.map((p) => p.id).join(', ');
    const provenance = { ...first.location, vendorId: first.id, displayName: `NetworkPolicy ${names}` };
    const f: Filter = {
      id,
      kind: 'allow-union',
      direction,
      vendorKind: 'k8s-np',
      rules: policies.flatMap((p) => this.networkPolicyRules(p, direction)),
      defaultAction: 'deny',
      defaultProvenance: { ...provenance, displayName: `pod isolated for ${direction} by NetworkPolicy ${names}: default deny` },
      displayName: `NetworkPolicy ${names} (${direction})`,
      provenance,
    };
    this.filters.set(id, f);
    return f;
  }

  /** The AdminNetworkPolicy / BaselineAdminNetworkPolicy filter for pods whose subject is selected by exactly `policies`. */
  adminFilter(tier: AdminTier, policies: readonly (AdminNetworkPolicy | BaselineAdminNetworkPolicy)[], direction: Direction): Filter {
    const id = `${tier}/${direction}/${policies.map((p) => p.name).join('+')}`;
    const known = this.filters.get(id);
    if (known !== undefined) return known;
    const kind = tier === 'anp' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
    const first = policies[0]!;
    const names = policies.map((p) => p.name).join(', ');
    const provenance = { ...first.location, vendorId: first.name, displayName: `${kind} ${names}` };
    const f: Filter = {
      id,
      kind: 'first-match',
      direction,
      vendorKind: `k8s-${tier}`,
      rules: policies.flatMap((p) => this.adminRules(tier, p, direction)),
      defaultAction: 'pass',
      defaultProvenance: { ...provenance, displayName: `no ${kind} rule matched: pass to the next tier` },
      displayName: `${kind} ${names} (${direction})`,
      provenance,
    };
    this.filters.set(id, f);
    return f;
  }
}
