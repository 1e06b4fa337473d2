// Whether an interface or subnet can exchange traffic with the internet:
// an internet gateway attached to its VPC, a route to it from the subnet's
// route table (explicit association, else the VPC's main table), and a public
// address. A route to a NAT gateway gives outbound access only. Where the
// input lacks gateways or route tables, access is assumed (sound for
// isolation) and the assumption is named.

import type { InternetAccess } from '../../model/estate.js';
import { IntervalSet } from '../../model/intervals.js';
import { ALL_IPV4, parseCidr } from '../../model/ip.js';
import { type AwsContext, nameTag, withName } from './context.js';
import type { AwsInventory, Located } from './inventory.js';
import type { RawRoute, RawRouteTable } from './schemas.js';

interface VpcGateways {
  readonly igws: readonly string[];
  readonly assumption?: string;
}

export interface PublicAddress {
  readonly has: boolean;
  /** e.g. "public IP 3.4.5.6", "subnet web maps public IPs on launch", "subnet app is private (no public IP)". */
  readonly reason: string;
}

function usable(route: RawRoute): boolean {
  return route.State !== 'blackhole';
}

function destination(route: RawRoute): string {
  return route.DestinationCidrBlock ?? route.DestinationPrefixListId ?? route.DestinationIpv6CidrBlock ?? '?';
}

/** The addresses a route table sends to internet-bound gateways, and those gateways. */
export interface RoutedInternet {
  readonly table: Located<RawRouteTable>;
  /** IPv4 addresses whose longest matching route goes to an internet-bound gateway. */
  readonly routed: IntervalSet;
  /** Destinations of those routes as the console shows them, e.g. "1.2.3.0/24 → igw-1". */
  readonly routes: readonly string[];
}

export class InternetAccessResolver {
  private readonly routeAssumed = new Set<string>();

  constructor(
    private readonly inv: AwsInventory,
    private readonly ctx: AwsContext,
  ) {}

  private label(id: string): string {
    const igw = this.inv.internetGateways.get(id);
    return withName(id, igw === undefined ? undefined : nameTag(igw.value.Tags));
  }

  private readonly gatewayCache = new Map<string, VpcGateways>();

  private gateways(vpcId: string): VpcGateways {
    const cached = this.gatewayCache.get(vpcId);
    if (cached !== undefined) return cached;
    const found = this.findGateways(vpcId);
    this.gatewayCache.set(vpcId, found);
    return found;
  }

  private findGateways(vpcId: string): VpcGateways {
    if (!this.inv.seen.has('internetGateway')) {
      const assumption = this.ctx.assume(
        'internet-gateway-assumed',
        'no internet gateways in the input: every VPC is assumed to have one attached',
      );
      if (!this.ctx.sink.items.some((d) => d.code === 'gateway-assumed')) {
        this.ctx.sink.report('gateway-assumed', 'no describe-internet-gateways in the input: every VPC is assumed to have an internet gateway attached');
      }
      return { igws: ['(assumed internet gateway)'], assumption };
    }
    const igws: string[] = [];
    for (const igw of this.inv.internetGateways.values()) {
      const attached = (igw.value.Attachments ?? []).some(
        (a) => a.VpcId === vpcId && (a.State === undefined || a.State === null || a.State === 'available' || a.State === 'attached'),
      );
      if (attached) igws.push(igw.value.InternetGatewayId);
    }
    return { igws };
  }

  private tableIndex: { bySubnet: Map<string, Located<RawRouteTable>>; mainByVpc: Map<string, Located<RawRouteTable>> } | undefined;

  /** The subnet's route table: explicit association, else the VPC's main table. */
  private routeTable(vpcId: string, subnetId: string | undefined): Located<RawRouteTable> | undefined {
    if (this.tableIndex === undefined) {
      const bySubnet = new Map<string, Located<RawRouteTable>>();
      const mainByVpc = new Map<string, Located<RawRouteTable>>();
      for (const t of this.inv.routeTables.values()) {
        for (const a of t.value.Associations ?? []) {
          if (a.SubnetId && !bySubnet.has(a.SubnetId)) bySubnet.set(a.SubnetId, t);
          if (a.Main === true && !mainByVpc.has(t.value.VpcId)) mainByVpc.set(t.value.VpcId, t);
        }
      }
      this.tableIndex = { bySubnet, mainByVpc };
    }
    const explicit = subnetId === undefined ? undefined : this.tableIndex.bySubnet.get(subnetId);
    return explicit !== undefined && explicit.value.VpcId === vpcId ? explicit : this.tableIndex.mainByVpc.get(vpcId);
  }

  private assumeRoute(vpcId: string): string {
    const anyTables = this.inv.seen.has('routeTable');
    const key = anyTables ? vpcId : '*';
    if (!this.routeAssumed.has(key)) {
      this.routeAssumed.add(key);
      this.ctx.sink.report(
        'route-assumed',
        anyTables
          ? `no route table for ${vpcId} (nor a main one) in the input: subnets of ${vpcId} are assumed to route to its internet gateway`
          : 'no describe-route-tables in the input: every subnet is assumed to route to its VPC\'s internet gateway',
      );
    }
    return this.ctx.assume(
      `route-assumed:${vpcId}`,
      `no route table for ${vpcId} in the input: its subnets are assumed to route to the internet gateway`,
    );
  }

