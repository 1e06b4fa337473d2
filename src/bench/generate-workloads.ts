// Generates the workloads of a synthetic estate: roles (launch templates
// with a tier, a team and 1–5 security groups), the network interfaces of
// their instances and of AWS-managed services (load balancers, Lambda, RDS,
// ElastiCache), and the instances that own interfaces.

import type { Prng } from './prng.js';
import type { SizeSpec } from './generate-sizes.js';
import { awsId } from './generate-network.js';
import type { SecurityGroupShells } from './generate-security-groups.js';
import {
  TEAMS,
  TIERS,
  type PlanInstance,
  type PlanInterface,
  type PlanRole,
  type PlanSubnet,
  type PlanVpc,
  type RequesterKind,
  type Tag,
} from './generate-plan.js';

const INSTANCE_TYPES = ['t3.micro', 't3.medium', 'm6i.large', 'm6i.xlarge', 'c6i.2xlarge', 'r6g.large'];
const REQUESTER_BY_TIER: Readonly<Record<string, RequesterKind | undefined>> = {
  web: 'elb',
  app: 'lambda',
  db: 'rds',
  cache: 'elasticache',
  batch: 'lambda',
};
/** Last usable host offset in a /24 (.255 is the broadcast address AWS reserves). */
const LAST_HOST = 254;

export function generateRoles(spec: SizeSpec, vpcs: readonly PlanVpc[], subnets: readonly PlanSubnet[], shells: SecurityGroupShells, prng: Prng): PlanRole[] {
  const roles: PlanRole[] = [];
  const perTierCount = new Map<string, number>();
  const rolesOfTier = (v: number, tier: string): number => {
    let n = 0;
    for (let r = 0; r < spec.roles; r++) if (r % vpcs.length === v && TIERS[Math.floor(r / vpcs.length) % TIERS.length]!.name === tier) n++;
    return n;
  };
  for (let r = 0; r < spec.roles; r++) {
    const v = r % vpcs.length;
    const local = Math.floor(r / vpcs.length);
    const tier = TIERS[local % TIERS.length]!.name;
    const key = `${v}/${tier}`;
    const m = perTierCount.get(key) ?? 0;
    perTierCount.set(key, m + 1);
    const peers = rolesOfTier(v, tier);
    const own = (shells.roleGroups[v]?.get(tier) ?? []).filter((_, j) => j % peers === m);
    const groups: string[] = [];
    const tierGroup = shells.tierGroup[v]?.get(tier);
    if (tierGroup !== undefined && (own.length === 0 || prng.chance(0.85))) groups.push(tierGroup);
    groups.push(...own);
    const monitoring = shells.monitoringGroup[v];
    const bastion = shells.bastionGroup[v];
    if (monitoring !== undefined && prng.chance(0.5)) groups.push(monitoring);
    if (bastion !== undefined && tier !== 'mgmt' && prng.chance(0.3)) groups.push(bastion);
    if (groups.length === 0 || prng.chance(0.03)) groups.push(vpcs[v]!.defaultSecurityGroupId);
    const ownGroup = shells.groups.find((g) => g.id === own[0]);
    const team = ownGroup?.tags.find((t) => t.Key === 'Team')?.Value ?? prng.pick(TEAMS);
    const candidates = subnets.filter((s) => s.vpc === v && s.tier === tier);
    const pool = candidates.length > 0 ? candidates : subnets.filter((s) => s.vpc === v);
    roles.push({
      index: r,
      name: `${team}-${tier}-${String(m + 1).padStart(3, '0')}`,
      vpc: v,
      tier,
      team,
      groupIds: groups.slice(0, 5),
      subnets: prng.sample(pool, prng.int(1, 3)).map((s) => s.index),
      instanceType: prng.pick(INSTANCE_TYPES),
      imageId: awsId(prng, 'ami'),
    });
  }
  return roles;
}

