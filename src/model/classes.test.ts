// Endpoint classes: atoms treated alike share a class; any rule that tells two
// atoms apart, any layer or scope difference, separates them. Cross-checked
// against the concrete evaluator on random packets.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Endpoint, Estate, Filter, Layer, Rule } from './estate.js';
import { IntervalSet } from './intervals.js';
import { parseIpv4, PUBLIC_IPV4 } from './ip.js';
import { partitionAddresses, partitionEndpoints } from './classes.js';
import { evaluatePath } from '../semantics/evaluate.js';

const ip = (s: string): number => parseIpv4(s)!;
const prov = (id: string) => ({ file: 'test', vendorId: id, displayName: id });

function rule(id: string, action: 'allow' | 'deny', match: Rule['match']): Rule {
  return { id, action, match, provenance: prov(id) };
}

function filter(id: string, kind: Filter['kind'], direction: Filter['direction'], rules: Rule[]): Filter {
  return { id, kind, direction, vendorKind: 'test', rules, defaultAction: 'deny', defaultProvenance: prov(`${id}/*`), displayName: id, provenance: prov(id) };
}

function layer(id: string, direction: Layer['direction'], filterIds: string[], bypass?: string): Layer {
  return { id, vendorKind: 'test', direction, filterIds, emptyAction: 'deny', stateful: bypass === undefined, displayName: id, ...(bypass ? { bypassWithinScope: bypass } : {}) };
}

function endpoint(index: number, addr: string, subnet: string, sg: string): Endpoint {
  return {
    index, id: `e${index}`, name: `e${index}`, kind: 'interface', addresses: IntervalSet.point(ip(addr)), publicAddresses: IntervalSet.EMPTY,
    labels: {}, groups: [sg], network: 'vpc', scopes: { subnet, vpc: 'vpc' },
    egressLayers: [`${sg}/eg`, `${subnet}/acl-eg`], ingressLayers: [`${subnet}/acl-in`, `${sg}/in`],
    internet: { outbound: subnet === 'a', inbound: subnet === 'a', reasons: [], assumptions: [] }, provenance: prov(`e${index}`),
  };
}

function estate(): Estate {
  const endpoints = [
    endpoint(0, '10.0.1.10', 'a', 'web'),
    endpoint(1, '10.0.1.11', 'a', 'web'),
    endpoint(2, '10.0.1.12', 'a', 'web'), // singled out by the db rule below
    endpoint(3, '10.0.2.10', 'b', 'db'),
    endpoint(4, '10.0.2.11', 'b', 'db'),
  ];
  const filters = [
    filter('web/eg', 'allow-union', 'egress', [rule('w1', 'allow', {})]),
    filter('web/in', 'allow-union', 'ingress', [rule('w2', 'allow', { protocols: IntervalSet.point(6), dstPorts: IntervalSet.point(443) })]),
    filter('db/eg', 'allow-union', 'egress', [rule('d0', 'allow', {})]),
    filter('db/in', 'allow-union', 'ingress', [rule('d1', 'allow', { srcIps: IntervalSet.point(ip('10.0.1.12')), protocols: IntervalSet.point(6) })]),
    filter('a/acl-eg', 'first-match', 'egress', [rule('a1', 'allow', {})]),
    filter('a/acl-in', 'first-match', 'ingress', [rule('a2', 'deny', { srcIps: IntervalSet.range(ip('8.0.0.0'), ip('8.255.255.255')) }), rule('a3', 'allow', {})]),
    filter('b/acl-eg', 'first-match', 'egress', [rule('b1', 'allow', {})]),
    filter('b/acl-in', 'first-match', 'ingress', [rule('b2', 'allow', {})]),
  ];
  const layers = [
    layer('web/eg', 'egress', ['web/eg']), layer('web/in', 'ingress', ['web/in']),
    layer('db/eg', 'egress', ['db/eg']), layer('db/in', 'ingress', ['db/in']),
    layer('a/acl-eg', 'egress', ['a/acl-eg'], 'subnet'), layer('a/acl-in', 'ingress', ['a/acl-in'], 'subnet'),
    layer('b/acl-eg', 'egress', ['b/acl-eg'], 'subnet'), layer('b/acl-in', 'ingress', ['b/acl-in'], 'subnet'),
  ];
  return {
    endpoints, segments: [], internet: PUBLIC_IPV4,
    filters: new Map(filters.map((f) => [f.id, f])), layers: new Map(layers.map((l) => [l.id, l])),
    networkLinks: [], assumptions: [], diagnostics: [], scopeNames: {}, sources: [],
  };
}

