// Routes between VPCs (peering connections, transit gateways) become
// `networkLinks` resting on an assumption, with a `not-modeled` warning: the
// route's destination range and the other side's routes are not checked.
// Other route targets netproof does not model are reported, never ignored.

import type { NetworkLink } from '../../model/estate.js';
import type { AwsContext } from './context.js';
import { type AwsInventory, at } from './inventory.js';

function linkKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function networkLinks(inv: AwsInventory, ctx: AwsContext): NetworkLink[] {
  const links = new Map<string, NetworkLink>();
  const addLink = (a: string, b: string, via: string, text: string): void => {
    if (a === b || links.has(linkKey(a, b))) return;
    const assumption = ctx.assume(`network-link:${via}:${linkKey(a, b)}`, text);
    links.set(linkKey(a, b), a < b ? { a, b, assumption } : { a: b, b: a, assumption });
  };
  for (const table of inv.routeTables.values()) {
    const vpc = table.value.VpcId;
    (table.value.Routes ?? []).forEach((route, i) => {
      if (route.State === 'blackhole') return;
      if (route.DestinationIpv6CidrBlock && !route.DestinationCidrBlock) {
        ctx.ipv6(`routes (${table.value.RouteTableId})`, at(table, 'Routes', i));
        return;
      }
      const here = at(table, 'Routes', i);
      const where = `${here.file}#${here.pointer}`;
      if (route.VpcPeeringConnectionId) {
        const pcx = inv.peeringConnections.get(route.VpcPeeringConnectionId);
        const a = pcx?.value.RequesterVpcInfo?.VpcId ?? undefined;
        const b = pcx?.value.AccepterVpcInfo?.VpcId ?? undefined;
        const peer = a === vpc ? b : b === vpc ? a : undefined;
        ctx.sink.report(
          'not-modeled',
          `${where}: route to peering connection ${route.VpcPeeringConnectionId} is not modeled in detail; ${peer === undefined ? 'its peer VPC is not in the input, so no link is made' : `${vpc} and ${peer} are assumed to reach each other`}`,
          here,
        );
        if (peer !== undefined) {
          addLink(vpc, peer, route.VpcPeeringConnectionId, `${vpc} and ${peer} are assumed to route to each other over ${route.VpcPeeringConnectionId} (routes and ranges not checked)`);
        }
        return;
      }
      if (route.TransitGatewayId) {
        const tgw = route.TransitGatewayId;
        const peers = [...inv.transitGatewayAttachments.values()]
          .filter((t) => t.value.TransitGatewayId === tgw && t.value.ResourceType === 'vpc' && t.value.ResourceId && t.value.State !== 'deleted')
          .map((t) => t.value.ResourceId!);
        ctx.sink.report(
          'not-modeled',
          `${where}: route to transit gateway ${tgw} is not modeled in detail; ${peers.length > 1 ? `VPCs attached to it (${peers.join(', ')}) are assumed to reach ${vpc}` : 'no attachments in the input, so no link is made'}`,
          here,
        );
        for (const peer of peers) {
          addLink(vpc, peer, tgw, `${vpc} and ${peer} are assumed to route to each other over transit gateway ${tgw} (TGW route tables not checked)`);
        }
        return;
      }
      const other =
        route.LocalGatewayId ?? route.CarrierGatewayId ?? route.CoreNetworkArn ?? route.NetworkInterfaceId ?? route.InstanceId ??
        (route.GatewayId && route.GatewayId.startsWith('vpce-') ? route.GatewayId : undefined) ??
        (route.GatewayId && route.GatewayId.startsWith('vgw-') ? route.GatewayId : undefined);
      if (other) {
        ctx.sink.report('not-modeled', `${where}: route to ${other} (${route.DestinationCidrBlock ?? route.DestinationPrefixListId ?? 'IPv6'}) is not modeled; traffic through it is not analyzed`, here);
      }
    });
  }
  return [...links.values()];
}
