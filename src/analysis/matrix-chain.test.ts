// The matrix agrees with the concrete evaluator on estates shaped like
// Kubernetes ones: `chain` layers of first-match and allow-union filters with
// allow / deny / pass rules and defaults, rules that match by identity
// (`*Endpoints`) and by address, and endpoints without addresses (pods) next
// to endpoints with addresses. Every listed set holds exactly the packets
// evaluatePath allows; unlisted pairs allow nothing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Endpoint, Estate, Filter, Layer, PacketMatch, RuleAction } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { ALL_IPV4, cidrRange, parseIpv4 } from '../model/ip.js';
import type { Packet } from '../model/packet.js';
import { evaluatePath, type Party } from '../semantics/evaluate.js';
import { computeMatrix, type Matrix, type MatrixEntry } from './matrix.js';
import { filtersFromSpecs, testProvenance, type FilterSpec } from './test-filter-specs.js';

const ip = (s: string): number => parseIpv4(s)!;
const cidr = (s: string): IntervalSet => {
  const [a, p] = s.split('/');
  return cidrRange(ip(a!), Number(p));
};
const prov = testProvenance;

const N = 5;
/** Endpoints 0-2 are address-less pods; 3 and 4 have addresses. */
const ADDRESSES: (IntervalSet | undefined)[] = [undefined, undefined, undefined, IntervalSet.point(ip('10.0.0.5')), IntervalSet.point(ip('10.0.0.9'))];
const CIDRS = ['10.0.0.0/24', '10.0.0.5/32', '8.8.8.0/24', '0.0.0.0/1', '128.0.0.0/1'].map(cidr);
const EXTERNAL_IPS = ['8.8.8.8', '1.2.3.4', '200.1.1.1', '10.0.0.77'].map(ip);
const ACTIONS: RuleAction[] = ['allow', 'deny', 'pass'];

const arbMatch = (dir: 'ingress' | 'egress'): fc.Arbitrary<PacketMatch> =>
  fc
    .record({
      proto: fc.constantFrom<number | undefined>(undefined, 6, 17, 132),
      port: fc.option(fc.tuple(fc.constantFrom(53, 80, 443, 8080), fc.constantFrom(53, 80, 443, 8080))),
      peerIps: fc.option(fc.constantFrom(...CIDRS)),
      peerIds: fc.option(fc.subarray([0, 1, 2, 3, 4], { minLength: 1 })),
      ownIds: fc.option(fc.subarray([0, 1, 2, 3, 4], { minLength: 1 })),
    })
    .map(({ proto, port, peerIps, peerIds, ownIds }) => {
      const m: { -readonly [K in keyof PacketMatch]: PacketMatch[K] } = {};
      if (proto !== undefined) m.protocols = IntervalSet.point(proto);
      if (proto !== undefined && port) m.dstPorts = IntervalSet.range(Math.min(...port), Math.max(...port));
      const peer = dir === 'ingress' ? 'src' : 'dst';
      const own = dir === 'ingress' ? 'dst' : 'src';
      if (peerIps) m[`${peer}Ips`] = peerIps;
      if (peerIds) m[`${peer}Endpoints`] = IntervalSet.points(peerIds);
      if (ownIds) m[`${own}Endpoints`] = IntervalSet.points(ownIds);
      return m;
    });


const arbFilter = (dir: 'ingress' | 'egress'): fc.Arbitrary<FilterSpec> =>
  fc.oneof(
    fc.record({
      kind: fc.constant<Filter['kind']>('first-match'),
      rules: fc.array(fc.tuple(fc.constantFrom(...ACTIONS), arbMatch(dir)), { maxLength: 4 }),
      def: fc.constantFrom(...ACTIONS),
    }),
    fc.record({
      kind: fc.constant<Filter['kind']>('allow-union'),
      rules: fc.array(fc.tuple(fc.constant<RuleAction>('allow'), arbMatch(dir)), { maxLength: 3 }),
      def: fc.constantFrom<RuleAction>('deny', 'pass'),
    }),
  );

interface Spec {
  filters: { ingress: FilterSpec[]; egress: FilterSpec[] };
  /** Per endpoint and direction: which filters (by pool index) its chain holds, in order. */
  chains: { ingress: number[]; egress: number[] }[];
  emptyAllow: boolean;
  union: boolean[];
}

const arbChain = fc.subarray([0, 1, 2], { minLength: 0 }).chain((ids) => fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }));

const arbSpec: fc.Arbitrary<Spec> = fc.record({
  filters: fc.record({
    ingress: fc.array(arbFilter('ingress'), { minLength: 3, maxLength: 3 }),
    egress: fc.array(arbFilter('egress'), { minLength: 3, maxLength: 3 }),
  }),
  chains: fc.array(fc.record({ ingress: arbChain, egress: arbChain }), { minLength: N, maxLength: N }),
  emptyAllow: fc.boolean(),
  union: fc.array(fc.boolean(), { minLength: N, maxLength: N }),
});

