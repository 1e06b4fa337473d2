// The benchmark's query set: at least twenty `Query` objects of every kind
// (isolation between tiers and teams, reachability, only-these-ports,
// internet inbound and outbound), built from the generated plan so every
// selector names something that exists at every size.

import { IntervalSet } from '../model/intervals.js';
import { parseCidr } from '../model/ip.js';
import { PROTO } from '../model/packet.js';
import type { Query, Selector, TrafficSpec } from '../queries/query.js';
import type { EstatePlan, PlanSubnet } from './generate-plan.js';

export type QueryCategory = 'isolation' | 'reachable' | 'only' | 'internet-in' | 'internet-out' | 'tenant-isolation';

export interface BenchQuery {
  readonly category: QueryCategory;
  readonly query: Query;
}

const tier = (value: string): Selector => ({ kind: 'tag', key: 'Tier', value });
const team = (value: string): Selector => ({ kind: 'tag', key: 'Team', value });
const internet: Selector = { kind: 'internet' };
const any: Selector = { kind: 'any' };

function tcp(...ports: number[]): TrafficSpec {
  return { protocols: IntervalSet.point(PROTO.TCP), dstPorts: IntervalSet.points(ports) };
}

function udp(...ports: number[]): TrafficSpec {
  return { protocols: IntervalSet.point(PROTO.UDP), dstPorts: IntervalSet.points(ports) };
}

function cidr(text: string): Selector {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`internal: ${parsed.reason}`);
  return { kind: 'cidr', text, range: parsed.range };
}

function q(category: QueryCategory, name: string, from: Selector, to: Selector, expect: Query['expect'], traffic?: TrafficSpec): BenchQuery {
  const query: Query = traffic === undefined ? { name, from, to, expect } : { name, from, to, expect, traffic };
  return { category, query };
}

const isolated = { kind: 'isolated' } as const;
const reachable = { kind: 'reachable' } as const;
const only = (...allowed: TrafficSpec[]): Query['expect'] => ({ kind: 'only', allowed });

/**
 * The few names from a plan that the query set refers to: small, plain JSON,
 * so the harness can hand them to the measuring process without the plan.
 */
export interface QueryFacts {
  readonly firstVpc: { readonly name: string; readonly cidr: string };
  readonly lastVpcName: string;
  readonly webSubnet: { readonly name: string; readonly cidr: string };
  readonly dbSubnetName: string;
  readonly cacheSubnetName: string;
  readonly roleGroupNames: readonly [string, string];
  readonly bastionGroupName: string;
  readonly instanceRoleName: string;
  readonly interfaceId: string;
  readonly teams: readonly [string, string, string];
}

export function queryFacts(plan: EstatePlan): QueryFacts {
  const vpc0 = plan.vpcs[0]!;
  const subnetOf = (t: string): PlanSubnet => plan.subnets.find((s) => s.vpc === 0 && s.tier === t) ?? plan.subnets[0]!;
  const roleGroups = plan.securityGroups.filter((g) => g.vpc === 0 && g.kind === 'role');
  const tierGroup = (t: string): string => `${vpc0.name}-${t}-tier`;
  const instanceRole = plan.roles.find((r) => plan.instances.some((i) => i.role === r.index)) ?? plan.roles[0]!;
  const someInterface = plan.interfaces.find((i) => i.instanceId !== undefined) ?? plan.interfaces[0]!;
  const teams = [...new Set(plan.roles.map((r) => r.team))].sort();
  const web = subnetOf('web');
  return {
    firstVpc: { name: vpc0.name, cidr: vpc0.cidr },
    lastVpcName: plan.vpcs[plan.vpcs.length - 1]!.name,
    webSubnet: { name: web.name, cidr: web.cidr },
    dbSubnetName: subnetOf('db').name,
    cacheSubnetName: subnetOf('cache').name,
    roleGroupNames: [roleGroups[0]?.name ?? tierGroup('app'), roleGroups.at(-1)?.name ?? tierGroup('db')],
    bastionGroupName: `${vpc0.name}-bastion-access`,
    instanceRoleName: instanceRole.name,
    interfaceId: someInterface.id,
    teams: [teams[0]!, teams[1] ?? teams[0]!, teams[2] ?? teams[0]!],
  };
}

