// Assembles the parsed objects into one cluster: pods of one owner become a
// single workload (label differences reported), duplicates are merged or
// reported, used-but-undefined namespaces are added, AdminNetworkPolicies are
// ordered by priority (shared priorities reported), skipped kinds counted,
// and `nodes` peers reported when the input has no Node objects.

import type { DiagnosticSink } from '../../model/diagnostics.js';
import type { SourceLocation } from '../../model/provenance.js';
import type {
  AdminNetworkPolicy,
  BaselineAdminNetworkPolicy,
  ClusterNode,
  ContainerPort,
  KubernetesCluster,
  Labels,
  Namespace,
  NetworkPolicy,
  SecurityGroupPolicy,
  ServiceAccount,
  Workload,
} from './types.js';
import { undefinedNamespace } from './namespaces.js';

function where(loc: SourceLocation): string {
  return loc.pointer === undefined || loc.pointer === '' ? loc.file : `${loc.file}#${loc.pointer}`;
}

function sameLabels(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

function samePort(a: ContainerPort, b: ContainerPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && a.name === b.name;
}

/** Collects objects as they are parsed; `finish` builds the cluster. */
export class ClusterBuilder {
  private readonly workloads = new Map<string, Workload>();
  private readonly namespaces = new Map<string, Namespace>();
  private readonly networkPolicies = new Map<string, { policy: NetworkPolicy; text: string }>();
  private readonly anps = new Map<string, { policy: AdminNetworkPolicy; text: string }>();
  private readonly banps = new Map<string, { policy: BaselineAdminNetworkPolicy; text: string }>();
  private readonly skipped = new Map<string, { count: number; location: SourceLocation }>();
  private readonly sgps = new Map<string, { policy: SecurityGroupPolicy; text: string }>();
  private readonly serviceAccounts = new Map<string, ServiceAccount>();
  private readonly nodes = new Map<string, ClusterNode>();

  constructor(private readonly sink: DiagnosticSink) {}

  addWorkload(w: Workload): void {
    const seen = this.workloads.get(w.id);
    if (seen === undefined) {
      this.workloads.set(w.id, w);
      return;
    }
    const variants = seen.labelVariants ?? [seen.labels];
    const newLabels = !variants.some((v) => sameLabels(v, w.labels));
    const ports = [...seen.containerPorts, ...w.containerPorts.filter((p) => !seen.containerPorts.some((q) => samePort(p, q)))];
    if (newLabels && w.sourceKind !== 'Pod') {
      this.sink.report(
        'duplicate-object',
        `${where(w.location)}: ${w.sourceKind} ${w.namespace}/${w.name} is defined again with other labels (first at ${where(seen.location)}); both label sets are kept, the first stands for the workload`,
        w.location,
      );
    } else if (newLabels) {
      this.sink.report(
        'k8s-owner-label-gap',
        `${where(w.location)}: ${w.sourceKind} of ${w.id} has labels that differ from ${where(seen.location)}; the first labels stand for the workload`,
        w.location,
      );
    }
    this.workloads.set(w.id, {
      ...seen,
      ...(newLabels ? { labelVariants: [...variants, w.labels] } : {}),
      containerPorts: ports,
    });
  }

  addNamespace(ns: Namespace): void {
    const seen = this.namespaces.get(ns.name);
    if (seen === undefined) {
      this.namespaces.set(ns.name, ns);
      return;
    }
    if (!sameLabels(seen.labels, ns.labels) && ns.location !== undefined) {
      this.sink.report('duplicate-object', `${where(ns.location)}: Namespace ${ns.name} is defined again with other labels; the first definition is used`, ns.location);
    }
  }

  private addUnique<T extends { location: SourceLocation }>(
    map: Map<string, { policy: T; text: string }>,
    key: string,
    what: string,
    policy: T,
    raw: unknown,
  ): void {
    const text = JSON.stringify(raw);
    const seen = map.get(key);
    if (seen === undefined) {
      map.set(key, { policy, text });
      return;
    }
    if (seen.text !== text) {
      this.sink.report('duplicate-object', `${where(policy.location)}: ${what} is defined again with other content (first at ${where(seen.policy.location)}); the first definition is used`, policy.location);
    }
  }

  addNetworkPolicy(p: NetworkPolicy, raw: unknown): void {
    this.addUnique(this.networkPolicies, p.id, `NetworkPolicy ${p.id}`, p, raw);
  }

  addAdminNetworkPolicy(p: AdminNetworkPolicy, raw: unknown): void {
    this.addUnique(this.anps, p.name, `AdminNetworkPolicy ${p.name}`, p, raw);
  }

  addBaselineAdminNetworkPolicy(p: BaselineAdminNetworkPolicy, raw: unknown): void {
    this.addUnique(this.banps, p.name, `BaselineAdminNetworkPolicy ${p.name}`, p, raw);
  }

  addSecurityGroupPolicy(p: SecurityGroupPolicy, raw: unknown): void {
    this.addUnique(this.sgps, p.id, `SecurityGroupPolicy ${p.id}`, p, raw);
  }

  addServiceAccount(sa: ServiceAccount): void {
    const key = `${sa.namespace}/${sa.name}`;
    if (!this.serviceAccounts.has(key)) this.serviceAccounts.set(key, sa);
  }

  addNode(n: ClusterNode): void {
    const known = this.nodes.get(n.name);
    if (known === undefined) this.nodes.set(n.name, n);
    else this.sink.report('duplicate-object', `${where(n.location)}: Node ${n.name} is defined again (first at ${where(known.location)}); the first is used`, n.location);
  }

  /** Without Node objects a `nodes` peer matches nothing (convert-peers.ts records the assumption). */
  private reportNodesPeers(policies: readonly (AdminNetworkPolicy | BaselineAdminNetworkPolicy)[], kind: string): void {
    if (this.nodes.size > 0) return;
    for (const p of policies) {
      for (const rule of p.egress) {
        for (const peer of rule.peers) {
          if (peer.kind !== 'nodes') continue;
          this.sink.report(
            'k8s-nodes-peer',
            `${where(peer.location)}: ${kind} ${p.name}: a nodes peer selects Node objects, which are not in the input; it matches no modeled endpoint`,
            peer.location,
          );
        }
      }
    }
  }

  skip(kind: string, location: SourceLocation): void {
    const s = this.skipped.get(kind);
    if (s === undefined) this.skipped.set(kind, { count: 1, location });
    else s.count += 1;
  }

  finish(): KubernetesCluster {
    for (const [kind, { count, location }] of this.skipped) {
      const objects = count === 1 ? 'object' : 'objects';
      this.sink.report('k8s-kind-skipped', `${where(location)}: ${count} ${kind} ${objects} skipped (not read for pod connectivity)`, location);
    }
    const used = [...this.workloads.values()].map((w) => w.namespace).concat([...this.networkPolicies.values()].map((p) => p.policy.namespace));
    for (const name of used) if (!this.namespaces.has(name)) this.namespaces.set(name, undefinedNamespace(name));

    const anps = [...this.anps.values()].map((x) => x.policy).sort((a, b) => a.priority - b.priority);
    for (let i = 1; i < anps.length; i++) {
      const a = anps[i - 1]!;
      const b = anps[i]!;
      if (a.priority === b.priority) {
        this.sink.report(
          'k8s-duplicate-priority',
          `${where(b.location)}: AdminNetworkPolicy ${b.name} has priority ${b.priority}, as ${a.name} does (${where(a.location)}); their order is undefined`,
          b.location,
        );
      }
    }
    this.reportNodesPeers(anps, 'AdminNetworkPolicy');
    this.reportNodesPeers([...this.banps.values()].map((x) => x.policy), 'BaselineAdminNetworkPolicy');
    const byKey = <T>(key: (x: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
    return {
      namespaces: [...this.namespaces.values()].sort(byKey((n: Namespace) => n.name)),
      workloads: [...this.workloads.values()].sort(byKey((w: Workload) => w.id)),
      networkPolicies: [...this.networkPolicies.values()].map((x) => x.policy),
      adminNetworkPolicies: anps,
      baselineAdminNetworkPolicies: [...this.banps.values()].map((x) => x.policy),
      skippedKinds: [...this.skipped.entries()].map(([kind, s]) => ({ kind, count: s.count })),
      ...(this.sgps.size === 0 ? {} : { securityGroupPolicies: [...this.sgps.values()].map((x) => x.policy) }),
      ...(this.serviceAccounts.size === 0 ? {} : { serviceAccounts: [...this.serviceAccounts.values()] }),
      ...(this.nodes.size === 0 ? {} : { nodes: [...this.nodes.values()].sort(byKey((n: ClusterNode) => n.name)) }),
    };
  }
}
