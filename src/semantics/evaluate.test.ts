// The concrete evaluator on a hand-built estate: first match, union of
// filters, same-scope bypass, internet and network gates, replies through
// stateless layers only.
import { describe, expect, it } from 'vitest';
import type { Endpoint, Estate, Filter, Layer, Rule } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { parseIpv4, PUBLIC_IPV4 } from '../model/ip.js';
import { endpointByAddress, evaluatePath, evaluateReply, type Party } from './evaluate.js';

const ip = (s: string): number => parseIpv4(s)!;
const prov = (id: string) => ({ file: 'test', vendorId: id, displayName: id });
const rule = (id: string, action: Rule['action'], match: Rule['match']): Rule => ({ id, action, match, provenance: prov(id) });
const filter = (id: string, kind: Filter['kind'], rules: Rule[]): Filter => ({
  id, kind, direction: 'egress', vendorKind: 'test', rules, defaultAction: 'deny', defaultProvenance: prov(`${id}/*`), displayName: id, provenance: prov(id),
});
const layer = (id: string, filterIds: string[], stateful: boolean, bypass?: string): Layer => ({
  id, vendorKind: 'test', direction: 'egress', filterIds, emptyAction: 'deny', stateful, displayName: id, ...(bypass ? { bypassWithinScope: bypass } : {}),
});
const ep = (index: number, addr: string, subnet: string, network = 'vpc'): Endpoint => ({
  index, id: `e${index}`, name: `e${index}`, kind: 'interface', addresses: IntervalSet.point(ip(addr)), publicAddresses: IntervalSet.EMPTY,
  labels: {}, groups: [], network, scopes: { subnet }, egressLayers: ['sg', 'acl-out'], ingressLayers: ['acl-in', 'sg'],
  internet: { outbound: subnet === 'pub', inbound: subnet === 'pub', reasons: [subnet === 'pub' ? 'public' : 'private'], assumptions: [] }, provenance: prov(`e${index}`),
});

const TCP = 6;
const tcp443 = { protocols: IntervalSet.point(TCP), dstPorts: IntervalSet.point(443) };

function estate(): Estate {
  const filters = [
    filter('sg-a', 'allow-union', [rule('sa', 'allow', { protocols: IntervalSet.point(17) })]),
    filter('sg-b', 'allow-union', [rule('sb', 'allow', tcp443)]),
    filter('acl-out', 'first-match', [
      rule('o10', 'deny', { dstIps: IntervalSet.point(ip('10.0.2.20')) }),
      rule('o20', 'allow', {}),
    ]),
    filter('acl-in', 'first-match', [
      rule('i10', 'allow', { protocols: IntervalSet.point(TCP), dstPorts: IntervalSet.range(443, 443) }),
      rule('i20', 'allow', { protocols: IntervalSet.point(TCP), dstPorts: IntervalSet.range(1024, 65535) }),
    ]),
  ];
  const layers = [layer('sg', ['sg-a', 'sg-b'], true), layer('acl-out', ['acl-out'], false, 'subnet'), layer('acl-in', ['acl-in'], false, 'subnet')];
  return {
    endpoints: [ep(0, '10.0.1.10', 'pub'), ep(1, '10.0.2.10', 'priv'), ep(2, '10.0.2.20', 'priv'), ep(3, '10.0.1.11', 'pub'), ep(4, '10.9.0.1', 'pub', 'other')],
    segments: [], internet: PUBLIC_IPV4,
    filters: new Map(filters.map((f) => [f.id, f])), layers: new Map(layers.map((l) => [l.id, l])),
    networkLinks: [], assumptions: [], diagnostics: [], scopeNames: {}, sources: [],
  };
}

const e = estate();
const at = (i: number): Party => ({ kind: 'endpoint', endpoint: e.endpoints[i]! });
const internet: Party = { kind: 'external' };
const pkt = (src: string, dst: string, protocol: number, dstPort: number, srcPort = 49152) =>
  ({ srcIp: ip(src), dstIp: ip(dst), protocol, srcPort, dstPort, icmpType: 0, icmpCode: 0 });

