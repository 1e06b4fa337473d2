// Loading AWS + Kubernetes + ClusterTopology inputs: what is an error (names
// the topology does not resolve, manifests under no cluster), what is a
// warning (SecurityGroupPolicy groups not in the input, unknown service
// accounts), and how the loader behaves without a topology.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEstate } from '../load.js';
import { clusterFixture } from './test-helpers.js';

const AWS = clusterFixture('cluster-in-vpc/aws');
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const TOPOLOGY = `apiVersion: netproof.dev/v1
kind: ClusterTopology
clusters:
  - name: c1
    vpc: vpc-0c1a55e0000000001
    manifests: [k8s]
    nodeGroups:
      - {name: ng, subnets: [eks-nodes-a], securityGroups: [eks-nodes]}
`;

/** A folder with topology.yaml and k8s/app.yaml. */
function estateDir(manifests: string, topology = TOPOLOGY): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'netproof-topology-'));
  temps.push(dir);
  mkdirSync(path.join(dir, 'k8s'));
  writeFileSync(path.join(dir, 'topology.yaml'), topology);
  writeFileSync(path.join(dir, 'k8s', 'app.yaml'), manifests);
  return dir;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: ns}
spec:
  selector: {matchLabels: {app: x}}
  template:
    metadata: {labels: {app: x}}
    spec: {serviceAccountName: runner, containers: [{name: c, image: i}]}
`;

describe('loading a cluster in a VPC', () => {
  it('reports each name the AWS input does not hold, with the topology file and line, and gives no estate', async () => {
    const r = await loadEstate([AWS, clusterFixture('cluster-in-vpc-errors/unknown-refs.yaml')]);
    expect(r.estate).toBeUndefined();
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, path.basename(d.location?.file ?? ''), d.location?.line])).toEqual([
      ['topology-unresolved', 'unknown-refs.yaml', 10],
      ['topology-unresolved', 'unknown-refs.yaml', 11],
    ]);
    expect(r.diagnostics.find((d) => d.code === 'topology-unresolved')?.message).toMatch(/no subnet with id or name "eks-nodes-c" is in the AWS input$/);
  });

  it('reads the manifests a topology names even when they are not given as inputs', async () => {
    const r = await loadEstate([AWS, clusterFixture('cluster-in-vpc/topology.yaml')]);
    expect(r.estate?.endpoints.filter((e) => e.kind === 'pod')).toHaveLength(7);
  });

  it('rejects Kubernetes manifests that lie under no cluster', async () => {
    const r = await loadEstate([AWS, clusterFixture('cluster-in-vpc/topology.yaml'), clusterFixture('k8s/cluster')]);
    expect(r.estate).toBeUndefined();
    const unassigned = r.diagnostics.filter((d) => d.code === 'topology-unassigned-manifest');
    expect(unassigned.length).toBeGreaterThan(0);
    expect(unassigned[0]!.message).toMatch(/lies under the manifests of no cluster/);
  });

  it('stands in for a SecurityGroupPolicy group missing from the input: allow-all under an assumption, with a warning', async () => {
    const dir = estateDir(`${DEPLOYMENT}---
apiVersion: vpcresources.k8s.aws/v1beta1
kind: SecurityGroupPolicy
metadata: {name: p, namespace: ns}
spec:
  podSelector: {}
  securityGroups: {groupIds: [sg-0000000000missing]}
`);
    const r = await loadEstate([AWS, dir]);
    const pod = r.estate!.endpoints.find((e) => e.kind === 'pod')!;
    expect(pod.groups).toContain('sg-0000000000missing');
    const warn = r.diagnostics.find((d) => d.code === 'missing-security-group')!;
    expect([path.basename(warn.location!.file), warn.location!.line]).toEqual(['app.yaml', 15]);
    expect(r.estate!.assumptions.map((a) => a.id)).toContain('missing-security-group:sg-0000000000missing');
    const egress = r.estate!.layers.get(pod.egressLayers[0]!)!;
    expect(egress.filterIds).toEqual(['sg-0000000000missing/egress']);
  });

  it('gives a pod both node and policy groups when its service account (and so the policy\'s choice) is unknown', async () => {
    const dir = estateDir(`${DEPLOYMENT}---
