// The connectivity matrix: for every ordered pair of parties (endpoints or
// segments, and pieces of the internet) the exact set of connections allowed,
// and the TCP part whose replies the stateless layers block. Semantics are
// those of `evaluatePath`/`evaluateReply`; the work is per unit pair (units:
// addresses every rule treats alike, see matrix-units.ts) with per-side rows
// shared by all units of a profile (matrix-rows.ts), then expanded to parties.
// With the internet, each profile sweeps only the address edges its own
// filters name (`SideRows.externalRow`), and units whose external rows are
// the same share one result: no pass over every internet piece per unit.
//
// Reporting choices:
// - An endpoint (segment) whose addresses fall in several units is listed as
//   one party per unit, `name[addresses]` (a trailing `[…]` of the name is
//   replaced), each with exact answers; `whole` is false on such parties.
// - Internet pieces with the same answers for a unit are merged, so each
//   party lists disjoint external address sets.
// - Self pairs (an endpoint or segment with itself) are not listed.
// - Segments have no identity: rules that select endpoints by identity
//   (security-group references) never match a segment.
// - An endpoint without addresses (a Kubernetes workload) is one party of its
//   own, listed by name; no address set matches it, identity sets do.
// - `chain` layers (policy tiers with 'pass') follow evaluatePath: see
//   matrix-rows.ts.

import type { Assumption, Endpoint, Estate } from '../model/estate.js';
import { IntervalSet, type Range } from '../model/intervals.js';
import { formatIpRange } from '../model/ip.js';
import { PROTO } from '../model/packet.js';
import { ConnSet } from './connset.js';
import { ConnTable } from './conn-table.js';
import { IntPairMap } from './int-pair-map.js';
import { SideRows, type ExternalRow } from './matrix-rows.js';
import { MAX_ADDRESS } from './matrix-filters.js';
import { buildUnits, type Unit, type UnitSet } from './matrix-units.js';

export type MatrixLevel = 'endpoints' | 'segments';

export type MatrixParty =
  | {
      readonly kind: 'endpoint';
      /** Index in `estate.endpoints` (endpoint level) or `estate.segments` (segment level). */
      readonly index: number;
      readonly id: string;
      readonly name: string;
      /** `name`, or `name[addresses]` for a part of an endpoint. */
      readonly display: string;
      readonly network: string;
      readonly addresses: IntervalSet;
      /** False when the endpoint's addresses are split over several parties. */
      readonly whole: boolean;
    }
  | { readonly kind: 'external'; readonly addresses: IntervalSet };

export interface MatrixEntry {
  readonly src: MatrixParty;
  readonly dst: MatrixParty;
  /** Forward traffic allowed. */
  readonly allowed: ConnSet;
  /** The TCP part of `allowed` whose replies the stateless layers block. */
  readonly replyBlocked: ConnSet;
}

export interface MatrixNetwork {
  readonly id: string;
  readonly name: string;
}

export interface Matrix {
  readonly level: MatrixLevel;
  /** Every listed pair (built on first access; prefer `forEachEntry` for large estates). */
  readonly entries: readonly MatrixEntry[];
  /** Number of internal units (endpoint classes or segment pieces) the work was done on. */
  readonly classCount: number;
  readonly externalClassCount: number;
  /** Internal parties, in estate order. */
  readonly parties: readonly MatrixParty[];
  /** Networks of the estate (report sections), sorted by name. */
  readonly networks: readonly MatrixNetwork[];
  readonly entryCount: number;
  /** The estate's internet address space (external parties are parts of it). */
  readonly internet: IntervalSet;
  readonly assumptions: readonly Assumption[];
  forEachEntry(visit: (e: MatrixEntry) => void): void;
}

export interface MatrixOptions {
  readonly level: MatrixLevel;
}

const TCP_ONLY = ConnSet.ports(IntervalSet.point(PROTO.TCP));

interface UnitResults {
  /** Flat triples (src unit, dst unit, outcome id) for internal → internal pairs. */
  readonly internal: Int32Array;
  readonly internalCount: number;
  /** Per internal unit: outcome id → merged external addresses, each direction. */
  readonly toInternet: ReadonlyMap<number, IntervalSet>[];
  readonly fromInternet: ReadonlyMap<number, IntervalSet>[];
}

/** Interned (allowed, replyBlocked) outcomes. */
class Outcomes {
  readonly allowed: number[] = [];
  readonly blocked: number[] = [];
  private readonly byPair = new IntPairMap();

  id(allowed: number, blocked: number): number {
    let id = this.byPair.get(allowed, blocked);
    if (id < 0) {
      id = this.allowed.length;
      this.allowed.push(allowed);
      this.blocked.push(blocked);
      this.byPair.set(allowed, blocked, id);
    }
    return id;
  }
}

