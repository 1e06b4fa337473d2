// The matrix's answers with the internet agree with the concrete evaluator
// at every boundary address. Each endpoint's external addresses are swept
// only where its own layers' address sets begin or end (matrix-rows.ts
// `externalRow`), so the property draws many random address sets, attaches
// different ones to different endpoints, mixes stateful and stateless
// layers (replies), chain and union layers, first-match and allow-union
// filters, pods without addresses next to addressed endpoints, and checks
// every endpoint against addresses on each side of every set's edges —
// including edges of sets only other endpoints use — both directions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Endpoint, Estate, Filter, Layer, PacketMatch, RuleAction } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { ALL_IPV4, cidrRange } from '../model/ip.js';
import type { Packet } from '../model/packet.js';
import { evaluatePath, evaluateReply, type Party } from '../semantics/evaluate.js';
import { computeMatrix, type Matrix, type MatrixEntry } from './matrix.js';
import { filtersFromSpecs, testProvenance, type FilterSpec } from './test-filter-specs.js';

const prov = testProvenance;
const MAX = 2 ** 32 - 1;
const N = 4;
/** Endpoints 0 and 1 are address-less pods; 2 and 3 have addresses in 10.0.0.0/24. */
const ADDRESSES: (IntervalSet | undefined)[] = [undefined, undefined, IntervalSet.point(0x0a000005), IntervalSet.point(0x0a000009)];

/** Address sets: CIDRs anywhere (host routes, mid-size blocks, halves) with an optional cut-out. */
const arbIps: fc.Arbitrary<IntervalSet> = fc
  .tuple(fc.integer({ min: 0, max: MAX }), fc.constantFrom(0, 1, 8, 12, 16, 24, 30, 32), fc.option(fc.tuple(fc.integer({ min: 0, max: MAX }), fc.constantFrom(20, 28, 32))))
  .map(([base, prefix, except]) => {
    const set = cidrRange(base, prefix);
    return except === null ? set : set.subtract(cidrRange(except[0], except[1]));
  });

const ACTIONS: RuleAction[] = ['allow', 'deny', 'pass'];

const arbMatch = (dir: 'ingress' | 'egress', pool: readonly IntervalSet[]): fc.Arbitrary<PacketMatch> =>
  fc
    .record({
      proto: fc.constantFrom<number | undefined>(undefined, 6, 17),
      port: fc.option(fc.tuple(fc.constantFrom(53, 80, 443), fc.constantFrom(53, 80, 443))),
      peerIps: fc.option(fc.nat(pool.length - 1)),
      peerIds: fc.option(fc.subarray([0, 1, 2, 3], { minLength: 1 })),
    })
    .map(({ proto, port, peerIps, peerIds }) => {
      const m: { -readonly [K in keyof PacketMatch]: PacketMatch[K] } = {};
      if (proto !== undefined) m.protocols = IntervalSet.point(proto);
      if (proto !== undefined && port) m.dstPorts = IntervalSet.range(Math.min(...port), Math.max(...port));
      const peer = dir === 'ingress' ? 'src' : 'dst';
      if (peerIps !== null) m[`${peer}Ips`] = pool[peerIps]!;
      if (peerIds) m[`${peer}Endpoints`] = IntervalSet.points(peerIds);
      return m;
    });


interface LayerSpec {
  /** Filter pool indexes. */
  filters: number[];
  combine: 'chain' | 'union';
  stateful: boolean;
}

interface Spec {
  filters: { ingress: FilterSpec[]; egress: FilterSpec[] };
  /** Per endpoint and direction: its layers. */
  layers: { ingress: LayerSpec[]; egress: LayerSpec[] }[];
  emptyAllow: boolean;
  internet: IntervalSet;
  boundarySets: IntervalSet[];
}

const arbFilter = (dir: 'ingress' | 'egress', pool: readonly IntervalSet[]): fc.Arbitrary<FilterSpec> =>
  fc.oneof(
    fc.record({
      kind: fc.constant<Filter['kind']>('first-match'),
      rules: fc.array(fc.tuple(fc.constantFrom(...ACTIONS), arbMatch(dir, pool)), { maxLength: 5 }),
      def: fc.constantFrom(...ACTIONS),
    }),
    fc.record({
      kind: fc.constant<Filter['kind']>('allow-union'),
      rules: fc.array(fc.tuple(fc.constant<RuleAction>('allow'), arbMatch(dir, pool)), { maxLength: 5 }),
      def: fc.constantFrom<RuleAction>('deny', 'pass'),
    }),
  );

const arbLayer: fc.Arbitrary<LayerSpec> = fc.record({
  filters: fc.subarray([0, 1, 2, 3], { minLength: 0, maxLength: 2 }),
  combine: fc.constantFrom<'chain' | 'union'>('chain', 'union'),
  stateful: fc.boolean(),
});

const arbSpec: fc.Arbitrary<Spec> = fc.array(arbIps, { minLength: 2, maxLength: 8 }).chain((pool) =>
  fc.record({
    filters: fc.record({
      ingress: fc.array(arbFilter('ingress', pool), { minLength: 4, maxLength: 4 }),
      egress: fc.array(arbFilter('egress', pool), { minLength: 4, maxLength: 4 }),
    }),
    layers: fc.array(fc.record({ ingress: fc.array(arbLayer, { maxLength: 2 }), egress: fc.array(arbLayer, { maxLength: 2 }) }), { minLength: N, maxLength: N }),
    emptyAllow: fc.boolean(),
    internet: fc.constantFrom(ALL_IPV4, ALL_IPV4.subtract(cidrRange(0x0a000000, 8)).subtract(cidrRange(0xc0a80000, 16))),
    boundarySets: fc.constant(pool),
  }),
);

