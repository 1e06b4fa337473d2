// Properties of the symbolic engine on random small estates built by
// construction (canonical CIDRs, ordered NACL rules, security-group unions,
// two or three subnets, sometimes a second VPC and assumption-backed rules,
// sometimes policy-tier chain layers with allow/deny/pass rules and pass
// defaults, and endpoints without addresses):
//  1. pointwise agreement: at packets on rule edges, the encoded path formula
//     (evaluated by the term evaluator) and the concrete evaluator agree, for
//     the plain and the assumption-free ("strict") reading;
//  2. witness replay: every witness the engine shows is allowed by the evaluator;
//  3. isolation answers hold: when `isolated` holds, the evaluator allows no
//     sampled packet between the selected parties;
//  4. the short way to a witness (the preferred header's folded formula)
//     gives the answer the full search gives: verdict, packet and parties;
//  5. trackers fixed by facts (the way of cluster-wide obligations) give the
//     answers assumed trackers give: verdict, witness, and proofs that block
//     with the same groups of items.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Endpoint, Estate, Filter, Layer, PacketMatch, Rule, RuleAction } from '../model/estate.js';
import { NO_ADDRESS } from '../model/classes.js';
import { IntervalSet } from '../model/intervals.js';
import { cidrRange } from '../model/ip.js';
import { isWellFormed, type Packet } from '../model/packet.js';
import { evaluatePath, type Party } from '../semantics/evaluate.js';
import { buildEstateIndex } from '../encode/estate-index.js';
import { evaluateTerm } from '../encode/evaluate-term.js';
import { encodeScene } from '../encode/obligations.js';
import { buildScene, type Scene, type Selection } from '../encode/scene.js';
import { trafficMatches } from '../encode/traffic.js';
import { QueryEngine, type EngineOptions } from './engine.js';
import { endpoint, estateOf, filter, layer, query, rule } from './engine-fixtures.js';
import type { Query, Selector, TrafficSpec } from './query.js';
import type { BlockingItem, QueryAnswer } from './answer.js';

type Gen = fc.GeneratorValue;

const PORT_EDGES = [0, 1, 21, 22, 23, 53, 79, 80, 81, 442, 443, 444, 1023, 1024, 5432, 49152, 65534, 65535];
const PROTOS = [1, 6, 17];

function pick<T>(g: Gen, items: readonly T[]): T {
  return items[g(fc.integer, { min: 0, max: items.length - 1 })]!;
}

function portRange(g: Gen): IntervalSet {
  const a = pick(g, PORT_EDGES);
  const b = pick(g, PORT_EDGES);
  return IntervalSet.range(Math.min(a, b), Math.max(a, b));
}

/** A canonical CIDR: inside the estate, the whole internet, or a public block. */
function cidr(g: Gen): IntervalSet {
  const kind = g(fc.integer, { min: 0, max: 5 });
  if (kind === 0) return IntervalSet.range(0, 0xffffffff);
  if (kind === 1) return pick(g, [cidrRange(0x08080800, 24), cidrRange(0x01000000, 8), cidrRange(0x80000000, 1)]);
  const prefix = pick(g, [16, 22, 24, 25, 30, 32]);
  const addr = (10 << 24) + (g(fc.integer, { min: 0, max: 3 }) << 8) + pick(g, [0, 4, 5, 6, 128, 200]);
  const size = 2 ** (32 - prefix);
  return cidrRange(Math.floor(addr / size) * size, prefix);
}

function match(g: Gen, endpointCount: number, peer: 'srcIps' | 'dstIps'): PacketMatch {
  const m: { -readonly [K in keyof PacketMatch]: PacketMatch[K] } = {};
  const proto = g(fc.integer, { min: 0, max: 4 });
  if (proto === 1) m.protocols = IntervalSet.point(6);
  if (proto === 2) m.protocols = IntervalSet.point(17);
  if (proto === 3) m.protocols = IntervalSet.point(1);
  if (proto === 4) m.protocols = IntervalSet.points([6, 17]);
  if (proto !== 3 && g(fc.boolean)) m.dstPorts = portRange(g);
  if (proto !== 3 && g(fc.integer, { min: 0, max: 4 }) === 0) m.srcPorts = portRange(g);
  if ((proto === 0 || proto === 3) && g(fc.integer, { min: 0, max: 3 }) === 0) m.icmpTypes = IntervalSet.points([0, 8]);
  const who = g(fc.integer, { min: 0, max: 3 });
  if (who <= 1) m[peer] = cidr(g);
  if (who === 2) {
    const set = IntervalSet.points(g(() => fc.uniqueArray(fc.integer({ min: 0, max: endpointCount - 1 }), { maxLength: 3 })));
    if (peer === 'srcIps') m.srcEndpoints = set;
    else m.dstEndpoints = set;
  }
  return m;
}