/** Per unit a network number, and whether two network numbers may exchange traffic. */
function networkGates(estate: Estate, units: readonly Unit[]): { netOf: Int32Array; linked: (a: number, b: number) => boolean } {
  const ids = new Map<string, number>();
  const number = (net: string): number => {
    let n = ids.get(net);
    if (n === undefined) {
      n = ids.size;
      ids.set(net, n);
    }
    return n;
  };
  const netOf = Int32Array.from(units, (u) => (u.owner === undefined ? -1 : number(u.owner.network)));
  for (const l of estate.networkLinks) {
    number(l.a);
    number(l.b);
  }
  const size = ids.size;
  const table = new Uint8Array(size * size);
  for (let i = 0; i < size; i++) table[i * size + i] = 1;
  for (const l of estate.networkLinks) {
    const a = number(l.a);
    const b = number(l.b);
    table[a * size + b] = 1;
    table[b * size + a] = 1;
  }
  return { netOf, linked: (a, b) => table[a * size + b] === 1 };
}

/**
 * Per outcome, the internet addresses of the segments with that outcome, in
 * order of each outcome's lowest address. `a` and `b` are the two external
 * rows of the pair's internal side (forward, and reply); `outcome` combines
 * their ids (NONE forward: no entry).
 */
function internetOutcomes(a: ExternalRow, b: ExternalRow, internet: IntervalSet, none: number, outcome: (aId: number, bId: number) => number): Map<number, IntervalSet> {
  const ranges = new Map<number, Range[]>();
  let ia = 0;
  let ib = 0;
  let lo = 0;
  while (lo <= MAX_ADDRESS) {
    while (ia + 1 < a.starts.length && a.starts[ia + 1]! <= lo) ia++;
    while (ib + 1 < b.starts.length && b.starts[ib + 1]! <= lo) ib++;
    const nextA = ia + 1 < a.starts.length ? a.starts[ia + 1]! : MAX_ADDRESS + 1;
    const nextB = ib + 1 < b.starts.length ? b.starts[ib + 1]! : MAX_ADDRESS + 1;
    const hi = Math.min(nextA, nextB) - 1;
    const aId = a.ids[ia]!;
    if (aId !== none && internet.overlaps(IntervalSet.range(lo, hi))) {
      const id = outcome(aId, b.ids[ib]!);
      const list = ranges.get(id);
      if (list === undefined) ranges.set(id, [{ lo, hi }]);
      else list.push({ lo, hi });
    }
    lo = hi + 1;
  }
  return new Map([...ranges].map(([id, list]) => [id, IntervalSet.of(list).intersect(internet)] as const));
}

function computeUnitResults(estate: Estate, units: UnitSet, rows: SideRows, outcomes: Outcomes): UnitResults {
  const t = rows.table;
  const tcp = t.id(TCP_ONLY);
  const { netOf, linked } = networkGates(estate, units.internal);
  const blockedMemo = new IntPairMap();
  const blockedOf = (allowed: number, reply: number): number => {
    if (reply === t.ALL) return t.NONE;
    const tcpPart = t.intersect(allowed, tcp);
    if (tcpPart === t.NONE) return t.NONE;
    let id = blockedMemo.get(tcpPart, reply);
    if (id < 0) {
      id = t.id(t.get(tcpPart).subtract(t.get(reply).swapPorts()));
      blockedMemo.set(tcpPart, reply, id);
    }
    return id;
  };
  const outcomeOf = (allowed: number, reply: number): number => outcomes.id(allowed, blockedOf(allowed, reply));
  const egress = { direction: 'egress', statelessOnly: false } as const;
  const ingress = { direction: 'ingress', statelessOnly: false } as const;
  const replyEgress = { direction: 'egress', statelessOnly: true } as const;
  const replyIngress = { direction: 'ingress', statelessOnly: true } as const;
  const n = units.internal.length;
  const ingressRows: Int32Array[] = [];
  const replyEgressRows: Int32Array[] = [];
  for (const u of units.internal) {
    ingressRows.push(rows.row(u, ingress));
    replyEgressRows.push(rows.row(u, replyEgress));
  }
  let triples = new Int32Array(3 * 1024);
  let count = 0;
  for (const s of units.internal) {
    const eg = rows.row(s, egress);
    const replyIn = rows.row(s, replyIngress);
    const sNet = netOf[s.index]!;
    for (let di = 0; di < n; di++) {
      if (!linked(sNet, netOf[di]!)) continue;
      const allowed = t.intersect(eg[di]!, ingressRows[di]![s.index]!);
      if (allowed === t.NONE) continue;
      const reply = t.intersect(replyEgressRows[di]![s.index]!, replyIn[di]!);
      if (count * 3 + 3 > triples.length) {
        const bigger = new Int32Array(triples.length * 2);
        bigger.set(triples);
        triples = bigger;
      }
      triples[count * 3] = s.index;
      triples[count * 3 + 1] = di;
      triples[count * 3 + 2] = outcomeOf(allowed, reply);
      count++;
    }
  }
  // With the internet, a unit's answers depend only on its own profiles'
  // external rows (an external address has no layers of its own): units whose
  // rows are the same share one result.
  const shared = new Map<ExternalRow, Map<ExternalRow, Map<number, IntervalSet>>>();
  const NO_ENTRIES: Map<number, IntervalSet> = new Map();
  const withInternet = (a: ExternalRow, b: ExternalRow): Map<number, IntervalSet> => {
    let byB = shared.get(a);
    if (byB === undefined) {
      byB = new Map();
      shared.set(a, byB);
    }
    let result = byB.get(b);
    if (result === undefined) {
      result = internetOutcomes(a, b, estate.internet, t.NONE, outcomeOf);
      byB.set(b, result);
    }
    return result;
  };
  // Forward: the unit's egress side (the address's ingress side allows all);
  // replies: the unit's stateless ingress side. And the other way round.
  const toInternet = units.internal.map((s) =>
    s.owner?.internet.outbound === true ? withInternet(rows.externalRow(s, egress), rows.externalRow(s, replyIngress)) : NO_ENTRIES,
  );
  const fromInternet = units.internal.map((d) =>
    d.owner?.internet.inbound === true ? withInternet(rows.externalRow(d, ingress), rows.externalRow(d, replyEgress)) : NO_ENTRIES,
  );
  return { internal: triples, internalCount: count, toInternet, fromInternet };
}