describe('partitionEndpoints', () => {
  it('groups atoms that every rule treats alike', () => {
    const p = partitionEndpoints(estate());
    const groups = p.classes.map((c) => c.members.map((m) => m.endpoint.index));
    expect(groups.sort()).toEqual([[0, 1], [2], [3, 4]]);
    expect(p.classOf(0, ip('10.0.1.10'))).toBe(p.classOf(1, ip('10.0.1.11')));
    expect(p.classes.find((c) => c.members.length === 2 && c.members[0]!.endpoint.index === 0)?.endpointCount).toBe(2);
  });

  it('cuts an address range at rule boundaries into whole atoms, not one per address', () => {
    const base = estate();
    const wide = { ...endpoint(0, '10.0.1.0', 'a', 'web'), addresses: IntervalSet.range(ip('10.0.1.0'), ip('10.0.1.255')) };
    const p = partitionEndpoints({ ...base, endpoints: [wide, ...base.endpoints.slice(3)] });
    const atoms = p.classes.flatMap((c) => c.members).filter((m) => m.endpoint.index === 0);
    // The db rule names 10.0.1.12 alone: the /24 becomes .0-.11, .12, .13-.255.
    expect(atoms.map((m) => [m.ip, m.hi]).sort((x, y) => x[0]! - y[0]!)).toEqual([
      [ip('10.0.1.0'), ip('10.0.1.11')],
      [ip('10.0.1.12'), ip('10.0.1.12')],
      [ip('10.0.1.13'), ip('10.0.1.255')],
    ]);
    expect(p.classOf(0, ip('10.0.1.5'))).toBe(p.classOf(0, ip('10.0.1.200')));
    expect(p.classOf(0, ip('10.0.1.12'))).not.toBe(p.classOf(0, ip('10.0.1.5')));
    expect(p.classOf(0, ip('10.0.2.5'))).toBeUndefined();
  });

  it('honours caller distinctions', () => {
    const p = partitionEndpoints(estate(), { extraKey: (m) => (m.endpoint.index === 1 ? 'from' : '') });
    expect(p.classes.length).toBe(4);
  });

  it('members of a class get the same verdicts as their representative', () => {
    const e = estate();
    const p = partitionEndpoints(e);
    const packet = fc.record({
      protocol: fc.constantFrom(1, 6, 17),
      dstPort: fc.constantFrom(22, 443, 5432),
      srcPort: fc.constantFrom(1024, 49152),
      dst: fc.nat(4),
    });
    fc.assert(
      fc.property(packet, ({ protocol, dstPort, srcPort, dst }) => {
        const target = e.endpoints[dst]!;
        for (const c of p.classes) {
          const verdicts = c.members
            .filter((m) => m.endpoint.index !== dst)
            .map((m) => {
              const ports = protocol === 1 ? { srcPort: 0, dstPort: 0 } : { srcPort, dstPort };
              const pkt = { srcIp: m.ip, dstIp: target.addresses.min()!, protocol, icmpType: 0, icmpCode: 0, ...ports };
              return evaluatePath(e, pkt, { kind: 'endpoint', endpoint: m.endpoint }, { kind: 'endpoint', endpoint: target }).allowed;
            });
          expect(new Set(verdicts).size).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('partitionAddresses', () => {
  it('splits the internet at every rule boundary and merges equal treatment', () => {
    const sets = partitionAddresses(estate(), PUBLIC_IPV4);
    const eight = sets.find((s) => s.has(ip('8.8.8.8')))!;
    expect(eight.has(ip('8.0.0.0'))).toBe(true);
    expect(eight.has(ip('8.255.255.255'))).toBe(true);
    expect(eight.has(ip('9.0.0.0'))).toBe(false);
    const rest = sets.find((s) => s.has(ip('1.1.1.1')))!;
    expect(rest.has(ip('9.0.0.0'))).toBe(true);
    expect(sets.reduce((acc, s) => acc.union(s), IntervalSet.EMPTY).equals(PUBLIC_IPV4)).toBe(true);
    expect(sets.length).toBe(2);
  });
});
