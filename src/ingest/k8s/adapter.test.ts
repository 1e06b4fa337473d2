// Tests for Kubernetes manifests through the generic loader: multi-document
// YAML is claimed and converted, rule lines are resolved, invalid manifests
// give no estate, and mixing vendors is reported as not modeled.
import { describe, expect, it } from 'vitest';
import { fixture } from '../aws/test-fixtures.js';
import { loadEstate } from '../load.js';
import { k8sFixture } from './test-helpers.js';
import { isKubernetesEstate } from './to-estate.js';

describe('loadEstate with Kubernetes manifests', () => {
  it('builds an estate of workloads from a folder of manifests, with resolved rule lines', async () => {
    const r = await loadEstate([k8sFixture('cluster')]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const estate = r.estate!;
    expect(isKubernetesEstate(estate)).toBe(true);
    expect(estate.endpoints.length).toBeGreaterThan(1);
    expect(estate.endpoints.every((e) => /^[^/]+\/[^/]+\[[A-Za-z]+\]$/.test(e.id))).toBe(true);
    const rules = [...estate.filters.values()].flatMap((f) => f.rules);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.provenance.line !== undefined && r.provenance.line > 0)).toBe(true);
    expect(estate.sources.length).toBeGreaterThan(0);
  });

  it('invalid manifests: errors with file and line, no estate', async () => {
    const r = await loadEstate([k8sFixture('invalid')]);
    expect(r.estate).toBeUndefined();
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d) => d.location?.file !== undefined)).toBe(true);
  });

  it('AWS and Kubernetes inputs together: not-modeled, the other vendor left out', async () => {
    const r = await loadEstate([fixture('basic'), k8sFixture('cluster')]);
    const d = r.diagnostics.find((x) => x.code === 'not-modeled');
    expect(d?.message).toMatch(/more than one vendor \(aws, kubernetes\).*kubernetes document\(s\) ignored/);
    expect(r.estate === undefined || !isKubernetesEstate(r.estate)).toBe(true);
  });
});
