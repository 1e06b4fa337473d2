// Generates security groups: each VPC's default group, one group per tier,
// two shared groups (monitoring agents, bastion access) and role groups; then
// their rules, which reference other groups of the VPC (UserIdGroupPairs) and
// CIDR blocks (the VPC, subnets, the office range, partner networks), over a
// mix of TCP/UDP ports, port ranges, ICMP and all-traffic rules.

import { formatIpv4 } from '../model/ip.js';
import type { Prng } from './prng.js';
import type { SizeSpec } from './generate-sizes.js';
import { awsId } from './generate-network.js';
import {
  CORPORATE_CIDR,
  TEAMS,
  TIERS,
  type PlanSecurityGroup,
  type PlanSubnet,
  type PlanVpc,
  type SgPeer,
  type SgProtocol,
  type SgRule,
} from './generate-plan.js';

const TCP_PORTS = [
  22, 25, 80, 443, 1433, 2049, 2379, 3000, 3306, 3389, 4317, 5000, 5432, 5601, 5672, 6379, 6443, 7000, 8000, 8080,
  8125, 8443, 8500, 9000, 9090, 9092, 9100, 9200, 9300, 11211, 15672, 27017,
];
const TCP_RANGES: readonly [number, number][] = [
  [1024, 65535],
  [8000, 8999],
  [30000, 32767],
  [9000, 9100],
  [6000, 6010],
  [49152, 65535],
  [7000, 7999],
];
const UDP_PORTS: readonly [number, number][] = [
  [53, 53],
  [123, 123],
  [161, 161],
  [514, 514],
  [8125, 8125],
  [4789, 4789],
  [51820, 51820],
  [60000, 61000],
];
const ICMP_TYPES: readonly [number, number][] = [
  [8, -1],
  [0, -1],
  [3, 4],
  [-1, -1],
];

/** Public networks of partners and SaaS vendors that rules open to, shared by every group. */
export function partnerCidrs(prng: Prng, count: number): string[] {
  const firstOctets = [3, 13, 18, 34, 35, 52, 54, 104, 151, 185];
  const out = new Set<string>();
  while (out.size < count) {
    const a = prng.pick(firstOctets);
    const b = prng.int(0, 255);
    const c = prng.int(0, 255);
    out.add(prng.chance(0.25) ? `${a}.${b}.${c}.${prng.int(1, 254)}/32` : `${a}.${b}.${c}.0/24`);
  }
  return [...out].sort();
}

export interface SecurityGroupShells {
  readonly groups: PlanSecurityGroup[];
  /** Per VPC: tier name → tier group id. */
  readonly tierGroup: readonly ReadonlyMap<string, string>[];
  /** Per VPC: the monitoring and bastion-access group ids, when the VPC has them. */
  readonly monitoringGroup: readonly (string | undefined)[];
  readonly bastionGroup: readonly (string | undefined)[];
  /** Per VPC and tier: role group ids. */
  readonly roleGroups: readonly ReadonlyMap<string, string[]>[];
}

function tags(name: string, extra: Record<string, string>): { Key: string; Value: string }[] {
  return [{ Key: 'Name', Value: name }, ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value }))];
}

