// Renders an estate plan as the JSON that `aws ec2 describe-*` prints
// (AWS CLI v2 output shapes and field names), one document per command.

import { formatIpv4 } from '../model/ip.js';
import type { AclEntry, EstatePlan, PlanInterface, PlanSecurityGroup, SgRule, Tag } from './generate-plan.js';

export type AwsDocuments = Readonly<Record<string, unknown>>;

/** File name → document, in a fixed order. */
export function renderAwsJson(plan: EstatePlan): AwsDocuments {
  return {
    'describe-vpcs.json': { Vpcs: plan.vpcs.map((v) => renderVpc(plan, v.index)) },
    'describe-subnets.json': { Subnets: plan.subnets.map((s) => renderSubnet(plan, s.index)) },
    'describe-internet-gateways.json': { InternetGateways: renderGateways(plan) },
    'describe-route-tables.json': { RouteTables: renderRouteTables(plan) },
    'describe-network-acls.json': { NetworkAcls: plan.networkAcls.map((a) => renderAcl(plan, a)) },
    'describe-security-groups.json': { SecurityGroups: plan.securityGroups.map((g) => renderSecurityGroup(plan, g)) },
    'describe-network-interfaces.json': { NetworkInterfaces: plan.interfaces.map((i) => renderInterface(plan, i, false)) },
    'describe-instances.json': { Reservations: renderReservations(plan) },
  };
}

function nameTags(name: string | undefined, more: readonly Tag[] = []): Tag[] {
  return name === undefined ? [...more] : [{ Key: 'Name', Value: name }, ...more];
}

function renderVpc(plan: EstatePlan, index: number): unknown {
  const v = plan.vpcs[index]!;
  return {
    CidrBlock: v.cidr,
    DhcpOptionsId: v.dhcpOptionsId,
    State: 'available',
    VpcId: v.id,
    OwnerId: plan.accountId,
    InstanceTenancy: 'default',
    CidrBlockAssociationSet: [
      { AssociationId: `vpc-cidr-assoc-${v.id.slice(4)}`, CidrBlock: v.cidr, CidrBlockState: { State: 'associated' } },
    ],
    IsDefault: false,
    Tags: nameTags(v.name, [{ Key: 'Environment', Value: v.environment }]),
  };
}

function renderSubnet(plan: EstatePlan, index: number): unknown {
  const s = plan.subnets[index]!;
  const vpc = plan.vpcs[s.vpc]!;
  return {
    AvailabilityZone: s.availabilityZone,
    AvailabilityZoneId: s.availabilityZoneId,
    AvailableIpAddressCount: 251 - (s.nextHost - 4),
    CidrBlock: s.cidr,
    DefaultForAz: false,
    MapPublicIpOnLaunch: s.public,
    MapCustomerOwnedIpOnLaunch: false,
    State: 'available',
    SubnetId: s.id,
    VpcId: vpc.id,
    OwnerId: plan.accountId,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    Tags: nameTags(s.name, [
      { Key: 'Tier', Value: s.tier },
      { Key: 'Environment', Value: vpc.environment },
    ]),
    SubnetArn: `arn:aws:ec2:${plan.region}:${plan.accountId}:subnet/${s.id}`,
    EnableDns64: false,
    Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
  };
}

function renderGateways(plan: EstatePlan): unknown[] {
  return plan.vpcs
    .filter((v) => v.internetGatewayId !== undefined)
    .map((v) => ({
      Attachments: [{ State: 'available', VpcId: v.id }],
      InternetGatewayId: v.internetGatewayId,
      OwnerId: plan.accountId,
      Tags: nameTags(`${v.name}-igw`),
    }));
}