/** The query set; names are stable so runs can be compared. */
export function benchQueries(facts: QueryFacts): BenchQuery[] {
  const [teamA, teamB, teamC] = facts.teams;
  return [
    q('isolation', 'web-to-db-isolated', tier('web'), tier('db'), isolated),
    q('isolation', 'web-to-db-postgres-isolated', tier('web'), tier('db'), isolated, tcp(5432)),
    q('isolation', 'batch-to-db-isolated', tier('batch'), tier('db'), isolated),
    q('isolation', `team-${teamA}-to-${teamB}-isolated`, team(teamA), team(teamB), isolated),
    q('isolation', 'web-subnet-to-db-subnet-isolated', { kind: 'subnet', ref: facts.webSubnet.name }, { kind: 'subnet', ref: facts.dbSubnetName }, isolated),
    q('isolation', 'first-vpc-to-last-vpc-isolated', { kind: 'vpc', ref: facts.firstVpc.name }, { kind: 'vpc', ref: facts.lastVpcName }, isolated),
    q('isolation', 'role-groups-isolated', { kind: 'securityGroup', ref: facts.roleGroupNames[0] }, { kind: 'securityGroup', ref: facts.roleGroupNames[1] }, isolated, tcp(22)),
    q(
      'isolation',
      'prod-web-to-anything-not-prod-isolated',
      { kind: 'allOf', of: [tier('web'), { kind: 'tag', key: 'Environment', value: 'prod' }] },
      { kind: 'not', of: { kind: 'tag', key: 'Environment', value: 'prod' } },
      isolated,
    ),
    q('reachable', 'app-to-db-postgres-reachable', tier('app'), tier('db'), reachable, tcp(5432)),
    q('reachable', 'web-to-app-8080-reachable', tier('web'), tier('app'), reachable, tcp(8080)),
    q('reachable', 'app-to-cache-redis-reachable', tier('app'), tier('cache'), reachable, tcp(6379)),
    q('reachable', `team-${teamC}-to-any-reachable`, team(teamC), any, reachable),
    q('reachable', 'bastion-to-app-ssh-reachable', { kind: 'securityGroup', ref: facts.bastionGroupName }, tier('app'), reachable, tcp(22)),
    q('reachable', 'role-to-cache-dns-reachable', { kind: 'name', pattern: `${facts.instanceRoleName}-*` }, tier('cache'), reachable, udp(53)),
    q('reachable', 'one-interface-to-app-reachable', { kind: 'id', id: facts.interfaceId }, tier('app'), reachable),
    q('only', 'app-to-db-only-sql', tier('app'), tier('db'), only(tcp(5432, 3306))),
    q('only', 'web-to-app-only-http', tier('web'), tier('app'), only(tcp(8080, 8443))),
    q('only', 'not-db-to-db-only-postgres', { kind: 'not', of: tier('db') }, tier('db'), only(tcp(5432))),
    q('only', 'vpc-block-to-web-subnet-only-https', cidr(facts.firstVpc.cidr), cidr(facts.webSubnet.cidr), only(tcp(443), tcp(80))),
    q('internet-in', 'internet-to-web-https-reachable', internet, tier('web'), reachable, tcp(443)),
    q('internet-in', 'internet-to-db-isolated', internet, tier('db'), isolated),
    q('internet-in', 'internet-to-mgmt-ssh-isolated', internet, tier('mgmt'), isolated, tcp(22)),
    q('internet-in', 'internet-to-any-only-web', internet, any, only(tcp(80, 443))),
    q('internet-out', 'db-to-internet-isolated', tier('db'), internet, isolated),
    q('internet-out', 'web-to-internet-https-reachable', tier('web'), internet, reachable, tcp(443)),
    q('internet-out', 'app-to-internet-only-https', tier('app'), internet, only(tcp(443))),
    q('internet-out', 'cache-subnet-to-internet-isolated', { kind: 'subnet', ref: facts.cacheSubnetName }, internet, isolated),
  ];
}
