// Security-group references that pods take part in. A rule naming a group
// (UserIdGroupPairs) matches the private addresses of the interfaces that
// carry it. Pods send from and receive on such interfaces too: the node's
// interface (node security groups, VPC CNI secondary addresses) or their own
// branch interface (SecurityGroupPolicy groups). Pod addresses are a range of
// possible addresses, so pods join a reference by identity: next to each
// referring rule goes a twin that matches the pods carrying the group.

import type { Filter, Rule } from '../../model/estate.js';
import type { IntervalSet } from '../../model/intervals.js';

/**
 * `filters` with a pod twin after every rule in `references` (rule id → group)
 * whose group some pod carries. `podsCarrying(group)` gives those pods' endpoint indexes.
 */
export function addPodReferenceRules(
  filters: Map<string, Filter>,
  references: ReadonlyMap<string, string>,
  podsCarrying: (groupId: string) => IntervalSet,
): void {
  if (references.size === 0) return;
  for (const [id, f] of filters) {
    if (!f.rules.some((r) => references.has(r.id))) continue;
    let changed = false;
    const rules: Rule[] = [];
    for (const r of f.rules) {
      rules.push(r);
      const group = references.get(r.id);
      if (group === undefined) continue;
      const pods = podsCarrying(group);
      if (pods.isEmpty()) continue;
      const { srcIps: _s, dstIps: _d, ...rest } = r.match;
      const match = f.direction === 'ingress' ? { ...rest, srcEndpoints: pods } : { ...rest, dstEndpoints: pods };
      rules.push({ ...r, id: `${r.id}/pods`, match, provenance: { ...r.provenance, displayName: `${r.provenance.displayName} (pods carrying it)` } });
      changed = true;
    }
    if (changed) filters.set(id, { ...f, rules });
  }
}