function formatAddresses(set: IntervalSet): string {
  return set.ranges.map((r) => formatIpRange(r.lo, r.hi)).join(',');
}

function buildParties(units: readonly Unit[]): { parties: MatrixParty[]; byUnit: MatrixParty[][] } {
  const partsOf = new Map<Endpoint, number>();
  for (const u of units) for (const m of u.members) partsOf.set(m.owner, (partsOf.get(m.owner) ?? 0) + 1);
  const byUnit: MatrixParty[][] = [];
  const parties: MatrixParty[] = [];
  for (const u of units) {
    const list: MatrixParty[] = [];
    for (const m of u.members) {
      const whole = partsOf.get(m.owner) === 1;
      const party: MatrixParty = {
        kind: 'endpoint',
        index: m.owner.index,
        id: m.owner.id,
        name: m.owner.name,
        display: whole ? m.owner.name : `${m.owner.name.replace(/\[[^\]]*\]$/, '')}[${formatAddresses(m.addresses)}]`,
        network: m.owner.network,
        addresses: m.addresses,
        whole,
      };
      list.push(party);
      parties.push(party);
    }
    byUnit.push(list);
  }
  parties.sort((a, b) => (a.kind === 'endpoint' && b.kind === 'endpoint' ? a.index - b.index || (a.addresses.min() ?? -1) - (b.addresses.min() ?? -1) : 0));
  return { parties, byUnit };
}

function listNetworks(estate: Estate): MatrixNetwork[] {
  const ids = new Set<string>();
  for (const e of estate.endpoints) ids.add(e.network);
  for (const s of estate.segments) ids.add(s.network);
  return [...ids].map((id) => ({ id, name: estate.scopeNames[id] ?? id })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function computeMatrix(estate: Estate, options: MatrixOptions): Matrix {
  const units = buildUnits(estate, options.level);
  const table = new ConnTable();
  const rows = new SideRows(estate, units.internal, table);
  const outcomes = new Outcomes();
  const results = computeUnitResults(estate, units, rows, outcomes);
  const { parties, byUnit } = buildParties(units.internal);
  /** Every listed (src, dst, outcome); the single place that expands units to parties. */
  const forEachPair = (visit: (src: MatrixParty, dst: MatrixParty, outcome: number) => void): void => {
    const tr = results.internal;
    for (let k = 0; k < results.internalCount; k++) {
      const srcs = byUnit[tr[3 * k]!]!;
      const dsts = byUnit[tr[3 * k + 1]!]!;
      const outcome = tr[3 * k + 2]!;
      for (const src of srcs) {
        for (const dst of dsts) {
          if (src.kind === 'endpoint' && dst.kind === 'endpoint' && src.index === dst.index) continue;
          visit(src, dst, outcome);
        }
      }
    }
    units.internal.forEach((_, i) => {
      for (const [outcome, addresses] of results.toInternet[i]!) {
        const ext: MatrixParty = { kind: 'external', addresses };
        for (const src of byUnit[i]!) visit(src, ext, outcome);
      }
      for (const [outcome, addresses] of results.fromInternet[i]!) {
        const ext: MatrixParty = { kind: 'external', addresses };
        for (const dst of byUnit[i]!) visit(ext, dst, outcome);
      }
    });
  };
  const forEachEntry = (visit: (e: MatrixEntry) => void): void =>
    forEachPair((src, dst, outcome) =>
      visit({ src, dst, allowed: table.get(outcomes.allowed[outcome]!), replyBlocked: table.get(outcomes.blocked[outcome]!) }),
    );
  let entryCount = 0;
  forEachPair(() => entryCount++);
  let entries: MatrixEntry[] | undefined;
  return {
    level: options.level,
    get entries(): readonly MatrixEntry[] {
      if (entries === undefined) {
        const list: MatrixEntry[] = [];
        forEachEntry((e) => list.push(e));
        entries = list;
      }
      return entries;
    },
    classCount: units.internal.length,
    externalClassCount: units.external.length,
    parties,
    networks: listNetworks(estate),
    entryCount,
    internet: estate.internet,
    assumptions: estate.assumptions,
    forEachEntry,
  };
}
