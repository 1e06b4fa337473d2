// The connectivity matrix: for every ordered pair of parties (endpoints or
// segments, and pieces of the internet) the exact set of connections allowed,
// and the TCP part whose replies the stateless layers block. Semantics are
// those of `evaluatePath`/`evaluateReply`; the work is per unit pair (units:
// addresses every rule treats alike, see matrix-units.ts) with per-side rows
// shared by all units of a profile (matrix-rows.ts), then expanded to parties.
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
import { ConnTable, pairKey } from './conn-table.js';
import { SideRows } from './matrix-rows.js';
import { buildUnits, type Unit } from './matrix-units.js';

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
  readonly toInternet: Map<number, IntervalSet>[];
  readonly fromInternet: Map<number, IntervalSet>[];
}

/** Interned (allowed, replyBlocked) outcomes. */
class Outcomes {
  readonly allowed: number[] = [];
  readonly blocked: number[] = [];
  private readonly byPair = new Map<number, number>();

  id(allowed: number, blocked: number): number {
    const key = pairKey(allowed, blocked);
    let id = this.byPair.get(key);
    if (id === undefined) {
      id = this.allowed.length;
      this.allowed.push(allowed);
      this.blocked.push(blocked);
      this.byPair.set(key, id);
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

/** Address ranges gathered for one outcome; `compactedAt` = length after the last merge. */
interface RangeList {
  ranges: Range[];
  compactedAt: number;
}

function computeUnitResults(estate: Estate, units: ReturnType<typeof buildUnits>, rows: SideRows, outcomes: Outcomes): UnitResults {
  const t = rows.table;
  const tcp = t.id(TCP_ONLY);
  const { netOf, linked } = networkGates(estate, units.all);
  const blockedMemo = new Map<number, number>();
  const blockedOf = (allowed: number, reply: number): number => {
    const tcpPart = t.intersect(allowed, tcp);
    if (tcpPart === t.NONE || reply === t.ALL) return t.NONE;
    const key = pairKey(tcpPart, reply);
    let id = blockedMemo.get(key);
    if (id === undefined) {
      id = t.id(t.get(tcpPart).subtract(t.get(reply).swapPorts()));
      blockedMemo.set(key, id);
    }
    return id;
  };
  const egress = { direction: 'egress', statelessOnly: false } as const;
  const ingress = { direction: 'ingress', statelessOnly: false } as const;
  const replyEgress = { direction: 'egress', statelessOnly: true } as const;
  const replyIngress = { direction: 'ingress', statelessOnly: true } as const;
  const n = units.all.length;
  const ingressRows: Int32Array[] = [];
  const replyEgressRows: Int32Array[] = [];
  for (const u of units.all) {
    ingressRows.push(rows.row(u, ingress));
    replyEgressRows.push(rows.row(u, replyEgress));
  }
  let triples = new Int32Array(3 * 1024);
  let count = 0;
  // External addresses are gathered as range lists and merged in batches:
  // merging set by set copies the growing set for every external unit. A list
  // is compacted when it doubles (adjacent pieces merge), bounding memory.
  const toInternetRanges: Map<number, RangeList>[] = units.internal.map(() => new Map());
  const fromInternetRanges: Map<number, RangeList>[] = units.internal.map(() => new Map());
  const addTo = (m: Map<number, RangeList>, outcome: number, addresses: IntervalSet): void => {
    let list = m.get(outcome);
    if (list === undefined) {
      list = { ranges: [], compactedAt: 0 };
      m.set(outcome, list);
    }
    for (const r of addresses.ranges) list.ranges.push(r);
    if (list.ranges.length > 2 * list.compactedAt + 1024) {
      list.ranges = [...IntervalSet.of(list.ranges).ranges];
      list.compactedAt = list.ranges.length;
    }
  };
  for (const s of units.internal) {
    const eg = rows.row(s, egress);
    const replyIn = rows.row(s, replyIngress);
    const sOwner = s.owner!;
    const sNet = netOf[s.index]!;
    for (let di = 0; di < n; di++) {
      const d = units.all[di]!;
      const gate = d.kind === 'external' ? sOwner.internet.outbound : linked(sNet, netOf[di]!);
      if (!gate) continue;
      const allowed = t.intersect(eg[di]!, ingressRows[di]![s.index]!);
      if (allowed === t.NONE) continue;
      const reply = t.intersect(replyEgressRows[di]![s.index]!, replyIn[di]!);
      const outcome = outcomes.id(allowed, blockedOf(allowed, reply));
      if (d.kind === 'external') {
        addTo(toInternetRanges[s.index]!, outcome, d.addresses);
        continue;
      }
      if (count * 3 + 3 > triples.length) {
        const bigger = new Int32Array(triples.length * 2);
        bigger.set(triples);
        triples = bigger;
      }
      triples[count * 3] = s.index;
      triples[count * 3 + 1] = di;
      triples[count * 3 + 2] = outcome;
      count++;
    }
  }
  for (const x of units.external) {
    const eg = rows.row(x, egress);
    const replyIn = rows.row(x, replyIngress);
    for (const d of units.internal) {
      if (!d.owner!.internet.inbound) continue;
      const allowed = t.intersect(eg[d.index]!, ingressRows[d.index]![x.index]!);
      if (allowed === t.NONE) continue;
      const reply = t.intersect(replyEgressRows[d.index]![x.index]!, replyIn[d.index]!);
      addTo(fromInternetRanges[d.index]!, outcomes.id(allowed, blockedOf(allowed, reply)), x.addresses);
    }
  }
  const merged = (lists: Map<number, RangeList>[]): Map<number, IntervalSet>[] =>
    lists.map((m) => new Map([...m].map(([outcome, list]) => [outcome, IntervalSet.of(list.ranges)] as const)));
  return { internal: triples, internalCount: count, toInternet: merged(toInternetRanges), fromInternet: merged(fromInternetRanges) };
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
  const rows = new SideRows(estate, units.all, table);
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
