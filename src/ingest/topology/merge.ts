// One estate from an AWS estate and the clusters running in its VPCs. Each
// workload becomes one pod endpoint per placement (node group × subnet), with
// the subnet's free addresses (VPC CNI gives pods subnet addresses), the VPC
// as network, and layers
//   egress:  [Kubernetes chain, security groups, subnet network ACL]
//   ingress: [subnet network ACL, security groups, Kubernetes chain].
// Node security groups are skipped between pods that may share a node
// (scope `sharedNode`: same cluster, node group and subnet; traffic between
// pods of one node never crosses the node's interface); the network ACL keeps
// its `subnet` bypass; SecurityGroupPolicy groups (the pod's own interface)
// always apply. Security-group references also match pods carrying the group.

import type { DiagnosticSink } from '../../model/diagnostics.js';
import type { Assumption, Endpoint, Estate, Filter, Layer } from '../../model/estate.js';
import { IntervalSet, type Range } from '../../model/intervals.js';
import type { AwsAssembly } from '../aws/assemble.js';
import { nameTag } from '../aws/context.js';
import { securityGroupLayer } from '../aws/layers.js';
import { missingSecurityGroupFilters, securityGroupFilterId } from '../aws/security-group.js';
import type { KubernetesCluster } from '../k8s/types.js';
import { placementsOf, SecurityGroupChooser, type PodSecurityGroups } from './placement.js';
import { podInternetAccess } from './pod-internet.js';
import { moveFilters, moveLayers, prefixed, type WorkloadEndpoints } from './reindex.js';
import type { ResolvedCluster } from './resolve.js';
import { addPodReferenceRules } from './sg-references.js';

export const SHARED_NODE_SCOPE = 'sharedNode';

export interface PlacedCluster {
  readonly resolved: ResolvedCluster;
  readonly kubernetes: KubernetesCluster;
  /** The cluster's own estate (kubernetesToEstate): workload endpoints, chain layers, filters. */
  readonly estate: Estate;
}

class Merge {
  readonly endpoints: Endpoint[];
  readonly filters: Map<string, Filter>;
  readonly layers: Map<string, Layer>;
  readonly assumptions = new Map<string, Assumption>();
  readonly scopeNames: Record<string, string>;
  private readonly podsByGroup = new Map<string, number[]>();
  private readonly freeAddresses = new Map<string, IntervalSet>();

  constructor(
    readonly aws: AwsAssembly,
    readonly sink: DiagnosticSink,
  ) {
    const base = aws.estate;
    this.endpoints = [...base.endpoints];
    this.filters = new Map(base.filters);
    this.layers = new Map(base.layers);
    this.scopeNames = { ...base.scopeNames };
  }

  /** A subnet's addresses pods may take: its range minus AWS's five reserved addresses and every interface address in it. */
  podAddresses(subnetId: string): IntervalSet {
    const known = this.freeAddresses.get(subnetId);
    if (known !== undefined) return known;
    const segment = this.aws.estate.segments.find((s) => s.id === subnetId);
    let free = segment?.addresses ?? IntervalSet.EMPTY;
    const lo = free.min();
    const hi = free.max();
    if (lo !== undefined && hi !== undefined) free = free.subtract(IntervalSet.range(lo, lo + 3)).subtract(IntervalSet.point(hi));
    for (const e of this.aws.estate.endpoints) if (e.scopes['subnet'] === subnetId) free = free.subtract(e.addresses);
    this.freeAddresses.set(subnetId, free);
    return free;
  }

  /** Security-group filter ids, with allow-all stand-ins (and a warning) for groups not in the input. */
  groupFilters(groups: PodSecurityGroups, cluster: KubernetesCluster): { ingress: string[]; egress: string[] } {
    for (const g of groups.groupIds) {
      if (this.filters.has(securityGroupFilterId(g, 'ingress'))) continue;
      const policy = (cluster.securityGroupPolicies ?? []).find((p) => p.groupIds.includes(g));
      const at = policy?.groupIdLocations[policy.groupIds.indexOf(g)] ?? policy?.location;
      const where = at === undefined ? '' : `${at.file}#${at.pointer ?? ''}: `;
      this.sink.report(
        'missing-security-group',
        `${where}SecurityGroupPolicy ${policy?.id ?? ''} names security group ${g}, which is not in the input; it is assumed to allow all traffic both ways`,
        at,
      );
      const id = this.aws.context.assume(`missing-security-group:${g}`, `security group ${g} is not in the input; it is assumed to allow all traffic both ways`, at);
      const stand = missingSecurityGroupFilters(g, id, (vendorId, displayName) => ({ ...(at ?? { file: '' }), vendorId, displayName }));
      this.filters.set(stand.ingress.id, stand.ingress);
      this.filters.set(stand.egress.id, stand.egress);
    }
    return {
      ingress: groups.groupIds.map((g) => securityGroupFilterId(g, 'ingress')),
      egress: groups.groupIds.map((g) => securityGroupFilterId(g, 'egress')),
    };
  }

