// The benchmark's Kubernetes estate sizes. K-M follows the shape of the
// published OpenShift NetworkPolicy scale test (kube-burner's network-policy
// workload): 2,400 pods in 240 namespaces, 20 NetworkPolicies per namespace,
// each with 5 single ports, 5 port ranges, 5 namespace selectors, 5 pod
// selectors and 5 CIDRs; on top, 20 AdminNetworkPolicies (one per protected
// tenant) and the BaselineAdminNetworkPolicy. K-S is the same shape, smaller.

export type KubeSizeName = 'K-S' | 'K-M';

export interface KubeSizeSpec {
  readonly name: KubeSizeName;
  /** Tenant namespaces (shared `monitoring` and `kube-system` come on top). */
  readonly namespaces: number;
  /** Tenants; namespaces are dealt to them round-robin. */
  readonly tenants: number;
  /** Deployments (one replica each) per tenant namespace. */
  readonly podsPerNamespace: number;
  readonly policiesPerNamespace: number;
  readonly portsPerPolicy: number;
  readonly portRangesPerPolicy: number;
  readonly namespaceSelectorsPerPolicy: number;
  readonly podSelectorsPerPolicy: number;
  readonly cidrsPerPolicy: number;
  /** AdminNetworkPolicies, one per tenant from the first (at most `tenants`). */
  readonly adminPolicies: number;
  /** Chance that a namespace selector names a namespace of another tenant. */
  readonly crossTenantChance: number;
}

export const KUBE_SIZES: Readonly<Record<KubeSizeName, KubeSizeSpec>> = {
  'K-S': {
    name: 'K-S',
    namespaces: 20,
    tenants: 5,
    podsPerNamespace: 10,
    policiesPerNamespace: 4,
    portsPerPolicy: 5,
    portRangesPerPolicy: 5,
    namespaceSelectorsPerPolicy: 5,
    podSelectorsPerPolicy: 5,
    cidrsPerPolicy: 5,
    adminPolicies: 3,
    crossTenantChance: 0.05,
  },
  'K-M': {
    name: 'K-M',
    namespaces: 240,
    tenants: 24,
    podsPerNamespace: 10,
    policiesPerNamespace: 20,
    portsPerPolicy: 5,
    portRangesPerPolicy: 5,
    namespaceSelectorsPerPolicy: 5,
    podSelectorsPerPolicy: 5,
    cidrsPerPolicy: 5,
    adminPolicies: 20,
    crossTenantChance: 0.05,
  },
};

export const KUBE_SIZE_NAMES = Object.keys(KUBE_SIZES) as KubeSizeName[];

export function isKubeSizeName(text: string): text is KubeSizeName {
  return Object.prototype.hasOwnProperty.call(KUBE_SIZES, text);
}
