// A small hand-built estate for matrix and report tests: one network with a
// public subnet (web, proxy) and a private one (db), security groups, and
// network ACLs where the private subnet's egress ACL only lets replies out to
// ephemeral ports, so some TCP flows into db have their replies blocked.

import type { Endpoint, Estate, Filter, Layer, PacketMatch, Rule } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { cidrRange, parseIpv4, PUBLIC_IPV4 } from '../model/ip.js';

const ip = (s: string): number => parseIpv4(s)!;
const prov = (id: string) => ({ file: 'sample.json', vendorId: id, displayName: id });

function cidr(text: string): IntervalSet {
  const [a, p] = text.split('/');
  return cidrRange(ip(a!), Number(p));
}

function filter(id: string, kind: Filter['kind'], direction: Filter['direction'], rules: [Rule['action'], PacketMatch][]): Filter {
  return {
    id, kind, direction, vendorKind: kind === 'first-match' ? 'aws-nacl' : 'aws-sg', defaultAction: 'deny',
    rules: rules.map(([action, match], i) => ({ id: `${id}/${i}`, action, match, provenance: prov(`${id}/${i}`) })),
    defaultProvenance: prov(`${id}/*`), displayName: id, provenance: prov(id),
  };
}

function layer(id: string, direction: Layer['direction'], filterIds: string[], nacl: boolean): Layer {
  return {
    id, vendorKind: nacl ? 'aws-nacl' : 'aws-sg', direction, filterIds, emptyAction: 'deny', stateful: !nacl, displayName: id,
    ...(nacl ? { bypassWithinScope: 'subnet' } : {}),
  };
}

function endpoint(index: number, name: string, addr: string, subnet: string, sg: string, pub: boolean): Endpoint {
  return {
    index, id: `eni-${index}`, name: `${name}[${addr}]`, kind: 'interface', addresses: IntervalSet.point(ip(addr)),
    publicAddresses: IntervalSet.EMPTY, labels: { Name: name }, groups: [sg], network: 'vpc-1', scopes: { vpc: 'vpc-1', subnet },
    egressLayers: [`sg:${sg}/eg`, `nacl:${subnet}/eg`], ingressLayers: [`nacl:${subnet}/in`, `sg:${sg}/in`],
    internet: { outbound: pub, inbound: pub, reasons: [pub ? 'public subnet' : 'private subnet'], assumptions: [] }, provenance: prov(`eni-${index}`),
  };
}

const TCP = IntervalSet.point(6);

export function sampleEstate(): Estate {
  const filters = [
    filter('web/in', 'allow-union', 'ingress', [['allow', { protocols: TCP, dstPorts: IntervalSet.point(443) }]]),
    filter('web/eg', 'allow-union', 'egress', [['allow', {}]]),
    filter('db/in', 'allow-union', 'ingress', [['allow', { protocols: TCP, dstPorts: IntervalSet.point(5432), srcIps: cidr('10.0.1.0/24') }]]),
    filter('db/eg', 'allow-union', 'egress', []),
    filter('pub/in', 'first-match', 'ingress', [['allow', {}]]),
    filter('pub/eg', 'first-match', 'egress', [['allow', {}]]),
    filter('priv/in', 'first-match', 'ingress', [['allow', { dstIps: cidr('10.0.2.0/24'), srcIps: cidr('10.0.0.0/16') }]]),
    filter('priv/eg', 'first-match', 'egress', [['allow', { protocols: TCP, dstPorts: IntervalSet.range(1024, 65535), dstIps: cidr('10.0.0.0/16') }]]),
  ];
  const layers = [
    layer('sg:web/in', 'ingress', ['web/in'], false), layer('sg:web/eg', 'egress', ['web/eg'], false),
    layer('sg:db/in', 'ingress', ['db/in'], false), layer('sg:db/eg', 'egress', ['db/eg'], false),
    layer('nacl:pub/in', 'ingress', ['pub/in'], true), layer('nacl:pub/eg', 'egress', ['pub/eg'], true),
    layer('nacl:priv/in', 'ingress', ['priv/in'], true), layer('nacl:priv/eg', 'egress', ['priv/eg'], true),
  ];
  const endpoints = [
    endpoint(0, 'web', '10.0.1.10', 'pub', 'web', true),
    endpoint(1, 'proxy', '10.0.1.11', 'pub', 'web', true),
    endpoint(2, 'db', '10.0.2.20', 'priv', 'db', false),
  ];
  const segment = (index: number, id: string, range: string, pub: boolean): Endpoint => ({
    ...endpoints[0]!, index, id, name: id, kind: 'subnet', addresses: cidr(range), scopes: { vpc: 'vpc-1', subnet: id },
    egressLayers: [`nacl:${id}/eg`], ingressLayers: [`nacl:${id}/in`],
    internet: { outbound: pub, inbound: pub, reasons: [], assumptions: [] },
  });
  return {
    endpoints, segments: [segment(0, 'pub', '10.0.1.0/24', true), segment(1, 'priv', '10.0.2.0/24', false)],
    internet: PUBLIC_IPV4, filters: new Map(filters.map((f) => [f.id, f])), layers: new Map(layers.map((l) => [l.id, l])),
    networkLinks: [], assumptions: [], diagnostics: [], scopeNames: { 'vpc-1': 'main' }, sources: ['sample.json'],
  };
}
