// Policy layers shared among endpoints: one per network ACL and direction
// (skipped within the subnet, stateless), and one per distinct set of
// security groups and direction (a union of the groups, stateful).

import type { Direction, Filter, Layer } from '../../model/estate.js';

export class LayerRegistry {
  readonly layers = new Map<string, Layer>();

  constructor(private readonly filters: ReadonlyMap<string, Filter>) {}

  /** The layer of one network ACL filter (real or stand-in). */
  nacl(filterId: string, direction: Direction): string {
    const id = `nacl:${filterId}`;
    if (!this.layers.has(id)) {
      this.layers.set(id, {
        id,
        vendorKind: 'aws-nacl',
        direction,
        filterIds: [filterId],
        emptyAction: 'deny',
        bypassWithinScope: 'subnet',
        stateful: false,
        displayName: this.filters.get(filterId)?.displayName ?? filterId,
      });
    }
    return id;
  }

  /** The union layer of an interface's security groups. */
  securityGroups(filterIds: readonly string[], direction: Direction): string {
    const sorted = [...new Set(filterIds)].sort();
    const id = `sg:${sorted.join('+')}`;
    if (!this.layers.has(id)) {
      const names = sorted.map((f) => this.filters.get(f)?.displayName.replace(/^security group /, '') ?? f);
      this.layers.set(id, {
        id,
        vendorKind: 'aws-sg',
        direction,
        filterIds: sorted,
        emptyAction: 'deny',
        stateful: true,
        displayName: `${names.length === 1 ? 'security group' : 'security groups'} ${names.join(', ')}`,
      });
    }
    return id;
  }
}
