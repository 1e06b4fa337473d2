// Hand-built model values for the report tests: a two-subnet estate (web and
// db) with one security group and one network ACL each, a packet, and the
// answers a query engine would give. Paths come from the real evaluator.

import type { Endpoint, Estate, Filter, Layer, Rule } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { PUBLIC_IPV4, parseIpv4 } from '../model/ip.js';
import type { Packet } from '../model/packet.js';
import type { QueryAnswer } from '../queries/answer.js';
import type { Query } from '../queries/query.js';
import { evaluatePath, evaluateReply, type Party } from '../semantics/evaluate.js';

export function ip(text: string): number {
  const v = parseIpv4(text);
  if (v === undefined) throw new Error(`bad test address ${text}`);
  return v;
}

const SG_FILE = 'describe-security-groups.json';
const ACL_FILE = 'describe-network-acls.json';

function rule(id: string, action: 'allow' | 'deny', match: Rule['match'], file: string, line: number, display: string): Rule {
  return { id, action, match, provenance: { file, line, pointer: `/x/${line}`, vendorId: id.split('/')[0] ?? id, displayName: display } };
}

const webSgEgress: Filter = {
  id: 'sg-web/egress',
  kind: 'allow-union',
  direction: 'egress',
  vendorKind: 'aws-sg',
  rules: [rule('sg-web/egress/0', 'allow', {}, SG_FILE, 12, 'sg-web (web) outbound All traffic to 0.0.0.0/0')],
  defaultAction: 'deny',
  defaultProvenance: { file: SG_FILE, line: 3, vendorId: 'sg-web', displayName: 'sg-web (web) implicit deny' },
  displayName: 'security group sg-web (web)',
  provenance: { file: SG_FILE, line: 3, vendorId: 'sg-web', displayName: 'sg-web (web)' },
};

const dbSgIngress: Filter = {
  id: 'sg-db/ingress',
  kind: 'allow-union',
  direction: 'ingress',
  vendorKind: 'aws-sg',
  rules: [
    rule('sg-db/ingress/0', 'allow', { protocols: IntervalSet.point(6), dstPorts: IntervalSet.point(5432), srcIps: IntervalSet.range(ip('10.0.1.0'), ip('10.0.1.255')) }, SG_FILE, 30, 'sg-db (db) inbound TCP 5432 from 10.0.1.0/24'),
  ],
  defaultAction: 'deny',
  defaultProvenance: { file: SG_FILE, line: 25, vendorId: 'sg-db', displayName: 'sg-db (db) implicit deny' },
  displayName: 'security group sg-db (db)',
  provenance: { file: SG_FILE, line: 25, vendorId: 'sg-db', displayName: 'sg-db (db)' },
};

const dbAclIngress: Filter = {
  id: 'acl-db/ingress',
  kind: 'first-match',
  direction: 'ingress',
  vendorKind: 'aws-nacl',
  rules: [
    rule('acl-db/ingress/90', 'deny', { protocols: IntervalSet.point(6), dstPorts: IntervalSet.point(22) }, ACL_FILE, 40, '90 TCP 22 0.0.0.0/0 DENY'),
    rule('acl-db/ingress/100', 'allow', { srcIps: IntervalSet.range(ip('10.0.0.0'), ip('10.0.255.255')) }, ACL_FILE, 48, '100 ALL ALL 10.0.0.0/16 ALLOW'),
  ],
  defaultAction: 'deny',
  defaultProvenance: { file: ACL_FILE, line: 56, vendorId: 'acl-db', displayName: '* ALL ALL 0.0.0.0/0 DENY' },
  displayName: 'network ACL acl-db (db-nacl)',
  provenance: { file: ACL_FILE, line: 35, vendorId: 'acl-db', displayName: 'acl-db (db-nacl)' },
};

const dbAclEgress: Filter = {
  ...dbAclIngress,
  id: 'acl-db/egress',
  direction: 'egress',
  rules: [rule('acl-db/egress/100', 'allow', { dstPorts: IntervalSet.range(1024, 65535), protocols: IntervalSet.point(6) }, ACL_FILE, 70, '100 TCP 1024-65535 0.0.0.0/0 ALLOW')],
  defaultProvenance: { file: ACL_FILE, line: 78, vendorId: 'acl-db', displayName: '* ALL ALL 0.0.0.0/0 DENY' },
};

function layer(id: string, vendorKind: string, direction: 'ingress' | 'egress', filterIds: string[], displayName: string): Layer {
  const nacl = vendorKind === 'aws-nacl';
  return nacl
    ? { id, vendorKind, direction, filterIds, emptyAction: 'allow', bypassWithinScope: 'subnet', stateful: false, displayName }
    : { id, vendorKind, direction, filterIds, emptyAction: 'deny', stateful: true, displayName };
}

