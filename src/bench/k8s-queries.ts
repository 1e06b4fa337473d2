// The benchmark's query set for Kubernetes estates: `Query` objects whose
// selectors name pods by label (`tag:` on pod labels), by namespace (the
// `namespace:<ns>` group, `sg:` in text form), by workload id and by name.
// Tenant isolation is the `tenant-isolated` query kind (one proof over every
// tenant pair, tenant = the pods' `tenant` label, DNS to kube-system and
// scraping from monitoring excepted), asked twice (category
// 'tenant-isolation'): among the tenants AdminNetworkPolicies protect (holds)
// and among all tenants (violated: unprotected tenants leak).

import { IntervalSet } from '../model/intervals.js';
import { PROTO } from '../model/packet.js';
import type { Query, Selector, TrafficSpec } from '../queries/query.js';
import type { BenchQuery, QueryCategory } from './bench-queries.js';
import type { KubeQueryFacts } from './generate-k8s.js';

const tag = (key: string, value: string): Selector => ({ kind: 'tag', key, value });
const tenant = (name: string): Selector => tag('tenant', name);
const namespace = (name: string): Selector => ({ kind: 'securityGroup', ref: `namespace:${name}` });
const internet: Selector = { kind: 'internet' };

function ports(protocol: number, ...values: number[]): TrafficSpec {
  return { protocols: IntervalSet.point(protocol), dstPorts: IntervalSet.points(values) };
}

function q(category: QueryCategory, name: string, from: Selector, to: Selector, expect: Query['expect'], traffic?: TrafficSpec): BenchQuery {
  const query: Query = traffic === undefined ? { name, from, to, expect } : { name, from, to, expect, traffic };
  return { category, query };
}

const isolated = { kind: 'isolated' } as const;
const reachable = { kind: 'reachable' } as const;

const TENANT = { kind: 'label', key: 'tenant' } as const;

/** Tenant isolation among `tenants`, with the cluster's shared services excepted. */
function tenantIsolation(name: string, tenants: readonly string[], facts: KubeQueryFacts): BenchQuery {
  const exceptions = [
    { to: { kind: 'namespace', pattern: facts.dnsNamespace } as const, traffic: { protocols: IntervalSet.points([PROTO.TCP, PROTO.UDP]), dstPorts: IntervalSet.point(53) } },
    { from: { kind: 'namespace', pattern: facts.monitoringNamespace } as const },
  ];
  const among: Selector = { kind: 'label', requirements: [{ key: TENANT.key, op: 'in', values: tenants }] };
  return q('tenant-isolation', name, among, among, { kind: 'tenant-isolated', tenant: TENANT, exceptions });
}

/** The query set; names are stable so runs can be compared. */
export function benchKubeQueries(facts: KubeQueryFacts): BenchQuery[] {
  const out: BenchQuery[] = [
    tenantIsolation('protected-tenants-isolated', facts.tenants.slice(0, facts.protectedTenants), facts),
    tenantIsolation('all-tenants-isolated', facts.tenants, facts),
  ];
  const t0 = facts.tenants[0]!;
  const unprotected = facts.tenants[Math.min(facts.protectedTenants, facts.tenants.length - 1)]!;
  const own = facts.namespacesOfTenant[0] ?? [];
  const ns0 = own[0]!;
  const ns1 = own[1] ?? ns0;
  const tcp = (...p: number[]): TrafficSpec => ports(PROTO.TCP, ...p);
  const udp = (...p: number[]): TrafficSpec => ports(PROTO.UDP, ...p);
  out.push(
    q('isolation', `namespace-${ns0}-to-${ns1}-ssh-isolated`, namespace(ns0), namespace(ns1), isolated, tcp(22)),
    q('isolation', 'db-tier-to-internet-isolated', tag('tier', 'db'), internet, isolated),
    q('isolation', `internet-to-${t0}-isolated`, internet, tenant(t0), isolated),
    q('isolation', `kube-system-to-${t0}-isolated`, namespace(facts.dnsNamespace), tenant(t0), isolated),
    q('reachable', `namespace-${ns0}-to-${ns1}-reachable`, namespace(ns0), namespace(ns1), reachable),
    q('reachable', `monitoring-to-${t0}-metrics-reachable`, namespace(facts.monitoringNamespace), tenant(t0), reachable, tcp(9090)),
    q('reachable', `${t0}-to-dns-reachable`, tenant(t0), namespace(facts.dnsNamespace), reachable, udp(53)),
    q('reachable', `monitoring-to-${unprotected}-reachable`, namespace(facts.monitoringNamespace), tenant(unprotected), reachable),
    q('reachable', 'one-workload-to-its-tenant-reachable', { kind: 'id', id: facts.someWorkloadId }, tenant(t0), reachable),
    q('reachable', `web-tier-of-${ns0}-to-internet-https-reachable`, { kind: 'allOf', of: [namespace(ns0), tag('tier', 'web')] }, internet, reachable, tcp(443)),
    q('only', `not-${t0}-to-${t0}-only-metrics`, { kind: 'not', of: tenant(t0) }, tenant(t0), { kind: 'only', allowed: [tcp(9090)] }),
    q('only', `apps-of-${ns0}-to-db-tier-only-sql`, { kind: 'name', pattern: `${ns0}/app-*` }, tag('tier', 'db'), { kind: 'only', allowed: [tcp(5432, 6379)] }),
    q('internet-in', 'internet-to-cache-tier-redis-isolated', internet, tag('tier', 'cache'), isolated, tcp(6379)),
    q('internet-out', `${t0}-to-instance-metadata-isolated`, tenant(t0), { kind: 'cidr', text: '169.254.169.254/32', range: IntervalSet.point(0xa9fea9fe) }, isolated),
  );
  return out;
}
