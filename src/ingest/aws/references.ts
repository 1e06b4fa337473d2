// Resolves what security-group rules refer to: a group → the private IPs of
// every interface carrying it; a managed prefix list → its CIDRs, read from a
// get-managed-prefix-list-entries file named after the list, or from an
// `Entries` array inside a describe-managed-prefix-lists item (an extension).

import { IntervalSet } from '../../model/intervals.js';
import type { AwsContext } from './context.js';
import { nameTag, withName } from './context.js';
import type { InterfaceRecord } from './interfaces.js';
import { type AwsInventory, at } from './inventory.js';
import type { ReferenceResolver } from './security-group.js';

export function referenceResolver(inv: AwsInventory, interfaces: readonly InterfaceRecord[], ctx: AwsContext): ReferenceResolver {
  const members = new Map<string, IntervalSet>();
  for (const rec of interfaces) {
    for (const g of rec.groups) {
      members.set(g.id, (members.get(g.id) ?? IntervalSet.EMPTY).union(IntervalSet.points(rec.privateIps)));
    }
  }
  const prefixCache = new Map<string, IntervalSet | undefined>();
  const prefixList = (id: string): IntervalSet | undefined => {
    if (prefixCache.has(id)) return prefixCache.get(id);
    let set: IntervalSet | undefined;
    const file = inv.prefixListEntries.get(id.toLowerCase());
    const item = inv.prefixLists.get(id);
    if (file !== undefined) {
      set = IntervalSet.EMPTY;
      for (const e of file.cidrs) set = set.union(ctx.cidr(e.cidr, () => e.location, `prefix list ${id} entry`) ?? IntervalSet.EMPTY);
    } else if (item?.value.Entries !== undefined && item.value.Entries !== null) {
      set = IntervalSet.EMPTY;
      item.value.Entries.forEach((e, i) => {
        set = set!.union(ctx.cidr(e.Cidr, () => at(item, 'Entries', i, 'Cidr'), `prefix list ${id} entry`) ?? IntervalSet.EMPTY);
      });
    }
    prefixCache.set(id, set);
    return set;
  };
  const byName = new Map<string, string[]>();
  for (const sg of inv.securityGroups.values()) {
    const name = sg.value.GroupName;
    if (name) byName.set(name, [...(byName.get(name) ?? []), sg.value.GroupId]);
  }
  return {
    groupMembers: (groupId) => members.get(groupId) ?? (inv.securityGroups.has(groupId) ? IntervalSet.EMPTY : undefined),
    groupIdByName: (name) => {
      const ids = byName.get(name);
      return ids !== undefined && ids.length === 1 ? ids[0] : undefined;
    },
    groupLabel: (groupId) => {
      const sg = inv.securityGroups.get(groupId)?.value;
      return withName(groupId, sg === undefined ? undefined : (nameTag(sg.Tags) ?? sg.GroupName ?? undefined));
    },
    prefixList,
    prefixListLabel: (id) => withName(id, inv.prefixLists.get(id)?.value.PrefixListName ?? undefined),
  };
}