/**
 * Policy tiers: per direction a chain layer `tiers:in`/`tiers:out` of
 * first-match and union filters whose rules allow, deny or pass, with pass
 * defaults more often than not.
 */
function addTiers(g: Gen, n: number, filters: Filter[], layers: Layer[]): void {
  for (const dir of ['in', 'out'] as const) {
    const tierCount = g(fc.integer, { min: 1, max: 3 });
    const ids: string[] = [];
    for (let t = 0; t < tierCount; t++) {
      const kind = g(fc.boolean) ? 'allow-union' : 'first-match';
      const count = g(fc.integer, { min: 0, max: 3 });
      const rules: Rule[] = Array.from({ length: count }, (_, i) => {
        const action: RuleAction = kind === 'allow-union' ? 'allow' : pick(g, ['allow', 'deny', 'pass'] as const);
        return rule(`tier${t}/${dir}/${i}`, action, match(g, n, dir === 'in' ? 'srcIps' : 'dstIps'), action !== 'deny' ? pick(g, [undefined, undefined, 'A1', 'A2']) : undefined);
      });
      const dflt: RuleAction = pick(g, ['pass', 'pass', 'deny', 'allow'] as const);
      filters.push(filter(`tier${t}/${dir}`, kind, dir === 'in' ? 'ingress' : 'egress', rules, dflt));
      ids.push(`tier${t}/${dir}`);
    }
    layers.push(layer(`tiers:${dir}`, dir === 'in' ? 'ingress' : 'egress', ids, { combine: 'chain', emptyAction: g(fc.boolean) ? 'allow' : 'deny' }));
  }
}

/**
 * An estate whose only layers are the two tier chains (so the path verdict
 * is the chains' verdict): a few endpoints, one of them sometimes without
 * addresses, in one network with internet access.
 */
export function chainEstate(g: Gen): Estate {
  const hosts = g(() => fc.uniqueArray(fc.constantFrom('10.0.0.4', '10.0.0.5', '10.0.1.6', '10.0.1.200'), { minLength: 1, maxLength: 3 }));
  const specs = hosts.map((h) => [h]);
  if (g(fc.boolean)) specs.push([]);
  const filters: Filter[] = [];
  const layers: Layer[] = [];
  addTiers(g, specs.length + 1, filters, layers);
  const endpoints = specs.map((addresses, i) =>
    endpoint(i, `c${i}`, { addresses, subnet: `s${i % 2}`, egress: ['tiers:out'], ingress: ['tiers:in'], internet: { inbound: true, outbound: true } }),
  );
  return estateOf({ endpoints, filters, layers, networkLinks: [], assumptions: [{ id: 'A1', text: 'a1' }, { id: 'A2', text: 'a2' }] });
}

