// Tests of the Kubernetes benchmark generator: deterministic per seed, the
// published scale-test shape (5 ports, 5 ranges, 5 namespace selectors, 5 pod
// selectors, 5 CIDRs per policy), K-M counts, and manifests the real loader
// reads without a diagnostic.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEstate } from '../ingest/load.js';
import { generateKubePlan } from './generate-k8s.js';
import { writeKubeEstate } from './generate-k8s-write.js';
import { KUBE_SIZES } from './k8s-sizes.js';

interface PolicyShape {
  spec: { ingress: { from: Record<string, unknown>[]; ports: { port: number | string; endPort?: number }[] }[] };
}

describe('generateKubePlan', () => {
  it('gives the same cluster for the same seed and another for another seed', () => {
    expect(JSON.stringify(generateKubePlan('K-S', 7))).toBe(JSON.stringify(generateKubePlan('K-S', 7)));
    expect(JSON.stringify(generateKubePlan('K-S', 7))).not.toBe(JSON.stringify(generateKubePlan('K-S', 8)));
  });

  it('has the K-M counts of the OpenShift scale test', () => {
    const plan = generateKubePlan('K-M', 1);
    const tenantPods = plan.deployments.filter((d) => (d['metadata'] as { namespace: string }).namespace.startsWith('ns-'));
    expect(tenantPods).toHaveLength(2_400);
    expect(plan.namespaces.filter((n) => (n['metadata'] as { name: string }).name.startsWith('ns-'))).toHaveLength(240);
    expect(plan.networkPolicies).toHaveLength(4_800);
    expect(plan.adminPolicies).toHaveLength(20);
    expect(plan.baseline['kind']).toBe('BaselineAdminNetworkPolicy');
  });

  it('gives every policy rule 5 ports, 5 port ranges, 5 namespace selectors, 5 pod selectors and 5 CIDRs', () => {
    const spec = KUBE_SIZES['K-S'];
    for (const p of generateKubePlan('K-S', 3).networkPolicies as unknown as PolicyShape[]) {
      const rule = p.spec.ingress[0]!;
      expect(rule.ports.filter((x) => x.endPort === undefined)).toHaveLength(spec.portsPerPolicy);
      expect(rule.ports.filter((x) => x.endPort !== undefined)).toHaveLength(spec.portRangesPerPolicy);
      expect(rule.from.filter((x) => 'namespaceSelector' in x)).toHaveLength(spec.namespaceSelectorsPerPolicy);
      expect(rule.from.filter((x) => 'podSelector' in x)).toHaveLength(spec.podSelectorsPerPolicy);
      expect(rule.from.filter((x) => 'ipBlock' in x)).toHaveLength(spec.cidrsPerPolicy);
    }
  });

  it('writes K-S manifests the loader reads without a diagnostic', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'netproof-bench-k8s-'));
    try {
      const plan = generateKubePlan('K-S', 5);
      await writeKubeEstate(plan, dir);
      const { estate, diagnostics } = await loadEstate([dir]);
      expect(diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
      expect(estate?.endpoints).toHaveLength(plan.deployments.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
