// Properties of estates that combine a VPC and a cluster running in it, built
// through the real loader path (AWS describe-* documents, Kubernetes
// manifests and a ClusterTopology generated at random, then assembled and
// merged): pods over subnet address ranges, node security groups skipped
// between pods that may share a node (and node instances), SecurityGroupPolicy
// groups, security group references that include pods, ipBlocks matching pod
// addresses.
//  1. pointwise agreement: at sampled addresses and packets on rule edges, the
//     encoded path formula and the concrete evaluator agree;
//  2. witness replay: every witness the engine shows is allowed by the evaluator,
//     and proven isolation admits no sampled packet.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../model/diagnostics.js';
import type { Endpoint, Estate } from '../../model/estate.js';
import { IntervalSet } from '../../model/intervals.js';
import { isWellFormed, type Packet } from '../../model/packet.js';
import { evaluatePath, type Party } from '../../semantics/evaluate.js';
import { buildEstateIndex } from '../../encode/estate-index.js';
import { evaluateTerm } from '../../encode/evaluate-term.js';
import { encodeScene } from '../../encode/obligations.js';
import { buildScene, type Scene, type Selection } from '../../encode/scene.js';
import { trafficMatches } from '../../encode/traffic.js';
import { QueryEngine } from '../../queries/engine.js';
import type { Query, Selector, TrafficSpec } from '../../queries/query.js';
import { parseInputDocuments, type InputDocument } from '../document.js';
import { awsAdapter } from '../aws/adapter.js';
import { assembleClusterInVpc } from './assemble.js';

type Gen = fc.GeneratorValue;

const PORT_EDGES = [0, 22, 53, 79, 80, 81, 443, 1023, 1024, 5432, 8080, 32767, 32768, 49152, 65535];
const SUBNETS = ['10.9.0.0/28', '10.9.0.16/28', '10.9.0.32/28'];
const GROUPS = ['sg-00000000000000a', 'sg-00000000000000b', 'sg-00000000000000c'];
const CIDRS = ['0.0.0.0/0', '10.9.0.0/16', ...SUBNETS, '10.9.0.20/30', '8.8.8.0/24'];
const APPS = ['x', 'y', 'z'];

function pick<T>(g: Gen, items: readonly T[]): T {
  return items[g(fc.integer, { min: 0, max: items.length - 1 })]!;
}

function portPair(g: Gen): [number, number] {
  const a = pick(g, PORT_EDGES);
  const b = pick(g, PORT_EDGES);
  return [Math.min(a, b), Math.max(a, b)];
}

function sgPermission(g: Gen): Record<string, unknown> {
  const proto = pick(g, ['-1', 'tcp', 'udp', 'icmp']);
  const perm: Record<string, unknown> = { IpProtocol: proto, IpRanges: [], UserIdGroupPairs: [] };
  if (proto === 'tcp' || proto === 'udp') [perm['FromPort'], perm['ToPort']] = portPair(g);
  if (proto === 'icmp') [perm['FromPort'], perm['ToPort']] = [8, -1];
  if (g(fc.boolean)) perm['UserIdGroupPairs'] = [{ GroupId: pick(g, GROUPS) }];
  else perm['IpRanges'] = [{ CidrIp: pick(g, CIDRS) }];
  return perm;
}

function naclEntries(g: Gen): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const egress of [false, true]) {
    const n = g(fc.integer, { min: 0, max: 3 });
    for (let i = 0; i < n; i++) {
      const proto = pick(g, ['-1', '6', '17']);
      const e: Record<string, unknown> = { CidrBlock: pick(g, CIDRS), Egress: egress, Protocol: proto, RuleAction: pick(g, ['allow', 'deny', 'allow']), RuleNumber: (i + 1) * 100 };
      if (proto !== '-1') {
        const [from, to] = portPair(g);
        e['PortRange'] = { From: from, To: to };
      }
      out.push(e);
    }
    out.push({ CidrBlock: '0.0.0.0/0', Egress: egress, Protocol: '-1', RuleAction: g(fc.integer, { min: 0, max: 3 }) === 0 ? 'deny' : 'allow', RuleNumber: 32000 });
  }
  return out;
}