  /** The security-group layer of a pod; node groups are skipped between pods that may share a node. */
  groupLayer(filterIds: readonly string[], direction: 'ingress' | 'egress', groups: PodSecurityGroups): string {
    const shared = groups.source !== 'pod';
    const noun = groups.source === 'node' ? 'node security' : groups.source === 'either' ? 'node or pod security' : 'pod security';
    const layer = securityGroupLayer(this.filters, filterIds, direction, {
      noun,
      ...(shared ? { idSuffix: '@shared-node', bypassWithinScope: SHARED_NODE_SCOPE } : {}),
    });
    if (!this.layers.has(layer.id)) this.layers.set(layer.id, layer);
    return layer.id;
  }

  /** A node instance (see markNodes) of `sharedNode` with a public address, by name. */
  publicNode(sharedNode: string): string | undefined {
    return this.endpoints.find((e) => e.kind !== 'pod' && e.scopes[SHARED_NODE_SCOPE] === sharedNode && !e.publicAddresses.isEmpty())?.name;
  }

  carries(groupIds: readonly string[], index: number): void {
    for (const g of groupIds) {
      const list = this.podsByGroup.get(g) ?? [];
      list.push(index);
      this.podsByGroup.set(g, list);
    }
  }

  podsCarrying(groupId: string): IntervalSet {
    return IntervalSet.points(this.podsByGroup.get(groupId) ?? []);
  }

  groupNames(groupIds: readonly string[]): string[] {
    return groupIds.flatMap((g) => {
      const sg = this.aws.inventory.securityGroups.get(g)?.value;
      const n = sg?.GroupName ?? (sg === undefined ? undefined : nameTag(sg.Tags));
      return n ? [n] : [];
    });
  }
}

function subnetLabel(m: Merge, subnetId: string): string {
  return m.aws.subnetLayers(subnetId)?.label ?? subnetId;
}

/** Workload ids that occur in more than one cluster (their names get the cluster as prefix). */
function sharedWorkloadIds(clusters: readonly PlacedCluster[]): Set<string> {
  const seen = new Map<string, number>();
  for (const c of clusters) for (const w of c.kubernetes.workloads) seen.set(w.id, (seen.get(w.id) ?? 0) + 1);
  return new Set([...seen].filter(([, n]) => n > 1).map(([id]) => id));
}

function placeCluster(m: Merge, c: PlacedCluster, shared: ReadonlySet<string>): void {
  const name = c.resolved.name;
  const chooser = new SecurityGroupChooser(c.kubernetes, m.sink);
  const placed: (Range | undefined)[] = [];
  c.kubernetes.workloads.forEach((w, wi) => {
    const k8s = c.estate.endpoints[wi];
    const placements = placementsOf(c.resolved, w);
    if (k8s === undefined || placements.length === 0) {
      m.sink.report(
        'endpoint-unplaced',
        `${w.location.file}#${w.location.pointer ?? ''}: ${w.id} can run on no node group of cluster ${name} (namespaces / podSelector of its node groups); it is left out`,
        w.location,
      );
      placed.push(undefined);
      return;
    }
    const first = m.endpoints.length;
    for (const p of placements) {
      const subnet = m.aws.subnetLayers(p.subnetId);
      if (subnet === undefined) continue; // resolve.ts made sure every subnet is in the input
      const groups = chooser.groupsOf(w, p.nodeGroup.groupIds);
      const gf = m.groupFilters(groups, c.kubernetes);
      const index = m.endpoints.length;
      m.carries(groups.groupIds, index);
      const nodeGroup = `${name}/${p.nodeGroup.name}`;
      m.scopeNames[nodeGroup] = `node group ${p.nodeGroup.name} of cluster ${name}`;
      const base = shared.has(w.id) ? `${name}:${w.id}` : w.id;
      const label = placements.length === 1 ? base : `${base}@${p.nodeGroup.name}/${subnetLabel(m, p.subnetId)}`;
      const addresses = m.podAddresses(p.subnetId);
      if (addresses.isEmpty()) {
        m.sink.report('endpoint-unplaced', `${w.location.file}#${w.location.pointer ?? ''}: subnet ${p.subnetId} has no free address for pods of ${w.id}`, w.location);
      }
      const internet = podInternetAccess(m.aws, p.subnetId, groups.source, m.publicNode(`${nodeGroup}@${p.subnetId}`));
      const endpoint: Endpoint = {
        ...k8s,
        index,
        id: `${name}:${w.id}${placements.length === 1 ? '' : `@${p.nodeGroup.name}/${p.subnetId}`}`,
        name: label,
        kind: 'pod',
        addresses,
        publicAddresses: IntervalSet.EMPTY,
        groups: [...new Set([...k8s.groups, ...groups.groupIds, ...m.groupNames(groups.groupIds)])],
        network: subnet.vpcId,
        scopes: { ...k8s.scopes, vpc: subnet.vpcId, subnet: p.subnetId, cluster: name, nodeGroup, [SHARED_NODE_SCOPE]: `${nodeGroup}@${p.subnetId}` },
        egressLayers: [
          ...k8s.egressLayers.map((l) => prefixed(name, l)),
          m.groupLayer(gf.egress, 'egress', groups),
          subnet.egress,
          // Pods leave through the node subnet's routes: a partial internet route table narrows them too.
          ...(subnet.route !== undefined && (internet.outbound || internet.inbound) ? [subnet.route] : []),
        ],
        ingressLayers: [subnet.ingress, m.groupLayer(gf.ingress, 'ingress', groups), ...k8s.ingressLayers.map((l) => prefixed(name, l))],
        internet,
        provenance: { ...k8s.provenance, displayName: `${k8s.provenance.displayName} in cluster ${name}, node group ${p.nodeGroup.name}, subnet ${subnetLabel(m, p.subnetId)}` },
      };
      m.endpoints.push(endpoint);
    }
    placed.push(m.endpoints.length > first ? { lo: first, hi: m.endpoints.length - 1 } : undefined);
  });
  const workloadEndpoints: WorkloadEndpoints = placed;
  for (const [id, f] of moveFilters(name, c.estate.filters, workloadEndpoints)) m.filters.set(id, f);
  for (const [id, l] of moveLayers(name, c.estate.layers)) m.layers.set(id, l);
  for (const a of c.estate.assumptions) m.assumptions.set(a.id, a);
  m.scopeNames[name] = `Kubernetes cluster ${name} (${m.scopeNames[c.resolved.vpcId] ?? c.resolved.vpcId})`;
}

