import { describe, expect, it } from 'vitest';
import { parseTopology } from './parse.js';
import { isTopologyDocument } from './detect.js';
import { topologyDoc } from './test-helpers.js';

const GOOD = `apiVersion: netproof.dev/v1
kind: ClusterTopology
clusters:
  - name: inference
    vpc: ml-vpc
    manifests: [k8s/inference, shared/anp.yaml]
    nodeGroups:
      - name: gpu
        subnets: [subnet-0a, nodes-b]
        securityGroups: [eks-nodes]
        podSelector: {matchLabels: {gpu: "true"}}
        namespaces: [team-a]
`;

function parse(text: string) {
  const { doc, sink } = topologyDoc(text, 'envs/prod/topology.yaml');
  const t = parseTopology(doc, sink);
  doc.resolveLines();
  return { t, sink, doc };
}

describe('parseTopology', () => {
  it('reads clusters, manifests relative to the file, node groups with selectors and namespaces', () => {
    const { t, sink, doc } = parse(GOOD);
    expect(isTopologyDocument(doc)).toBe(true);
    expect(sink.items).toEqual([]);
    const c = t!.clusters[0]!;
    expect(c.name).toBe('inference');
    expect(c.vpc.text).toBe('ml-vpc');
    expect(c.vpc.location.line).toBe(5);
    expect(c.manifests.map((m) => m.text)).toEqual(['k8s/inference', 'shared/anp.yaml']);
    expect(c.manifests[0]!.path.endsWith('envs/prod/k8s/inference')).toBe(true);
    const ng = c.nodeGroups[0]!;
    expect(ng.subnets.map((s) => [s.text, s.location.line])).toEqual([
      ['subnet-0a', 9],
      ['nodes-b', 9],
    ]);
    expect(ng.securityGroups.map((s) => s.text)).toEqual(['eks-nodes']);
    expect(ng.podSelector?.matchLabels).toEqual({ gpu: 'true' });
    expect(ng.namespaces).toEqual(['team-a']);
  });

  it('is not claimed without the netproof apiVersion', () => {
    const { doc } = topologyDoc('apiVersion: v1\nkind: ClusterTopology\n');
    expect(isTopologyDocument(doc)).toBe(false);
  });

  it('reports a misspelt key, a missing list and an unmodeled pod network with file and line', () => {
    const { t, sink } = parse(`apiVersion: netproof.dev/v1
kind: ClusterTopology
clusters:
  - name: inference
    vpc: ml-vpc
    manifest: [k8s]
    podNetworking: calico-vxlan
    nodeGroups: []
`);
    expect(t).toBeUndefined();
    const got = sink.items.map((d) => [d.code, d.location?.line, d.message.replace(/^.*ClusterTopology: /, '')]);
    expect(got).toEqual([
      ['topology-invalid', 6, 'unknown key "manifest" in a cluster (expected name, vpc, manifests, podNetworking, nodeGroups)'],
      ['topology-invalid', 7, 'podNetworking "calico-vxlan" is not modeled: only "vpc-cni" (pods take addresses of their node group\'s subnets) is'],
      ['topology-invalid', 4, 'manifests is required (a non-empty list)'],
      ['topology-invalid', 8, 'nodeGroups must not be empty'],
    ]);
  });

  it('rejects a wrong apiVersion, duplicate clusters and node groups, and bad names', () => {
    const { t, sink } = parse(`apiVersion: netproof.dev/v2
kind: ClusterTopology
clusters:
  - name: a
    vpc: v
    manifests: [m]
    nodeGroups:
      - {name: g, subnets: [s], securityGroups: [x]}
      - {name: g, subnets: [s], securityGroups: [x]}
  - name: a
    vpc: v
    manifests: [m]
    nodeGroups: [{name: "bad name", subnets: [], securityGroups: [x]}]
`);
    expect(t).toBeUndefined();
    expect(sink.items.map((d) => [d.code, d.location?.line])).toEqual([
      ['topology-invalid', 1],
      ['topology-invalid', 9],
      ['topology-invalid', 13],
      ['topology-invalid', 13],
      ['topology-invalid', 10],
    ]);
    expect(sink.items.map((d) => d.message)).toEqual([
      expect.stringContaining('apiVersion "netproof.dev/v2" is not supported'),
      expect.stringContaining('node group "g" is defined twice'),
      expect.stringContaining('node group name "bad name" may hold only'),
      expect.stringContaining('subnets must not be empty'),
      expect.stringContaining('cluster "a" is defined twice'),
    ]);
  });

  it('reports a malformed pod selector with the Kubernetes selector code', () => {
    const { t, sink } = parse(GOOD.replace('{matchLabels: {gpu: "true"}}', '{matchExpressions: [{key: gpu, operator: Near}]}'));
    expect(t).toBeUndefined();
    expect(sink.items.map((d) => [d.code, d.location?.line])).toEqual([['k8s-invalid-selector', 11]]);
  });
});