export function randomEstate(g: Gen): Estate {
  const subnets = g(fc.integer, { min: 2, max: 3 });
  const twoVpcs = subnets === 3 && g(fc.boolean);
  const specs: { subnet: number; addresses: string[] }[] = [];
  for (let s = 0; s < subnets; s++) {
    const hosts = g(() => fc.uniqueArray(fc.constantFrom(4, 5, 6, 200), { minLength: 1, maxLength: 3 }));
    const perEndpoint = hosts.length === 3 ? [[hosts[0]!, hosts[1]!], [hosts[2]!]] : hosts.map((h) => [h]);
    for (const hs of perEndpoint) specs.push({ subnet: s, addresses: hs.map((h) => `10.0.${s}.${h}`) });
  }
  // An endpoint without addresses (address sets never match it).
  if (g(fc.integer, { min: 0, max: 2 }) === 0) specs.push({ subnet: g(fc.integer, { min: 0, max: subnets - 1 }), addresses: [] });
  const n = specs.length;
  const assumed = (): string | undefined => (g(fc.integer, { min: 0, max: 5 }) === 0 ? pick(g, ['A1', 'A2']) : undefined);
  const filters: Filter[] = [];
  const layers: Layer[] = [];
  const sgCount = g(fc.integer, { min: 1, max: 3 });
  for (let k = 0; k < sgCount; k++) {
    for (const dir of ['in', 'out'] as const) {
      const count = g(fc.integer, { min: 0, max: 3 });
      const rules: Rule[] = Array.from({ length: count }, (_, i) =>
        rule(`sg${k}/${dir}/${i}`, 'allow', match(g, n, dir === 'in' ? 'srcIps' : 'dstIps'), assumed()),
      );
      filters.push(filter(`sg${k}/${dir}`, 'allow-union', dir === 'in' ? 'ingress' : 'egress', rules));
    }
  }
  for (let s = 0; s < subnets; s++) {
    for (const dir of ['in', 'out'] as const) {
      const count = g(fc.integer, { min: 0, max: 4 });
      const rules: Rule[] = Array.from({ length: count }, (_, i) => {
        const action = pick(g, ['allow', 'deny', 'allow', 'deny', 'pass'] as const);
        return rule(`acl${s}/${dir}/${(i + 1) * 100}`, action, match(g, n, dir === 'in' ? 'srcIps' : 'dstIps'), action !== 'deny' ? assumed() : undefined);
      });
      filters.push(filter(`acl${s}/${dir}`, 'first-match', dir === 'in' ? 'ingress' : 'egress', rules, g(fc.integer, { min: 0, max: 4 }) === 0 ? 'allow' : 'deny'));
      layers.push(layer(`acl${s}:${dir}`, dir === 'in' ? 'ingress' : 'egress', [`acl${s}/${dir}`], { stateful: false, bypass: 'subnet' }));
    }
  }
  // Policy tiers on the endpoints that `tiered` picks.
  const tiered = g(fc.integer, { min: 0, max: 2 }) === 0 ? undefined : g(fc.integer, { min: 0, max: 3 });
  if (tiered !== undefined) addTiers(g, n, filters, layers);
  const endpoints: Endpoint[] = specs.map((spec, i) => {
    const sgs = g(() => fc.uniqueArray(fc.integer({ min: 0, max: sgCount - 1 }), { minLength: 0, maxLength: 2 })).sort((x, y) => x - y);
    const key = sgs.join('+') || 'none';
    for (const dir of ['in', 'out'] as const) {
      const id = `sg[${key}]:${dir}`;
      if (!layers.some((l) => l.id === id)) layers.push(layer(id, dir === 'in' ? 'ingress' : 'egress', sgs.map((k) => `sg${k}/${dir}`)));
    }
    const pub = spec.subnet === 0;
    const tiers = tiered !== undefined && (tiered === 0 || i % tiered === 0);
    return endpoint(i, `h${i}`, {
      addresses: spec.addresses,
      subnet: `s${spec.subnet}`,
      network: twoVpcs && spec.subnet === 2 ? 'vpc-2' : 'vpc-1',
      egress: [`sg[${key}]:out`, `acl${spec.subnet}:out`, ...(tiers ? ['tiers:out'] : [])],
      ingress: [...(tiers ? ['tiers:in'] : []), `acl${spec.subnet}:in`, `sg[${key}]:in`],
      internet: { inbound: pub, outbound: pub || spec.subnet === 1, ...(pub && g(fc.boolean) ? { assumptions: ['A2'] } : {}) },
    });
  });
  const link = twoVpcs ? g(fc.integer, { min: 0, max: 2 }) : 0;
  return estateOf({
    endpoints,
    filters,
    layers,
    networkLinks: link === 0 ? [] : [{ a: 'vpc-1', b: 'vpc-2', ...(link === 2 ? { assumption: 'A1' } : {}) }],
    assumptions: [
      { id: 'A1', text: 'assumed peering' },
      { id: 'A2', text: 'assumed rule' },
    ],
  });
}

function randomSide(g: Gen, estate: Estate): { selection: Selection; selector: Selector } {
  if (g(fc.integer, { min: 0, max: 4 }) === 0) return { selection: { endpoints: [], internet: estate.internet }, selector: { kind: 'internet' } };
  const picked = g(() => fc.uniqueArray(fc.integer({ min: 0, max: estate.endpoints.length - 1 }), { minLength: 1, maxLength: 3 })).sort((x, y) => x - y);
  const endpoints = picked.map((i) => estate.endpoints[i]!);
  return { selection: { endpoints, internet: IntervalSet.EMPTY }, selector: { kind: 'anyOf', of: endpoints.map((e) => ({ kind: 'id', id: e.id }) as Selector) } };
}