function awsDocuments(g: Gen): Record<string, unknown>[] {
  const vpc = 'vpc-000000000000009';
  const subnets = SUBNETS.map((c, i) => ({ SubnetId: `subnet-00000000000000${i}`, CidrBlock: c, VpcId: vpc, MapPublicIpOnLaunch: i === 0, Tags: [{ Key: 'Name', Value: `s${i}` }] }));
  const groups = GROUPS.map((id, i) => ({
    GroupId: id,
    GroupName: `g${i}`,
    VpcId: vpc,
    IpPermissions: Array.from({ length: g(fc.integer, { min: 0, max: 2 }) }, () => sgPermission(g)),
    IpPermissionsEgress: Array.from({ length: g(fc.integer, { min: 0, max: 2 }) }, () => sgPermission(g)),
  }));
  const acl2Subnets = subnets.filter(() => g(fc.boolean)).map((s) => s.SubnetId);
  const acls = [
    { NetworkAclId: 'acl-000000000000001', VpcId: vpc, IsDefault: true, Associations: [], Entries: naclEntries(g) },
    { NetworkAclId: 'acl-000000000000002', VpcId: vpc, IsDefault: false, Associations: acl2Subnets.map((s) => ({ SubnetId: s })), Entries: naclEntries(g) },
  ];
  const instances = Array.from({ length: g(fc.integer, { min: 1, max: 2 }) }, (_, i) => {
    const s = g(fc.integer, { min: 0, max: 2 });
    const ip = `10.9.0.${s * 16 + 5 + i}`;
    const sgs = [pick(g, GROUPS)].map((id) => ({ GroupId: id }));
    return {
      InstanceId: `i-00000000000000${i}`,
      SubnetId: subnets[s]!.SubnetId,
      VpcId: vpc,
      PrivateIpAddress: ip,
      SecurityGroups: sgs,
      NetworkInterfaces: [{ NetworkInterfaceId: `eni-00000000000000${i}`, SubnetId: subnets[s]!.SubnetId, VpcId: vpc, PrivateIpAddress: ip, PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: ip }], Groups: sgs }],
      // Sometimes a node of node group a (EKS managed node group tags).
      Tags: [{ Key: 'Name', Value: `vm${i}` }, ...(g(fc.boolean) ? [{ Key: 'eks:cluster-name', Value: 'c' }, { Key: 'eks:nodegroup-name', Value: 'a' }] : [])],
    };
  });
  return [
    { Vpcs: [{ VpcId: vpc, CidrBlock: '10.9.0.0/16' }] },
    { Subnets: subnets },
    { SecurityGroups: groups },
    { NetworkAcls: acls },
    { Reservations: [{ Instances: instances }] },
    { InternetGateways: [{ InternetGatewayId: 'igw-000000000000001', Attachments: [{ VpcId: vpc, State: 'available' }] }] },
    { RouteTables: [{ RouteTableId: 'rtb-000000000000001', VpcId: vpc, Associations: [{ Main: true }], Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-000000000000001' }] }] },
  ];
}

function peer(g: Gen): Record<string, unknown> {
  switch (g(fc.integer, { min: 0, max: 3 })) {
    case 0:
      return { podSelector: { matchLabels: { app: pick(g, APPS) } } };
    case 1:
      return { namespaceSelector: {} };
    case 2:
      return { ipBlock: { cidr: pick(g, CIDRS.slice(0, 5)) } };
    default:
      return { ipBlock: { cidr: '10.9.0.0/16', except: [pick(g, SUBNETS)] } };
  }
}

function manifests(g: Gen): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  const count = g(fc.integer, { min: 2, max: 3 });
  for (let i = 0; i < count; i++) {
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `w${i}`, namespace: pick(g, ['ns1', 'ns2']) },
      spec: { template: { metadata: { labels: { app: APPS[i]!, ...(g(fc.boolean) ? { pool: 'b' } : {}) } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] } } },
    });
  }
  const policies = g(fc.integer, { min: 0, max: 2 });
  for (let i = 0; i < policies; i++) {
    const types = pick(g, [['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
    const rules = (): Record<string, unknown>[] =>
      Array.from({ length: g(fc.integer, { min: 0, max: 2 }) }, () => {
        const r: Record<string, unknown> = {};
        if (g(fc.boolean)) r['peers'] = [peer(g)];
        if (g(fc.boolean)) {
          const [low, endPort] = portPair(g);
          const port = Math.max(1, low);
          r['ports'] = [{ protocol: pick(g, ['TCP', 'UDP']), port, ...(endPort > port ? { endPort } : {}) }];
        }
        return r;
      });
    const spec: Record<string, unknown> = { podSelector: g(fc.boolean) ? {} : { matchLabels: { app: pick(g, APPS) } }, policyTypes: types };
    if (types.includes('Ingress')) spec['ingress'] = rules().map(({ peers, ...r }) => (peers === undefined ? r : { ...r, from: peers }));
    if (types.includes('Egress')) spec['egress'] = rules().map(({ peers, ...r }) => (peers === undefined ? r : { ...r, to: peers }));
    docs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `p${i}`, namespace: pick(g, ['ns1', 'ns2']) }, spec });
  }
  if (g(fc.boolean)) {
    docs.push({
      apiVersion: 'vpcresources.k8s.aws/v1beta1',
      kind: 'SecurityGroupPolicy',
      metadata: { name: 'sgp', namespace: pick(g, ['ns1', 'ns2']) },
      spec: { podSelector: { matchLabels: { app: pick(g, APPS) } }, securityGroups: { groupIds: [pick(g, GROUPS)] } },
    });
  }
  return docs;
}

