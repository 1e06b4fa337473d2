// Tests for loadKubernetes on fixture folders: workloads (owners, templates,
// de-duplication, default namespace), namespaces, NetworkPolicies,
// AdminNetworkPolicies, skipped kinds, and invalid input reported with file
// and line and no cluster.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKubernetes } from './load.js';
import { formatSelector } from './selector.js';
import { k8sFixture } from './test-helpers.js';
import type { KubernetesCluster } from './types.js';

let cluster: KubernetesCluster;
let codes: string[];
let tmp: string;

beforeAll(async () => {
  const r = await loadKubernetes([k8sFixture('cluster')]);
  codes = r.diagnostics.map((d) => d.code);
  if (r.cluster === undefined) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  cluster = r.cluster;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'netproof-k8s-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function loadText(name: string, text: string) {
  const file = path.join(tmp, name);
  await writeFile(file, text);
  return loadKubernetes([file]);
}

describe('loadKubernetes: workloads', () => {
  it('finds one representative per workload, named ns/name[Kind]', () => {
    expect(cluster.workloads.map((w) => w.id)).toEqual([
      'default/agent[DaemonSet]',
      'kube-system/kube-apiserver-node1[Pod]',
      'shared/legacy[ReplicationController]',
      'team-a/cache-7d77fb55cc[ReplicaSet]',
      'team-a/frontend[Deployment]',
      'team-b/db[StatefulSet]',
      'team-b/migrate[Job]',
      'team-b/report[CronJob]',
    ]);
  });

  it('takes labels and container ports from the template (protocol default TCP)', () => {
    const fe = cluster.workloads.find((w) => w.name === 'frontend')!;
    expect(fe.labels).toEqual({ app: 'frontend', tier: 'web' });
    expect(fe.containerPorts.map((p) => [p.name, p.port, p.protocol])).toEqual([
      ['http', 8080, 'TCP'],
      ['https', 8443, 'TCP'],
      ['statsd', 9102, 'UDP'],
    ]);
    expect(fe.location.line).toBe(1);
    expect(fe.location.file).toMatch(/workloads\.yaml$/);
  });

  it('reads a CronJob template from spec.jobTemplate.spec.template', () => {
    expect(cluster.workloads.find((w) => w.name === 'report')!.labels).toEqual({ app: 'report' });
  });

  it('reports pods of a PodList as their owner, once; a Node-owned static pod as itself', () => {
    const cache = cluster.workloads.find((w) => w.name === 'cache-7d77fb55cc')!;
    expect(cache.kind).toBe('ReplicaSet');
    expect(cache.sourceKind).toBe('Pod');
    expect(cache.labelVariants).toBeUndefined();
    expect(cache.containerPorts.map((p) => p.port)).toEqual([6379]);
    expect(cache.location.line).toBe(5);
    expect(cluster.workloads.find((w) => w.name === 'kube-apiserver-node1')!.kind).toBe('Pod');
  });
});

describe('loadKubernetes: namespaces', () => {
  it('gives every namespace its name label and adds used-but-undefined ones with only that label', () => {
    const byName = new Map(cluster.namespaces.map((n) => [n.name, n]));
    expect([...byName.keys()]).toEqual(['default', 'kube-system', 'shared', 'team-a', 'team-b']);
    expect(byName.get('team-a')!.labels).toEqual({ tenant: 'a', 'kubernetes.io/metadata.name': 'team-a' });
    expect(byName.get('team-a')!.defined).toBe(true);
    expect(byName.get('shared')).toEqual({ name: 'shared', labels: { 'kubernetes.io/metadata.name': 'shared' }, defined: false });
  });
});

describe('loadKubernetes: NetworkPolicy', () => {
  it('reads peers of every shape and ports with their lines', () => {
    const p = cluster.networkPolicies.find((x) => x.name === 'db-ingress')!;
    expect(p.isolates).toEqual({ ingress: true, egress: false });
    expect(formatSelector(p.podSelector)).toBe('app=db');
    const rule = p.ingress[0]!;
    expect(rule.location.line).toBe(11);
    if (rule.peers === 'all' || rule.ports === 'all') throw new Error('expected lists');
    expect(rule.peers.map((x) => (x.kind === 'pods' ? [x.podSelector && formatSelector(x.podSelector), x.namespaceSelector && formatSelector(x.namespaceSelector)] : x.kind))).toEqual([
      ['app=report', undefined],
      ['tier in (web,api)', 'tenant=a'],
      [undefined, '{}'],
    ]);
    expect(rule.peers.map((x) => x.location.line)).toEqual([12, 15, 23]);
    expect(rule.ports).toMatchObject([
      { kind: 'named', name: 'pg', protocol: 'TCP' },
      { kind: 'range', protocol: 'TCP', from: 5432, to: 5440 },
      { kind: 'all', protocol: 'SCTP' },
    ]);
    expect(rule.ports.map((x) => x.location.line)).toEqual([25, 26, 29]);
  });

  it('reads policyTypes, ipBlock with except, and an empty rule as all peers and ports', () => {
    const p = cluster.networkPolicies.find((x) => x.name === 'frontend-egress')!;
    expect(p.isolates).toEqual({ ingress: false, egress: true });
    const [first, second] = p.egress;
    if (first!.peers === 'all') throw new Error('expected peers');
    const block = first!.peers[0]!;
    expect(block.kind).toBe('ipBlock');
    if (block.kind !== 'ipBlock') return;
    expect(block.cidr.text).toBe('10.0.0.0/8');
    expect(block.except.map((e) => e.text)).toEqual(['10.1.0.0/16']);
    expect(second).toMatchObject({ peers: 'all', ports: 'all' });
  });

  it('defaults the namespace to default and policyTypes to Ingress', () => {
    const p = cluster.networkPolicies.find((x) => x.name === 'default-deny')!;
    expect(p.id).toBe('default/default-deny');
    expect(p.isolates).toEqual({ ingress: true, egress: false });
  });
});

describe('loadKubernetes: AdminNetworkPolicy and BaselineAdminNetworkPolicy', () => {
  it('orders ANPs by priority and reads subjects, actions, peers and ports', () => {
    expect(cluster.adminNetworkPolicies.map((p) => [p.name, p.priority])).toEqual([
      ['monitoring', 5],
      ['tenant-isolation', 20],
    ]);
    const t = cluster.adminNetworkPolicies[1]!;
    expect(t.subject.kind).toBe('namespaces');
    expect(t.ingress.map((r) => [r.name, r.action])).toEqual([['deny-other-tenants', 'Deny']]);
    expect(t.egress.map((r) => [r.name, r.action])).toEqual([
      ['allow-dns', 'Allow'],
      ['pass-internet', 'Pass'],
    ]);
    expect(t.egress[0]!.ports).toMatchObject([
      { kind: 'number', protocol: 'UDP', port: 53 },
      { kind: 'range', protocol: 'TCP', start: 8000, end: 8100 },
      { kind: 'named', name: 'dns-tcp' },
    ]);
    const networks = t.egress[1]!.peers[0]!;
    expect(networks.kind === 'networks' && networks.networks.map((n) => n.text)).toEqual(['0.0.0.0/0']);
    expect(cluster.adminNetworkPolicies[0]!.subject.kind).toBe('pods');
    expect(cluster.adminNetworkPolicies[0]!.ingress[0]!.ports).toBe('all');
  });

  it('reads the BANP', () => {
    expect(cluster.baselineAdminNetworkPolicies.map((b) => [b.name, b.ingress[0]!.action])).toEqual([['default', 'Deny']]);
  });
});

describe('loadKubernetes: notes for what is not read', () => {
  it('skips other kinds (and NetworkPolicy of another API group) with an info note per kind', () => {
    expect(cluster.skippedKinds).toEqual([
      { kind: 'Service', count: 1 },
      { kind: 'Ingress', count: 1 },
      { kind: 'NetworkPolicy (crd.projectcalico.org)', count: 1 },
    ]);
  });

  it('warns about ignored IPv6 networks; skips non-Kubernetes files with an info; nothing else', () => {
    expect([...new Set(codes)].sort()).toEqual(['k8s-ipv6-ignored', 'k8s-kind-skipped', 'k8s-not-an-object']);
  });
});

describe('loadKubernetes: invalid input', () => {
  it('reports each invalid policy with file and line, and gives no cluster', async () => {
    const r = await loadKubernetes([k8sFixture('invalid/bad-policies.yaml')]);
    expect(r.cluster).toBeUndefined();
    const got = r.diagnostics.map((d) => [d.code, d.location?.line, path.basename(d.location?.file ?? '')]);
    expect(got).toEqual([
      ['k8s-invalid-port', 12, 'bad-policies.yaml'],
      ['k8s-invalid-port', 23, 'bad-policies.yaml'],
      ['k8s-invalid-port', 33, 'bad-policies.yaml'],
      ['k8s-invalid-selector', 44, 'bad-policies.yaml'],
      ['invalid-cidr', 56, 'bad-policies.yaml'],
      ['k8s-invalid-policy', 63, 'bad-policies.yaml'],
      ['k8s-invalid-policy', 79, 'bad-policies.yaml'],
    ]);
    expect(r.diagnostics[0]!.message).toContain('NetworkPolicy default/end-port-below-port');
    expect(r.diagnostics[5]!.message).toContain('needs spec.priority');
  });

  it('warns about a shared ANP priority', async () => {
    const r = await loadKubernetes([k8sFixture('invalid/duplicate-priority.yaml')]);
    expect(r.cluster).toBeDefined();
    expect(r.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['k8s-duplicate-priority', 14]]);
  });

  it('malformed YAML: input-malformed with line', async () => {
    const r = await loadKubernetes([k8sFixture('invalid/malformed.yaml')]);
    expect(r.cluster).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'input-malformed', severity: 'error' });
    expect(r.diagnostics[0]!.message).toMatch(/malformed\.yaml:\d+:\d+: not valid YAML/);
  });

  it('no Kubernetes object at all: input-empty', async () => {
    const r = await loadText('nothing.json', '{"Vpcs": []}');
    expect(r.cluster).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['k8s-not-an-object', 'input-empty']);
  });

  it('a path that does not exist: input-not-found', async () => {
    const r = await loadKubernetes([path.join(tmp, 'nope')]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['input-not-found']);
  });

  it('IPv6 ipBlock is dropped with a warning; the rule then allows no peer rather than all', async () => {
    const r = await loadText(
      'v6.yaml',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: v6\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: fd00::/8\n',
    );
    expect(r.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['k8s-ipv6-ignored', 10]]);
    expect(r.cluster!.networkPolicies[0]!.ingress[0]!.peers).toEqual([]);
  });

  it('host bits in a CIDR: warning, the network address is used', async () => {
    const r = await loadText(
      'hb.yaml',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: hb\nspec:\n  podSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.1.2.3/16\n        except: [10.2.0.0/24]\n',
    );
    expect(r.cluster).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['k8s-cidr-host-bits', 'warning'],
      ['invalid-cidr', 'error'],
    ]);
    expect(r.diagnostics[1]!.message).toContain('not inside cidr 10.1.0.0/16');
  });

  it('pods of one owner with different labels: warning and every label set kept', async () => {
    const pod = (name: string, app: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    app: ${app}\n  ownerReferences:\n  - name: owner\n    kind: ReplicaSet\n    controller: true\nspec:\n  containers: []\n`;
    const r = await loadText('gap.yaml', `${pod('p1', 'a')}---\n${pod('p2', 'b')}`);
    expect(r.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['k8s-owner-label-gap', 14]]);
    const w = r.cluster!.workloads[0]!;
    expect(w.id).toBe('default/owner[ReplicaSet]');
    expect(w.labels).toEqual({ app: 'a' });
    expect(w.labelVariants).toEqual([{ app: 'a' }, { app: 'b' }]);
  });

  it('a BANP with another name, an ANP priority out of range and a Pass in a BANP are errors', async () => {
    const r = await loadText(
      'admin.yaml',
      [
        'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata:\n  name: other\nspec:\n  subject:\n    namespaces: {}\n  ingress:\n  - action: Pass\n    from:\n    - namespaces: {}\n',
        'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: high\nspec:\n  priority: 1001\n  subject:\n    namespaces: {}\n',
      ].join('---\n'),
    );
    expect(r.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([
      ['k8s-invalid-policy', 4],
      ['k8s-invalid-policy', 9],
      ['k8s-invalid-policy', 18],
    ]);
  });

  it('a List of mixed kinds is read item by item', async () => {
    const r = await loadText(
      'list.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } },
          { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'x' }, spec: { template: { metadata: { labels: { a: 'b' } } } } },
        ],
      }, null, 2),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.cluster!.workloads.map((w) => [w.id, w.location.line])).toEqual([['x/d[Deployment]', 12]]);
  });
});

describe('loadKubernetes: duplicates', () => {
  it('the same Deployment twice with other labels: duplicate-object warning; identical copies are silent', async () => {
    const dep = (app: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels:\n        app: ${app}\n`;
    const differ = await loadText('dup.yaml', `${dep('a')}---\n${dep('b')}`);
    expect(differ.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['duplicate-object', 11]]);
    const same = await loadText('same.yaml', `${dep('a')}---\n${dep('a')}`);
    expect(same.diagnostics).toEqual([]);
    expect(same.cluster!.workloads).toHaveLength(1);
  });
});
