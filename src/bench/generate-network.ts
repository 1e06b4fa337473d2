// Generates the network skeleton of a synthetic estate: VPCs (10.<v>.0.0/16,
// most with an internet gateway) and /24 subnets spread over tiers and
// availability zones. Subnets of public tiers route to the gateway.

import { formatIpv4 } from '../model/ip.js';
import type { Prng } from './prng.js';
import type { SizeSpec } from './generate-sizes.js';
import { TIERS, type PlanSubnet, type PlanVpc } from './generate-plan.js';

const ENVIRONMENTS = ['prod', 'staging', 'shared', 'dev'] as const;
const VPC_PURPOSES = ['core', 'data', 'edge', 'services', 'internal'] as const;

/** AWS-style resource id: prefix, dash, 17 hex digits. */
export function awsId(prng: Prng, prefix: string): string {
  return `${prefix}-0${prng.hex(16)}`;
}

export function generateVpcs(spec: SizeSpec, prng: Prng): PlanVpc[] {
  const vpcs: PlanVpc[] = [];
  for (let v = 0; v < spec.vpcs; v++) {
    if (v > 255) throw new Error('internal: at most 256 VPCs fit in 10.0.0.0/8');
    const environment = ENVIRONMENTS[v % ENVIRONMENTS.length]!;
    const purpose = VPC_PURPOSES[Math.floor(v / ENVIRONMENTS.length) % VPC_PURPOSES.length]!;
    const base = (10 * 2 ** 24 + v * 2 ** 16) >>> 0;
    const hasGateway = v === 0 || prng.chance(0.75);
    const vpc: PlanVpc = {
      index: v,
      id: awsId(prng, 'vpc'),
      name: `${environment}-${purpose}${v >= ENVIRONMENTS.length * VPC_PURPOSES.length ? `-${v}` : ''}`,
      environment,
      cidr: `${formatIpv4(base)}/16`,
      base,
      defaultSecurityGroupId: awsId(prng, 'sg'),
      defaultNetworkAclId: awsId(prng, 'acl'),
      mainRouteTableId: awsId(prng, 'rtb'),
      dhcpOptionsId: awsId(prng, 'dopt'),
      ...(hasGateway ? { internetGatewayId: awsId(prng, 'igw'), publicRouteTableId: awsId(prng, 'rtb') } : {}),
    };
    vpcs.push(vpc);
  }
  return vpcs;
}

const AZ_LETTERS = ['a', 'b', 'c'] as const;

export function generateSubnets(spec: SizeSpec, vpcs: readonly PlanVpc[], region: string, prng: Prng): PlanSubnet[] {
  const subnets: PlanSubnet[] = [];
  for (let i = 0; i < spec.subnets; i++) {
    const vpc = vpcs[i % vpcs.length]!;
    const local = Math.floor(i / vpcs.length);
    if (local > 255) throw new Error('internal: at most 256 /24 subnets fit in a /16 VPC');
    const tier = TIERS[local % TIERS.length]!;
    const az = local % AZ_LETTERS.length;
    const base = (vpc.base + local * 256) >>> 0;
    subnets.push({
      index: i,
      id: awsId(prng, 'subnet'),
      name: `${vpc.name}-${tier.name}-${AZ_LETTERS[az]}-${String(Math.floor(local / TIERS.length) + 1).padStart(2, '0')}`,
      vpc: vpc.index,
      tier: tier.name,
      availabilityZone: `${region}${AZ_LETTERS[az]}`,
      availabilityZoneId: `euw1-az${az + 1}`,
      cidr: `${formatIpv4(base)}/24`,
      base,
      public: tier.public && vpc.internetGatewayId !== undefined,
      networkAclId: vpc.defaultNetworkAclId,
      nextHost: 4,
    });
  }
  return subnets;
}