function topology(g: Gen): Record<string, unknown> {
  const nodeGroups: Record<string, unknown>[] = [{ name: 'a', subnets: ['s1', 's2'].filter((_, i) => i === 0 || g(fc.boolean)), securityGroups: [pick(g, ['g0', 'g1'])] }];
  if (g(fc.boolean)) nodeGroups.push({ name: 'b', subnets: [pick(g, ['s0', 's1'])], securityGroups: ['g2'], podSelector: { matchLabels: { pool: 'b' } } });
  return { apiVersion: 'netproof.dev/v1', kind: 'ClusterTopology', clusters: [{ name: 'c', vpc: 'vpc-000000000000009', manifests: ['k8s'], nodeGroups }] };
}

function documents(file: string, value: unknown, sink: DiagnosticSink): InputDocument[] {
  return parseInputDocuments(file, JSON.stringify(value), sink) ?? [];
}

/** A random VPC with one cluster in it, through the real assembly; undefined when the input was (rarely) rejected. */
export function mixedEstate(g: Gen): Estate {
  const sink = new DiagnosticSink();
  const aws = awsDocuments(g).flatMap((v, i) => documents(`gen/aws/${i}.json`, v, sink));
  expect(aws.every((d) => awsAdapter.claim(d).claimed)).toBe(true);
  const kubernetes = manifests(g).flatMap((v, i) => documents(`gen/k8s/${i}.json`, v, sink));
  const topo = documents('gen/topology.json', topology(g), sink);
  const estate = assembleClusterInVpc({ topology: topo, aws, kubernetes }, sink);
  expect(sink.items.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return estate!;
}

function randomSide(g: Gen, estate: Estate): { selection: Selection; selector: Selector } {
  if (g(fc.integer, { min: 0, max: 4 }) === 0) return { selection: { endpoints: [], internet: estate.internet }, selector: { kind: 'internet' } };
  const picked = g(() => fc.uniqueArray(fc.integer({ min: 0, max: estate.endpoints.length - 1 }), { minLength: 1, maxLength: 3 })).sort((x, y) => x - y);
  const endpoints = picked.map((i) => estate.endpoints[i]!);
  return { selection: { endpoints, internet: IntervalSet.EMPTY }, selector: { kind: 'anyOf', of: endpoints.map((e) => ({ kind: 'id', id: e.id }) as Selector) } };
}

function resolver(estate: Estate, s: Selector): Selection {
  if (s.kind === 'internet') return { endpoints: [], internet: estate.internet };
  const ids = s.kind === 'anyOf' ? s.of.map((x) => (x.kind === 'id' ? x.id : '')) : [];
  return { endpoints: estate.endpoints.filter((e) => ids.includes(e.id)), internet: IntervalSet.EMPTY };
}

function randomTraffic(g: Gen): TrafficSpec | undefined {
  return g(fc.boolean) ? undefined : { protocols: IntervalSet.point(6), dstPorts: IntervalSet.range(...portPair(g)) };
}

interface Atom {
  readonly party: Party;
  readonly ip: number;
}

/** Sampled atoms: the first, last and a middle address of each endpoint; a few internet addresses. */
function atoms(g: Gen, sel: Selection): Atom[] {
  const out: Atom[] = [];
  for (const e of sel.endpoints) {
    const lo = e.addresses.min()!;
    const hi = e.addresses.max()!;
    const mid = pick(g, e.addresses.ranges);
    for (const ip of new Set([lo, hi, mid.lo, mid.hi])) out.push({ party: { kind: 'endpoint', endpoint: e }, ip });
  }
  if (!sel.internet.isEmpty()) for (const ip of [0x08080808, 0x01000000]) if (sel.internet.has(ip)) out.push({ party: { kind: 'external' }, ip });
  return out;
}

function edgePackets(g: Gen, src: number, dst: number): Packet[] {
  return Array.from({ length: 4 }, () => {
    const protocol = pick(g, [6, 17, 1, 6]);
    const ports = protocol !== 1;
    return { srcIp: src, dstIp: dst, protocol, srcPort: ports ? pick(g, PORT_EDGES) : 0, dstPort: ports ? pick(g, PORT_EDGES) : 0, icmpType: ports ? 0 : 8, icmpCode: 0 };
  });
}

function classOf(scene: Scene, side: 'src' | 'dst', atom: Atom): number {
  if (atom.party.kind === 'external') return scene.internetClass;
  const e: Endpoint = atom.party.endpoint;
  const sel = side === 'src' ? scene.from : scene.to;
  const found = sel.classIds.find((id) => scene.classes[id]!.members.some((m) => m.endpoint.index === e.index && m.ip <= atom.ip && atom.ip <= m.hi));
  expect(found).toBeDefined();
  return found!;
}

function pairs(g: Gen, from: Selection, to: Selection): [Atom, Atom][] {
  const out: [Atom, Atom][] = [];
  for (const s of atoms(g, from)) {
    for (const d of atoms(g, to)) {
      if (s.party.kind === 'external' && d.party.kind === 'external') continue;
      if (s.party.kind === 'endpoint' && d.party.kind === 'endpoint' && s.party.endpoint.index === d.party.endpoint.index) continue;
      out.push([s, d]);
    }
  }
  return out;
}

describe('properties of a cluster placed in a VPC', () => {
  it('1. the path formula agrees with the concrete evaluator at sampled addresses and rule edges', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const estate = mixedEstate(g);
        const from = randomSide(g, estate);
        const to = randomSide(g, estate);
        if (from.selection.endpoints.length === 0 && to.selection.endpoints.length === 0) return;
        const traffic = randomTraffic(g);
        const index = buildEstateIndex(estate);
        const scene = buildScene(index, from.selection, to.selection);
        const enc = encodeScene(index, scene, traffic);
        const { f } = enc.ctx;
        const plain = f.and(...enc.path.definitions, enc.path.allowed);
        for (const [s, d] of pairs(g, from.selection, to.selection)) {
          for (const p of edgePackets(g, s.ip, d.ip)) {
            if (!isWellFormed(p) || !trafficMatches(traffic, p)) continue;
            const values = new Map<string, number | boolean>(Object.entries(p));
            values.set('srcClass', classOf(scene, 'src', s));
            values.set('dstClass', classOf(scene, 'dst', d));
            for (const t of enc.ctx.trackers.names()) values.set(t, true);
            expect(evaluateTerm(plain, values)).toBe(evaluatePath(estate, p, s.party, d.party).allowed);
          }
        }
      }),
      { numRuns: Number(process.env['NP_RUNS'] ?? 150) },
    );
  });

  it('2. witnesses replay as allowed, and proven isolation admits no sampled packet', async () => {
    let witnesses = 0;
    let proofs = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const estate = mixedEstate(g);
        const from = randomSide(g, estate);
        const to = randomSide(g, estate);
        if (from.selection.endpoints.length === 0 && to.selection.endpoints.length === 0) return;
        const traffic = randomTraffic(g);
        const q: Query = { name: 'q', from: from.selector, to: to.selector, expect: { kind: 'isolated' }, ...(traffic ? { traffic } : {}) };
        const engine = await QueryEngine.create(estate, { timeoutMs: 20_000 }, resolver);
        const a = await engine.answer(q);
        engine.close();
        expect(a.verdict, a.reason).not.toBe('error');
        if (a.witness !== undefined) {
          witnesses++;
          expect(a.witness.path.allowed).toBe(true);
          const find = (id: string): Party => {
            const e = estate.endpoints.find((x) => x.id === id);
            return e === undefined ? { kind: 'external' } : { kind: 'endpoint', endpoint: e };
          };
          expect(evaluatePath(estate, a.witness.packet, find(a.witness.src.id), find(a.witness.dst.id)).allowed).toBe(true);
        }
        if (a.verdict === 'holds') {
          proofs++;
          for (const [s, d] of pairs(g, from.selection, to.selection)) {
            for (const p of edgePackets(g, s.ip, d.ip)) {
              if (isWellFormed(p) && trafficMatches(traffic, p)) expect(evaluatePath(estate, p, s.party, d.party).allowed).toBe(false);
            }
          }
        }
      }),
      { numRuns: Number(process.env['NP_RUNS'] ?? 40) },
    );
    expect(witnesses).toBeGreaterThan(0);
    expect(proofs).toBeGreaterThan(0);
  });
});