apiVersion: vpcresources.k8s.aws/v1beta1
kind: SecurityGroupPolicy
metadata: {name: p, namespace: ns}
spec:
  serviceAccountSelector: {matchLabels: {role: db}}
  securityGroups: {groupIds: [sg-0e0c1a55e00dbclnt]}
`);
    const r = await loadEstate([AWS, dir]);
    expect(r.diagnostics.filter((d) => d.code === 'k8s-service-account-unknown')).toHaveLength(1);
    const pod = r.estate!.endpoints.find((e) => e.kind === 'pod')!;
    const sg = r.estate!.layers.get(pod.ingressLayers[1]!)!;
    expect(sg.filterIds).toEqual(['sg-0e0c1a55e000nodes/ingress', 'sg-0e0c1a55e00dbclnt/ingress']);
    expect(sg.bypassWithinScope).toBe('sharedNode');
  });

  it('applies a policy selecting by service account labels when the ServiceAccount is in the input', async () => {
    const dir = estateDir(`${DEPLOYMENT}---
apiVersion: v1
kind: ServiceAccount
metadata: {name: runner, namespace: ns, labels: {role: db}}
---
apiVersion: vpcresources.k8s.aws/v1beta1
kind: SecurityGroupPolicy
metadata: {name: p, namespace: ns}
spec:
  serviceAccountSelector: {matchLabels: {role: db}}
  securityGroups: {groupIds: [sg-0e0c1a55e00dbclnt]}
`);
    const r = await loadEstate([AWS, dir]);
    const pod = r.estate!.endpoints.find((e) => e.kind === 'pod')!;
    const sg = r.estate!.layers.get(pod.ingressLayers[1]!)!;
    expect(sg.filterIds).toEqual(['sg-0e0c1a55e00dbclnt/ingress']);
    expect(sg.bypassWithinScope).toBeUndefined();
  });

  it('leaves out, with a warning, a workload no node group admits', async () => {
    const dir = estateDir(DEPLOYMENT, TOPOLOGY.replace('securityGroups: [eks-nodes]}', 'securityGroups: [eks-nodes], namespaces: [other]}'));
    const r = await loadEstate([AWS, dir]);
    expect(r.estate!.endpoints.filter((e) => e.kind === 'pod')).toEqual([]);
    expect(r.diagnostics.find((d) => d.code === 'endpoint-unplaced')?.message).toMatch(/ns\/app\[Deployment\] can run on no node group of cluster c1/);
  });

  it('rejects an invalid SecurityGroupPolicy with file and line', async () => {
    const dir = estateDir(`apiVersion: vpcresources.k8s.aws/v1beta1
kind: SecurityGroupPolicy
metadata: {name: p, namespace: ns}
spec:
  podSelector: {}
  securityGroups: {groupIds: [web-sg]}
`);
    const r = await loadEstate([AWS, dir]);
    expect(r.estate).toBeUndefined();
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.location?.line])).toEqual([['k8s-invalid-policy', 6]]);
  });

  it('without a topology, keeps AWS and Kubernetes apart (a warning) and notes unused SecurityGroupPolicies', async () => {
    const mixed = await loadEstate([AWS, clusterFixture('cluster-in-vpc/k8s')]);
    expect(mixed.diagnostics.find((d) => d.code === 'not-modeled')?.message).toMatch(/are not combined yet/);
    const k8s = await loadEstate([clusterFixture('cluster-in-vpc/k8s')]);
    expect(k8s.diagnostics.find((d) => d.code === 'k8s-sgp-not-applied')?.message).toMatch(/1 SecurityGroupPolicy object\(s\) read but not applied/);
    expect(k8s.estate!.endpoints.every((e) => e.kind === 'workload' && e.addresses.isEmpty())).toBe(true);
  });
});