function randomTraffic(g: Gen): TrafficSpec | undefined {
  switch (g(fc.integer, { min: 0, max: 4 })) {
    case 0:
      return { protocols: IntervalSet.point(6), dstPorts: portRange(g) };
    case 4:
      return { protocols: IntervalSet.points([6, 17]), dstPorts: IntervalSet.points([pick(g, PORT_EDGES), pick(g, PORT_EDGES)]) };
    case 1:
      return { protocols: IntervalSet.points([pick(g, PROTOS)]) };
    default:
      return undefined;
  }
}

/** Resolver for generated queries: `id` and `anyOf` of ids, `internet`. */
function resolver(estate: Estate, s: Selector): Selection {
  if (s.kind === 'internet') return { endpoints: [], internet: estate.internet };
  const ids = s.kind === 'anyOf' ? s.of.map((x) => (x.kind === 'id' ? x.id : '')) : s.kind === 'id' ? [s.id] : [];
  return { endpoints: estate.endpoints.filter((e) => ids.includes(e.id)), internet: IntervalSet.EMPTY };
}

interface Atom {
  readonly party: Party;
  /** The packet's address (0 for an endpoint without addresses). */
  readonly ip: number;
  /** The class member's address (NO_ADDRESS for an endpoint without addresses). */
  readonly memberIp: number;
}

function atoms(sel: Selection, externalIps: readonly number[]): Atom[] {
  const out: Atom[] = [];
  for (const e of sel.endpoints) {
    if (e.addresses.isEmpty()) out.push({ party: { kind: 'endpoint', endpoint: e }, ip: 0, memberIp: NO_ADDRESS });
    for (const r of e.addresses.ranges) for (let a = r.lo; a <= r.hi; a++) out.push({ party: { kind: 'endpoint', endpoint: e }, ip: a, memberIp: a });
  }
  if (!sel.internet.isEmpty()) for (const a of externalIps) if (sel.internet.has(a)) out.push({ party: { kind: 'external' }, ip: a, memberIp: a });
  return out;
}

const EXTERNAL_IPS = [0x01000000, 0x08080808, 0x080808ff, 0x80000000, 0xc8000001];

/** Packets on rule edges: protocols, port range ends ±1, ICMP types. */
function edgePackets(g: Gen, src: number, dst: number): Packet[] {
  const out: Packet[] = [];
  for (let i = 0; i < 6; i++) {
    const protocol = pick(g, [1, 6, 17, 6, 17, 132, 50]);
    const ports = protocol === 6 || protocol === 17 || protocol === 132;
    const icmp = protocol === 1;
    out.push({
      srcIp: src,
      dstIp: dst,
      protocol,
      srcPort: ports ? pick(g, PORT_EDGES) : 0,
      dstPort: ports ? pick(g, PORT_EDGES) : 0,
      icmpType: icmp ? pick(g, [0, 3, 8, 11]) : 0,
      icmpCode: icmp ? pick(g, [0, 1]) : 0,
    });
  }
  return out;
}

function classAssignment(scene: Scene, side: 'src' | 'dst', atom: Atom, into: Map<string, number | boolean>): void {
  let cls = scene.internetClass;
  if (atom.party.kind === 'endpoint') {
    const e = atom.party.endpoint;
    const sel = side === 'src' ? scene.from : scene.to;
    const found = sel.classIds.find((id) => scene.classes[id]!.members.some((m) => m.endpoint.index === e.index && m.ip <= atom.memberIp && atom.memberIp <= m.hi));
    expect(found).toBeDefined();
    cls = found!;
  }
  into.set(`${side}Class`, cls);
}

/** A random estate and a query on it (undefined when both sides are the internet). */
function randomQuery(g: Gen) {
  const estate = g(fc.integer, { min: 0, max: 2 }) === 0 ? chainEstate(g) : randomEstate(g);
  const from = randomSide(g, estate);
  const to = randomSide(g, estate);
  if (from.selection.endpoints.length === 0 && to.selection.endpoints.length === 0) return undefined;
  const traffic = randomTraffic(g);
  const kind = pick(g, ['isolated', 'reachable', 'only'] as const);
  const expect_: Query['expect'] = kind === 'only' ? { kind, allowed: [{ protocols: IntervalSet.point(6), dstPorts: IntervalSet.point(443) }] } : { kind };
  return { estate, from, to, traffic, kind, expect_ };
}

