// Small estates built by hand for the engine's tests: builders for rules,
// filters, layers and endpoints with AWS-like defaults (a stateful security
// group layer and a stateless NACL layer bypassed within a subnet), and a
// selector resolver stand-in that tests can use without the CLI's selectors.

import type { Action, Endpoint, Estate, Filter, Layer, NetworkLink, PacketMatch, Rule, RuleAction } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { parseIpv4, PUBLIC_IPV4 } from '../model/ip.js';
import type { Provenance } from '../model/provenance.js';
import type { Selection } from '../encode/scene.js';
import type { Query, Selector, TrafficSpec } from './query.js';

export const ip = (text: string): number => {
  const v = parseIpv4(text);
  if (v === undefined) throw new Error(`bad address ${text}`);
  return v;
};

export const prov = (id: string, displayName = id): Provenance => ({ file: 'fixture.json', vendorId: id, displayName });

export function rule(id: string, action: RuleAction, match: PacketMatch, assumption?: string): Rule {
  return { id, action, match, provenance: prov(id, `${id} ${action.toUpperCase()}`), ...(assumption ? { assumption } : {}) };
}

export function filter(
  id: string,
  kind: Filter['kind'],
  direction: Filter['direction'],
  rules: Rule[],
  defaultAction: RuleAction = 'deny',
): Filter {
  return {
    id,
    kind,
    direction,
    vendorKind: kind === 'first-match' ? 'aws-nacl' : 'aws-sg',
    rules,
    defaultAction,
    defaultProvenance: prov(`${id}/*`, defaultAction === 'pass' ? '' : kind === 'first-match' ? '* ALL 0.0.0.0/0 DENY' : 'implicit deny'),
    displayName: id,
    provenance: prov(id),
  };
}

export function layer(
  id: string,
  direction: Layer['direction'],
  filterIds: string[],
  options: { stateful?: boolean; bypass?: string; emptyAction?: Action; combine?: 'union' | 'chain' } = {},
): Layer {
  return {
    id,
    vendorKind: 'test',
    direction,
    filterIds,
    emptyAction: options.emptyAction ?? 'deny',
    stateful: options.stateful ?? true,
    displayName: id,
    ...(options.bypass ? { bypassWithinScope: options.bypass } : {}),
    ...(options.combine ? { combine: options.combine } : {}),
  };
}

export interface EndpointSpec {
  readonly addresses: string[];
  readonly subnet: string;
  readonly network?: string;
  readonly egress: string[];
  readonly ingress: string[];
  readonly internet?: { outbound: boolean; inbound: boolean; assumptions?: string[] };
  readonly labels?: Record<string, string>;
}

export function endpoint(index: number, name: string, spec: EndpointSpec): Endpoint {
  const net = spec.network ?? 'vpc-1';
  return {
    index,
    id: `eni-${name}`,
    name: `${name}[${spec.addresses[0] ?? ''}]`,
    kind: 'interface',
    addresses: IntervalSet.points(spec.addresses.map(ip)),
    publicAddresses: IntervalSet.EMPTY,
    labels: spec.labels ?? { Name: name },
    groups: [],
    network: net,
    scopes: { subnet: spec.subnet, vpc: net },
    egressLayers: spec.egress,
    ingressLayers: spec.ingress,
    internet: {
      outbound: spec.internet?.outbound ?? false,
      inbound: spec.internet?.inbound ?? false,
      reasons: [spec.internet?.inbound || spec.internet?.outbound ? `${spec.subnet} routes to igw-1` : `subnet ${spec.subnet} is private`],
      assumptions: spec.internet?.assumptions ?? [],
    },
    provenance: prov(`eni-${name}`),
  };
}

export function estateOf(parts: {
  endpoints: Endpoint[];
  filters: Filter[];
  layers: Layer[];
  networkLinks?: NetworkLink[];
  assumptions?: Estate['assumptions'];
}): Estate {
  return {
    endpoints: parts.endpoints,
    segments: [],
    internet: PUBLIC_IPV4,
    filters: new Map(parts.filters.map((f) => [f.id, f])),
    layers: new Map(parts.layers.map((l) => [l.id, l])),
    networkLinks: parts.networkLinks ?? [],
    assumptions: parts.assumptions ?? [],
    diagnostics: [],
    scopeNames: {},
    sources: ['fixture.json'],
  };
}

