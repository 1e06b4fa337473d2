// Tests for selector resolution over a small hand-built estate and a small
// Kubernetes estate (namespaces, label expressions, namespace labels, workloads).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Endpoint, Estate } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { parseIpv4, PUBLIC_IPV4 } from '../model/ip.js';
import { parseSelector } from './parse-selector.js';
import type { Selector } from './query.js';
import { globToRegExp, resolveSelector } from './select.js';
import { estateFromManifests, twoTenantManifests } from './tenant-fixtures.js';

const prov = { file: 'test', vendorId: 'x', displayName: 'x' };

function ep(index: number, id: string, name: string, ip: string, extra: Partial<Endpoint>): Endpoint {
  const addr = parseIpv4(ip)!;
  return {
    index,
    id,
    name: `${name}[${ip}]`,
    kind: 'interface',
    addresses: IntervalSet.point(addr),
    publicAddresses: IntervalSet.EMPTY,
    labels: {},
    groups: [],
    network: 'vpc-1',
    scopes: { vpc: 'vpc-1' },
    egressLayers: [],
    ingressLayers: [],
    internet: { outbound: false, inbound: false, reasons: [], assumptions: [] },
    provenance: prov,
    ...extra,
  };
}

const estate: Estate = {
  endpoints: [
    ep(0, 'eni-a', 'api-gateway-1', '10.20.0.10', {
      labels: { Name: 'api-gateway-1', tier: 'edge' },
      groups: ['sg-edge'],
      scopes: { vpc: 'vpc-1', subnet: 'subnet-pub', instance: 'i-a' },
    }),
    ep(1, 'eni-b', 'infer-1', '10.20.20.11', {
      labels: { Name: 'infer-1', tier: 'inference', team: 'serving' },
      groups: ['sg-infer', 'sg-node'],
      scopes: { vpc: 'vpc-1', subnet: 'subnet-inf', instance: 'i-b' },
    }),
    ep(2, 'eni-c', 'infer-2', '10.20.20.12', {
      labels: { Name: 'infer-2', tier: 'inference' },
      groups: ['sg-infer'],
      scopes: { vpc: 'vpc-1', subnet: 'subnet-inf', instance: 'i-c' },
    }),
    ep(3, 'eni-d', 'train-gpu-1', '10.20.10.11', {
      labels: { tier: 'training' },
      groups: ['sg-node'],
      scopes: { vpc: 'vpc-1', subnet: 'subnet-train' },
    }),
  ],
  segments: [],
  internet: PUBLIC_IPV4,
  filters: new Map(),
  layers: new Map(),
  networkLinks: [],
  assumptions: [],
  diagnostics: [],
  scopeNames: {
    'vpc-1': 'aiml-prod-vpc',
    'subnet-pub': 'public-1a',
    'subnet-inf': 'inference-1a',
    'sg-infer': 'inference-sg',
    'sg-node': 'node-exporter-sg',
  },
  sources: [],
};

function sel(text: string): Selector {
  const p = parseSelector(text);
  if (!p.ok) throw new Error(p.error);
  return p.selector;
}

function ids(s: Selector): string[] {
  return resolveSelector(estate, s).endpoints.map((e) => e.id);
}

describe('resolveSelector atoms', () => {
  it.each([
    ['any', ['eni-a', 'eni-b', 'eni-c', 'eni-d']],
    ['internet', []],
    ['tag:tier=inference', ['eni-b', 'eni-c']],
    ['tag:team', ['eni-b']],
    ['tag:tier=infer', []],
    ['name:infer-*', ['eni-b', 'eni-c']],
    ['name:infer-?', ['eni-b', 'eni-c']],
    ['name:infer-1', ['eni-b']],
    ['name:infer-1[10.20.20.11]', ['eni-b']],
    ['name:*[10.20.10.*]', ['eni-d']],
    ['name:INFER-1', []],
    ['id:eni-c', ['eni-c']],
    ['id:i-b', ['eni-b']],
    ['subnet:subnet-inf', ['eni-b', 'eni-c']],
    ['subnet:inference-1a', ['eni-b', 'eni-c']],
    ['vpc:aiml-prod-vpc', ['eni-a', 'eni-b', 'eni-c', 'eni-d']],
    ['sg:sg-node', ['eni-b', 'eni-d']],
    ['sg:inference-sg', ['eni-b', 'eni-c']],
    ['cidr:10.20.16.0/20', ['eni-b', 'eni-c']],
    ['cidr:10.20.20.12', ['eni-c']],
  ])('%s', (text, expected) => {
    expect(ids(sel(text))).toEqual(expected);
  });

  it('names internet addresses only for internet, cidr and complements', () => {
    expect(resolveSelector(estate, sel('internet')).internet.equals(PUBLIC_IPV4)).toBe(true);
    expect(resolveSelector(estate, sel('any')).internet.isEmpty()).toBe(true);
    expect(resolveSelector(estate, sel('tag:tier=edge')).internet.isEmpty()).toBe(true);
    const c = resolveSelector(estate, sel('cidr:8.8.8.0/24'));
    expect(c.endpoints).toEqual([]);
    expect(c.internet.key()).toBe(`${parseIpv4('8.8.8.0')}-${parseIpv4('8.8.8.255')}`);
    // 10/8 is not internet space.
    expect(resolveSelector(estate, sel('cidr:10.0.0.0/8')).internet.isEmpty()).toBe(true);
  });
});