function renderRouteTables(plan: EstatePlan): unknown[] {
  const out: unknown[] = [];
  let assoc = 0;
  const assocId = (): string => `rtbassoc-0${(0x1000000 + assoc++).toString(16).padStart(16, '0')}`;
  for (const v of plan.vpcs) {
    const local = { DestinationCidrBlock: v.cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
    out.push({
      Associations: [{ Main: true, RouteTableAssociationId: assocId(), RouteTableId: v.mainRouteTableId, AssociationState: { State: 'associated' } }],
      PropagatingVgws: [],
      RouteTableId: v.mainRouteTableId,
      Routes: [local],
      Tags: nameTags(`${v.name}-private`),
      VpcId: v.id,
      OwnerId: plan.accountId,
    });
    if (v.publicRouteTableId === undefined || v.internetGatewayId === undefined) continue;
    const publicSubnets = plan.subnets.filter((s) => s.vpc === v.index && s.public);
    out.push({
      Associations: publicSubnets.map((s) => ({
        Main: false,
        RouteTableAssociationId: assocId(),
        RouteTableId: v.publicRouteTableId,
        SubnetId: s.id,
        AssociationState: { State: 'associated' },
      })),
      PropagatingVgws: [],
      RouteTableId: v.publicRouteTableId,
      Routes: [
        local,
        { DestinationCidrBlock: '0.0.0.0/0', GatewayId: v.internetGatewayId, Origin: 'CreateRoute', State: 'active' },
      ],
      Tags: nameTags(`${v.name}-public`),
      VpcId: v.id,
      OwnerId: plan.accountId,
    });
  }
  return out;
}

function renderAclEntry(e: AclEntry): unknown {
  return {
    CidrBlock: e.cidr,
    Egress: e.egress,
    ...(e.icmp === undefined ? {} : { IcmpTypeCode: { Code: e.icmp.code, Type: e.icmp.type } }),
    ...(e.portRange === undefined ? {} : { PortRange: { From: e.portRange.from, To: e.portRange.to } }),
    Protocol: e.protocol,
    RuleAction: e.action,
    RuleNumber: e.ruleNumber,
  };
}

function renderAcl(plan: EstatePlan, a: EstatePlan['networkAcls'][number]): unknown {
  return {
    Associations: a.associations.map((s) => ({ NetworkAclAssociationId: s.associationId, NetworkAclId: a.id, SubnetId: s.subnetId })),
    Entries: a.entries.map(renderAclEntry),
    IsDefault: a.isDefault,
    NetworkAclId: a.id,
    Tags: nameTags(a.name, a.tier === undefined ? [] : [{ Key: 'Tier', Value: a.tier }]),
    VpcId: plan.vpcs[a.vpc]!.id,
    OwnerId: plan.accountId,
  };
}

/** Groups rules with the same protocol and ports into one permission, as the API does. */
function renderPermissions(plan: EstatePlan, rules: readonly SgRule[]): unknown[] {
  const groups = new Map<string, SgRule[]>();
  for (const r of rules) {
    const k = `${r.protocol}|${r.from ?? ''}|${r.to ?? ''}`;
    const list = groups.get(k) ?? [];
    list.push(r);
    groups.set(k, list);
  }
  return [...groups.values()].map((list) => {
    const first = list[0]!;
    const ipRanges = list.flatMap((r) => ('cidr' in r.peer ? [{ CidrIp: r.peer.cidr, ...(r.description ? { Description: r.description } : {}) }] : []));
    const pairs = list.flatMap((r) =>
      'groupId' in r.peer ? [{ ...(r.description ? { Description: r.description } : {}), GroupId: r.peer.groupId, UserId: plan.accountId }] : [],
    );
    return {
      ...(first.protocol === '-1' ? {} : { FromPort: first.from, ToPort: first.to }),
      IpProtocol: first.protocol,
      IpRanges: ipRanges,
      Ipv6Ranges: [],
      PrefixListIds: [],
      UserIdGroupPairs: pairs,
    };
  });
}

function renderSecurityGroup(plan: EstatePlan, g: PlanSecurityGroup): unknown {
  return {
    Description: g.description,
    GroupName: g.name,
    IpPermissions: renderPermissions(plan, g.rules.filter((r) => r.direction === 'ingress')),
    OwnerId: plan.accountId,
    GroupId: g.id,
    IpPermissionsEgress: renderPermissions(plan, g.rules.filter((r) => r.direction === 'egress')),
    Tags: g.tags,
    VpcId: plan.vpcs[g.vpc]!.id,
    SecurityGroupArn: `arn:aws:ec2:${plan.region}:${plan.accountId}:security-group/${g.id}`,
  };
}

function privateDnsName(plan: EstatePlan, ip: number): string {
  return `ip-${formatIpv4(ip).replace(/\./g, '-')}.${plan.region}.compute.internal`;
}

function association(plan: EstatePlan, i: PlanInterface): Record<string, unknown> {
  if (i.publicIp === undefined) return {};
  const ip = formatIpv4(i.publicIp);
  return {
    Association: {
      IpOwnerId: 'amazon',
      PublicDnsName: `ec2-${ip.replace(/\./g, '-')}.${plan.region}.compute.amazonaws.com`,
      PublicIp: ip,
    },
  };
}

const groupNameCache = new WeakMap<EstatePlan, Map<string, string>>();

function groupRefs(plan: EstatePlan, ids: readonly string[]): unknown[] {
  let names = groupNameCache.get(plan);
  if (names === undefined) {
    names = new Map(plan.securityGroups.map((g) => [g.id, g.name]));
    groupNameCache.set(plan, names);
  }
  return ids.map((id) => ({ GroupName: names.get(id) ?? id, GroupId: id }));
}

function attachment(plan: EstatePlan, i: PlanInterface): Record<string, unknown> {
  if (i.requester?.kind === 'lambda') return {};
  return {
    Attachment: {
      AttachTime: i.attachTime,
      AttachmentId: i.attachmentId,
      DeleteOnTermination: i.instanceId !== undefined && i.deviceIndex === 0,
      DeviceIndex: i.deviceIndex,
      NetworkCardIndex: 0,
      ...(i.instanceId === undefined
        ? { InstanceOwnerId: i.requester?.kind === 'elb' ? 'amazon-elb' : 'amazon-aws' }
        : { InstanceId: i.instanceId, InstanceOwnerId: plan.accountId }),
      Status: 'attached',
    },
  };
}

/** `inInstance`: the shorter shape nested in describe-instances. */
function renderInterface(plan: EstatePlan, i: PlanInterface, inInstance: boolean): unknown {
  const subnet = plan.subnets[i.subnet]!;
  const vpc = plan.vpcs[i.vpc]!;
  const primary = i.ips[0]!;
  const addresses = i.ips.map((ip, k) => ({
    ...(k === 0 ? association(plan, i) : {}),
    Primary: k === 0,
    PrivateDnsName: privateDnsName(plan, ip),
    PrivateIpAddress: formatIpv4(ip),
  }));
  const common = {
    ...association(plan, i),
    ...attachment(plan, i),
    Description: i.requester?.description ?? '',
    Groups: groupRefs(plan, i.groupIds),
    Ipv6Addresses: [],
    MacAddress: i.macAddress,
    NetworkInterfaceId: i.id,
    OwnerId: plan.accountId,
    PrivateDnsName: privateDnsName(plan, primary),
    PrivateIpAddress: formatIpv4(primary),
    PrivateIpAddresses: addresses,
    SourceDestCheck: true,
    Status: 'in-use',
    SubnetId: subnet.id,
    VpcId: vpc.id,
    InterfaceType: i.requester?.kind === 'lambda' ? 'lambda' : 'interface',
  };
  if (inInstance) return common;
  return {
    ...common,
    AvailabilityZone: subnet.availabilityZone,
    ...(i.requester === undefined ? {} : { RequesterId: i.requester.kind === 'elb' ? 'amazon-elb' : 'AROAEXAMPLEREQUESTER', RequesterManaged: true }),
    ...(i.requester === undefined ? { RequesterManaged: false } : {}),
    TagSet: i.tags,
  };
}

function renderReservations(plan: EstatePlan): unknown[] {
  return plan.instances.map((inst) => {
    const role = plan.roles[inst.role]!;
    const primary = plan.interfaces[inst.interfaces[0]!]!;
    const subnet = plan.subnets[primary.subnet]!;
    const publicIp = primary.publicIp === undefined ? undefined : formatIpv4(primary.publicIp);
    return {
      Groups: [],
      Instances: [
        {
          AmiLaunchIndex: 0,
          ImageId: role.imageId,
          InstanceId: inst.id,
          InstanceType: role.instanceType,
          LaunchTime: inst.launchTime,
          Monitoring: { State: 'disabled' },
          Placement: { AvailabilityZone: subnet.availabilityZone, GroupName: '', Tenancy: 'default' },
          PrivateDnsName: privateDnsName(plan, primary.ips[0]!),
          PrivateIpAddress: formatIpv4(primary.ips[0]!),
          ProductCodes: [],
          PublicDnsName: publicIp === undefined ? '' : `ec2-${publicIp.replace(/\./g, '-')}.${plan.region}.compute.amazonaws.com`,
          ...(publicIp === undefined ? {} : { PublicIpAddress: publicIp }),
          State: { Code: 16, Name: 'running' },
          StateTransitionReason: '',
          SubnetId: subnet.id,
          VpcId: plan.vpcs[primary.vpc]!.id,
          Architecture: role.instanceType.startsWith('r6g') ? 'arm64' : 'x86_64',
          BlockDeviceMappings: [],
          ClientToken: '',
          EbsOptimized: false,
          EnaSupport: true,
          Hypervisor: 'xen',
          NetworkInterfaces: inst.interfaces.map((k) => renderInterface(plan, plan.interfaces[k]!, true)),
          RootDeviceName: '/dev/xvda',
          RootDeviceType: 'ebs',
          SecurityGroups: groupRefs(plan, primary.groupIds),
          SourceDestCheck: true,
          Tags: inst.tags,
          VirtualizationType: 'hvm',
        },
      ],
      OwnerId: plan.accountId,
      ReservationId: inst.reservationId,
    };
  });
}
