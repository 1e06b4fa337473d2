// The ClusterTopology format (netproof.dev/v1), netproof's own: which
// Kubernetes clusters run in which VPC, which manifests belong to each, and
// the node groups their pods run on (subnets, node security groups, which
// pods may be scheduled there). Validated, with a source location on every
// reference. These types never leave src/ingest/topology/.

import type { SourceLocation } from '../../model/provenance.js';
import type { LabelSelector } from '../k8s/types.js';

export const TOPOLOGY_API_VERSION = 'netproof.dev/v1';
export const TOPOLOGY_KIND = 'ClusterTopology';

/** A VPC, subnet or security group named by id or by name (Name tag; group name). */
export interface TopologyRef {
  readonly text: string;
  readonly location: SourceLocation;
}

export interface NodeGroup {
  readonly name: string;
  /** Pods take addresses of these subnets (VPC CNI). */
  readonly subnets: readonly TopologyRef[];
  /** The node security groups: they apply to pods no SecurityGroupPolicy selects. */
  readonly securityGroups: readonly TopologyRef[];
  /** Pods that may be scheduled here, by pod labels; absent = every pod. */
  readonly podSelector?: LabelSelector;
  /** Namespaces whose pods may be scheduled here; absent = every namespace. */
  readonly namespaces?: readonly string[];
  readonly location: SourceLocation;
}

export interface ManifestPath {
  /** As written, relative to the topology file. */
  readonly text: string;
  /** Resolved against the topology file's folder. */
  readonly path: string;
  readonly location: SourceLocation;
}

export interface TopologyCluster {
  readonly name: string;
  readonly vpc: TopologyRef;
  readonly manifests: readonly ManifestPath[];
  readonly nodeGroups: readonly NodeGroup[];
  readonly location: SourceLocation;
}

export interface ClusterTopology {
  readonly file: string;
  readonly clusters: readonly TopologyCluster[];
}
