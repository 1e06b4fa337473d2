// The combined estate of the cluster-in-vpc fixture (test/fixtures/cluster-in-vpc):
// pods placed per node group × subnet, their layers in order, security-group
// references that include pods, the shared-node bypass of node security groups.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint, Estate } from '../../model/estate.js';
import { formatIpv4, parseIpv4 } from '../../model/ip.js';
import type { Packet } from '../../model/packet.js';
import { evaluatePath, type Party } from '../../semantics/evaluate.js';
import { loadEstate } from '../load.js';
import { SHARED_NODE_SCOPE } from './merge.js';
import { clusterFixture } from './test-helpers.js';

let estate: Estate;

beforeAll(async () => {
  const loaded = await loadEstate([clusterFixture('cluster-in-vpc')]);
  expect(loaded.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  estate = loaded.estate!;
});

function named(name: string): Endpoint {
  const e = estate.endpoints.find((x) => x.name === name);
  if (e === undefined) throw new Error(`no endpoint ${name}: ${estate.endpoints.map((x) => x.name).join(', ')}`);
  return e;
}

const party = (e: Endpoint): Party => ({ kind: 'endpoint', endpoint: e });

function tcp(src: string, dst: string, port: number): Packet {
  return { srcIp: parseIpv4(src)!, dstIp: parseIpv4(dst)!, srcPort: 49152, dstPort: port, protocol: 6, icmpType: 0, icmpCode: 0 };
}

const API_A = 'team-a/api[Deployment]@general/eks-nodes-a';
const FEEDER_A = 'team-a/feeder[Deployment]@general/eks-nodes-a';
const FEEDER_B = 'team-a/feeder[Deployment]@general/eks-nodes-b';
const WORKER_A = 'team-a/worker[Deployment]@general/eks-nodes-a';
const BATCH = 'team-b/batch[Deployment]';
const NODES_SG = 'sg-0e0c1a55e000nodes';
const CLIENTS_SG = 'sg-0e0c1a55e00dbclnt';

describe('pods placed in the VPC', () => {
  it('gives each workload one pod endpoint per node group × subnet it may run on, after the instances', () => {
    expect(estate.endpoints.map((e) => `${e.kind} ${e.name}`)).toEqual([
      'instance bastion-1[10.40.0.10]',
      'instance feature-db-1[10.40.3.10]',
      'instance gpu-node-1[10.40.2.10]',
      `pod ${API_A}`,
      'pod team-a/api[Deployment]@general/eks-nodes-b',
      `pod ${FEEDER_A}`,
      `pod ${FEEDER_B}`,
      `pod ${WORKER_A}`,
      'pod team-a/worker[Deployment]@general/eks-nodes-b',
      `pod ${BATCH}`,
    ]);
    estate.endpoints.forEach((e, i) => expect(e.index).toBe(i));
  });

  it('takes the subnet addresses AWS does not reserve and no interface holds', () => {
    const a = named(API_A).addresses;
    expect(formatIpv4(a.min()!)).toBe('10.40.1.4');
    expect(formatIpv4(a.max()!)).toBe('10.40.1.254');
    expect(a.size()).toBe(251);
    expect(named(BATCH).scopes).toMatchObject({ vpc: 'vpc-0c1a55e0000000001', subnet: 'subnet-0e0c1a55e00nodeb', cluster: 'inference', namespace: 'team-b', nodeGroup: 'inference/gpu' });
    expect(named(BATCH).network).toBe('vpc-0c1a55e0000000001');
    expect(named(BATCH).publicAddresses.isEmpty()).toBe(true);
  });

  it('carries namespace, security group ids and names as groups (so sg: selectors pick pods)', () => {
    expect(named(FEEDER_A).groups).toEqual(['namespace:team-a', CLIENTS_SG, 'db-clients']);
    expect(named(API_A).groups).toEqual(['namespace:team-a', NODES_SG, 'eks-nodes']);
  });

  it('orders layers: egress chain → security groups → NACL; ingress NACL → security groups → chain', () => {
    const kinds = (ids: readonly string[]) => ids.map((id) => estate.layers.get(id)!.vendorKind);
    const f = named(FEEDER_A);
    expect(kinds(f.egressLayers)).toEqual(['k8s-policy-chain', 'aws-sg', 'aws-nacl']);
    const api = named(API_A);
    expect(kinds(api.ingressLayers)).toEqual(['aws-nacl', 'aws-sg', 'k8s-policy-chain']);
    expect(f.egressLayers[0]!.startsWith('inference:')).toBe(true);
  });

  it('skips node security groups between pods that may share a node, never a SecurityGroupPolicy group', () => {
    const nodeLayer = estate.layers.get(named(API_A).ingressLayers[1]!)!;
    expect(nodeLayer.bypassWithinScope).toBe(SHARED_NODE_SCOPE);
    expect(nodeLayer.displayName).toBe('node security group sg-0e0c1a55e000nodes (eks-nodes)');
    expect(estate.layers.get(named(FEEDER_A).ingressLayers[1]!)!.bypassWithinScope).toBeUndefined();
    const sameNode = evaluatePath(estate, tcp('10.40.1.30', '10.40.1.40', 8080), party(named(WORKER_A)), party(named(API_A)));
    expect(sameNode.allowed).toBe(true);
    expect(sameNode.layers.map((t) => `${t.layer.vendorKind} ${t.verdict}`)).toEqual([
      'aws-sg bypassed',
      'aws-nacl bypassed',
      'aws-nacl bypassed',
      'aws-sg bypassed',
      'k8s-policy-chain allow',
    ]);
    const fromBranch = evaluatePath(estate, tcp('10.40.1.30', '10.40.1.40', 8080), party(named(FEEDER_A)), party(named(API_A)));
    expect(fromBranch.layers.filter((t) => t.layer.vendorKind === 'aws-sg').map((t) => `${t.side} ${t.verdict}`)).toEqual(['source allow', 'destination bypassed']);
  });

  it('treats an EKS-tagged instance as a node of its node group: its groups are skipped towards pods it may host', () => {
    const node = named('gpu-node-1[10.40.2.10]');
    expect(node.scopes).toMatchObject({ cluster: 'inference', nodeGroup: 'inference/gpu', [SHARED_NODE_SCOPE]: 'inference/gpu@subnet-0e0c1a55e00nodeb' });
    expect(node.ingressLayers.map((id) => estate.layers.get(id)!.bypassWithinScope)).toEqual(['subnet', SHARED_NODE_SCOPE]);
    const toOwnNode = evaluatePath(estate, tcp('10.40.2.20', '10.40.2.10', 10250), party(named(BATCH)), party(node));
    expect(toOwnNode.layers.filter((t) => t.layer.vendorKind === 'aws-sg').map((t) => t.verdict)).toEqual(['bypassed', 'bypassed']);
    const fromOtherGroup = evaluatePath(estate, tcp('10.40.2.20', '10.40.2.10', 10250), party(named('team-a/api[Deployment]@general/eks-nodes-b')), party(node));
    expect(fromOtherGroup.layers.filter((t) => t.layer.vendorKind === 'aws-sg').map((t) => t.verdict)).toEqual(['allow', 'allow']);
    expect(named('bastion-1[10.40.0.10]').scopes[SHARED_NODE_SCOPE]).toBeUndefined();
  });

  it('lets security-group references match the pods carrying the group', () => {
    const db = estate.filters.get('sg-0e0c1a55e0000fsdb/ingress')!;
    const twin = db.rules.find((r) => r.id === 'sg-0e0c1a55e0000fsdb/ingress/0/sg/0/pods')!;
    expect(twin.match.srcIps).toBeUndefined();
    expect(twin.match.srcEndpoints?.ranges).toEqual([{ lo: named(FEEDER_A).index, hi: named(FEEDER_B).index }]);
    expect(twin.provenance.displayName).toMatch(/from sg-0e0c1a55e00dbclnt \(db-clients\) \(pods carrying it\)$/);
    const self = estate.filters.get(`${NODES_SG}/ingress`)!.rules.find((r) => r.id.endsWith('/pods'))!;
    const members = estate.endpoints.filter((e) => self.match.srcEndpoints!.has(e.index)).map((e) => e.name);
    expect(members).toEqual([API_A, 'team-a/api[Deployment]@general/eks-nodes-b', WORKER_A, 'team-a/worker[Deployment]@general/eks-nodes-b', BATCH]);
  });

  it('admits the feeder (NetworkPolicy, pod security group, NACL) and stops the API at feature-db\'s group', () => {
    const db = named('feature-db-1[10.40.3.10]');
    const ok = evaluatePath(estate, tcp('10.40.1.20', '10.40.3.10', 5432), party(named(FEEDER_A)), party(db));
    expect(ok.allowed).toBe(true);
    const api = evaluatePath(estate, tcp('10.40.1.20', '10.40.3.10', 5432), party(named(API_A)), party(db));
    expect(api.allowed).toBe(false);
    expect(api.layers.at(-1)?.verdict).toBe('deny');
    const fromB = evaluatePath(estate, tcp('10.40.2.20', '10.40.3.10', 5432), party(named(FEEDER_B)), party(db));
    expect(fromB.layers.map((t) => `${t.layer.vendorKind} ${t.side} ${t.verdict}`)).toContain('aws-nacl destination deny');
  });

  it('gives pods outbound internet through the NAT gateway and no inbound', () => {
    const api = named(API_A).internet;
    expect([api.outbound, api.inbound]).toEqual([true, false]);
    expect(api.reasons).toContain('outbound only, via nat-0e0c1a55e0000001');
    expect(named(FEEDER_A).internet.reasons.some((r) => r.includes('not source-translated'))).toBe(true);
  });

  it('names the sources: topology, AWS files and manifests', () => {
    expect(estate.sources.some((s) => s.endsWith('topology.yaml'))).toBe(true);
    expect(estate.sources.some((s) => s.endsWith('policies.yaml'))).toBe(true);
    expect(estate.scopeNames['inference']).toBe('Kubernetes cluster inference (ml-vpc)');
  });
});
