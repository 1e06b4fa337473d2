// The matrix agrees with the concrete evaluator: on random small estates
// (security-group-like unions, NACL-like first-match lists with subnet bypass,
// identity rules, two networks, internet gates), every listed set contains
// exactly the packets evaluatePath allows, replyBlocked exactly the allowed TCP
// packets whose reply evaluateReply denies, and unlisted pairs allow nothing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Endpoint, Estate, Filter, Layer, PacketMatch, Rule } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { cidrRange, parseIpv4, PUBLIC_IPV4 } from '../model/ip.js';
import type { Packet } from '../model/packet.js';
import { evaluatePath, evaluateReply, type Party } from '../semantics/evaluate.js';
import { computeMatrix, type Matrix, type MatrixEntry, type MatrixParty } from './matrix.js';

const ip = (s: string): number => parseIpv4(s)!;
const cidr = (s: string): IntervalSet => {
  const [a, p] = s.split('/');
  return cidrRange(ip(a!), Number(p));
};
const prov = (id: string) => ({ file: 'test', vendorId: id, displayName: id });

const CIDRS = ['10.0.1.0/25', '10.0.1.5/32', '10.0.2.0/24', '0.0.0.0/0', '8.8.8.0/24', '1.0.0.0/8', '10.1.0.0/16'].map(cidr);
const PORTS = [22, 53, 80, 443, 1024, 65535];

const arbMatch = (dir: 'ingress' | 'egress'): fc.Arbitrary<PacketMatch> =>
  fc
    .record({
      proto: fc.constantFrom<number | undefined>(undefined, 6, 17, 1),
      port: fc.option(fc.tuple(fc.constantFrom(...PORTS), fc.constantFrom(...PORTS))),
      srcPort: fc.option(fc.constantFrom(...PORTS)),
      peer: fc.option(fc.constantFrom(...CIDRS)),
      ident: fc.option(fc.constantFrom(IntervalSet.point(0), IntervalSet.points([1, 3]))),
      icmpType: fc.option(fc.constantFrom(0, 8)),
    })
    .map(({ proto, port, srcPort, peer, ident, icmpType }) => {
      const m: { -readonly [K in keyof PacketMatch]: PacketMatch[K] } = {};
      if (proto !== undefined) m.protocols = IntervalSet.point(proto);
      if ((proto === 6 || proto === 17) && port) m.dstPorts = IntervalSet.range(Math.min(...port), Math.max(...port));
      if ((proto === 6 || proto === 17) && srcPort !== null) m.srcPorts = IntervalSet.range(srcPort, 65535);
      if (proto === 1 && icmpType !== null) m.icmpTypes = IntervalSet.point(icmpType);
      if (peer) m[dir === 'ingress' ? 'srcIps' : 'dstIps'] = peer;
      if (ident) m[dir === 'ingress' ? 'srcEndpoints' : 'dstEndpoints'] = ident;
      return m;
    });

const arbRules = (dir: 'ingress' | 'egress', withDeny: boolean) =>
  fc.array(fc.tuple(withDeny ? fc.boolean() : fc.constant(true), arbMatch(dir)), { maxLength: 4 });

interface Spec {
  sg: [boolean, PacketMatch][][];
  acl: [boolean, PacketMatch][][];
  sgOf: number[];
  pub: boolean[];
  linked: boolean;
  aclDefaultAllow: boolean;
}

const arbSpec: fc.Arbitrary<Spec> = fc.record({
  sg: fc.tuple(arbRules('ingress', false), arbRules('egress', false), arbRules('ingress', false), arbRules('egress', false)),
  acl: fc.tuple(arbRules('ingress', true), arbRules('egress', true), arbRules('ingress', true), arbRules('egress', true)),
  sgOf: fc.array(fc.constantFrom(0, 1, 2), { minLength: 5, maxLength: 5 }),
  pub: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  linked: fc.boolean(),
  aclDefaultAllow: fc.boolean(),
}) as fc.Arbitrary<Spec>;