  access(vpcId: string, subnetId: string | undefined, subnetLabel: string, address: PublicAddress): InternetAccess {
    const reasons: string[] = [];
    const assumptions: string[] = [];
    const gw = this.gateways(vpcId);
    if (gw.assumption !== undefined) assumptions.push(gw.assumption);
    if (gw.igws.length === 0) {
      reasons.push(`no internet gateway attached to ${vpcId}`);
      return { inbound: false, outbound: false, reasons, assumptions };
    }
    reasons.push(`${gw.igws.map((g) => this.label(g)).join(', ')} attached to ${vpcId}`);
    const table = this.routeTable(vpcId, subnetId);
    let igwRoute = false;
    let natRoute: string | undefined;
    if (table === undefined) {
      assumptions.push(this.assumeRoute(vpcId));
      reasons.push(`route from subnet ${subnetLabel} to the internet gateway assumed (no route table in the input)`);
      igwRoute = true;
    } else {
      const tableId = table.value.RouteTableId;
      const routes = (table.value.Routes ?? []).filter(usable);
      const toIgw = routes.find((r) => r.GatewayId !== undefined && r.GatewayId !== null && gw.igws.includes(r.GatewayId));
      const toNat = routes.find((r) => r.NatGatewayId !== undefined && r.NatGatewayId !== null);
      if (toIgw !== undefined) {
        igwRoute = true;
        reasons.push(`route table ${tableId} sends ${destination(toIgw)} to ${this.label(toIgw.GatewayId!)}`);
      } else if (toNat !== undefined) {
        reasons.push(`route table ${tableId} of subnet ${subnetLabel} sends ${destination(toNat)} to ${toNat.NatGatewayId}, not to the internet gateway`);
      } else {
        reasons.push(`route table ${tableId} of subnet ${subnetLabel} has no route to the internet gateway`);
      }
      if (toNat !== undefined) {
        const problem = this.natProblem(toNat.NatGatewayId!);
        if (problem !== undefined) reasons.push(problem);
        else natRoute = toNat.NatGatewayId!;
      }
    }
    reasons.push(address.reason);
    const inbound = igwRoute && address.has;
    if (inbound) return { inbound: true, outbound: true, reasons, assumptions };
    if (natRoute !== undefined) {
      reasons.push(`outbound only, via ${natRoute}`);
      return { inbound: false, outbound: true, reasons, assumptions };
    }
    return { inbound: false, outbound: false, reasons, assumptions };
  }

  /** Why a NAT gateway gives no internet access, or undefined when it does. */
  private natProblem(natId: string): string | undefined {
    const nat = this.inv.natGateways.get(natId);
    const state = nat?.value.State;
    if (nat?.value.ConnectivityType === 'private') return `${natId} is a private NAT gateway (no internet access)`;
    if (state !== undefined && state !== null && state !== 'available' && state !== 'pending') return `${natId} is ${state}`;
    return undefined;
  }

  /**
   * The addresses the subnet's route table sends to the internet: to one of
   * the VPC's internet gateways or to a NAT gateway that reaches the
   * internet, the longest matching route deciding each address. Undefined
   * without a route table in the input (access is then assumed whole). A
   * prefix-list route to such a gateway counts as a route for every address,
   * and a prefix-list route elsewhere takes none away (both conservative for
   * isolation).
   */
  routedInternet(vpcId: string, subnetId: string | undefined): RoutedInternet | undefined {
    const table = this.routeTable(vpcId, subnetId);
    if (table === undefined) return undefined;
    const igws = new Set(this.gateways(vpcId).igws);
    const bound = (r: RawRoute): string | undefined => {
      if (r.GatewayId && igws.has(r.GatewayId)) return this.label(r.GatewayId);
      if (r.NatGatewayId && this.natProblem(r.NatGatewayId) === undefined) return r.NatGatewayId;
      return undefined;
    };
    const cidrRoutes: { prefix: number; range: IntervalSet; to: string | undefined; text: string }[] = [];
    let routed = IntervalSet.EMPTY;
    const shown: string[] = [];
    for (const r of (table.value.Routes ?? []).filter(usable)) {
      const to = bound(r);
      if (r.DestinationCidrBlock) {
        const parsed = parseCidr(r.DestinationCidrBlock);
        if (parsed.ok) cidrRoutes.push({ prefix: parsed.cidr.prefix, range: parsed.range, to, text: r.DestinationCidrBlock });
      } else if (r.DestinationPrefixListId && to !== undefined) {
        routed = ALL_IPV4;
        shown.push(`${r.DestinationPrefixListId} → ${to}`);
      }
    }
    if (routed === ALL_IPV4) return { table, routed, routes: shown };
    // Shorter prefixes first: each more specific route overrides what came before.
    for (const r of cidrRoutes.sort((x, y) => x.prefix - y.prefix)) {
      if (r.to !== undefined) {
        routed = routed.union(r.range);
        shown.push(`${r.text} → ${r.to}`);
      } else {
        routed = routed.subtract(r.range);
      }
    }
    return { table, routed, routes: shown };
  }
}
