// Where a cluster's pods run and which security groups their traffic meets.
// A workload runs on every node group that admits it (namespace list and
// pod selector of the node group), in every subnet of that node group (the
// scheduler's choice is not in the input): one placement per (node group,
// subnet). Its security groups: those of every SecurityGroupPolicy of its
// namespace that selects it (branch interface, strict mode), else the node
// group's. When a SecurityGroupPolicy selects by service account labels and
// that ServiceAccount is not in the input, either may hold; the pod is given
// both (a union, sound for isolation proofs) and a warning says so.

import type { DiagnosticSink } from '../../model/diagnostics.js';
import { formatLocation } from '../../model/provenance.js';
import { selectorMatches } from '../k8s/selector.js';
import type { KubernetesCluster, Labels, SecurityGroupPolicy, Workload } from '../k8s/types.js';
import type { ResolvedCluster, ResolvedNodeGroup } from './resolve.js';

/**
 * - `node`: the node group's groups, on the node's interface (skipped between pods that may share a node);
 * - `pod`: SecurityGroupPolicy groups on the pod's own branch interface (always applied);
 * - `either`: unknown which of the two; both groups, skipped like node groups.
 */
export type PodGroupSource = 'node' | 'pod' | 'either';

export interface PodSecurityGroups {
  readonly source: PodGroupSource;
  /** Sorted, unique. */
  readonly groupIds: readonly string[];
  /** SecurityGroupPolicies that select the pod (`ns/name`). */
  readonly policies: readonly string[];
}

export interface Placement {
  readonly nodeGroup: ResolvedNodeGroup;
  readonly subnetId: string;
}

/** Node groups × subnets the workload may run on, in topology order. */
export function placementsOf(cluster: ResolvedCluster, w: Workload): Placement[] {
  const out: Placement[] = [];
  for (const ng of cluster.nodeGroups) {
    if (ng.namespaces !== undefined && !ng.namespaces.includes(w.namespace)) continue;
    if (ng.podSelector !== undefined && !selectorMatches(ng.podSelector, w.labels)) continue;
    for (const subnetId of ng.subnetIds) out.push({ nodeGroup: ng, subnetId });
  }
  return out;
}

type Selects = 'yes' | 'no' | 'unknown';

function policySelects(p: SecurityGroupPolicy, w: Workload, serviceAccountLabels: Labels | undefined): Selects {
  if (p.namespace !== w.namespace) return 'no';
  if (p.podSelector !== undefined && !selectorMatches(p.podSelector, w.labels)) return 'no';
  if (p.serviceAccountSelector === undefined) return 'yes';
  if (serviceAccountLabels === undefined) return selectorMatches(p.serviceAccountSelector, {}) ? 'yes' : 'unknown';
  return selectorMatches(p.serviceAccountSelector, serviceAccountLabels) ? 'yes' : 'no';
}

/** Chooses the security groups of each workload of one cluster; warns once per unknown service account. */
export class SecurityGroupChooser {
  private readonly accounts = new Map<string, Labels>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly cluster: KubernetesCluster,
    private readonly sink: DiagnosticSink,
  ) {
    for (const sa of cluster.serviceAccounts ?? []) this.accounts.set(`${sa.namespace}/${sa.name}`, sa.labels);
  }

  groupsOf(w: Workload, nodeGroupIds: readonly string[]): PodSecurityGroups {
    const account = w.serviceAccount ?? 'default';
    const labels = this.accounts.get(`${w.namespace}/${account}`);
    const sure: SecurityGroupPolicy[] = [];
    const maybe: SecurityGroupPolicy[] = [];
    for (const p of this.cluster.securityGroupPolicies ?? []) {
      const s = policySelects(p, w, labels);
      if (s === 'yes') sure.push(p);
      else if (s === 'unknown') maybe.push(p);
    }
    for (const p of maybe) {
      const key = `${p.id}|${w.namespace}/${account}`;
      if (this.warned.has(key)) continue;
      this.warned.add(key);
      this.sink.report(
        'k8s-service-account-unknown',
        `${formatLocation(p.location)}: SecurityGroupPolicy ${p.id} selects by service account labels, but ServiceAccount ${w.namespace}/${account} (of ${w.id}) is not in the input; the pod is given both its node group's and the policy's security groups`,
        p.location,
      );
    }
    const sorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();
    const policyIds = [...sure, ...maybe].map((p) => p.id);
    if (sure.length > 0) {
      // Every policy that certainly selects the pod applies; a merely possible one widens the set (a union allows more).
      return { source: 'pod', groupIds: sorted([...sure, ...maybe].flatMap((p) => p.groupIds)), policies: policyIds };
    }
    if (maybe.length > 0) return { source: 'either', groupIds: sorted([...nodeGroupIds, ...maybe.flatMap((p) => p.groupIds)]), policies: policyIds };
    return { source: 'node', groupIds: sorted(nodeGroupIds), policies: [] };
  }
}
