// Moves one cluster's Kubernetes policy model into the combined estate:
// identity sets name workloads by their index in the cluster's own estate;
// in the combined estate a workload is one endpoint per placement, so each
// workload index becomes the range of its placements' endpoint indexes
// (placements of one workload are consecutive, so ranges stay ranges). Filter,
// rule and layer ids get the cluster name as prefix, so two clusters never clash.

import type { Filter, Layer, PacketMatch, Rule } from '../../model/estate.js';
import { IntervalSet, type Range } from '../../model/intervals.js';

/** Workload index → the endpoint indexes of its placements (empty when it runs nowhere). */
export type WorkloadEndpoints = readonly (Range | undefined)[];

export function mapIdentities(set: IntervalSet, placed: WorkloadEndpoints): IntervalSet {
  const out: Range[] = [];
  for (const r of set.ranges) {
    for (let w = r.lo; w <= r.hi; w++) {
      const p = placed[w];
      if (p !== undefined) out.push(p);
    }
  }
  return IntervalSet.of(out);
}

function mapMatch(m: PacketMatch, placed: WorkloadEndpoints): PacketMatch {
  if (m.srcEndpoints === undefined && m.dstEndpoints === undefined) return m;
  return {
    ...m,
    ...(m.srcEndpoints === undefined ? {} : { srcEndpoints: mapIdentities(m.srcEndpoints, placed) }),
    ...(m.dstEndpoints === undefined ? {} : { dstEndpoints: mapIdentities(m.dstEndpoints, placed) }),
  };
}

export function prefixed(cluster: string, id: string): string {
  return `${cluster}:${id}`;
}

/** The cluster's filters with prefixed ids and combined-estate identity sets. Rules shared by filters stay shared. */
export function moveFilters(cluster: string, filters: ReadonlyMap<string, Filter>, placed: WorkloadEndpoints): Map<string, Filter> {
  const ruleCache = new Map<Rule, Rule>();
  const moveRule = (r: Rule): Rule => {
    let moved = ruleCache.get(r);
    if (moved === undefined) {
      moved = { ...r, id: prefixed(cluster, r.id), match: mapMatch(r.match, placed) };
      ruleCache.set(r, moved);
    }
    return moved;
  };
  const out = new Map<string, Filter>();
  for (const f of filters.values()) {
    const id = prefixed(cluster, f.id);
    out.set(id, { ...f, id, rules: f.rules.map(moveRule), displayName: `${f.displayName} (cluster ${cluster})` });
  }
  return out;
}

export function moveLayers(cluster: string, layers: ReadonlyMap<string, Layer>): Map<string, Layer> {
  const out = new Map<string, Layer>();
  for (const l of layers.values()) {
    const id = prefixed(cluster, l.id);
    out.set(id, { ...l, id, filterIds: l.filterIds.map((f) => prefixed(cluster, f)), displayName: `${l.displayName} in cluster ${cluster}` });
  }
  return out;
}
