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
    const layer = securityGroupLayer(this.filters, filterIds, direction);
    if (!this.layers.has(layer.id)) this.layers.set(layer.id, layer);
    return layer.id;
  }
}

export interface SecurityGroupLayerOptions {
  /** Appended to the layer id, for variants of one set of groups. */
  readonly idSuffix?: string;
  /** Words before "group(s)" in the display name (default "security"). */
  readonly noun?: string;
  readonly bypassWithinScope?: string;
}

/** The stateful union layer of a set of security-group filters (order and repeats do not matter). */
export function securityGroupLayer(
  filters: ReadonlyMap<string, Filter>,
  filterIds: readonly string[],
  direction: Direction,
  options: SecurityGroupLayerOptions = {},
): Layer {
  const sorted = [...new Set(filterIds)].sort();
  const names = sorted.map((f) => filters.get(f)?.displayName.replace(/^security group /, '') ?? f);
  return {
    id: `sg:${sorted.join('+')}${options.idSuffix ?? ''}`,
    vendorKind: 'aws-sg',
    direction,
    filterIds: sorted,
    emptyAction: 'deny',
    ...(options.bypassWithinScope === undefined ? {} : { bypassWithinScope: options.bypassWithinScope }),
    stateful: true,
    displayName: `${options.noun ?? 'security'} ${names.length === 1 ? 'group' : 'groups'} ${names.join(', ')}`,
  };
}