/** Every group, without rules yet; custom groups are spread evenly over the VPCs. */
export function generateSecurityGroupShells(spec: SizeSpec, vpcs: readonly PlanVpc[], prng: Prng): SecurityGroupShells {
  const groups: PlanSecurityGroup[] = [];
  const tierGroup: Map<string, string>[] = [];
  const monitoringGroup: (string | undefined)[] = [];
  const bastionGroup: (string | undefined)[] = [];
  const roleGroups: Map<string, string[]>[] = [];
  for (const vpc of vpcs) {
    const count = Math.floor(spec.securityGroups / vpcs.length) + (vpc.index < spec.securityGroups % vpcs.length ? 1 : 0);
    const tiers = new Map<string, string>();
    const roles = new Map<string, string[]>();
    let monitoring: string | undefined;
    let bastion: string | undefined;
    groups.push({
      id: vpc.defaultSecurityGroupId,
      name: 'default',
      description: 'default VPC security group',
      vpc: vpc.index,
      kind: 'default',
      tags: [],
      rules: [],
    });
    for (let j = 0; j < count; j++) {
      const id = awsId(prng, 'sg');
      if (j < TIERS.length) {
        const tier = TIERS[j]!.name;
        tiers.set(tier, id);
        const name = `${vpc.name}-${tier}-tier`;
        groups.push({ id, name, description: `${tier} tier`, vpc: vpc.index, kind: 'tier', tier, tags: tags(name, { Tier: tier }), rules: [] });
      } else if (j === TIERS.length) {
        monitoring = id;
        const name = `${vpc.name}-monitoring-agents`;
        groups.push({ id, name, description: 'Prometheus and log shippers', vpc: vpc.index, kind: 'common', tags: tags(name, { Team: 'ops' }), rules: [] });
      } else if (j === TIERS.length + 1) {
        bastion = id;
        const name = `${vpc.name}-bastion-access`;
        groups.push({ id, name, description: 'SSH from the bastion hosts', vpc: vpc.index, kind: 'common', tags: tags(name, { Team: 'ops' }), rules: [] });
      } else {
        const k = j - TIERS.length - 2;
        const tier = TIERS[k % TIERS.length]!.name;
        const team = prng.pick(TEAMS);
        const name = `${team}-${tier}-${String(Math.floor(k / TIERS.length) + 1).padStart(3, '0')}`;
        const list = roles.get(tier) ?? [];
        list.push(id);
        roles.set(tier, list);
        groups.push({ id, name, description: `${team} ${tier} service`, vpc: vpc.index, kind: 'role', tier, tags: tags(name, { Team: team, Tier: tier }), rules: [] });
      }
    }
    tierGroup.push(tiers);
    roleGroups.push(roles);
    monitoringGroup.push(monitoring);
    bastionGroup.push(bastion);
  }
  return { groups, tierGroup, monitoringGroup, bastionGroup, roleGroups };
}

interface RuleContext {
  readonly vpc: PlanVpc;
  readonly subnets: readonly PlanSubnet[];
  readonly vpcGroupIds: readonly string[];
  readonly shells: SecurityGroupShells;
  readonly partners: readonly string[];
}

function ruleKey(r: SgRule): string {
  const peer = 'cidr' in r.peer ? r.peer.cidr : r.peer.groupId;
  return `${r.direction}|${r.protocol}|${r.from ?? ''}|${r.to ?? ''}|${peer}`;
}

function randomPeer(ctx: RuleContext, prng: Prng): SgPeer {
  if (prng.chance(0.4)) return { groupId: prng.pick(ctx.vpcGroupIds) };
  const roll = prng.next();
  if (roll < 0.15) return { cidr: ctx.vpc.cidr };
  if (roll < 0.45) return { cidr: prng.pick(ctx.subnets).cidr };
  if (roll < 0.55) return { cidr: CORPORATE_CIDR };
  if (roll < 0.65) return { cidr: `192.168.${prng.int(0, 255)}.0/24` };
  if (roll < 0.75) {
    const s = prng.pick(ctx.subnets);
    return { cidr: `${formatIpv4(s.base + prng.int(4, 254))}/32` };
  }
  return { cidr: prng.pick(ctx.partners) };
}

function randomTraffic(prng: Prng): { protocol: SgProtocol; from?: number; to?: number } {
  const roll = prng.next();
  if (roll < 0.5) {
    const p = prng.pick(TCP_PORTS);
    return { protocol: 'tcp', from: p, to: p };
  }
  if (roll < 0.65) {
    const [from, to] = prng.pick(TCP_RANGES);
    return { protocol: 'tcp', from, to };
  }
  if (roll < 0.82) {
    const [from, to] = prng.pick(UDP_PORTS);
    return { protocol: 'udp', from, to };
  }
  if (roll < 0.95) {
    const [from, to] = prng.pick(ICMP_TYPES);
    return { protocol: 'icmp', from, to };
  }
  return { protocol: '-1' };
}