/**
 * Node instances: an EKS managed node group tags its instances
 * `eks:cluster-name` and `eks:nodegroup-name`. Traffic between a node and the
 * pods it hosts stays on the host, so the node's security groups are skipped
 * towards pods (and nodes) that may share its node, like the pods' node
 * groups are: its layers become shared-node variants and it gets the scopes.
 */
function markNodes(m: Merge, clusters: readonly PlacedCluster[]): void {
  m.endpoints.forEach((e, i) => {
    const cluster = clusters.find((c) => c.resolved.name === e.labels['eks:cluster-name']);
    const ng = cluster?.resolved.nodeGroups.find((n) => n.name === e.labels['eks:nodegroup-name']);
    const subnet = e.scopes['subnet'];
    if (cluster === undefined || ng === undefined || subnet === undefined || !ng.subnetIds.includes(subnet) || e.kind === 'pod') return;
    const nodeGroup = `${cluster.resolved.name}/${ng.name}`;
    const shared = (id: string): string => {
      const l = m.layers.get(id);
      if (l === undefined || l.vendorKind !== 'aws-sg' || l.bypassWithinScope !== undefined) return id;
      const sharedId = `${id}@shared-node`;
      if (!m.layers.has(sharedId)) m.layers.set(sharedId, { ...l, id: sharedId, bypassWithinScope: SHARED_NODE_SCOPE, displayName: `node ${l.displayName}` });
      return sharedId;
    };
    m.endpoints[i] = {
      ...e,
      scopes: { ...e.scopes, cluster: cluster.resolved.name, nodeGroup, [SHARED_NODE_SCOPE]: `${nodeGroup}@${subnet}` },
      egressLayers: e.egressLayers.map(shared),
      ingressLayers: e.ingressLayers.map(shared),
    };
  });
}

/** The combined estate; `clusters` in topology order. */
export function mergeClusters(aws: AwsAssembly, clusters: readonly PlacedCluster[], sink: DiagnosticSink, sources: readonly string[]): Estate {
  const m = new Merge(aws, sink);
  const shared = sharedWorkloadIds(clusters);
  markNodes(m, clusters);
  for (const c of clusters) placeCluster(m, c, shared);
  // Layers and stand-in filters the AWS assembly created while pods were placed.
  for (const [id, l] of aws.estate.layers) if (!m.layers.has(id)) m.layers.set(id, l);
  for (const [id, f] of aws.estate.filters) if (!m.filters.has(id)) m.filters.set(id, f);
  addPodReferenceRules(m.filters, aws.groupReferences, (g) => m.podsCarrying(g));
  const assumptions = new Map<string, Assumption>(aws.context.assumptions.map((a) => [a.id, a]));
  for (const [id, a] of m.assumptions) if (!assumptions.has(id)) assumptions.set(id, a);
  return {
    ...aws.estate,
    endpoints: m.endpoints,
    filters: m.filters,
    layers: m.layers,
    assumptions: [...assumptions.values()],
    scopeNames: m.scopeNames,
    sources,
  };
}
