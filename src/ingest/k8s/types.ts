// The Kubernetes vendor representation: what the manifests say, validated and
// with a source location on every object, rule, peer and port. These types
// never leave src/ingest/k8s/; a later converter maps them onto the model.

import type { IntervalSet } from '../../model/intervals.js';
import type { SourceLocation } from '../../model/provenance.js';

export type Labels = Readonly<Record<string, string>>;

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export type SelectorRequirement =
  | { readonly key: string; readonly operator: 'In' | 'NotIn'; readonly values: readonly string[] }
  | { readonly key: string; readonly operator: 'Exists' | 'DoesNotExist' };

/** A metav1.LabelSelector: all of matchLabels and all expressions must hold; empty selects all. */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly SelectorRequirement[];
  readonly location: SourceLocation;
}

export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly location: SourceLocation;
}

/** The kinds whose pods a workload stands for; an owner reference may name any kind. */
export type WorkloadKind = string;

/** One representative pod for a workload (or a bare Pod). */
export interface Workload {
  /** `ns/name[Kind]`, the way netpol-analyzer names it. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: WorkloadKind;
  /** The template's (or first pod's) labels. */
  readonly labels: Labels;
  /** Set when pods of one owner carry different labels: every distinct label set, first is `labels`. */
  readonly labelVariants?: readonly Labels[];
  readonly containerPorts: readonly ContainerPort[];
  /** The manifest kind it was read from (Pod, Deployment, …). */
  readonly sourceKind: string;
  /** The pod's service account (spec.serviceAccountName, default `default`). */
  readonly serviceAccount?: string;
  readonly location: SourceLocation;
}

/** A Node: its labels and IPv4 addresses (InternalIP, ExternalIP), for AdminNetworkPolicy `nodes` peers. */
export interface ClusterNode {
  readonly name: string;
  readonly labels: Labels;
  readonly addresses: IntervalSet;
  readonly location: SourceLocation;
}

export interface Namespace {
  readonly name: string;
  /** Always includes `kubernetes.io/metadata.name=<name>`. */
  readonly labels: Labels;
  /** False for a namespace only used by other objects. */
  readonly defined: boolean;
  readonly location?: SourceLocation;
}

/** A NetworkPolicy port: all ports of a protocol, a numeric range, or a named container port. */
export type NetworkPolicyPort =
  | { readonly kind: 'all'; readonly protocol: Protocol; readonly location: SourceLocation }
  | { readonly kind: 'range'; readonly protocol: Protocol; readonly from: number; readonly to: number; readonly location: SourceLocation }
  | { readonly kind: 'named'; readonly protocol: Protocol; readonly name: string; readonly location: SourceLocation };

export interface CidrBlock {
  readonly text: string;
  readonly range: IntervalSet;
}

export type NetworkPolicyPeer =
  /**
   * Pods: `podSelector` alone = pods of the policy's namespace; `namespaceSelector`
   * alone = all pods of the selected namespaces; both = selected pods of selected namespaces.
   */
  | {
      readonly kind: 'pods';
      readonly podSelector?: LabelSelector;
      readonly namespaceSelector?: LabelSelector;
      readonly location: SourceLocation;
    }
  | { readonly kind: 'ipBlock'; readonly cidr: CidrBlock; readonly except: readonly CidrBlock[]; readonly location: SourceLocation };

export interface NetworkPolicyRule {
  readonly index: number;
  /** 'all' when `from`/`to` is missing or empty. */
  readonly peers: 'all' | readonly NetworkPolicyPeer[];
  /** 'all' when `ports` is missing or empty. */
  readonly ports: 'all' | readonly NetworkPolicyPort[];
  readonly location: SourceLocation;
}

export interface NetworkPolicy {
  /** `ns/name`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  /** Whether the policy isolates selected pods for each direction (policyTypes, or its default). */
  readonly isolates: { readonly ingress: boolean; readonly egress: boolean };
  readonly ingress: readonly NetworkPolicyRule[];
  readonly egress: readonly NetworkPolicyRule[];
  readonly location: SourceLocation;
}