describe('resolveSelector composites', () => {
  it('anyOf, allOf and not', () => {
    const infer = sel('tag:tier=inference');
    const node = sel('sg:node-exporter-sg');
    expect(ids({ kind: 'anyOf', of: [infer, node] })).toEqual(['eni-b', 'eni-c', 'eni-d']);
    expect(ids({ kind: 'allOf', of: [infer, node] })).toEqual(['eni-b']);
    const notInfer = resolveSelector(estate, { kind: 'not', of: infer });
    expect(notInfer.endpoints.map((e) => e.id)).toEqual(['eni-a', 'eni-d']);
    expect(notInfer.internet.equals(PUBLIC_IPV4)).toBe(true);
    const notInternet = resolveSelector(estate, sel('not:internet'));
    expect(notInternet.endpoints).toHaveLength(4);
    expect(notInternet.internet.isEmpty()).toBe(true);
  });

  it('keeps endpoints in index order', () => {
    expect(ids({ kind: 'anyOf', of: [sel('id:eni-d'), sel('id:eni-a')] })).toEqual(['eni-a', 'eni-d']);
  });

  it('not is an involution and de Morgan holds', () => {
    const atoms = ['any', 'internet', 'tag:tier=inference', 'sg:sg-node', 'cidr:10.20.20.0/24', 'cidr:1.0.0.0/8', 'name:*-1'].map(sel);
    const arb: fc.Arbitrary<Selector> = fc.letrec<{ s: Selector }>((tie) => ({
      s: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...atoms),
        fc.record({ kind: fc.constant('not' as const), of: tie('s') }),
        fc.record({ kind: fc.constant('anyOf' as const), of: fc.array(tie('s'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ kind: fc.constant('allOf' as const), of: fc.array(tie('s'), { minLength: 1, maxLength: 3 }) }),
      ),
    })).s;
    const key = (s: Selector): string => {
      const r = resolveSelector(estate, s);
      return `${r.endpoints.map((e) => e.index).join(',')}|${r.internet.key()}`;
    };
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(key({ kind: 'not', of: { kind: 'not', of: a } })).toBe(key(a));
        expect(key({ kind: 'not', of: { kind: 'anyOf', of: [a, b] } })).toBe(
          key({ kind: 'allOf', of: [{ kind: 'not', of: a }, { kind: 'not', of: b }] }),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('globToRegExp', () => {
  it('escapes regular expression characters', () => {
    expect(globToRegExp('a.b+(c)').test('a.b+(c)')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });
});

describe('resolveSelector on a Kubernetes estate', () => {
  const k8s = estateFromManifests(twoTenantManifests({ leak: true }));
  const names = (text: string): string[] => resolveSelector(k8s, sel(text)).endpoints.map((e) => e.id);

  it('selects namespaces by name or glob', () => {
    expect(names('namespace:team-a')).toEqual(['team-a/api[Deployment]', 'team-a/db[Deployment]']);
    expect(names('namespace:team-*')).toHaveLength(4);
    expect(names('namespace:kube-*')).toEqual(['kube-system/coredns[Deployment]']);
  });

  it('selects pods by label expression, with Kubernetes semantics for != and notin', () => {
    expect(names('label:app=api')).toEqual(['team-a/api[Deployment]', 'team-b/api[Deployment]']);
    expect(names('label:app in (coredns,prometheus)')).toEqual(['kube-system/coredns[Deployment]', 'monitoring/prometheus[Deployment]']);
    expect(names('label:app notin (api,db)')).toEqual(['kube-system/coredns[Deployment]', 'monitoring/prometheus[Deployment]']);
    expect(names('label:app!=db,app!=api')).toEqual(names('label:app notin (api,db)'));
    expect(names('label:!app')).toEqual([]);
  });

  it('selects by the labels of the namespace', () => {
    expect(names('nslabel:tenant')).toHaveLength(4);
    expect(names('nslabel:tenant=b')).toEqual(['team-b/api[Deployment]', 'team-b/db[Deployment]']);
    expect(names('nslabel:kubernetes.io/metadata.name=monitoring')).toEqual(['monitoring/prometheus[Deployment]']);
    expect(names('nslabel:!tenant')).toEqual(['kube-system/coredns[Deployment]', 'monitoring/prometheus[Deployment]']);
  });

  it('selects workloads by name, namespace and kind, with globs', () => {
    expect(names('workload:api')).toEqual(['team-a/api[Deployment]', 'team-b/api[Deployment]']);
    expect(names('workload:team-b/api')).toEqual(['team-b/api[Deployment]']);
    expect(names('workload:team-b/api[deployment]')).toEqual(['team-b/api[Deployment]']);
    expect(names('workload:team-b/api[StatefulSet]')).toEqual([]);
    expect(names('workload:*/d?')).toEqual(['team-a/db[Deployment]', 'team-b/db[Deployment]']);
  });

  it('selects a cluster by name', () => {
    expect(names('cluster:cluster')).toHaveLength(6);
    expect(names('cluster:other')).toEqual([]);
  });

  it('never selects cloud endpoints with namespace, nslabel, workload or cluster', () => {
    for (const text of ['namespace:*', 'nslabel:!x', 'workload:*', 'cluster:*']) expect(ids(sel(text))).toEqual([]);
    expect(ids(sel('label:tier=inference'))).toEqual(['eni-b', 'eni-c']);
    expect(ids(sel('label:team!=serving,tier'))).toEqual(['eni-a', 'eni-c', 'eni-d']);
  });
});