function buildEstate(spec: Spec): Estate {
  const filters: Filter[] = [];
  const mk = (id: string, kind: Filter['kind'], direction: Filter['direction'], rules: [boolean, PacketMatch][], def: 'allow' | 'deny') => {
    const rs: Rule[] = rules.map(([allow, match], i) => ({ id: `${id}/${i}`, action: allow ? 'allow' : 'deny', match, provenance: prov(`${id}/${i}`) }));
    filters.push({ id, kind, direction, vendorKind: 'test', rules: rs, defaultAction: def, defaultProvenance: prov(id), displayName: id, provenance: prov(id) });
  };
  mk('sg0/in', 'allow-union', 'ingress', spec.sg[0]!, 'deny');
  mk('sg0/eg', 'allow-union', 'egress', spec.sg[1]!, 'deny');
  mk('sg1/in', 'allow-union', 'ingress', spec.sg[2]!, 'deny');
  mk('sg1/eg', 'allow-union', 'egress', spec.sg[3]!, 'deny');
  mk('aclA/in', 'first-match', 'ingress', spec.acl[0]!, spec.aclDefaultAllow ? 'allow' : 'deny');
  mk('aclA/eg', 'first-match', 'egress', spec.acl[1]!, 'deny');
  mk('aclB/in', 'first-match', 'ingress', spec.acl[2]!, 'deny');
  mk('aclB/eg', 'first-match', 'egress', spec.acl[3]!, 'deny');
  const layer = (id: string, direction: Layer['direction'], filterIds: string[], stateful: boolean): Layer => ({
    id, vendorKind: 'test', direction, filterIds, emptyAction: 'deny', stateful, displayName: id, ...(stateful ? {} : { bypassWithinScope: 'subnet' }),
  });
  const layers = [
    layer('sgs0/in', 'ingress', ['sg0/in'], true), layer('sgs0/eg', 'egress', ['sg0/eg'], true),
    layer('sgs1/in', 'ingress', ['sg1/in'], true), layer('sgs1/eg', 'egress', ['sg1/eg'], true),
    layer('sgs2/in', 'ingress', ['sg0/in', 'sg1/in'], true), layer('sgs2/eg', 'egress', ['sg0/eg', 'sg1/eg'], true),
    layer('A/in', 'ingress', ['aclA/in'], false), layer('A/eg', 'egress', ['aclA/eg'], false),
    layer('B/in', 'ingress', ['aclB/in'], false), layer('B/eg', 'egress', ['aclB/eg'], false),
  ];
  const places: [string, string, string, number][] = [
    ['10.0.1.5', 'A', 'vpc', 0], ['10.0.1.200', 'A', 'vpc', 0], ['10.0.2.7', 'B', 'vpc', 1], ['10.0.2.8', 'B', 'vpc', 1], ['10.1.0.9', 'C', 'vpc2', 2],
  ];
  const endpoints: Endpoint[] = places.map(([addr, subnet, network, pubIndex], index) => {
    const acl = subnet === 'B' ? 'B' : 'A';
    const sg = `sgs${spec.sgOf[index]!}`;
    const pub = spec.pub[pubIndex]!;
    return {
      index, id: `e${index}`, name: `e${index}[${addr}]`, kind: 'interface',
      addresses: index === 1 ? IntervalSet.points([ip(addr), ip('10.0.1.6')]) : IntervalSet.point(ip(addr)),
      publicAddresses: IntervalSet.EMPTY, labels: {}, groups: [], network, scopes: { subnet },
      egressLayers: [`${sg}/eg`, `${acl}/eg`], ingressLayers: [`${acl}/in`, `${sg}/in`],
      internet: { outbound: pub, inbound: pub, reasons: [], assumptions: [] }, provenance: prov(`e${index}`),
    };
  });
  return {
    endpoints, segments: [], internet: PUBLIC_IPV4,
    filters: new Map(filters.map((f) => [f.id, f])), layers: new Map(layers.map((l) => [l.id, l])),
    networkLinks: spec.linked ? [{ a: 'vpc', b: 'vpc2' }] : [], assumptions: [], diagnostics: [], scopeNames: {}, sources: [],
  };
}

