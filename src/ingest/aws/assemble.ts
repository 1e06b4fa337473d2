// Puts the AWS estate together: inventory → filters (NACLs, security groups,
// stand-ins for missing ones) → shared layers → one endpoint per interface
// and one segment per subnet, with internet access, network links, the
// internet's address space and display names for scopes.

import type { DiagnosticSink } from '../../model/diagnostics.js';
import type { Endpoint, Estate, Filter, InternetAccess } from '../../model/estate.js';
import { IntervalSet } from '../../model/intervals.js';
import { PUBLIC_IPV4, formatIpv4 } from '../../model/ip.js';
import type { InputDocument } from '../document.js';
import { AwsContext, nameTag, withName } from './context.js';
import { InternetAccessResolver, type PublicAddress } from './internet.js';
import { collectInterfaces, interfaceName, type InterfaceRecord } from './interfaces.js';
import { type AwsInventory, type Located, at, buildInventory, provenanceAt } from './inventory.js';
import { LayerRegistry } from './layers.js';
import { RouteLayers } from './route-layer.js';
import { networkLinks } from './links.js';
import { convertNetworkAcl, missingNaclFilters, naclFilterId, type NaclFilters } from './nacl.js';
import { referenceResolver } from './references.js';
import type { RawSubnet } from './schemas.js';
import { convertSecurityGroup, missingSecurityGroupFilters, securityGroupFilterId } from './security-group.js';

export type { PublicAddress } from './internet.js';

/** Interface types whose traffic security groups do not filter. */
const NO_SECURITY_GROUPS = new Set(['nat_gateway', 'gateway_load_balancer', 'gateway_load_balancer_endpoint', 'transit_gateway']);

interface SubnetInfo {
  readonly id: string;
  readonly vpcId: string;
  readonly label: string;
  readonly raw?: Located<RawSubnet>;
  readonly naclIngress: string;
  readonly naclEgress: string;
}

class Assembly {
  readonly ctx: AwsContext;
  readonly filters = new Map<string, Filter>();
  readonly layers: LayerRegistry;
  readonly subnets = new Map<string, SubnetInfo>();
  readonly scopeNames: Record<string, string> = {};
  private readonly naclBySubnet = new Map<string, string>();
  private readonly defaultNacl = new Map<string, string>();
  private readonly warnedVpcs = new Set<string>();

  constructor(
    readonly inv: AwsInventory,
    sink: DiagnosticSink,
  ) {
    this.ctx = new AwsContext(sink);
    this.layers = new LayerRegistry(this.filters);
  }

  private addFilters(f: NaclFilters): void {
    this.filters.set(f.ingress.id, f.ingress);
    this.filters.set(f.egress.id, f.egress);
  }

  convertPolicies(interfaces: readonly InterfaceRecord[]): void {
    const resolver = referenceResolver(this.inv, interfaces, this.ctx);
    for (const sg of this.inv.securityGroups.values()) {
      this.addFilters(convertSecurityGroup(sg, resolver, this.ctx));
      this.scopeNames[sg.value.GroupId] = nameTag(sg.value.Tags) ?? sg.value.GroupName ?? sg.value.GroupId;
    }
    for (const acl of this.inv.networkAcls.values()) {
      const id = acl.value.NetworkAclId;
      this.addFilters(convertNetworkAcl(acl, this.ctx));
      this.scopeNames[id] = nameTag(acl.value.Tags) ?? id;
      for (const a of acl.value.Associations ?? []) if (a.SubnetId) this.naclBySubnet.set(a.SubnetId, id);
      if (acl.value.IsDefault === true) this.defaultNacl.set(acl.value.VpcId, id);
    }
  }

  noteVpc(vpcId: string, where: Located<unknown>): void {
    if (this.inv.vpcs.has(vpcId) || this.warnedVpcs.has(vpcId)) return;
    this.warnedVpcs.add(vpcId);
    const here = at(where);
    this.ctx.sink.report('missing-vpc', `${here.file}#${here.pointer}: VPC ${vpcId} is not in the input; its address ranges are not excluded from the internet`, here);
  }