function coreIngress(sg: PlanSecurityGroup, ctx: RuleContext): SgRule[] {
  const out: SgRule[] = [];
  const v = ctx.vpc.index;
  if (sg.kind === 'default') {
    return [{ direction: 'ingress', protocol: '-1', peer: { groupId: sg.id } }];
  }
  const tier = TIERS.find((t) => t.name === sg.tier);
  if (tier !== undefined) {
    for (const p of tier.servicePorts) {
      let peer: SgPeer;
      if (tier.clients === 'internet') peer = { cidr: '0.0.0.0/0' };
      else if (tier.clients === 'corporate') peer = { cidr: CORPORATE_CIDR };
      else {
        const client = ctx.shells.tierGroup[v]?.get(tier.clients);
        peer = client === undefined ? { cidr: ctx.vpc.cidr } : { groupId: client };
      }
      out.push({ direction: 'ingress', protocol: 'tcp', from: p.from, to: p.to, peer, description: `${tier.name} clients` });
    }
    const bastion = ctx.shells.bastionGroup[v];
    if (tier.name !== 'mgmt' && bastion !== undefined) {
      out.push({ direction: 'ingress', protocol: 'tcp', from: 22, to: 22, peer: { groupId: bastion }, description: 'SSH from bastion' });
    }
  }
  const monitoring = ctx.shells.monitoringGroup[v];
  if (monitoring !== undefined && monitoring !== sg.id) {
    out.push({ direction: 'ingress', protocol: 'tcp', from: 9100, to: 9100, peer: { groupId: monitoring }, description: 'node exporter' });
  }
  return out;
}

function coreEgress(sg: PlanSecurityGroup, ctx: RuleContext, prng: Prng): SgRule[] {
  const everything: SgRule = { direction: 'egress', protocol: '-1', peer: { cidr: '0.0.0.0/0' } };
  if (sg.kind === 'default' || prng.chance(0.7)) return [everything];
  const out: SgRule[] = [
    { direction: 'egress', protocol: 'tcp', from: 443, to: 443, peer: { cidr: '0.0.0.0/0' }, description: 'HTTPS out' },
    { direction: 'egress', protocol: 'udp', from: 53, to: 53, peer: { cidr: `${formatIpv4(ctx.vpc.base + 2)}/32` }, description: 'VPC resolver' },
  ];
  const db = ctx.shells.tierGroup[ctx.vpc.index]?.get('db');
  if (db !== undefined && sg.tier === 'app') {
    out.push({ direction: 'egress', protocol: 'tcp', from: 5432, to: 5432, peer: { groupId: db }, description: 'PostgreSQL' });
  }
  return out;
}

/** Fills in the rules of every group: exactly `rulesPerSecurityGroup` for custom groups. */
export function generateSecurityGroupRules(
  spec: SizeSpec,
  vpcs: readonly PlanVpc[],
  subnets: readonly PlanSubnet[],
  shells: SecurityGroupShells,
  prng: Prng,
): void {
  const partners = partnerCidrs(prng, 40);
  for (const vpc of vpcs) {
    const vpcSubnets = subnets.filter((s) => s.vpc === vpc.index);
    const vpcGroups = shells.groups.filter((g) => g.vpc === vpc.index);
    const ctx: RuleContext = {
      vpc,
      subnets: vpcSubnets,
      vpcGroupIds: vpcGroups.filter((g) => g.kind !== 'default').map((g) => g.id),
      shells,
      partners,
    };
    for (const sg of vpcGroups) {
      const rules: SgRule[] = [];
      const seen = new Set<string>();
      const add = (r: SgRule): void => {
        const k = ruleKey(r);
        if (seen.has(k)) return;
        seen.add(k);
        rules.push(r);
      };
      const egress = coreEgress(sg, ctx, prng);
      for (const r of coreIngress(sg, ctx)) add(r);
      for (const r of egress) add(r);
      if (sg.kind !== 'default') {
        const target = spec.rulesPerSecurityGroup;
        for (let tries = 0; rules.length < target && tries < target * 50; tries++) {
          const traffic = randomTraffic(prng);
          const peer: SgPeer = traffic.protocol === '-1' ? { groupId: prng.chance(0.5) ? sg.id : prng.pick(ctx.vpcGroupIds) } : randomPeer(ctx, prng);
          add({ direction: 'ingress', ...traffic, peer });
        }
        rules.length = Math.min(rules.length, target);
      }
      sg.rules.push(...rules);
    }
  }
}
