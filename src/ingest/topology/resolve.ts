// Resolves what a ClusterTopology names against the AWS input: a VPC, subnet
// or security group by id, or by name (the Name tag; a group's GroupName),
// which must be unique. Subnets and groups must lie in the cluster's VPC.
// Anything unresolved is a `topology-unresolved` error naming the topology
// file and line: a cluster placed in an unknown network would give wrong answers.

import type { DiagnosticSink } from '../../model/diagnostics.js';
import type { AwsInventory } from '../aws/inventory.js';
import { nameTag } from '../aws/context.js';
import type { LabelSelector } from '../k8s/types.js';
import type { ClusterTopology, ManifestPath, TopologyRef } from './types.js';

export interface ResolvedNodeGroup {
  readonly name: string;
  readonly subnetIds: readonly string[];
  readonly groupIds: readonly string[];
  readonly podSelector?: LabelSelector;
  readonly namespaces?: readonly string[];
}

export interface ResolvedCluster {
  readonly name: string;
  readonly vpcId: string;
  readonly manifests: readonly ManifestPath[];
  readonly nodeGroups: readonly ResolvedNodeGroup[];
}

interface Named {
  readonly id: string;
  readonly vpcId?: string;
  readonly names: readonly string[];
}

function where(ref: TopologyRef): string {
  return ref.location.pointer === undefined ? ref.location.file : `${ref.location.file}#${ref.location.pointer}`;
}

function lookup(sink: DiagnosticSink, ref: TopologyRef, what: string, items: readonly Named[], vpcId: string | undefined): string | undefined {
  const byId = items.find((i) => i.id === ref.text);
  const matches = byId !== undefined ? [byId] : items.filter((i) => i.names.includes(ref.text));
  const inVpc = vpcId === undefined ? matches : matches.filter((i) => i.vpcId === vpcId);
  if (inVpc.length === 1) return inVpc[0]!.id;
  let reason: string;
  if (matches.length === 0) reason = `no ${what} with id or name "${ref.text}" is in the AWS input`;
  else if (inVpc.length === 0) reason = `${what} "${ref.text}" (${matches.map((m) => m.id).join(', ')}) is not in ${vpcId ?? 'the VPC'}`;
  else reason = `${what} name "${ref.text}" is ambiguous (${inVpc.map((m) => m.id).join(', ')}); name it by id`;
  sink.report('topology-unresolved', `${where(ref)}: ${reason}`, ref.location);
  return undefined;
}

/** The clusters with AWS ids; undefined after `topology-unresolved` errors. */
export function resolveTopology(topology: ClusterTopology, inv: AwsInventory, sink: DiagnosticSink): ResolvedCluster[] | undefined {
  const vpcs: Named[] = [...inv.vpcs.values()].map((v) => ({ id: v.value.VpcId, names: [nameTag(v.value.Tags)].filter((n): n is string => n !== undefined) }));
  const subnets: Named[] = [...inv.subnets.values()].map((s) => ({
    id: s.value.SubnetId,
    vpcId: s.value.VpcId,
    names: [nameTag(s.value.Tags)].filter((n): n is string => n !== undefined),
  }));
  const groups: Named[] = [...inv.securityGroups.values()].map((g) => ({
    id: g.value.GroupId,
    ...(g.value.VpcId ? { vpcId: g.value.VpcId } : {}),
    names: [...new Set([g.value.GroupName ?? undefined, nameTag(g.value.Tags)].filter((n): n is string => n !== undefined && n !== ''))],
  }));
  let ok = true;
  const out: ResolvedCluster[] = [];
  for (const c of topology.clusters) {
    const vpcId = lookup(sink, c.vpc, 'VPC', vpcs, undefined);
    if (vpcId === undefined) {
      ok = false;
      continue;
    }
    const nodeGroups: ResolvedNodeGroup[] = c.nodeGroups.map((ng) => {
      const subnetIds = ng.subnets.map((s) => lookup(sink, s, 'subnet', subnets, vpcId));
      const groupIds = ng.securityGroups.map((g) => lookup(sink, g, 'security group', groups, vpcId));
      const known = <T>(xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);
      if (subnetIds.includes(undefined) || groupIds.includes(undefined)) ok = false;
      return {
        name: ng.name,
        subnetIds: [...new Set(known(subnetIds))],
        groupIds: [...new Set(known(groupIds))],
        ...(ng.podSelector === undefined ? {} : { podSelector: ng.podSelector }),
        ...(ng.namespaces === undefined ? {} : { namespaces: ng.namespaces }),
      };
    });
    out.push({ name: c.name, vpcId, manifests: c.manifests, nodeGroups });
  }
  return ok ? out : undefined;
}