  /** The subnet's facts and NACL layers; undefined (with a warning) when nothing places it in a VPC. */
  subnet(subnetId: string, vpcHint: string | undefined, where: Located<unknown>): SubnetInfo | undefined {
    const known = this.subnets.get(subnetId);
    if (known !== undefined) return known;
    const raw = this.inv.subnets.get(subnetId);
    const vpcId = raw?.value.VpcId ?? vpcHint;
    if (raw === undefined) {
      const here = at(where);
      this.ctx.sink.report('missing-subnet', `${here.file}#${here.pointer}: subnet ${subnetId} is not in the input; its network ACL and public-IP setting are unknown`, here);
    }
    if (vpcId === undefined) return undefined;
    this.noteVpc(vpcId, raw ?? where);
    const label = (raw === undefined ? undefined : nameTag(raw.value.Tags)) ?? subnetId;
    this.scopeNames[subnetId] = label;
    const aclId = this.naclBySubnet.get(subnetId) ?? this.defaultNacl.get(vpcId);
    let ingress: string;
    let egress: string;
    if (aclId !== undefined) {
      ingress = naclFilterId(aclId, 'ingress');
      egress = naclFilterId(aclId, 'egress');
    } else {
      const here = at(raw ?? where);
      let assumption: string;
      if (this.inv.seen.has('networkAcl')) {
        this.ctx.sink.report(
          'missing-network-acl',
          `${here.file}#${here.pointer}: no network ACL for subnet ${subnetId} (nor a default one for ${vpcId}) in the input; it is assumed to allow all traffic`,
          here,
        );
        assumption = this.ctx.assume(`missing-network-acl:${subnetId}`, `the network ACL of subnet ${subnetId} is not in the input; it is assumed to allow all traffic`, here);
      } else {
        // No describe-network-acls at all: one warning, one assumption for every subnet.
        if (!this.ctx.sink.items.some((d) => d.code === 'missing-network-acl')) {
          this.ctx.sink.report('missing-network-acl', 'no describe-network-acls in the input: every subnet is assumed to allow all traffic through its network ACL');
        }
        assumption = this.ctx.assume('missing-network-acl:*', 'no network ACLs in the input: every subnet is assumed to allow all traffic through its network ACL');
      }
      const stand = missingNaclFilters(subnetId, assumption, (vendorId, displayName) => provenanceAt(raw ?? where, [], vendorId, displayName));
      this.addFilters(stand);
      ingress = stand.ingress.id;
      egress = stand.egress.id;
    }
    const info: SubnetInfo = {
      id: subnetId,
      vpcId,
      label,
      ...(raw === undefined ? {} : { raw }),
      naclIngress: this.layers.nacl(ingress, 'ingress'),
      naclEgress: this.layers.nacl(egress, 'egress'),
    };
    this.subnets.set(subnetId, info);
    return info;
  }

  /** The security-group filter ids of an interface, with stand-ins for groups not in the input. */
  groupFilters(rec: InterfaceRecord): { ingress: string[]; egress: string[] } {
    const ingress: string[] = [];
    const egress: string[] = [];
    for (const g of rec.groups) {
      if (!this.filters.has(securityGroupFilterId(g.id, 'ingress'))) {
        const here = at(rec.source);
        this.ctx.sink.report(
          'missing-security-group',
          `${here.file}#${here.pointer}: interface ${rec.id} carries security group ${g.id}, which is not in the input; it is assumed to allow all traffic both ways`,
          here,
        );
        const assumption = this.ctx.assume(`missing-security-group:${g.id}`, `security group ${g.id} is not in the input; it is assumed to allow all traffic both ways`, here);
        const stand = missingSecurityGroupFilters(g.id, assumption, (vendorId, displayName) => provenanceAt(rec.source, [], vendorId, displayName));
        this.addFilters(stand);
      }
      ingress.push(securityGroupFilterId(g.id, 'ingress'));
      egress.push(securityGroupFilterId(g.id, 'egress'));
    }
    return { ingress, egress };
  }
}

