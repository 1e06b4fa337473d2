// What every Kubernetes → model converter needs: the cluster, the endpoint
// index of each workload (its identity in `PacketMatch.*Endpoints`), namespace
// labels, and selector evaluation over workloads. Each workload is one
// representative pod.
//
// Selections are indexed and memoized: pods are looked up per namespace, a
// namespace selector is evaluated once per namespace, and each distinct
// (namespace selector, pod selector) pair is answered once, so thousands of
// policies naming the same selectors cost one evaluation each and share one
// IntervalSet.

import { IntervalSet } from '../../model/intervals.js';
import { selectorMatches } from './selector.js';
import type { ContainerPort, KubernetesCluster, LabelSelector, Labels, NetworkPolicy, Workload } from './types.js';

/** A container port of the workload at endpoint index `pod`. */
export interface PodPort {
  readonly pod: number;
  readonly port: ContainerPort;
}

/** A selector's content as a string (its location left out): equal keys select the same objects. */
function selectorKey(s: LabelSelector | undefined): string {
  if (s === undefined) return '-';
  const labels = Object.entries(s.matchLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([labels, s.matchExpressions.map((e) => [e.key, e.operator, 'values' in e ? e.values : []])]);
}

export class ConvertContext {
  private readonly namespaceLabels = new Map<string, Labels>();
  /** Endpoint indexes per namespace, ascending. */
  private readonly podsByNamespace = new Map<string, number[]>();
  private readonly namespaceSelections = new Map<string, readonly string[]>();
  private readonly podSelections = new Map<string, IntervalSet>();
  private portsByName: Map<string, PodPort[]> | undefined;
  private policiesByNamespace: Map<string, NetworkPolicy[]> | undefined;

  constructor(readonly cluster: KubernetesCluster) {
    for (const ns of cluster.namespaces) this.namespaceLabels.set(ns.name, ns.labels);
    cluster.workloads.forEach((w, i) => {
      const list = this.podsByNamespace.get(w.namespace);
      if (list === undefined) this.podsByNamespace.set(w.namespace, [i]);
      else list.push(i);
    });
  }

  /** Workloads in estate order: endpoint index = position. */
  get workloads(): readonly Workload[] {
    return this.cluster.workloads;
  }

  labelsOfNamespace(ns: string): Labels {
    return this.namespaceLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
  }

  /** Endpoint indexes of the workloads that satisfy `keep`. */
  select(keep: (w: Workload) => boolean): IntervalSet {
    const picked: number[] = [];
    this.workloads.forEach((w, i) => {
      if (keep(w)) picked.push(i);
    });
    return IntervalSet.points(picked);
  }

  /** Namespaces (with pods) whose labels match `selector` (all when undefined). */
  private namespacesMatching(selector: LabelSelector | undefined): readonly string[] {
    const key = selectorKey(selector);
    let names = this.namespaceSelections.get(key);
    if (names === undefined) {
      names = [...this.podsByNamespace.keys()].filter((ns) => selector === undefined || selectorMatches(selector, this.labelsOfNamespace(ns)));
      this.namespaceSelections.set(key, names);
    }
    return names;
  }

  private memo(key: string, compute: () => IntervalSet): IntervalSet {
    let set = this.podSelections.get(key);
    if (set === undefined) {
      set = compute();
      this.podSelections.set(key, set);
    }
    return set;
  }

  private podsOfNamespaces(namespaces: readonly string[], pods: LabelSelector | undefined): IntervalSet {
    const picked: number[] = [];
    for (const ns of namespaces) {
      for (const i of this.podsByNamespace.get(ns) ?? []) {
        if (pods === undefined || selectorMatches(pods, this.workloads[i]!.labels)) picked.push(i);
      }
    }
    return IntervalSet.points(picked);
  }

  /** Pods in namespaces matching `namespaces` (any namespace when undefined) whose labels match `pods` (any when undefined). */
  pods(namespaces: LabelSelector | undefined, pods: LabelSelector | undefined): IntervalSet {
    return this.memo(`sel:${selectorKey(namespaces)}:${selectorKey(pods)}`, () => this.podsOfNamespaces(this.namespacesMatching(namespaces), pods));
  }

  /** Pods of one namespace whose labels match `pods` (every pod of it when undefined). */
  podsIn(namespace: string, pods: LabelSelector | undefined): IntervalSet {
    return this.memo(`ns:${JSON.stringify(namespace)}:${selectorKey(pods)}`, () => this.podsOfNamespaces([namespace], pods));
  }

  /** Container ports named `name`, in estate order of their pods, then container order. */
  portsNamed(name: string): readonly PodPort[] {
    if (this.portsByName === undefined) {
      const index = new Map<string, PodPort[]>();
      this.workloads.forEach((w, pod) => {
        for (const port of w.containerPorts) {
          if (port.name === undefined) continue;
          const list = index.get(port.name);
          if (list === undefined) index.set(port.name, [{ pod, port }]);
          else list.push({ pod, port });
        }
      });
      this.portsByName = index;
    }
    return this.portsByName.get(name) ?? [];
  }

  /** The addresses of the Nodes a selector picks; undefined when the input has no Node objects. */
  nodeAddresses(selector: LabelSelector): IntervalSet | undefined {
    const nodes = this.cluster.nodes;
    if (nodes === undefined) return undefined;
    let out = IntervalSet.EMPTY;
    for (const n of nodes) if (selectorMatches(selector, n.labels)) out = out.union(n.addresses);
    return out;
  }

  /** The NetworkPolicies of one namespace, in cluster order. */
  networkPoliciesIn(namespace: string): readonly NetworkPolicy[] {
    if (this.policiesByNamespace === undefined) {
      const index = new Map<string, NetworkPolicy[]>();
      for (const p of this.cluster.networkPolicies) {
        const list = index.get(p.namespace);
        if (list === undefined) index.set(p.namespace, [p]);
        else list.push(p);
      }
      this.policiesByNamespace = index;
    }
    return this.policiesByNamespace.get(namespace) ?? [];
  }
}