function buildEstate(spec: Spec): Estate {
  const filters = filtersFromSpecs(spec.filters);
  const layers = new Map<string, Layer>();
  const endpoints: Endpoint[] = [];
  for (let index = 0; index < N; index++) {
    const chain = spec.chains[index]!;
    const layerOf = (dir: 'ingress' | 'egress'): string[] => {
      const ids = chain[dir].map((k) => `f/${dir}/${k}`);
      const combine = spec.union[index] ? 'union' : 'chain';
      const id = `l/${dir}/${combine}/${ids.join('+')}`;
      layers.set(id, { id, vendorKind: 'test', direction: dir, filterIds: ids, combine, emptyAction: spec.emptyAllow ? 'allow' : 'deny', stateful: true, displayName: id });
      return [id];
    };
    const addresses = ADDRESSES[index];
    endpoints.push({
      index, id: `e${index}`, name: `e${index}`, kind: addresses === undefined ? 'workload' : 'interface',
      addresses: addresses ?? IntervalSet.EMPTY, publicAddresses: IntervalSet.EMPTY, labels: {}, groups: [], network: 'n', scopes: {},
      egressLayers: layerOf('egress'), ingressLayers: layerOf('ingress'),
      internet: { outbound: true, inbound: index !== 4, reasons: [], assumptions: [] }, provenance: prov(`e${index}`),
    });
  }
  return { endpoints, segments: [], internet: ALL_IPV4.subtract(cidr('10.0.0.0/28')), filters, layers, networkLinks: [], assumptions: [], diagnostics: [], scopeNames: {}, sources: [] };
}

function packets(src: number, dst: number): Packet[] {
  const out: Packet[] = [];
  for (const protocol of [6, 17, 132]) for (const dstPort of [53, 80, 443, 1000, 8080]) out.push({ srcIp: src, dstIp: dst, protocol, srcPort: 40000, dstPort, icmpType: 0, icmpCode: 0 });
  out.push({ srcIp: src, dstIp: dst, protocol: 1, srcPort: 0, dstPort: 0, icmpType: 8, icmpCode: 0 });
  return out;
}

interface Side {
  party: Party;
  index?: number;
  /** The packet address: the endpoint's, or 10.0.0.3 (in no rule's /32) for an address-less one. */
  ip: number;
}

function entryFor(m: Matrix, s: Side, d: Side): MatrixEntry | undefined {
  const fits = (p: MatrixEntry['src'], side: Side): boolean =>
    side.index === undefined ? p.kind === 'external' && p.addresses.has(side.ip) : p.kind === 'endpoint' && p.index === side.index;
  const found = m.entries.filter((e) => fits(e.src, s) && fits(e.dst, d));
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}

describe('computeMatrix with chain layers, pass verdicts, identity rules and address-less endpoints', () => {
  it('agrees with evaluatePath on random estates', () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        const estate = buildEstate(spec);
        const m = computeMatrix(estate, { level: 'endpoints' });
        const sides: Side[] = estate.endpoints.map((e) => ({ party: { kind: 'endpoint', endpoint: e }, index: e.index, ip: e.addresses.min() ?? ip('10.0.0.3') }));
        for (const x of EXTERNAL_IPS) sides.push({ party: { kind: 'external' }, ip: x });
        for (const s of sides) {
          for (const d of sides) {
            if (s.index === undefined && d.index === undefined) continue;
            if (s.index !== undefined && s.index === d.index) continue;
            const entry = entryFor(m, s, d);
            const externalOutside = (side: Side) => side.index === undefined && !estate.internet.has(side.ip);
            for (const p of packets(s.ip, d.ip)) {
              const allowed = !externalOutside(s) && !externalOutside(d) && evaluatePath(estate, p, s.party, d.party).allowed;
              expect(entry?.allowed.hasPacket(p) ?? false, `e${s.index ?? 'x'} -> e${d.index ?? 'x'} ${JSON.stringify(p)}`).toBe(allowed);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('lists every address-less endpoint as one whole party named by its name', () => {
    const estate = buildEstate({
      filters: { ingress: [], egress: [] },
      chains: Array.from({ length: N }, () => ({ ingress: [], egress: [] })),
      emptyAllow: true,
      union: Array.from({ length: N }, () => false),
    });
    const m = computeMatrix(estate, { level: 'endpoints' });
    const pods = m.parties.filter((p) => p.kind === 'endpoint' && p.addresses.isEmpty());
    expect(pods.map((p) => (p.kind === 'endpoint' ? `${p.display}/${p.whole}` : ''))).toEqual(['e0/true', 'e1/true', 'e2/true']);
    // Every ordered pair of the 5 endpoints, both ways with the internet (e4 accepts nothing from it).
    expect(m.entries.filter((e) => e.src.kind === 'endpoint' && e.dst.kind === 'endpoint')).toHaveLength(N * (N - 1));
  });
});