/** A resolver for tests: `name:<glob>` by base name prefix, `any`, `internet`, `cidr`. */
export function testResolver(estate: Estate, s: Selector): Selection {
  switch (s.kind) {
    case 'any':
      return { endpoints: estate.endpoints, internet: IntervalSet.EMPTY };
    case 'internet':
      return { endpoints: [], internet: estate.internet };
    case 'name': {
      const prefix = s.pattern.replace(/\*$/, '');
      const exact = !s.pattern.endsWith('*');
      return {
        endpoints: estate.endpoints.filter((e) => {
          const base = e.name.replace(/\[.*$/, '');
          return exact ? base === prefix : base.startsWith(prefix);
        }),
        internet: IntervalSet.EMPTY,
      };
    }
    case 'cidr':
      return {
        endpoints: estate.endpoints.filter((e) => e.addresses.overlaps(s.range)),
        internet: estate.internet.intersect(s.range),
      };
    default:
      throw new Error(`test resolver does not handle ${s.kind}`);
  }
}

export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;

export const tcp = (...ports: number[]): TrafficSpec => ({
  protocols: IntervalSet.point(TCP),
  ...(ports.length > 0 ? { dstPorts: IntervalSet.points(ports) } : {}),
});

export function query(name: string, from: Selector, to: Selector, expect: Query['expect'], traffic?: TrafficSpec): Query {
  return { name, from, to, expect, ...(traffic ? { traffic } : {}) };
}

export const byName = (pattern: string): Selector => ({ kind: 'name', pattern });

/**
 * A three-tier VPC: web (public subnet), app and db (private subnets), each
 * with a security group; NACLs on app and db. db admits TCP 5432 from app
 * only; its NACL denies 10.0.3.0/24 first.
 */
export function threeTier(): Estate {
  const cidr = (lo: string, hi: string): IntervalSet => IntervalSet.range(ip(lo), ip(hi));
  const filters = [
    filter('sg-web/in', 'allow-union', 'ingress', [rule('sg-web/in/443', 'allow', { ...tcp(443), srcIps: cidr('0.0.0.0', '255.255.255.255') })]),
    filter('sg-web/out', 'allow-union', 'egress', [rule('sg-web/out/all', 'allow', {})]),
    filter('sg-app/in', 'allow-union', 'ingress', [rule('sg-app/in/8080', 'allow', { ...tcp(8080), srcEndpoints: IntervalSet.points([0, 1]) })]),
    filter('sg-app/out', 'allow-union', 'egress', [rule('sg-app/out/all', 'allow', {})]),
    filter('sg-db/in', 'allow-union', 'ingress', [rule('sg-db/in/5432', 'allow', { ...tcp(5432), srcIps: cidr('10.0.2.0', '10.0.2.255') })]),
    filter('sg-db/out', 'allow-union', 'egress', []),
    filter('acl-data/in', 'first-match', 'ingress', [
      rule('acl-data/in/100', 'deny', { srcIps: cidr('10.0.3.0', '10.0.3.255') }),
      rule('acl-data/in/200', 'allow', { srcIps: cidr('10.0.0.0', '10.0.255.255') }),
    ]),
    filter('acl-data/out', 'first-match', 'egress', [rule('acl-data/out/100', 'allow', {})]),
    filter('acl-app/in', 'first-match', 'ingress', [rule('acl-app/in/100', 'allow', {})]),
    filter('acl-app/out', 'first-match', 'egress', [rule('acl-app/out/100', 'allow', {})]),
  ];
  const layers = [
    layer('sg-web:in', 'ingress', ['sg-web/in']),
    layer('sg-web:out', 'egress', ['sg-web/out']),
    layer('sg-app:in', 'ingress', ['sg-app/in']),
    layer('sg-app:out', 'egress', ['sg-app/out']),
    layer('sg-db:in', 'ingress', ['sg-db/in']),
    layer('sg-db:out', 'egress', ['sg-db/out']),
    layer('acl-data:in', 'ingress', ['acl-data/in'], { stateful: false, bypass: 'subnet' }),
    layer('acl-data:out', 'egress', ['acl-data/out'], { stateful: false, bypass: 'subnet' }),
    layer('acl-app:in', 'ingress', ['acl-app/in'], { stateful: false, bypass: 'subnet' }),
    layer('acl-app:out', 'egress', ['acl-app/out'], { stateful: false, bypass: 'subnet' }),
  ];
  const endpoints = [
    endpoint(0, 'web-1', { addresses: ['10.0.1.10'], subnet: 'web', egress: ['sg-web:out'], ingress: ['sg-web:in'], internet: { inbound: true, outbound: true } }),
    endpoint(1, 'web-2', { addresses: ['10.0.1.11'], subnet: 'web', egress: ['sg-web:out'], ingress: ['sg-web:in'], internet: { inbound: true, outbound: true } }),
    endpoint(2, 'app-1', { addresses: ['10.0.2.10'], subnet: 'app', egress: ['sg-app:out', 'acl-app:out'], ingress: ['acl-app:in', 'sg-app:in'] }),
    endpoint(3, 'db-1', { addresses: ['10.0.3.10'], subnet: 'data', egress: ['sg-db:out', 'acl-data:out'], ingress: ['acl-data:in', 'sg-db:in'] }),
    endpoint(4, 'db-2', { addresses: ['10.0.3.11'], subnet: 'data', egress: ['sg-db:out', 'acl-data:out'], ingress: ['acl-data:in', 'sg-db:in'] }),
  ];
  return estateOf({ endpoints, filters, layers });
}