function publicAddressOfInterface(rec: InterfaceRecord, subnet: SubnetInfo): PublicAddress {
  const first = rec.publicIps[0];
  if (first !== undefined) return { has: true, reason: `public IP ${formatIpv4(first)}` };
  if (subnet.raw?.value.MapPublicIpOnLaunch === true) return { has: true, reason: `subnet ${subnet.label} is public (maps public IPs on launch)` };
  return { has: false, reason: `subnet ${subnet.label} is private (no public IP)` };
}

function publicAddressOfSubnet(subnet: SubnetInfo): PublicAddress {
  return subnet.raw?.value.MapPublicIpOnLaunch === true
    ? { has: true, reason: `subnet ${subnet.label} is public (maps public IPs on launch)` }
    : { has: false, reason: `subnet ${subnet.label} is private (no public IP)` };
}

function buildEndpoints(a: Assembly, interfaces: readonly InterfaceRecord[], internet: InternetAccessResolver, routes: RouteLayers): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const rec of interfaces) {
    const primary = rec.privateIps[0];
    const where = () => at(rec.source);
    if (rec.subnetId === undefined || primary === undefined) {
      const here = where();
      a.ctx.sink.report(
        'endpoint-unplaced',
        `${here.file}#${here.pointer}: interface ${rec.id} has no ${rec.subnetId === undefined ? 'subnet' : 'IPv4 address'} and is left out`,
        here,
      );
      continue;
    }
    const subnet = a.subnet(rec.subnetId, rec.vpcId, rec.source);
    if (subnet === undefined) {
      const here = where();
      a.ctx.sink.report('endpoint-unplaced', `${here.file}#${here.pointer}: interface ${rec.id} is in no known VPC and is left out`, here);
      continue;
    }
    if (rec.hasIpv6) a.ctx.ipv6(`addresses (interface ${rec.id})`, where());
    const type = rec.interfaceType ?? 'interface';
    if (type.startsWith('gateway_load_balancer')) {
      const here = where();
      a.ctx.sink.report('not-modeled', `${here.file}#${here.pointer}: interface ${rec.id} belongs to a gateway load balancer; traffic inspection through it is not modeled`, here);
    }
    const sgLayers = NO_SECURITY_GROUPS.has(type)
      ? { egress: [] as string[], ingress: [] as string[] }
      : (() => {
          const f = a.groupFilters(rec);
          return { egress: [a.layers.securityGroups(f.egress, 'egress')], ingress: [a.layers.securityGroups(f.ingress, 'ingress')] };
        })();
    const name = `${interfaceName(rec)}[${formatIpv4(primary)}]`;
    const instanceTags: Record<string, string> = {};
    for (const t of rec.instance?.value.Tags ?? []) instanceTags[t.Key] = t.Value ?? '';
    const groupNames = rec.groups.flatMap((g) => {
      const name = g.name ?? a.inv.securityGroups.get(g.id)?.value.GroupName;
      return name ? [name] : [];
    });
    const groups = [...new Set([...rec.groups.map((g) => g.id), ...groupNames])];
    const scopes: Record<string, string> = { vpc: subnet.vpcId, subnet: subnet.id };
    if (rec.instanceId !== undefined) scopes['instance'] = rec.instanceId;
    if (rec.az !== undefined) scopes['az'] = rec.az;
    const access = natGatewayAccess(type, internet.access(subnet.vpcId, subnet.id, subnet.label, publicAddressOfInterface(rec, subnet)));
    endpoints.push({
      index: endpoints.length,
      id: rec.id,
      name,
      kind: rec.instanceId !== undefined ? 'instance' : 'interface',
      addresses: IntervalSet.points(rec.privateIps),
      publicAddresses: IntervalSet.points(rec.publicIps),
      labels: { ...rec.tags, ...instanceTags },
      groups,
      network: subnet.vpcId,
      scopes,
      egressLayers: [...sgLayers.egress, subnet.naclEgress, ...routeLayer(routes, access, subnet.vpcId, subnet.id)],
      ingressLayers: [subnet.naclIngress, ...sgLayers.ingress],
      internet: access,
      provenance: provenanceAt(rec.source, [], rec.id, name),
    });
  }
  return endpoints;
}

