// The benchmark's Kubernetes generator: from a size and a seed, a
// deterministic cluster as manifest objects (Namespaces, Deployments,
// NetworkPolicies, AdminNetworkPolicies, the BaselineAdminNetworkPolicy),
// plus the names the query set refers to. `writeKubeEstate` turns it into
// YAML files so the benchmark measures the real loader.
//
// Shape: tenant namespaces are dealt to tenants round-robin; every namespace
// has `podsPerNamespace` one-replica Deployments `app-<k>` labelled with app,
// tier, tenant and team, and named container ports. Each NetworkPolicy
// selects two apps of its namespace and has one ingress rule whose peers are
// namespace selectors (mostly the same tenant), pod selectors and ipBlocks,
// with single ports (some named) and port ranges; every fourth also isolates
// egress with a rule of the same shape and a DNS rule. The first
// `adminPolicies` tenants are protected by an ANP (monitoring may scrape
// them, their own tenant passes to NetworkPolicy, every other namespace is
// denied, both ways); the BANP denies ingress from other namespaces to pods
// no NetworkPolicy isolates.

import { Prng } from './prng.js';
import { KUBE_SIZES, type KubeSizeName, type KubeSizeSpec } from './k8s-sizes.js';

/** A manifest object as it is written (YAML/JSON-shaped). */
export type Manifest = Readonly<Record<string, unknown>>;

export interface KubeQueryFacts {
  /** Tenant names in order; the first `protectedTenants` have an ANP. */
  readonly tenants: readonly string[];
  readonly protectedTenants: number;
  /** Tenant namespace names per tenant (same order as `tenants`). */
  readonly namespacesOfTenant: readonly (readonly string[])[];
  readonly monitoringNamespace: string;
  readonly dnsNamespace: string;
  /** One workload id (`ns/name[Kind]`). */
  readonly someWorkloadId: string;
}

export interface KubeCounts {
  readonly namespaces: number;
  readonly pods: number;
  readonly networkPolicies: number;
  readonly adminPolicies: number;
  readonly baselinePolicies: number;
  readonly inputBytes: number;
}

export interface KubePlan {
  readonly spec: KubeSizeSpec;
  readonly seed: number;
  readonly namespaces: readonly Manifest[];
  readonly deployments: readonly Manifest[];
  readonly networkPolicies: readonly Manifest[];
  readonly adminPolicies: readonly Manifest[];
  readonly baseline: Manifest;
  readonly facts: KubeQueryFacts;
}

const TIERS = ['web', 'api', 'worker', 'db', 'cache'] as const;
const TEAMS = ['red', 'blue', 'green', 'amber', 'violet', 'teal'] as const;
const META_NAME = 'kubernetes.io/metadata.name';
const MONITORING = 'monitoring';
const DNS_NAMESPACE = 'kube-system';

/** Candidate single ports of a policy: numbers and container-port names, with their protocols. */
const SINGLE_PORTS: readonly { readonly port: number | string; readonly protocol?: string }[] = [
  { port: 80 },
  { port: 443 },
  { port: 'http' },
  { port: 'metrics' },
  { port: 'grpc' },
  { port: 5432 },
  { port: 6379 },
  { port: 8443 },
  { port: 3000 },
  { port: 53, protocol: 'UDP' },
  { port: 'db' },
  { port: 9000, protocol: 'SCTP' },
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function tenantName(t: number): string {
  return `tenant-${pad(t, 2)}`;
}

function namespaceName(i: number): string {
  return `ns-${pad(i, 3)}`;
}

function tierOf(app: number): string {
  return TIERS[app % TIERS.length]!;
}

function containerPorts(app: number): Manifest[] {
  const ports: Manifest[] = [
    { name: 'http', containerPort: 8080, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
  ];
  if (app % 3 === 0) ports.push({ name: 'grpc', containerPort: 50051, protocol: 'TCP' });
  if (tierOf(app) === 'db') ports.push({ name: 'db', containerPort: 5432, protocol: 'TCP' });
  if (tierOf(app) === 'cache') ports.push({ name: 'db', containerPort: 6379, protocol: 'TCP' });
  return ports;
}

function deployment(namespace: string, name: string, labels: Record<string, string>, ports: Manifest[]): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: labels['app'] } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'main', image: `registry.example/${name}:1.0`, ports }] },
      },
    },
  };
}

