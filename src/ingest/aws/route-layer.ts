// Route tables that send only part of the internet to a gateway. When the
// longest matching routes of a subnet's table reach an internet gateway (or
// a NAT gateway) for some public prefixes only, the subnet's endpoints reach
// only those internet addresses. Such a table becomes a stateless egress
// layer of its own: local and private destinations pass, routed internet
// prefixes pass, every other address has no route. Being stateless, it also
// decides replies: a connection from an unrouted internet address gets in but
// its responses have no way back. A table that routes the whole internet
// adds no layer.

import type { Filter, Layer } from '../../model/estate.js';
import type { IntervalSet } from '../../model/intervals.js';
import { ALL_IPV4 } from '../../model/ip.js';
import { nameTag, withName } from './context.js';
import { provenanceAt } from './inventory.js';
import type { InternetAccessResolver } from './internet.js';

export class RouteLayers {
  /** Layer id per route table id, or null when the table routes the whole internet. */
  private readonly byTable = new Map<string, string | null>();

  constructor(
    private readonly filters: Map<string, Filter>,
    private readonly layers: Map<string, Layer>,
    private readonly internet: InternetAccessResolver,
    /** The internet's address space (public IPv4 outside every VPC). */
    private readonly internetSpace: IntervalSet,
  ) {}

  /** The route layer of the subnet's table, or undefined when it routes the whole internet (or is not in the input). */
  layerFor(vpcId: string, subnetId: string | undefined): string | undefined {
    const found = this.internet.routedInternet(vpcId, subnetId);
    if (found === undefined) return undefined;
    const tableId = found.table.value.RouteTableId;
    const known = this.byTable.get(tableId);
    if (known !== undefined) return known ?? undefined;
    const reachable = found.routed.intersect(this.internetSpace);
    if (this.internetSpace.subtract(reachable).isEmpty()) {
      this.byTable.set(tableId, null);
      return undefined;
    }
    const t = found.table;
    const label = withName(tableId, nameTag(t.value.Tags));
    const displayName = `route table ${label}`;
    const filterId = `route/${tableId}/egress`;
    const at = (name: string, ...path: (string | number)[]) => provenanceAt(t, path, tableId, name);
    const routesShown = found.routes.length === 0 ? 'no internet route' : found.routes.join(', ');
    const filter: Filter = {
      id: filterId,
      kind: 'first-match',
      direction: 'egress',
      vendorKind: 'aws-route-table',
      rules: [
        {
          id: `${filterId}/local`,
          action: 'allow',
          match: { dstIps: ALL_IPV4.subtract(this.internetSpace) },
          provenance: at('local and private destinations (not internet) → local'),
        },
        ...(reachable.isEmpty()
          ? []
          : [{ id: `${filterId}/internet`, action: 'allow' as const, match: { dstIps: reachable }, provenance: at(routesShown, 'Routes') }]),
      ],
      defaultAction: 'deny',
      defaultProvenance: at(`no route for other internet addresses (routes: ${routesShown})`, 'Routes'),
      displayName,
      provenance: at(displayName),
    };
    const layerId = `route:${tableId}`;
    this.filters.set(filterId, filter);
    this.layers.set(layerId, {
      id: layerId,
      vendorKind: 'aws-route-table',
      direction: 'egress',
      filterIds: [filterId],
      emptyAction: 'deny',
      stateful: false,
      displayName,
    });
    this.byTable.set(tableId, layerId);
    return layerId;
  }
}