/** The route layer of a subnet whose endpoints reach the internet through part of it only (route-layer.ts). */
function routeLayer(routes: RouteLayers, access: InternetAccess, vpcId: string, subnetId: string): string[] {
  if (!access.outbound && !access.inbound) return [];
  const id = routes.layerFor(vpcId, subnetId);
  return id === undefined ? [] : [id];
}

/**
 * A NAT gateway forwards connections its VPC opens and drops every connection
 * the internet initiates, whatever its public IP and route table say.
 */
function natGatewayAccess(type: string, access: InternetAccess): InternetAccess {
  if (type !== 'nat_gateway' || !access.inbound) return access;
  return { ...access, inbound: false, reasons: [...access.reasons, 'a NAT gateway accepts no connection initiated from the internet'] };
}

function buildSegments(a: Assembly, internet: InternetAccessResolver, routes: RouteLayers): Endpoint[] {
  const segments: Endpoint[] = [];
  for (const raw of a.inv.subnets.values()) {
    const s = raw.value;
    const cidrText = s.CidrBlock;
    if ((s.Ipv6CidrBlockAssociationSet ?? []).length > 0) a.ctx.ipv6(`subnet ranges (${s.SubnetId})`, at(raw, 'Ipv6CidrBlockAssociationSet'));
    if (!cidrText) continue;
    const range = a.ctx.cidr(cidrText, () => at(raw, 'CidrBlock'), `subnet ${s.SubnetId}`);
    const info = a.subnet(s.SubnetId, s.VpcId, raw);
    if (range === undefined || info === undefined) continue;
    const scopes: Record<string, string> = { vpc: s.VpcId, subnet: s.SubnetId };
    if (s.AvailabilityZone) scopes['az'] = s.AvailabilityZone;
    const labels: Record<string, string> = {};
    for (const t of s.Tags ?? []) labels[t.Key] = t.Value ?? '';
    const access = internet.access(s.VpcId, s.SubnetId, info.label, publicAddressOfSubnet(info));
    segments.push({
      index: segments.length,
      id: s.SubnetId,
      name: info.label,
      kind: 'subnet',
      addresses: range,
      publicAddresses: IntervalSet.EMPTY,
      labels,
      groups: [],
      network: s.VpcId,
      scopes,
      egressLayers: [info.naclEgress, ...routeLayer(routes, access, s.VpcId, s.SubnetId)],
      ingressLayers: [info.naclIngress],
      internet: access,
      provenance: provenanceAt(raw, [], s.SubnetId, withName(s.SubnetId, info.label)),
    });
  }
  return segments;
}

function internetSpace(a: Assembly): IntervalSet {
  let own = IntervalSet.EMPTY;
  for (const raw of a.inv.vpcs.values()) {
    const v = raw.value;
    a.scopeNames[v.VpcId] = nameTag(v.Tags) ?? v.VpcId;
    if ((v.Ipv6CidrBlockAssociationSet ?? []).length > 0) a.ctx.ipv6(`VPC ranges (${v.VpcId})`, at(raw, 'Ipv6CidrBlockAssociationSet'));
    const blocks = new Map<string, ReturnType<typeof at>>();
    if (v.CidrBlock) blocks.set(v.CidrBlock, at(raw, 'CidrBlock'));
    (v.CidrBlockAssociationSet ?? []).forEach((c, i) => {
      const state = c.CidrBlockState?.State;
      if (state === undefined || state === null || state === 'associated') {
        if (!blocks.has(c.CidrBlock)) blocks.set(c.CidrBlock, at(raw, 'CidrBlockAssociationSet', i, 'CidrBlock'));
      }
    });
    for (const [text, loc] of blocks) own = own.union(a.ctx.cidr(text, () => loc, `VPC ${v.VpcId}`) ?? IntervalSet.EMPTY);
  }
  return PUBLIC_IPV4.subtract(own);
}