export type AdminAction = 'Allow' | 'Deny' | 'Pass';

/** Pods in namespaces chosen by a selector, narrowed by a pod selector. */
export interface NamespacedPods {
  readonly namespaceSelector: LabelSelector;
  readonly podSelector: LabelSelector;
}

export type AdminSubject =
  | { readonly kind: 'namespaces'; readonly namespaces: LabelSelector; readonly location: SourceLocation }
  | ({ readonly kind: 'pods'; readonly location: SourceLocation } & NamespacedPods);

export type AdminPeer =
  | { readonly kind: 'namespaces'; readonly namespaces: LabelSelector; readonly location: SourceLocation }
  | ({ readonly kind: 'pods'; readonly location: SourceLocation } & NamespacedPods)
  /** IPv4 CIDRs only; IPv6 entries were dropped with a warning. */
  | { readonly kind: 'networks'; readonly networks: readonly CidrBlock[]; readonly location: SourceLocation }
  | { readonly kind: 'nodes'; readonly nodes: LabelSelector; readonly location: SourceLocation };

export type AdminPort =
  | { readonly kind: 'number'; readonly protocol: Protocol; readonly port: number; readonly location: SourceLocation }
  | { readonly kind: 'range'; readonly protocol: Protocol; readonly start: number; readonly end: number; readonly location: SourceLocation }
  | { readonly kind: 'named'; readonly name: string; readonly location: SourceLocation };

export interface AdminRule {
  readonly index: number;
  readonly name?: string;
  readonly action: AdminAction;
  readonly peers: readonly AdminPeer[];
  /** 'all' when `ports` is missing. */
  readonly ports: 'all' | readonly AdminPort[];
  readonly location: SourceLocation;
}

export interface AdminNetworkPolicy {
  readonly name: string;
  readonly priority: number;
  readonly subject: AdminSubject;
  /** In file order; the first matching rule decides. */
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
  readonly location: SourceLocation;
}

export interface BaselineAdminNetworkPolicy {
  readonly name: string;
  readonly subject: AdminSubject;
  /** Actions are Allow or Deny only. */
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
  readonly location: SourceLocation;
}

/** EKS security groups for pods (vpcresources.k8s.aws/v1beta1 SecurityGroupPolicy). */
export interface SecurityGroupPolicy {
  /** `ns/name`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** Pods of the namespace whose labels match; absent = no constraint on pod labels. */
  readonly podSelector?: LabelSelector;
  /** Pods whose service account's labels match; absent = no constraint on the service account. */
  readonly serviceAccountSelector?: LabelSelector;
  readonly groupIds: readonly string[];
  /** Where each group id is written, parallel to `groupIds`. */
  readonly groupIdLocations: readonly SourceLocation[];
  readonly location: SourceLocation;
}

export interface ServiceAccount {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly location: SourceLocation;
}

export interface SkippedKind {
  readonly kind: string;
  readonly count: number;
}

export interface KubernetesCluster {
  /** Sorted by name; defined and merely used namespaces. */
  readonly namespaces: readonly Namespace[];
  /** Sorted by id, one per workload. */
  readonly workloads: readonly Workload[];
  readonly networkPolicies: readonly NetworkPolicy[];
  /** Sorted by ascending priority (ties keep file order). */
  readonly adminNetworkPolicies: readonly AdminNetworkPolicy[];
  readonly baselineAdminNetworkPolicies: readonly BaselineAdminNetworkPolicy[];
  /** Kinds seen and not read (Service, Ingress, …), with counts. */
  readonly skippedKinds: readonly SkippedKind[];
  /** EKS SecurityGroupPolicies; applied only when a ClusterTopology places the cluster in a VPC. */
  readonly securityGroupPolicies?: readonly SecurityGroupPolicy[];
  /** ServiceAccounts (their labels, for SecurityGroupPolicy serviceAccountSelector). */
  readonly serviceAccounts?: readonly ServiceAccount[];
  /** Node objects (for AdminNetworkPolicy `nodes` peers), sorted by name; absent when the input has none. */
  readonly nodes?: readonly ClusterNode[];
}