function namespaceObject(name: string, labels: Record<string, string>): Manifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A CIDR of length /16–/28 with a random network, sometimes with one `except` inside it. */
function randomIpBlock(rng: Prng): Manifest {
  const len = rng.int(16, 28);
  const first = rng.pick([10, 172, 192, 52, 34, 100]);
  const addr = ((first << 24) | (rng.int(0, 255) << 16) | (rng.int(0, 255) << 8) | rng.int(0, 255)) >>> 0;
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const net = (addr & mask) >>> 0;
  const text = (n: number, l: number): string => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${l}`;
  if (len <= 24 && rng.chance(0.3)) {
    const exceptLen = len + 4;
    const sub = (net | (rng.int(0, 15) << (32 - exceptLen))) >>> 0;
    return { ipBlock: { cidr: text(net, len), except: [text(sub, exceptLen)] } };
  }
  return { ipBlock: { cidr: text(net, len) } };
}

function policyPorts(spec: KubeSizeSpec, rng: Prng): Manifest[] {
  const singles = rng.sample(SINGLE_PORTS, spec.portsPerPolicy).map((p) => (p.protocol === undefined ? { protocol: 'TCP', port: p.port } : { protocol: p.protocol, port: p.port }));
  const ranges: Manifest[] = [];
  for (let i = 0; i < spec.portRangesPerPolicy; i++) {
    const start = rng.int(1024, 60_000);
    ranges.push({ protocol: rng.chance(0.8) ? 'TCP' : 'UDP', port: start, endPort: start + rng.int(1, 200) });
  }
  return [...singles, ...ranges];
}

interface ClusterLayout {
  readonly spec: KubeSizeSpec;
  readonly namespacesOfTenant: readonly (readonly string[])[];
  readonly tenantOfNamespace: readonly number[];
}

/** Peers of one policy rule: namespace selectors, pod selectors, ipBlocks. */
function policyPeers(layout: ClusterLayout, ns: number, rng: Prng): Manifest[] {
  const { spec } = layout;
  const peers: Manifest[] = [];
  const own = layout.namespacesOfTenant[layout.tenantOfNamespace[ns]!]!;
  for (let i = 0; i < spec.namespaceSelectorsPerPolicy; i++) {
    const target = rng.chance(spec.crossTenantChance) ? namespaceName(rng.int(0, spec.namespaces - 1)) : rng.pick(own);
    peers.push({ namespaceSelector: { matchLabels: { [META_NAME]: target } } });
  }
  for (let i = 0; i < spec.podSelectorsPerPolicy; i++) {
    peers.push({ podSelector: { matchLabels: { app: `app-${rng.int(0, spec.podsPerNamespace - 1)}` } } });
  }
  for (let i = 0; i < spec.cidrsPerPolicy; i++) peers.push(randomIpBlock(rng));
  return peers;
}

function networkPolicy(layout: ClusterLayout, ns: number, index: number, rng: Prng): Manifest {
  const { spec } = layout;
  const namespace = namespaceName(ns);
  const apps = rng.sample(
    Array.from({ length: spec.podsPerNamespace }, (_, k) => `app-${k}`),
    2,
  );
  const egress = index % 4 === 3;
  const body: Record<string, unknown> = {
    podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: apps }] },
    policyTypes: egress ? ['Ingress', 'Egress'] : ['Ingress'],
    ingress: [{ from: policyPeers(layout, ns, rng), ports: policyPorts(spec, rng) }],
  };
  if (egress) {
    body['egress'] = [
      { to: policyPeers(layout, ns, rng), ports: policyPorts(spec, rng) },
      {
        to: [{ namespaceSelector: { matchLabels: { [META_NAME]: DNS_NAMESPACE } }, podSelector: { matchLabels: { app: 'coredns' } } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ];
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `np-${pad(index, 2)}`, namespace },
    spec: body,
  };
}

function tenantAdminPolicy(tenant: string, priority: number): Manifest {
  const own = { namespaces: { matchLabels: { tenant } } };
  const everyone = { namespaces: {} };
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    metadata: { name: `${tenant}-isolation` },
    spec: {
      priority,
      subject: { namespaces: { matchLabels: { tenant } } },
      ingress: [
        {
          name: 'allow-monitoring',
          action: 'Allow',
          from: [{ namespaces: { matchLabels: { [META_NAME]: MONITORING } } }],
          ports: [{ portNumber: { protocol: 'TCP', port: 9090 } }],
        },
        { name: 'pass-own-tenant', action: 'Pass', from: [own] },
        { name: 'deny-other-namespaces', action: 'Deny', from: [everyone] },
      ],
      egress: [
        {
          name: 'allow-dns',
          action: 'Allow',
          to: [{ pods: { namespaceSelector: { matchLabels: { [META_NAME]: DNS_NAMESPACE } }, podSelector: { matchLabels: { app: 'coredns' } } } }],
          ports: [{ portNumber: { protocol: 'UDP', port: 53 } }, { portNumber: { protocol: 'TCP', port: 53 } }],
        },
        { name: 'deny-instance-metadata', action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] },
        { name: 'pass-own-tenant', action: 'Pass', to: [own] },
        { name: 'deny-other-namespaces', action: 'Deny', to: [everyone] },
      ],
    },
  };
}

function baselinePolicy(): Manifest {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    metadata: { name: 'default' },
    spec: {
      subject: { namespaces: { matchExpressions: [{ key: 'tenant', operator: 'Exists' }] } },
      ingress: [
        { name: 'allow-monitoring', action: 'Allow', from: [{ namespaces: { matchLabels: { [META_NAME]: MONITORING } } }] },
        { name: 'deny-other-namespaces', action: 'Deny', from: [{ namespaces: {} }] },
      ],
    },
  };
}

export function generateKubePlan(size: KubeSizeName | KubeSizeSpec, seed: number): KubePlan {
  const spec = typeof size === 'string' ? KUBE_SIZES[size] : size;
  const root = new Prng(seed);
  const tenants = Array.from({ length: spec.tenants }, (_, t) => tenantName(t));
  const tenantOfNamespace = Array.from({ length: spec.namespaces }, (_, i) => i % spec.tenants);
  const namespacesOfTenant = tenants.map((_, t) => tenantOfNamespace.flatMap((owner, i) => (owner === t ? [namespaceName(i)] : [])));
  const layout: ClusterLayout = { spec, namespacesOfTenant, tenantOfNamespace };

  const namespaces: Manifest[] = [];
  const deployments: Manifest[] = [];
  const nsRng = root.fork('namespaces');
  for (let i = 0; i < spec.namespaces; i++) {
    const tenant = tenants[tenantOfNamespace[i]!]!;
    const team = TEAMS[nsRng.int(0, TEAMS.length - 1)]!;
    const env = nsRng.chance(0.5) ? 'prod' : 'dev';
    namespaces.push(namespaceObject(namespaceName(i), { tenant, team, env }));
    for (let k = 0; k < spec.podsPerNamespace; k++) {
      const labels = { app: `app-${k}`, tier: tierOf(k), tenant, team };
      deployments.push(deployment(namespaceName(i), `app-${k}`, labels, containerPorts(k)));
    }
  }
  namespaces.push(namespaceObject(MONITORING, { tenant: 'shared', team: 'platform' }));
  deployments.push(deployment(MONITORING, 'prometheus', { app: 'prometheus', team: 'platform' }, [{ name: 'web', containerPort: 9090, protocol: 'TCP' }]));
  namespaces.push(namespaceObject(DNS_NAMESPACE, { team: 'platform' }));
  deployments.push(
    deployment(DNS_NAMESPACE, 'coredns', { app: 'coredns', team: 'platform' }, [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    ]),
  );

  const networkPolicies: Manifest[] = [];
  const npRng = root.fork('network-policies');
  for (let i = 0; i < spec.namespaces; i++) {
    for (let j = 0; j < spec.policiesPerNamespace; j++) networkPolicies.push(networkPolicy(layout, i, j, npRng));
  }
  const protectedTenants = Math.min(spec.adminPolicies, spec.tenants);
  const adminPolicies = tenants.slice(0, protectedTenants).map((t, i) => tenantAdminPolicy(t, 10 + i));

  return {
    spec,
    seed,
    namespaces,
    deployments,
    networkPolicies,
    adminPolicies,
    baseline: baselinePolicy(),
    facts: {
      tenants,
      protectedTenants,
      namespacesOfTenant,
      monitoringNamespace: MONITORING,
      dnsNamespace: DNS_NAMESPACE,
      someWorkloadId: `${namespaceName(0)}/app-0[Deployment]`,
    },
  };
}

export function kubePlanCounts(plan: KubePlan, inputBytes: number): KubeCounts {
  return {
    namespaces: plan.namespaces.length,
    pods: plan.deployments.length,
    networkPolicies: plan.networkPolicies.length,
    adminPolicies: plan.adminPolicies.length,
    baselinePolicies: 1,
    inputBytes,
  };
}