/** Pointwise agreement of the path formula and the evaluator on the estates `make` builds. */
function agreement(make: (g: Gen) => Estate) {
  return fc.property(fc.gen(), (g) => {
        const estate = make(g);
        const index = buildEstateIndex(estate);
        const from = randomSide(g, estate);
        const to = randomSide(g, estate);
        if (from.selection.endpoints.length === 0 && to.selection.endpoints.length === 0) return;
        const traffic = randomTraffic(g);
        const scene = buildScene(index, from.selection, to.selection);
        const enc = encodeScene(index, scene, traffic);
        const { f } = enc.ctx;
        const plain = f.and(...enc.path.definitions, enc.path.allowed);
        const strict = f.and(...enc.path.definitions, enc.path.strict);
        for (const s of atoms(from.selection, EXTERNAL_IPS)) {
          for (const d of atoms(to.selection, EXTERNAL_IPS)) {
            if (s.party.kind === 'external' && d.party.kind === 'external') continue;
            if (s.party.kind === 'endpoint' && d.party.kind === 'endpoint' && s.party.endpoint.index === d.party.endpoint.index) continue;
            for (const p of edgePackets(g, s.ip, d.ip)) {
              if (!isWellFormed(p) || !trafficMatches(traffic, p)) continue;
              const values = new Map<string, number | boolean>(Object.entries(p));
              classAssignment(scene, 'src', s, values);
              classAssignment(scene, 'dst', d, values);
              for (const t of enc.ctx.trackers.names()) values.set(t, true);
              const verdict = evaluatePath(estate, p, s.party, d.party);
              expect(evaluateTerm(plain, values)).toBe(verdict.allowed);
              expect(evaluateTerm(strict, values)).toBe(verdict.allowed && verdict.assumptions.length === 0);
            }
          }
        }
      });
}