const EXTERNAL_IPS = ['8.8.8.8', '8.8.9.1', '1.2.3.4', '200.1.1.1'].map(ip);

function packets(src: number, dst: number): Packet[] {
  const out: Packet[] = [];
  for (const protocol of [6, 17]) for (const dstPort of [22, 53, 443, 1024]) for (const srcPort of [22, 40000]) out.push({ srcIp: src, dstIp: dst, protocol, srcPort, dstPort, icmpType: 0, icmpCode: 0 });
  for (const icmpType of [0, 8]) out.push({ srcIp: src, dstIp: dst, protocol: 1, srcPort: 0, dstPort: 0, icmpType, icmpCode: 0 });
  out.push({ srcIp: src, dstIp: dst, protocol: 47, srcPort: 0, dstPort: 0, icmpType: 0, icmpCode: 0 });
  return out;
}

type Side = { index?: number; ip: number };

/** Entries by (source endpoint index or "x", destination endpoint index or "x"). */
function indexEntries(m: Matrix): Map<string, MatrixEntry[]> {
  const out = new Map<string, MatrixEntry[]>();
  const id = (p: MatrixParty) => (p.kind === 'external' ? 'x' : String(p.index));
  for (const e of m.entries) {
    const key = `${id(e.src)}>${id(e.dst)}`;
    out.set(key, [...(out.get(key) ?? []), e]);
  }
  return out;
}

function find(index: Map<string, MatrixEntry[]>, src: Side, dst: Side): MatrixEntry | undefined {
  const key = `${src.index ?? 'x'}>${dst.index ?? 'x'}`;
  const found = (index.get(key) ?? []).filter((e) => e.src.addresses.has(src.ip) && e.dst.addresses.has(dst.ip));
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}

function checkAgainstEvaluator(estate: Estate, m: Matrix): void {
  const sides: { party: Party; index?: number; ip: number }[] = [];
  for (const e of estate.endpoints) for (const r of e.addresses.ranges) sides.push({ party: { kind: 'endpoint', endpoint: e }, index: e.index, ip: r.lo });
  for (const x of EXTERNAL_IPS) sides.push({ party: { kind: 'external' }, ip: x });
  const index = indexEntries(m);
  for (const s of sides) {
    for (const d of sides) {
      if (s.party.kind === 'external' && d.party.kind === 'external') continue;
      if (s.index !== undefined && s.index === d.index) continue;
      const entry = find(index, s, d);
      for (const p of packets(s.ip, d.ip)) {
        const allowed = evaluatePath(estate, p, s.party, d.party).allowed;
        expect(entry?.allowed.hasPacket(p) ?? false, `${s.ip}->${d.ip} ${JSON.stringify(p)}`).toBe(allowed);
        if (allowed && p.protocol === 6) {
          expect(entry!.replyBlocked.hasPacket(p)).toBe(!evaluateReply(estate, p, s.party, d.party).allowed);
        } else if (entry) {
          expect(entry.replyBlocked.hasPacket(p)).toBe(false);
        }
      }
    }
  }
}

