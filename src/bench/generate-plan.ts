// The shape of a synthetic AWS estate before it is written out: VPCs,
// subnets, security groups, network ACLs, workload roles, interfaces and
// instances, with addresses as numbers. `generate-aws-json.ts` renders it as
// `aws ec2 describe-*` output; the benchmark's queries are built from it.

import type { SizeSpec } from './generate-sizes.js';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export interface TierInfo {
  readonly name: string;
  /** Subnets of the tier get an internet gateway route when the VPC has one. */
  readonly public: boolean;
  /** TCP ports the tier serves. */
  readonly servicePorts: readonly { readonly from: number; readonly to: number }[];
  /** The tier its service ports are opened to ('internet' = 0.0.0.0/0, 'corporate' = the office range). */
  readonly clients: string;
}

export const TIERS: readonly TierInfo[] = [
  { name: 'web', public: true, servicePorts: [{ from: 443, to: 443 }, { from: 80, to: 80 }], clients: 'internet' },
  { name: 'app', public: false, servicePorts: [{ from: 8080, to: 8080 }, { from: 8443, to: 8443 }], clients: 'web' },
  { name: 'db', public: false, servicePorts: [{ from: 5432, to: 5432 }, { from: 3306, to: 3306 }], clients: 'app' },
  { name: 'cache', public: false, servicePorts: [{ from: 6379, to: 6379 }, { from: 11211, to: 11211 }], clients: 'app' },
  { name: 'batch', public: false, servicePorts: [{ from: 9000, to: 9100 }], clients: 'app' },
  { name: 'mgmt', public: true, servicePorts: [{ from: 22, to: 22 }], clients: 'corporate' },
];

export const TEAMS = ['payments', 'search', 'identity', 'analytics', 'platform', 'checkout', 'ml', 'ops'] as const;

/** The office network that management rules open SSH to. */
export const CORPORATE_CIDR = '172.16.0.0/12';

export interface PlanVpc {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly environment: string;
  /** 10.<index>.0.0/16 */
  readonly cidr: string;
  readonly base: number;
  readonly internetGatewayId?: string;
  readonly defaultSecurityGroupId: string;
  readonly defaultNetworkAclId: string;
  readonly mainRouteTableId: string;
  readonly publicRouteTableId?: string;
  readonly dhcpOptionsId: string;
}

export interface PlanSubnet {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly vpc: number;
  readonly tier: string;
  readonly availabilityZone: string;
  readonly availabilityZoneId: string;
  /** A /24 inside the VPC block. */
  readonly cidr: string;
  readonly base: number;
  /** Has a route to the internet gateway. */
  readonly public: boolean;
  networkAclId: string;
  /** Next free host offset inside the /24 (AWS reserves .0–.3 and .255). */
  nextHost: number;
}

export type SgProtocol = '-1' | 'tcp' | 'udp' | 'icmp';

export type SgPeer = { readonly cidr: string } | { readonly groupId: string };

/** One security group rule as the quota counts it: one protocol/port range and one peer. */
export interface SgRule {
  readonly direction: 'ingress' | 'egress';
  readonly protocol: SgProtocol;
  /** Ports for tcp/udp; ICMP type for icmp (-1 = all); absent for '-1'. */
  readonly from?: number;
  /** Ports for tcp/udp; ICMP code for icmp (-1 = all); absent for '-1'. */
  readonly to?: number;
  readonly peer: SgPeer;
  readonly description?: string;
}

export interface PlanSecurityGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly vpc: number;
  readonly kind: 'default' | 'tier' | 'common' | 'role';
  /** For tier groups: the tier; for role groups: the tier of the role it was made for. */
  readonly tier?: string;
  readonly tags: readonly Tag[];
  readonly rules: SgRule[];
}

export interface AclEntry {
  readonly ruleNumber: number;
  readonly egress: boolean;
  /** Protocol number as text, or '-1'. */
  readonly protocol: string;
  readonly action: 'allow' | 'deny';
  readonly cidr: string;
  readonly portRange?: { readonly from: number; readonly to: number };
  readonly icmp?: { readonly type: number; readonly code: number };
}

export interface PlanNetworkAcl {
  readonly id: string;
  readonly vpc: number;
  readonly isDefault: boolean;
  readonly name?: string;
  readonly tier?: string;
  readonly entries: readonly AclEntry[];
  /** Subnets associated with the ACL, with their association ids. */
  readonly associations: { subnetId: string; associationId: string }[];
}

export interface PlanRole {
  readonly index: number;
  readonly name: string;
  readonly vpc: number;
  readonly tier: string;
  readonly team: string;
  readonly groupIds: readonly string[];
  readonly subnets: readonly number[];
  readonly instanceType: string;
  readonly imageId: string;
}

export type RequesterKind = 'elb' | 'lambda' | 'rds' | 'elasticache';

export interface PlanInterface {
  readonly index: number;
  readonly id: string;
  readonly subnet: number;
  readonly vpc: number;
  readonly role: number;
  /** Private addresses, primary first. */
  readonly ips: readonly number[];
  readonly publicIp?: number;
  readonly macAddress: string;
  readonly groupIds: readonly string[];
  readonly tags: readonly Tag[];
  readonly attachmentId: string;
  readonly attachTime: string;
  /** Owning instance, for instance interfaces. */
  readonly instanceId?: string;
  readonly deviceIndex: number;
  /** Set for interfaces AWS services create (load balancers, Lambda, RDS, ElastiCache). */
  readonly requester?: { readonly kind: RequesterKind; readonly description: string };
}

export interface PlanInstance {
  readonly id: string;
  readonly name: string;
  readonly role: number;
  readonly reservationId: string;
  readonly launchTime: string;
  readonly interfaces: number[];
  readonly tags: readonly Tag[];
}

export interface EstatePlan {
  readonly spec: SizeSpec;
  readonly seed: number;
  readonly accountId: string;
  readonly region: string;
  readonly vpcs: readonly PlanVpc[];
  readonly subnets: readonly PlanSubnet[];
  readonly securityGroups: readonly PlanSecurityGroup[];
  readonly networkAcls: readonly PlanNetworkAcl[];
  readonly roles: readonly PlanRole[];
  readonly interfaces: readonly PlanInterface[];
  readonly instances: readonly PlanInstance[];
}
