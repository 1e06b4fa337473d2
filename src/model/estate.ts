// The vendor-neutral model every layer shares: endpoints (with addresses and an
// identity of their own), normalized filters (first-match lists and
// allow-unions) made of rules with provenance, the layers an endpoint's traffic
// passes, and the assumptions made where the input was incomplete.
//
// Allowed(src → dst) = every egress layer of src (skipped when dst shares the
// layer's scope) ∧ the internet gate when one side is external ∧ every ingress
// layer of dst (likewise skipped when src shares its scope).

import type { IntervalSet } from './intervals.js';
import type { Diagnostic } from './diagnostics.js';
import type { Provenance, SourceLocation } from './provenance.js';

export type Action = 'allow' | 'deny';
/**
 * A rule's or filter default's verdict. 'pass' makes no decision: in a
 * `chain` layer the next filter decides (AdminNetworkPolicy Pass; a tier
 * with no matching rule).
 */
export type RuleAction = Action | 'pass';
export type Direction = 'ingress' | 'egress';

/**
 * One cube of packet space: a packet matches when every present constraint
 * holds. An absent field matches any value. A present port constraint holds
 * only for packets whose protocol carries ports (TCP, UDP, SCTP) with the port
 * in the set; a present ICMP type/code constraint only for ICMP packets with
 * the value in the set.
 *
 * `srcEndpoints`/`dstEndpoints` constrain identity, not address: a set of
 * indexes into `Estate.endpoints` (Kubernetes label selectors, security-group
 * references resolved to the interfaces that carry the group).
 */
export interface PacketMatch {
  readonly protocols?: IntervalSet;
  readonly srcIps?: IntervalSet;
  readonly dstIps?: IntervalSet;
  readonly srcPorts?: IntervalSet;
  readonly dstPorts?: IntervalSet;
  readonly icmpTypes?: IntervalSet;
  readonly icmpCodes?: IntervalSet;
  readonly srcEndpoints?: IntervalSet;
  readonly dstEndpoints?: IntervalSet;
}

export interface Rule {
  /** Unique within the estate, e.g. "acl-1/egress/100". */
  readonly id: string;
  readonly action: RuleAction;
  readonly match: PacketMatch;
  readonly provenance: Provenance;
  /**
   * Set when the rule was widened or narrowed because the input was
   * incomplete (e.g. a missing security group reference). A witness that
   * relies on such a rule is reported as depending on the assumption.
   */
  readonly assumption?: string;
}

export type FilterKind =
  /** Rules in order; the first that matches decides; else `defaultAction`. */
  | 'first-match'
  /** Allowed iff some rule matches (all rules are allow); else `defaultAction`. */
  | 'allow-union';

export interface Filter {
  /** Unique within the estate, e.g. "acl-1/egress", "sg-1/ingress". */
  readonly id: string;
  readonly kind: FilterKind;
  readonly direction: Direction;
  /** Kind of policy object: 'aws-nacl', 'aws-sg', later 'k8s-np', 'azure-nsg' … */
  readonly vendorKind: string;
  readonly rules: readonly Rule[];
  readonly defaultAction: RuleAction;
  /** Where the default comes from (the NACL "*" entry, the SG implicit deny). */
  readonly defaultProvenance: Provenance;
  /** e.g. "network ACL acl-1 (web-nacl)". */
  readonly displayName: string;
  readonly provenance: Provenance;
}

/**
 * A policy layer on one side of a path. `union` (the default): allowed iff
 * some of its filters allows (security groups of an interface). `chain`:
 * filters in order, the first that allows or denies decides and 'pass' goes
 * on (AdminNetworkPolicy → NetworkPolicy → BaselineAdminNetworkPolicy). With
 * no filters, or when every filter of a chain passes, the layer answers
 * `emptyAction`.
 */
export interface Layer {
  readonly id: string;
  readonly vendorKind: string;
  readonly direction: Direction;
  readonly filterIds: readonly string[];
  readonly combine?: 'union' | 'chain';
  readonly emptyAction: Action;
  /**
   * The layer is not applied when the peer shares this scope with the
   * endpoint, e.g. 'subnet' for NACLs (traffic within a subnet never crosses
   * its ACL).
   */
  readonly bypassWithinScope?: string;
  /** Stateless layers (NACLs) also judge the reply; stateful ones admit it. */
  readonly stateful: boolean;
  readonly displayName: string;
}

/** Whether an endpoint can exchange traffic with the public internet. */
export interface InternetAccess {
  readonly outbound: boolean;
  readonly inbound: boolean;
  /** Why (or why not), for answers: "subnet app is private", "igw-1 attached". */
  readonly reasons: readonly string[];
  /** Ids of assumptions this verdict rests on. */
  readonly assumptions: readonly string[];
}

export type EndpointKind = 'instance' | 'interface' | 'subnet' | 'pod' | 'workload' | 'nic' | 'vm' | 'external';

export interface Endpoint {
  /** Index in `Estate.endpoints`: the identity used by `PacketMatch.*Endpoints`. */
  readonly index: number;
  /** Vendor id (eni-…, i-…, subnet-…), or "internet". */
  readonly id: string;
  /** Display name, e.g. "web-1[10.0.1.5]". */
  readonly name: string;
  readonly kind: EndpointKind;
  /** Addresses the endpoint sends from and receives on (private IPs). */
  readonly addresses: IntervalSet;
  /** Addresses the internet reaches it by (public IPs), informational. */
  readonly publicAddresses: IntervalSet;
  /** Tags or labels (the identity dimension Kubernetes selects on). */
  readonly labels: Readonly<Record<string, string>>;
  /** Memberships selectors may name: security groups, namespaces … */
  readonly groups: readonly string[];
  /**
   * The routing domain (a VPC; later a cluster network). Internal endpoints in
   * different networks reach each other only through an `Estate.networkLinks` entry.
   */
  readonly network: string;
  /** Scopes for layer bypass and selectors: { vpc, subnet, … } → id. */
  readonly scopes: Readonly<Record<string, string>>;
  /**
   * Labels of the scopes the endpoint is in, by scope name: `namespace` → the
   * Kubernetes namespace's labels (with `kubernetes.io/metadata.name`).
   * Selectors (`nslabel:`) and tenant keys read them.
   */
  readonly scopeLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly egressLayers: readonly string[];
  readonly ingressLayers: readonly string[];
  readonly internet: InternetAccess;
  readonly provenance: Provenance;
}

export interface NetworkLink {
  readonly a: string;
  readonly b: string;
  /** Set when the link is assumed rather than read from the input. */
  readonly assumption?: string;
}

export interface Assumption {
  readonly id: string;
  readonly text: string;
  readonly location?: SourceLocation;
}

export interface Estate {
  /** Internal endpoints (interfaces, pods …), indexed by `Endpoint.index`. */
  readonly endpoints: readonly Endpoint[];
  /** Network segments (subnets) as endpoints for segment-level matrices; indexes are their own. */
  readonly segments: readonly Endpoint[];
  /** The public internet address space (public IPv4 minus the estate's own networks). */
  readonly internet: IntervalSet;
  readonly filters: ReadonlyMap<string, Filter>;
  readonly layers: ReadonlyMap<string, Layer>;
  /** Pairs of networks with a route between them (peering, transit gateway). */
  readonly networkLinks: readonly NetworkLink[];
  readonly assumptions: readonly Assumption[];
  readonly diagnostics: readonly Diagnostic[];
  /** Named groups of endpoints for report sections, e.g. VPC id → display name. */
  readonly scopeNames: Readonly<Record<string, string>>;
  readonly sources: readonly string[];
}