const layers: Layer[] = [
  layer('sg:sg-web/egress', 'aws-sg', 'egress', ['sg-web/egress'], 'security group sg-web (web)'),
  layer('sg:sg-db/ingress', 'aws-sg', 'ingress', ['sg-db/ingress'], 'security group sg-db (db)'),
  layer('nacl:acl-db/ingress', 'aws-nacl', 'ingress', ['acl-db/ingress'], 'network ACL acl-db (db-nacl)'),
  layer('nacl:acl-db/egress', 'aws-nacl', 'egress', ['acl-db/egress'], 'network ACL acl-db (db-nacl)'),
];

function endpoint(index: number, id: string, name: string, addr: string, subnet: string, egress: string[], ingress: string[]): Endpoint {
  return {
    index,
    id,
    name,
    kind: 'interface',
    addresses: IntervalSet.point(ip(addr)),
    publicAddresses: IntervalSet.EMPTY,
    labels: {},
    groups: [],
    network: 'vpc-1',
    scopes: { vpc: 'vpc-1', subnet },
    egressLayers: egress,
    ingressLayers: ingress,
    internet: { outbound: false, inbound: false, reasons: [`subnet ${subnet} is private`], assumptions: [] },
    provenance: { file: 'describe-network-interfaces.json', line: 1, vendorId: id, displayName: name },
  };
}

export const web = endpoint(0, 'eni-web', 'web-1[10.0.1.5]', '10.0.1.5', 'subnet-web', ['sg:sg-web/egress'], []);
export const db = endpoint(1, 'eni-db', 'db-1[10.0.2.7]', '10.0.2.7', 'subnet-db', ['nacl:acl-db/egress'], ['nacl:acl-db/ingress', 'sg:sg-db/ingress']);

export const sampleEstate: Estate = {
  endpoints: [web, db],
  segments: [],
  internet: PUBLIC_IPV4,
  filters: new Map([webSgEgress, dbSgIngress, dbAclIngress, dbAclEgress].map((f) => [f.id, f])),
  layers: new Map(layers.map((l) => [l.id, l])),
  networkLinks: [],
  assumptions: [{ id: 'A1', text: 'subnet-web has no network ACL in the input; allowed everything', location: { file: 'describe-subnets.json', line: 9 } }],
  diagnostics: [],
  scopeNames: {},
  sources: ['describe-security-groups.json', 'describe-network-acls.json'],
};

export function tcp(src: string, dst: string, dstPort: number, srcPort = 49152): Packet {
  return { srcIp: ip(src), dstIp: ip(dst), srcPort, dstPort, protocol: 6, icmpType: 0, icmpCode: 0 };
}

export const webParty: Party = { kind: 'endpoint', endpoint: web };
export const dbParty: Party = { kind: 'endpoint', endpoint: db };

export const isolationQuery: Query = {
  name: 'web-cannot-reach-db',
  description: 'Web servers never talk to the database directly.',
  from: { kind: 'tag', key: 'tier', value: 'web' },
  to: { kind: 'tag', key: 'tier', value: 'db' },
  traffic: { protocols: IntervalSet.point(6), dstPorts: IntervalSet.point(5432) },
  expect: { kind: 'isolated' },
  location: { file: 'queries/tiers.yaml', line: 4 },
};

/** The violated answer: web reaches db on 5432 (replayed by the evaluator). */
export function violatedAnswer(): QueryAnswer {
  const packet = tcp('10.0.1.5', '10.0.2.7', 5432);
  return {
    query: isolationQuery,
    verdict: 'violated',
    witness: {
      packet,
      src: { id: web.id, name: web.name, ip: packet.srcIp },
      dst: { id: db.id, name: db.name, ip: packet.dstIp },
      path: evaluatePath(sampleEstate, packet, webParty, dbParty),
      reply: evaluateReply(sampleEstate, packet, webParty, dbParty),
    },
    assumptions: [sampleEstate.assumptions[0]!],
    fromCount: 1,
    toCount: 1,
    elapsedMs: 42,
  };
}

/** The held answer: SSH into db is blocked by NACL rule 90. */
export function heldAnswer(): QueryAnswer {
  const nacl = sampleEstate.filters.get('acl-db/ingress')!;
  const rule90 = nacl.rules[0]!;
  return {
    query: { ...isolationQuery, name: 'no-ssh-to-db', description: undefined, traffic: { protocols: IntervalSet.point(6), dstPorts: IntervalSet.point(22) }, location: { file: 'queries/tiers.yaml', line: 12 } },
    verdict: 'holds',
    proof: {
      blocking: [{ layer: 'nacl:acl-db/ingress', filter: nacl.id, rule: rule90, provenance: rule90.provenance, description: 'NACL ingress acl-db (db-nacl): 90 TCP 22 0.0.0.0/0 DENY' }],
      obligations: 1,
      smtFiles: [],
    },
    assumptions: [],
    fromCount: 1,
    toCount: 1,
    elapsedMs: 1500,
  };
}

export function unknownAnswer(): QueryAnswer {
  return {
    query: { ...isolationQuery, name: 'slow-one', description: undefined, location: undefined },
    verdict: 'unknown',
    reason: 'the solver timed out after 30000 ms',
    assumptions: [],
    fromCount: 1,
    toCount: 1,
    elapsedMs: 30000,
  };
}