describe('computeMatrix', () => {
  it('agrees with evaluatePath/evaluateReply on random estates', () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        const estate = buildEstate(spec);
        checkAgainstEvaluator(estate, computeMatrix(estate, { level: 'endpoints' }));
      }),
      { numRuns: 80 },
    );
  });

  it('lists disjoint external address sets per endpoint and direction, and no self pairs', () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        const m = computeMatrix(buildEstate(spec), { level: 'endpoints' });
        const seen = new Map<string, IntervalSet>();
        for (const e of m.entries) {
          if (e.src.kind === 'endpoint' && e.dst.kind === 'endpoint') expect(e.src.index).not.toBe(e.dst.index);
          const [inner, ext, dir] = e.src.kind === 'external' ? [e.dst, e.src, 'in'] : e.dst.kind === 'external' ? [e.src, e.dst, 'out'] : [undefined, undefined, ''];
          if (inner === undefined || ext === undefined || inner.kind !== 'endpoint') continue;
          const key = `${inner.display}|${dir}`;
          const before = seen.get(key) ?? IntervalSet.EMPTY;
          expect(before.overlaps(ext.addresses)).toBe(false);
          seen.set(key, before.union(ext.addresses));
        }
        expect(m.entryCount).toBe(m.entries.length);
      }),
      { numRuns: 50 },
    );
  });

  it('splits an endpoint whose addresses rules treat differently', () => {
    const spec: Spec = {
      sg: [[[true, { srcIps: cidr('10.0.1.0/25') }]], [[true, {}]], [], []],
      acl: [[[true, {}]], [[true, {}]], [[true, {}]], [[true, {}]]],
      sgOf: [0, 0, 0, 0, 0], pub: [false, false, false], linked: false, aclDefaultAllow: false,
    };
    const m = computeMatrix(buildEstate(spec), { level: 'endpoints' });
    const e1 = m.parties.filter((p) => p.kind === 'endpoint' && p.index === 1);
    expect(e1.map((p) => (p.kind === 'endpoint' ? p.display : '')).sort()).toEqual(['e1[10.0.1.200]', 'e1[10.0.1.6]']);
    expect(e1.every((p) => p.kind === 'endpoint' && !p.whole)).toBe(true);
    // Only 10.0.1.0/25 (e0, and e1's 10.0.1.6) may send; e0 reaches both parts of e1, e2 and e3
    // (e4 is in an unlinked network), e1[10.0.1.6] reaches e0, e2 and e3 but not itself.
    expect(m.entries.length).toBe(7);
    expect(m.entries.every((e) => cidr('10.0.1.0/25').containsAll(e.src.addresses))).toBe(true);
  });
});

describe('computeMatrix at segment level', () => {
  it('reports per segment, splitting a segment that NACL rules treat non-uniformly', () => {
    const base = buildEstate({
      sg: [[], [], [], []],
      acl: [[[true, {}]], [[true, {}]], [[false, { srcIps: cidr('10.0.1.0/25') }], [true, {}]], [[true, {}]]],
      sgOf: [0, 0, 0, 0, 0], pub: [true, false, false], linked: false, aclDefaultAllow: false,
    });
    const seg = (index: number, id: string, range: string, pub: boolean): Endpoint => ({
      ...base.endpoints[0]!, index, id, name: id, kind: 'subnet', addresses: cidr(range), scopes: { subnet: id },
      egressLayers: [`${id}/eg`], ingressLayers: [`${id}/in`], internet: { outbound: pub, inbound: pub, reasons: [], assumptions: [] },
    });
    const estate: Estate = { ...base, segments: [seg(0, 'A', '10.0.1.0/24', true), seg(1, 'B', '10.0.2.0/24', false)] };
    const m = computeMatrix(estate, { level: 'segments' });
    const lines = m.entries.map((e) => `${e.src.kind === 'endpoint' ? e.src.display : 'internet'} -> ${e.dst.kind === 'endpoint' ? e.dst.display : 'internet'}`).sort();
    expect(lines).toEqual([
      'A[10.0.1.0-10.0.1.127] -> internet',
      'A[10.0.1.128-10.0.1.255] -> B',
      'A[10.0.1.128-10.0.1.255] -> internet',
      'B -> A[10.0.1.0-10.0.1.127]',
      'B -> A[10.0.1.128-10.0.1.255]',
      'internet -> A[10.0.1.0-10.0.1.127]',
      'internet -> A[10.0.1.128-10.0.1.255]',
    ]);
  });
});