describe('engine properties on random estates', () => {
  it('1. the path formula agrees with the concrete evaluator at rule edges', () => {
    fc.assert(
      agreement(randomEstate),
      // NP_SEED/NP_PATH replay a reported failure; NP_RUNS runs longer searches.
      process.env['NP_SEED'] ? { numRuns: 1, seed: Number(process.env['NP_SEED']), path: process.env['NP_PATH']!, endOnFailure: true } : { numRuns: Number(process.env['NP_RUNS'] ?? 300) },
    );
  });

  it('1b. chain layers (allow/deny/pass tiers) and address-less endpoints agree with the evaluator', () => {
    // endOnFailure: a failing chain estate shrinks slowly; report the first failure (seed and path replay it).
    fc.assert(agreement(chainEstate), { numRuns: Number(process.env['NP_RUNS'] ?? 300), endOnFailure: true });
  });

  it('2+3. witnesses replay as allowed, and proven isolation admits no sampled packet', async () => {
    let seenWitness = 0;
    let seenProof = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const made = randomQuery(g);
        if (made === undefined) return;
        const { estate, from, to, traffic, kind, expect_ } = made;
        const engine = await QueryEngine.create(estate, { timeoutMs: 20_000 }, resolver);
        const a = await engine.answer(query('q', from.selector, to.selector, expect_, traffic));
        engine.close();
        expect(a.verdict, a.reason).not.toBe('error');
        if (a.witness !== undefined) {
          seenWitness++;
          expect(a.witness.path.allowed).toBe(true);
          expect(trafficMatches(traffic, a.witness.packet)).toBe(true);
          expect(isWellFormed(a.witness.packet)).toBe(true);
          if (a.verdict !== 'unknown') expect(a.witness.path.assumptions).toEqual([]);
        }
        const provenClosed = (kind === 'isolated' && a.verdict === 'holds') || (kind === 'reachable' && a.verdict === 'violated');
        if (provenClosed || (kind === 'only' && a.verdict === 'holds')) {
          seenProof++;
          for (const s of atoms(from.selection, EXTERNAL_IPS)) {
            for (const d of atoms(to.selection, EXTERNAL_IPS)) {
              if (s.party.kind === 'external' && d.party.kind === 'external') continue;
              if (s.party.kind === 'endpoint' && d.party.kind === 'endpoint' && s.party.endpoint.index === d.party.endpoint.index) continue;
              for (const p of edgePackets(g, s.ip, d.ip)) {
                if (!isWellFormed(p) || !trafficMatches(traffic, p)) continue;
                if (kind === 'only' && trafficMatches(expect_.kind === 'only' ? expect_.allowed[0] : undefined, p)) continue;
                expect(evaluatePath(estate, p, s.party, d.party).allowed).toBe(false);
              }
            }
          }
        }
      }),
      { numRuns: Number(process.env['NP_RUNS'] ?? 60) },
    );
    expect(seenWitness).toBeGreaterThan(0);
    expect(seenProof).toBeGreaterThan(0);
  });

  /** One random query answered by a fresh engine per option set (undefined when none was made). */
  async function answersUnder(g: Gen, variants: readonly Omit<EngineOptions, 'timeoutMs'>[]): Promise<QueryAnswer[] | undefined> {
    const made = randomQuery(g);
    if (made === undefined) return undefined;
    const { estate, from, to, traffic, expect_ } = made;
    const q = query('q', from.selector, to.selector, expect_, traffic);
    const answers: QueryAnswer[] = [];
    for (const options of variants) {
      const engine = await QueryEngine.create(estate, { timeoutMs: 20_000, ...options }, resolver);
      answers.push(await engine.answer(q));
      engine.close();
    }
    return answers;
  }

  it('4. the preferred-header fold and the full search give the same answer', async () => {
    let folded = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const answers = await answersUnder(g, [{ preferredFold: true }, { preferredFold: false }]);
        if (answers === undefined) return;
        const [short, full] = answers;
        expect(short!.verdict, short!.reason).toBe(full!.verdict);
        const parties = (a: typeof short) =>
          a?.witness === undefined ? undefined : { packet: a.witness.packet, src: a.witness.src.name, dst: a.witness.dst.name };
        expect(parties(short)).toEqual(parties(full));
        if (short!.witness?.packet.protocol === 6 || short!.witness?.packet.protocol === 17) folded++;
      }),
      // endOnFailure: two engines per run make shrinking slow; the seed and path replay a failure.
      { numRuns: Number(process.env['NP_RUNS'] ?? 80), endOnFailure: true },
    );
    expect(folded).toBeGreaterThan(0);
  });

  it('5. trackers fixed by facts and trackers assumed give the same answer', async () => {
    // Every group an explanation keeps (all but the last, never dropped) is in
    // every core: without it the obligation was satisfiable. So both ways
    // block with the same groups, whichever core the solver returns.
    const kindOf = (b: BlockingItem): string =>
      b.rule !== undefined
        ? / outbound: /.test(b.description)
          ? 'egress-rule'
          : 'rule'
        : / no rule /.test(b.description)
          ? 'default'
          : /every policy tier passes/.test(b.description)
            ? 'chain-end'
            : /has no \w+ policy/.test(b.description)
              ? 'empty-layer'
              : /^no route/.test(b.description)
                ? 'network-gate'
                : 'internet-gate';
    const kinds = (a: QueryAnswer): string[] => [...new Set(a.proof?.blocking.map(kindOf).filter((k) => k !== 'internet-gate'))].sort();
    let proofs = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const answers = await answersUnder(g, [{ fixTrackersAbove: Infinity }, { fixTrackersAbove: 0 }]);
        if (answers === undefined) return;
        const [assumed, fixed] = answers as [QueryAnswer, QueryAnswer];
        expect(fixed.verdict, fixed.reason).toBe(assumed.verdict);
        expect(fixed.witness?.packet).toEqual(assumed.witness?.packet);
        expect(fixed.witness?.src.name).toEqual(assumed.witness?.src.name);
        expect(fixed.proof === undefined).toBe(assumed.proof === undefined);
        if (assumed.proof !== undefined && fixed.proof !== undefined) {
          expect(fixed.proof.blocking.length > 0).toBe(assumed.proof.blocking.length > 0);
          expect(kinds(fixed)).toEqual(kinds(assumed));
          if (assumed.proof.blocking.length > 0) proofs++;
        }
      }),
      { numRuns: Number(process.env['NP_RUNS'] ?? 80), endOnFailure: true },
    );
    expect(proofs).toBeGreaterThan(0);
  });
});