function buildEstate(spec: Spec): Estate {
  const filters = filtersFromSpecs(spec.filters);
  const layers = new Map<string, Layer>();
  const layerIds = (dir: 'ingress' | 'egress', specs: readonly LayerSpec[]): string[] =>
    specs.map((l) => {
      const ids = l.filters.map((k) => `f/${dir}/${k}`);
      const id = `l/${dir}/${l.combine}/${l.stateful ? 'sf' : 'sl'}/${ids.join('+')}`;
      layers.set(id, { id, vendorKind: 'test', direction: dir, filterIds: ids, combine: l.combine, emptyAction: spec.emptyAllow ? 'allow' : 'deny', stateful: l.stateful, displayName: id });
      return id;
    });
  const endpoints: Endpoint[] = spec.layers.map((ls, index) => {
    const addresses = ADDRESSES[index];
    return {
      index, id: `e${index}`, name: `e${index}`, kind: addresses === undefined ? 'workload' : 'interface',
      addresses: addresses ?? IntervalSet.EMPTY, publicAddresses: IntervalSet.EMPTY, labels: {}, groups: [], network: 'n', scopes: {},
      egressLayers: layerIds('egress', ls.egress), ingressLayers: layerIds('ingress', ls.ingress),
      internet: { outbound: index !== 3, inbound: index !== 1, reasons: [], assumptions: [] }, provenance: prov(`e${index}`),
    };
  });
  return { endpoints, segments: [], internet: spec.internet, filters, layers, networkLinks: [], assumptions: [], diagnostics: [], scopeNames: {}, sources: [] };
}

/** Addresses on both sides of every edge of the sets, and the ends of the space. */
function boundaryAddresses(sets: readonly IntervalSet[]): number[] {
  const out = new Set<number>([0, MAX]);
  for (const s of sets) {
    for (const r of s.ranges) for (const x of [r.lo - 1, r.lo, r.hi, r.hi + 1]) if (x >= 0 && x <= MAX) out.add(x);
  }
  return [...out];
}

function packets(src: number, dst: number): Packet[] {
  const out: Packet[] = [];
  for (const protocol of [6, 17]) for (const dstPort of [53, 80, 443, 1000]) out.push({ srcIp: src, dstIp: dst, protocol, srcPort: 40000, dstPort, icmpType: 0, icmpCode: 0 });
  out.push({ srcIp: src, dstIp: dst, protocol: 6, srcPort: 443, dstPort: 53, icmpType: 0, icmpCode: 0 });
  out.push({ srcIp: src, dstIp: dst, protocol: 1, srcPort: 0, dstPort: 0, icmpType: 8, icmpCode: 0 });
  return out;
}

/** Entries between one endpoint and the internet, by direction. */
function externalEntries(m: Matrix, index: number): { to: MatrixEntry[]; from: MatrixEntry[] } {
  const to: MatrixEntry[] = [];
  const from: MatrixEntry[] = [];
  for (const e of m.entries) {
    if (e.src.kind === 'endpoint' && e.src.index === index && e.dst.kind === 'external') to.push(e);
    if (e.dst.kind === 'endpoint' && e.dst.index === index && e.src.kind === 'external') from.push(e);
  }
  return { to, from };
}

function holding(entries: readonly MatrixEntry[], address: number, side: 'src' | 'dst'): MatrixEntry | undefined {
  const found = entries.filter((e) => e[side].addresses.has(address));
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}

describe('computeMatrix with the internet', () => {
  it('agrees with evaluatePath / evaluateReply at every boundary address of every rule address set', () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        const estate = buildEstate(spec);
        const m = computeMatrix(estate, { level: 'endpoints' });
        const addresses = boundaryAddresses([...spec.boundarySets, estate.internet]);
        const external: Party = { kind: 'external' };
        for (const e of estate.endpoints) {
          const own: Party = { kind: 'endpoint', endpoint: e };
          const ownIp = e.addresses.min() ?? 0x0a0000fe;
          const { to, from } = externalEntries(m, e.index);
          for (const x of addresses) {
            const inInternet = estate.internet.has(x);
            const out = holding(to, x, 'dst');
            const into = holding(from, x, 'src');
            for (const p of packets(ownIp, x)) {
              const allowed = inInternet && evaluatePath(estate, p, own, external).allowed;
              expect(out?.allowed.hasPacket(p) ?? false, `e${e.index} -> ${x} ${JSON.stringify(p)}`).toBe(allowed);
              if (allowed && p.protocol === 6) expect(out!.replyBlocked.hasPacket(p)).toBe(!evaluateReply(estate, p, own, external).allowed);
            }
            for (const p of packets(x, ownIp)) {
              const allowed = inInternet && evaluatePath(estate, p, external, own).allowed;
              expect(into?.allowed.hasPacket(p) ?? false, `${x} -> e${e.index} ${JSON.stringify(p)}`).toBe(allowed);
              if (allowed && p.protocol === 6) expect(into!.replyBlocked.hasPacket(p)).toBe(!evaluateReply(estate, p, external, own).allowed);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