function timestamp(prng: Prng): string {
  const seconds = prng.int(0, 300 * 86_400);
  return new Date(Date.UTC(2024, 0, 1) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function macAddress(prng: Prng): string {
  const bytes = ['0a'];
  for (let i = 0; i < 5; i++) bytes.push(prng.hex(2));
  return bytes.join(':');
}

/** Picks a subnet of the role with room for `hosts` more addresses, else any subnet of its VPC with room. */
function placeIn(role: PlanRole, subnets: readonly PlanSubnet[], hosts: number, prng: Prng): PlanSubnet {
  const start = prng.int(0, role.subnets.length - 1);
  for (let k = 0; k < role.subnets.length; k++) {
    const s = subnets[role.subnets[(start + k) % role.subnets.length]!]!;
    if (s.nextHost + hosts - 1 <= LAST_HOST) return s;
  }
  const spare = subnets.find((s) => s.vpc === role.vpc && s.nextHost + hosts - 1 <= LAST_HOST);
  if (spare === undefined) throw new Error(`internal: VPC ${role.vpc} has no room for more interfaces`);
  return spare;
}

function publicAddress(counter: number): number {
  // 3.248.0.0/13, skipping .0 and .255 hosts.
  const n = Math.floor(counter / 254) * 256 + (counter % 254) + 1;
  return 3 * 2 ** 24 + 248 * 2 ** 16 + n;
}

export interface Workloads {
  readonly interfaces: PlanInterface[];
  readonly instances: PlanInstance[];
}

export function generateWorkloads(spec: SizeSpec, vpcs: readonly PlanVpc[], subnets: readonly PlanSubnet[], roles: readonly PlanRole[], prng: Prng): Workloads {
  const interfaces: PlanInterface[] = [];
  const instances: PlanInstance[] = [];
  const weights = roles.map(() => 0.5 + prng.next() * 1.5);
  const total = weights.reduce((a, b) => a + b, 0);
  const instanceCount = new Map<number, number>();
  let publicCounter = 0;
  const pickRole = (): PlanRole => {
    let x = prng.next() * total;
    for (let i = 0; i < roles.length; i++) {
      x -= weights[i]!;
      if (x < 0) return roles[i]!;
    }
    return roles[roles.length - 1]!;
  };
  const makeInterface = (role: PlanRole, subnet: PlanSubnet, deviceIndex: number, instanceId: string | undefined, requester: RequesterKind | undefined): PlanInterface => {
    const extra = prng.chance(0.05) ? prng.int(1, 2) : 0;
    const ips: number[] = [];
    for (let k = 0; k <= extra && subnet.nextHost <= LAST_HOST; k++) ips.push(subnet.base + subnet.nextHost++);
    const vpc = vpcs[role.vpc]!;
    const tags: Tag[] =
      requester === undefined
        ? [
            { Key: 'Tier', Value: role.tier },
            { Key: 'Team', Value: role.team },
            { Key: 'Role', Value: role.name },
            { Key: 'Environment', Value: vpc.environment },
          ]
        : [];
    const wantsPublic = subnet.public && deviceIndex === 0 && (requester === undefined || requester === 'elb') && prng.chance(0.8);
    const iface: PlanInterface = {
      index: interfaces.length,
      id: awsId(prng, 'eni'),
      subnet: subnet.index,
      vpc: role.vpc,
      role: role.index,
      ips,
      macAddress: macAddress(prng),
      groupIds: role.groupIds,
      tags,
      attachmentId: awsId(prng, 'eni-attach'),
      attachTime: timestamp(prng),
      deviceIndex,
      ...(wantsPublic ? { publicIp: publicAddress(publicCounter++) } : {}),
      ...(instanceId === undefined ? {} : { instanceId }),
      ...(requester === undefined ? {} : { requester: { kind: requester, description: requesterDescription(requester, role, prng) } }),
    };
    interfaces.push(iface);
    return iface;
  };
  while (interfaces.length < spec.interfaces) {
    const role = pickRole();
    const requester = REQUESTER_BY_TIER[role.tier];
    if (requester !== undefined && prng.chance(0.1)) {
      makeInterface(role, placeIn(role, subnets, 3, prng), requester === 'elb' ? 1 : 0, undefined, requester);
      continue;
    }
    const subnet = placeIn(role, subnets, 6, prng);
    const n = (instanceCount.get(role.index) ?? 0) + 1;
    instanceCount.set(role.index, n);
    const id = awsId(prng, 'i');
    const name = `${role.name}-${String(n).padStart(2, '0')}`;
    const vpc = vpcs[role.vpc]!;
    const instance: PlanInstance = {
      id,
      name,
      role: role.index,
      reservationId: awsId(prng, 'r'),
      launchTime: timestamp(prng),
      interfaces: [],
      tags: [
        { Key: 'Name', Value: name },
        { Key: 'Tier', Value: role.tier },
        { Key: 'Team', Value: role.team },
        { Key: 'Role', Value: role.name },
        { Key: 'Environment', Value: vpc.environment },
      ],
    };
    instances.push(instance);
    instance.interfaces.push(makeInterface(role, subnet, 0, id, undefined).index);
    if (interfaces.length < spec.interfaces && prng.chance(0.06)) {
      instance.interfaces.push(makeInterface(role, subnet, 1, id, undefined).index);
    }
  }
  return { interfaces, instances };
}

function requesterDescription(kind: RequesterKind, role: PlanRole, prng: Prng): string {
  switch (kind) {
    case 'elb':
      return `ELB app/${role.name}-alb/${prng.hex(16)}`;
    case 'lambda':
      return `AWS Lambda VPC ENI-${role.name}-fn-${prng.hex(8)}-${prng.hex(4)}-${prng.hex(4)}-${prng.hex(4)}-${prng.hex(12)}`;
    case 'rds':
      return 'RDSNetworkInterface';
    case 'elasticache':
      return `ElastiCache ${role.name}-${prng.hex(4)}-001`;
  }
}
