// Kubernetes cluster → the shared model. One endpoint per workload (its
// representative pod): kind 'workload', id and name `ns/name[Kind]`, no
// addresses (pods are known by labels), the pod labels, group
// `namespace:<ns>`, scopes { namespace, cluster, workload } with the
// namespace's labels as scopeLabels.namespace, one cluster network, and
// internet access both ways. The internet is ALL of IPv4
// (0.0.0.0-255.255.255.255), netpol-analyzer's convention for external peers:
// pods have no addresses, so no address is "internal".
//
// Per pod and direction one `chain` layer, stateful, empty action allow:
// [AdminNetworkPolicy filter, NetworkPolicy filter (only when some policy
// isolates the pod in that direction), BaselineAdminNetworkPolicy filter];
// a tier with no selecting policy (or none with rules in that direction) is
// left out: it would only pass. Pods with
// the same selecting policies share filters and layers.

import type { DiagnosticSink } from '../../model/diagnostics.js';
import type { Direction, Endpoint, Estate, Layer } from '../../model/estate.js';
import { formatLocation } from '../../model/provenance.js';
import { IntervalSet } from '../../model/intervals.js';
import { ALL_IPV4 } from '../../model/ip.js';
import { ConvertContext } from './convert-context.js';
import { FilterFactory } from './convert-filters.js';
import { selectorMatches } from './selector.js';
import type { AdminSubject, KubernetesCluster, Workload } from './types.js';

export interface KubernetesEstateOptions {
  /** Cluster name for scopes and the network id; default "cluster". */
  readonly clusterName?: string;
  /** Input files, for `Estate.sources`. */
  readonly sources?: readonly string[];
  /** Receives notes on the conversion (named ports that resolve on no pod). */
  readonly sink?: DiagnosticSink;
}

export const K8S_LAYER_KIND = 'k8s-policy-chain';

function subjectSelects(ctx: ConvertContext, subject: AdminSubject, w: Workload): boolean {
  const nsLabels = ctx.labelsOfNamespace(w.namespace);
  if (subject.kind === 'namespaces') return selectorMatches(subject.namespaces, nsLabels);
  return selectorMatches(subject.namespaceSelector, nsLabels) && selectorMatches(subject.podSelector, w.labels);
}

function chainLayer(ctx: ConvertContext, factory: FilterFactory, layers: Map<string, Layer>, w: Workload, direction: Direction): Layer | undefined {
  const c = ctx.cluster;
  const filterIds: string[] = [];
  const anps = c.adminNetworkPolicies.filter((p) => p[direction].length > 0 && subjectSelects(ctx, p.subject, w));
  if (anps.length > 0) filterIds.push(factory.adminFilter('anp', anps, direction).id);
  const nps = ctx.networkPoliciesIn(w.namespace).filter((p) => p.isolates[direction] && selectorMatches(p.podSelector, w.labels));
  if (nps.length > 0) filterIds.push(factory.networkPolicyFilter(nps, direction).id);
  const banps = c.baselineAdminNetworkPolicies.filter((p) => p[direction].length > 0 && subjectSelects(ctx, p.subject, w));
  if (banps.length > 0) filterIds.push(factory.adminFilter('banp', banps, direction).id);
  if (filterIds.length === 0) return undefined;
  const id = `k8s/${direction}/${filterIds.join('|')}`;
  let layer = layers.get(id);
  if (layer === undefined) {
    layer = {
      id,
      vendorKind: K8S_LAYER_KIND,
      direction,
      filterIds,
      combine: 'chain',
      emptyAction: 'allow',
      stateful: true,
      displayName: `Kubernetes ${direction} policies (AdminNetworkPolicy → NetworkPolicy → BaselineAdminNetworkPolicy)`,
    };
    layers.set(id, layer);
  }
  return layer;
}

export function kubernetesToEstate(cluster: KubernetesCluster, options: KubernetesEstateOptions = {}): Estate {
  const clusterName = options.clusterName ?? 'cluster';
  const network = `k8s:${clusterName}`;
  const ctx = new ConvertContext(cluster);
  const factory = new FilterFactory(ctx);
  const layers = new Map<string, Layer>();
  const endpoints: Endpoint[] = cluster.workloads.map((w, index) => {
    const egress = chainLayer(ctx, factory, layers, w, 'egress');
    const ingress = chainLayer(ctx, factory, layers, w, 'ingress');
    return {
      index,
      id: w.id,
      name: w.id,
      kind: 'workload',
      addresses: IntervalSet.EMPTY,
      publicAddresses: IntervalSet.EMPTY,
      labels: w.labels,
      groups: [`namespace:${w.namespace}`],
      network,
      scopes: { namespace: w.namespace, cluster: clusterName, workload: w.id },
      scopeLabels: { namespace: ctx.labelsOfNamespace(w.namespace) },
      egressLayers: egress === undefined ? [] : [egress.id],
      ingressLayers: ingress === undefined ? [] : [ingress.id],
      internet: { outbound: true, inbound: true, reasons: ['pods reach and are reached by external addresses unless a policy says otherwise'], assumptions: [] },
      provenance: { ...w.location, vendorId: w.id, displayName: `${w.sourceKind} ${w.namespace}/${w.name}` },
    };
  });
  const noted = new Set<string>();
  for (const u of factory.unresolvedPorts) {
    const where = formatLocation(u.location);
    if (noted.has(where)) continue;
    noted.add(where);
    options.sink?.report('k8s-named-port-unresolved', `${where}: named port ${u.text} matches no container port of any pod; the rule allows nothing for it`, u.location);
  }
  return {
    endpoints,
    segments: [],
    internet: ALL_IPV4,
    filters: factory.filters,
    layers,
    networkLinks: [],
    assumptions: [...factory.assumptions.values()],
    diagnostics: [],
    scopeNames: { [network]: `Kubernetes cluster ${clusterName}` },
    sources: options.sources ?? [],
  };
}

/** Whether every endpoint of the estate came from Kubernetes manifests (and there is one at least). */
export function isKubernetesEstate(estate: Estate): boolean {
  return estate.endpoints.length > 0 && estate.endpoints.every((e) => e.network.startsWith('k8s:') && e.kind === 'workload');
}