/**
 * The AWS estate with what a later stage needs to attach endpoints of its own
 * (Kubernetes pods in a VPC): the inventory, the rules that refer to security
 * groups, subnets' network ACL layers, internet access of a subnet address,
 * and the context that records assumptions into `estate.assumptions`.
 */
export interface AwsAssembly {
  readonly estate: Estate;
  readonly inventory: AwsInventory;
  readonly context: AwsContext;
  /** Rule id → referenced security group id. */
  readonly groupReferences: ReadonlyMap<string, string>;
  /**
   * The NACL layer ids of a subnet of the inventory, and its route layer when
   * its route table sends only part of the internet out (route-layer.ts);
   * undefined when it is in no known VPC.
   */
  subnetLayers(
    subnetId: string,
  ): { readonly ingress: string; readonly egress: string; readonly route?: string; readonly label: string; readonly vpcId: string } | undefined;
  /** Internet access of an address in a subnet; `publicAddress` says whether it has a public mapping and why. */
  internetAccess(subnetId: string, publicAddress: PublicAddress): InternetAccess | undefined;
  /** Whether the subnet maps public IPs on launch (a node's primary address there is public). */
  subnetPublicAddress(subnetId: string): PublicAddress | undefined;
}

export function assembleAwsEstate(docs: readonly InputDocument[], sink: DiagnosticSink): Estate {
  return assembleAws(docs, sink).estate;
}

export function assembleAws(docs: readonly InputDocument[], sink: DiagnosticSink): AwsAssembly {
  const inv = buildInventory(docs, sink);
  const a = new Assembly(inv, sink);
  const interfaces = collectInterfaces(inv, a.ctx);
  a.convertPolicies(interfaces);
  const internetSpaceSet = internetSpace(a);
  const internet = new InternetAccessResolver(inv, a.ctx);
  const routes = new RouteLayers(a.filters, a.layers.layers, internet, internetSpaceSet);
  const endpoints = buildEndpoints(a, interfaces, internet, routes);
  const segments = buildSegments(a, internet, routes);
  const links = networkLinks(inv, a.ctx);
  const estate: Estate = {
    endpoints,
    segments,
    internet: internetSpaceSet,
    filters: a.filters,
    layers: a.layers.layers,
    networkLinks: links,
    assumptions: a.ctx.assumptions,
    diagnostics: sink.items,
    scopeNames: a.scopeNames,
    sources: docs.map((d) => d.file),
  };
  const known = (subnetId: string): SubnetInfo | undefined => {
    const raw = inv.subnets.get(subnetId);
    return raw === undefined ? undefined : a.subnet(subnetId, raw.value.VpcId, raw);
  };
  return {
    estate,
    inventory: inv,
    context: a.ctx,
    groupReferences: a.ctx.groupReferences,
    subnetLayers(subnetId) {
      const info = known(subnetId);
      if (info === undefined) return undefined;
      const route = routes.layerFor(info.vpcId, info.id);
      return { ingress: info.naclIngress, egress: info.naclEgress, ...(route === undefined ? {} : { route }), label: info.label, vpcId: info.vpcId };
    },
    internetAccess(subnetId, publicAddress) {
      const info = known(subnetId);
      return info === undefined ? undefined : internet.access(info.vpcId, info.id, info.label, publicAddress);
    },
    subnetPublicAddress(subnetId) {
      const info = known(subnetId);
      return info === undefined ? undefined : publicAddressOfSubnet(info);
    },
  };
}