describe('evaluatePath', () => {
  it('allows through a union of filters and records the deciding rules', () => {
    const v = evaluatePath(e, pkt('10.0.1.10', '10.0.2.10', TCP, 443), at(0), at(1));
    expect(v.allowed).toBe(true);
    expect(v.layers.map((l) => `${l.layer.id}:${l.verdict}:${l.decisions.map((d) => d.rule?.id ?? 'default').join('+')}`)).toEqual([
      'sg:allow:sb', 'acl-out:allow:o20', 'acl-in:allow:i10', 'sg:allow:sb',
    ]);
  });

  it('first match wins: an earlier deny beats a later allow', () => {
    const v = evaluatePath(e, pkt('10.0.1.10', '10.0.2.20', TCP, 443), at(0), at(2));
    expect(v.allowed).toBe(false);
    expect(v.layers[1]!.decisions[0]!.rule?.id).toBe('o10');
  });

  it('falls to the default when no rule matches, listing every filter of a union', () => {
    const v = evaluatePath(e, pkt('10.0.1.10', '10.0.2.10', TCP, 22), at(0), at(1));
    expect(v.allowed).toBe(false);
    expect(v.layers[0]!.verdict).toBe('deny');
    expect(v.layers[0]!.decisions.map((d) => d.rule)).toEqual([undefined, undefined]);
  });

  it('bypasses scoped layers within the same subnet', () => {
    const v = evaluatePath(e, pkt('10.0.2.10', '10.0.2.20', 17, 53), at(1), at(2));
    expect(v.layers.map((l) => l.verdict)).toEqual(['allow', 'bypassed', 'bypassed', 'allow']);
    expect(v.allowed).toBe(true);
  });

  it('gates the internet on the endpoint side and networks on the path', () => {
    expect(evaluatePath(e, pkt('10.0.1.10', '8.8.8.8', TCP, 443), at(0), internet).allowed).toBe(true);
    const priv = evaluatePath(e, pkt('10.0.2.10', '8.8.8.8', TCP, 443), at(1), internet);
    expect(priv.allowed).toBe(false);
    expect(priv.gate?.verdict).toBe('deny');
    const cross = evaluatePath(e, pkt('10.0.1.10', '10.9.0.1', TCP, 443), at(0), at(4));
    expect(cross.allowed).toBe(false);
    expect(cross.gate?.kind).toBe('network');
  });

  it('judges replies only by stateless layers', () => {
    // Reply 443 → 49152 enters subnet pub through acl-in rule i20 (ephemeral ports).
    expect(evaluateReply(e, pkt('10.0.1.10', '10.0.2.10', TCP, 443), at(0), at(1)).allowed).toBe(true);
    // Reply to source port 80 is not admitted by acl-in: response blocked.
    const r = evaluateReply(e, pkt('10.0.1.10', '10.0.2.10', TCP, 443, 80), at(0), at(1));
    expect(r.allowed).toBe(false);
    expect(r.layers.every((l) => !l.layer.stateful)).toBe(true);
  });

  it('finds endpoints by address', () => {
    expect(endpointByAddress(e, ip('10.0.2.20'))?.id).toBe('e2');
    expect(endpointByAddress(e, ip('8.8.8.8'))).toBeUndefined();
  });
});

describe('chain layers and address-less endpoints', () => {
  const tiers = [
    filter('anp', 'first-match', [
      rule('deny-22', 'deny', { protocols: IntervalSet.point(TCP), dstPorts: IntervalSet.point(22) }),
      rule('pass-80', 'pass', { protocols: IntervalSet.point(TCP), dstPorts: IntervalSet.point(80) }),
      rule('allow-443', 'allow', tcp443),
    ]),
    filter('np', 'allow-union', [rule('np-80', 'allow', { protocols: IntervalSet.point(TCP), dstPorts: IntervalSet.point(80) })]),
    filter('banp', 'first-match', [rule('banp-deny-all', 'deny', { srcIps: IntervalSet.range(0, 0xffffffff) })]),
  ].map((f) => ({ ...f, defaultAction: 'pass' as const }));
  const chain: Layer = { ...layer('tiers', ['anp', 'np', 'banp'], true), combine: 'chain', emptyAction: 'allow' };
  const pod = (index: number): Endpoint => ({ ...ep(index, '0.0.0.0', 'pods'), addresses: IntervalSet.EMPTY, egressLayers: [], ingressLayers: ['tiers'] });
  const k: Estate = {
    ...e,
    endpoints: [pod(0), pod(1)],
    filters: new Map(tiers.map((f) => [f.id, f])),
    layers: new Map([[chain.id, chain]]),
  };
  const from = (i: number): Party => ({ kind: 'endpoint', endpoint: k.endpoints[i]! });
  const verdict = (port: number, src: Party = from(0)) => {
    const v = evaluatePath(k, { srcIp: 0, dstIp: 0, protocol: TCP, srcPort: 49152, dstPort: port, icmpType: 0, icmpCode: 0 }, src, from(1));
    return `${v.layers[0]!.verdict}:${v.layers[0]!.decisions.map((d) => `${d.filter.id}=${d.rule?.id ?? d.action}`).join(',')}`;
  };

  it('the first filter that allows or denies decides; pass goes on', () => {
    expect(verdict(22)).toBe('deny:anp=deny-22');
    expect(verdict(443)).toBe('allow:anp=allow-443');
    expect(verdict(80)).toBe('allow:anp=pass-80,np=np-80');
  });

  it('address sets never match an endpoint without addresses', () => {
    // banp's deny-all is an address set: it cannot match the pod, so the chain ends in emptyAction.
    expect(verdict(8080)).toBe('allow:anp=pass,np=pass,banp=pass');
    // From the internet the same address rule matches.
    expect(verdict(8080, { kind: 'external' })).toBe('deny:anp=pass,np=pass,banp=banp-deny-all');
  });
});
