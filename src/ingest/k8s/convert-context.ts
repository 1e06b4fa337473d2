// What every Kubernetes → model converter needs: the cluster, the endpoint
// index of each workload (its identity in `PacketMatch.*Endpoints`), namespace
// labels, and selector evaluation over workloads. Each workload is one
// representative pod.

import { IntervalSet } from '../../model/intervals.js';
import { selectorMatches } from './selector.js';
import type { KubernetesCluster, LabelSelector, Labels, Workload } from './types.js';

export class ConvertContext {
  private readonly namespaceLabels = new Map<string, Labels>();

  constructor(readonly cluster: KubernetesCluster) {
    for (const ns of cluster.namespaces) this.namespaceLabels.set(ns.name, ns.labels);
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

  /** Pods in namespaces matching `namespaces` (any namespace when undefined) whose labels match `pods` (any when undefined). */
  pods(namespaces: LabelSelector | undefined, pods: LabelSelector | undefined): IntervalSet {
    return this.select(
      (w) =>
        (namespaces === undefined || selectorMatches(namespaces, this.labelsOfNamespace(w.namespace))) &&
        (pods === undefined || selectorMatches(pods, w.labels)),
    );
  }

  /** Pods of one namespace whose labels match `pods`. */
  podsIn(namespace: string, pods: LabelSelector): IntervalSet {
    return this.select((w) => w.namespace === namespace && selectorMatches(pods, w.labels));
  }
}
