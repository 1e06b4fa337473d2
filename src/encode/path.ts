// The path formula: which (source class, destination class, packet) triples
// the estate allows. Each class is linked to its representative address and
// attributes; each side's layers are encoded per class and shared between
// classes with equal layer verdicts; the internet and network gates and the
// exclusion of self pairs complete it.

import type { EndpointClass } from '../model/classes.js';
import type { Endpoint } from '../model/estate.js';
import type { EstateIndex } from './estate-index.js';
import { IntervalSet } from '../model/intervals.js';
import type { EncodeContext, Judgement } from './context.js';
import { encodeLayer } from './filters.js';
import type { SceneSide } from './scene.js';
import type { Term } from './term.js';
import type { SideVars } from './variables.js';

export interface PathFormula {
  /** Domains of the class variables, class links, excluded pairs: always asserted. */
  readonly definitions: readonly Term[];
  /** The model allows the packet between the two classes. */
  readonly allowed: Term;
  /** Allowed, and no deciding rule or gate rests on an assumption. */
  readonly strict: Term;
}

type Side = 'source' | 'destination';

function sideOf(ctx: EncodeContext, side: Side): { me: SideVars; peer: SideVars; sel: SceneSide; peerSel: SceneSide } {
  const { v, scene } = ctx;
  return side === 'source'
    ? { me: v.src, peer: v.dst, sel: scene.from, peerSel: scene.to }
    : { me: v.dst, peer: v.src, sel: scene.to, peerSel: scene.from };
}

/** The layers (and internet gate) a class's traffic passes on one side. */
function classJudgement(ctx: EncodeContext, cls: EndpointClass, side: Side): Judgement {
  const { f, index, scene } = ctx;
  const e = cls.representative.endpoint;
  const { peer, peerSel } = sideOf(ctx, side);
  const allows: Term[] = [];
  const strict: Term[] = [];
  for (const id of side === 'source' ? e.egressLayers : e.ingressLayers) {
    const layer = index.layer(id);
    const j = encodeLayer(ctx, layer, () => e);
    const scope = layer.bypassWithinScope;
    const value = scope === undefined ? undefined : e.scopes[scope];
    // Bypassed when the peer is an endpoint in the same scope (a contiguous run of class ids for subnets).
    const bypass = scope === undefined || value === undefined ? f.FALSE : f.inSet(peer.cls, scene.classesWithScope(scope, value));
    allows.push(f.or(bypass, j.allows));
    strict.push(f.or(bypass, j.strict));
  }
  if (!peerSel.internet.isEmpty()) {
    const peerIsInternet = f.eq(peer.cls, f.bv(scene.internetClass, scene.classWidth));
    const acc = e.internet;
    const open = side === 'source' ? acc.outbound : acc.inbound;
    for (const a of acc.assumptions) ctx.touchedAssumptions.add(a);
    if (open) {
      if (acc.assumptions.length > 0) strict.push(f.not(peerIsInternet));
    } else {
      const direction = side === 'source' ? 'outbound' : 'inbound';
      const literal = ctx.trackers.literal(`internet:${direction}:${acc.reasons.join(';')}`, () => ({
        kind: 'internet-gate',
        direction,
        endpoint: e,
      }));
      const gate = f.or(f.not(peerIsInternet), f.not(literal));
      allows.push(gate);
      strict.push(gate);
    }
  }
  return { allows: f.and(...allows), strict: f.and(...strict) };
}

function networksInPlay(ctx: EncodeContext, sel: SceneSide): Set<string> {
  return new Set(sel.classIds.map((id) => ctx.scene.classes[id]!.representative.endpoint.network));
}

/**
 * The routing gate between internal endpoints of different networks, if any
 * can meet: a source in network a reaches destinations in a, in networks
 * linked to a, or on the internet.
 */
function networkGate(ctx: EncodeContext): Judgement | undefined {
  const { f, v, index, scene } = ctx;
  const fromNets = networksInPlay(ctx, scene.from);
  const toNets = networksInPlay(ctx, scene.to);
  const inPlay = new Set([...fromNets, ...toNets]);
  if (scene.from.classIds.length === 0 || scene.to.classIds.length === 0 || inPlay.size < 2) return undefined;
  const linked = new Map<string, Set<string>>();
  const strictLinked = new Map<string, Set<string>>();
  const seenPairs = new Set<string>();
  const add = (m: Map<string, Set<string>>, a: string, b: string): void => {
    m.set(a, (m.get(a) ?? new Set()).add(b));
    m.set(b, (m.get(b) ?? new Set()).add(a));
  };
  for (const l of index.estate.networkLinks) {
    if (!inPlay.has(l.a) || !inPlay.has(l.b) || l.a === l.b) continue;
    add(linked, l.a, l.b);
    if (l.assumption !== undefined) ctx.touchedAssumptions.add(l.assumption);
    const key = [l.a, l.b].sort().join('\u0000');
    if (seenPairs.has(key)) continue; // the evaluator consults the first link of a pair
    seenPairs.add(key);
    if (l.assumption === undefined) add(strictLinked, l.a, l.b);
  }
  const dstIsInternet = f.eq(v.dst.cls, f.bv(scene.internetClass, scene.classWidth));
  const literal = ctx.trackers.literal('network', () => ({
    kind: 'network-gate',
    networks: [...inPlay].sort(),
    endpoint: scene.classes[scene.from.classIds[0]!]!.representative.endpoint,
  }));
  const reach = (links: Map<string, Set<string>>, tracked: boolean): Term =>
    f.and(
      ...[...fromNets].map((a) => {
        let targets = scene.classesInNetwork(a);
        for (const b of links.get(a) ?? []) targets = targets.union(scene.classesInNetwork(b));
        const ok = f.or(f.inSet(v.dst.cls, targets), dstIsInternet, tracked ? f.not(literal) : f.FALSE);
        return f.implies(f.inSet(v.src.cls, scene.classesInNetwork(a)), ok);
      }),
    );
  return { allows: reach(linked, true), strict: reach(strictLinked, false) };
}

/** The domain of a side's class, and the internet class's addresses. */
function definitions(ctx: EncodeContext, side: Side): Term[] {
  const { f, scene } = ctx;
  const { me, sel } = sideOf(ctx, side);
  const ip = side === 'source' ? ctx.v.header.srcIp : ctx.v.header.dstIp;
  const hasInternet = !sel.internet.isEmpty();
  const domain = [...sel.classIds, ...(hasInternet ? [scene.internetClass] : [])];
  const out: Term[] = [f.inSet(me.cls, IntervalSet.points(domain))];
  if (hasInternet) {
    out.push(f.implies(f.eq(me.cls, f.bv(scene.internetClass, scene.classWidth)), f.inSet(ip, sel.internet)));
  }
  return out;
}

/** Pairs of classes that hold one and the same endpoint only: not a flow. */
function selfPairExclusions(ctx: EncodeContext): Term[] {
  const { f, v, scene } = ctx;
  const singles = (ids: readonly number[]): Map<number, number[]> => {
    const m = new Map<number, number[]>();
    for (const id of ids) {
      const c = scene.classes[id]!;
      if (c.endpointCount !== 1) continue;
      const e = c.representative.endpoint.index;
      m.set(e, [...(m.get(e) ?? []), id]);
    }
    return m;
  };
  const from = singles(scene.from.classIds);
  const to = singles(scene.to.classIds);
  const out: Term[] = [];
  const cls = (id: number): Term => f.bv(id, scene.classWidth);
  for (const [e, srcIds] of from) {
    for (const k of srcIds) for (const m of to.get(e) ?? []) out.push(f.not(f.and(f.eq(v.src.cls, cls(k)), f.eq(v.dst.cls, cls(m)))));
  }
  const inet = cls(scene.internetClass);
  out.push(f.not(f.and(f.eq(v.src.cls, inet), f.eq(v.dst.cls, inet))));
  return out;
}

/**
 * What a class judgement depends on: the side's layers, the scope values
 * their bypass reads, and internet access. Classes with equal keys share one
 * judgement (built once).
 */
function judgementKey(ctx: EncodeContext, cls: EndpointClass, side: Side): string {
  const e = cls.representative.endpoint;
  let keys = JUDGEMENT_KEYS.get(ctx.index);
  if (keys === undefined) {
    keys = { source: new Map(), destination: new Map() };
    JUDGEMENT_KEYS.set(ctx.index, keys);
  }
  let key = keys[side].get(e);
  if (key === undefined) {
    key = computeJudgementKey(ctx, e, side);
    keys[side].set(e, key);
  }
  return key;
}

/** Judgement keys per estate index, side and endpoint (computed once per engine). */
const JUDGEMENT_KEYS = new WeakMap<EstateIndex, { readonly [S in Side]: Map<Endpoint, string> }>();

function computeJudgementKey(ctx: EncodeContext, e: Endpoint, side: Side): string {
  const ids = side === 'source' ? e.egressLayers : e.ingressLayers;
  const scopes = ids.map((id) => {
    const scope = ctx.index.layer(id).bypassWithinScope;
    return scope === undefined ? '' : (e.scopes[scope] ?? '');
  });
  const acc = e.internet;
  return `${ids.join(',')}\u0000${scopes.join(',')}\u0000${acc.outbound ? 1 : 0}${acc.inbound ? 1 : 0}\u0000${acc.reasons.join(';')}\u0000${acc.assumptions.join(',')}`;
}

/** A run of a side's classes (ascending ids) that share one judgement. */
interface Run {
  readonly lastId: number;
  readonly j: Judgement;
}

/**
 * The judgement of the class in `cls` as a balanced decision tree over runs
 * of equal judgements: `ite(cls <= last id of the left half, left, right)`.
 * The solver follows one path of comparisons to a class's judgement, where
 * "class in group → judgement" implications made it weigh every group's
 * (scattered) id set. Ids outside the side's domain may land in any leaf.
 */
function decisionTree(ctx: EncodeContext, cls: Term, runs: readonly Run[], pick: (j: Judgement) => Term): Term {
  const { f, scene } = ctx;
  const build = (lo: number, hi: number): Term => {
    if (lo === hi) return pick(runs[lo]!.j);
    const mid = (lo + hi) >>> 1;
    const left = build(lo, mid);
    const right = build(mid + 1, hi);
    return f.ite(f.ule(cls, f.bv(runs[mid]!.lastId, scene.classWidth)), left, right);
  };
  return runs.length === 0 ? f.TRUE : build(0, runs.length - 1);
}

function sideTerms(ctx: EncodeContext, side: Side): Judgement[] {
  const { f, scene } = ctx;
  const { me, sel } = sideOf(ctx, side);
  const byKey = new Map<string, Judgement>();
  const runs: Run[] = [];
  for (const id of sel.classIds) {
    const cls = scene.classes[id]!;
    const k = judgementKey(ctx, cls, side);
    let j = byKey.get(k);
    if (j === undefined) {
      j = classJudgement(ctx, cls, side);
      byKey.set(k, j);
    }
    const last = runs[runs.length - 1];
    if (last !== undefined && last.j.allows === j.allows && last.j.strict === j.strict) runs[runs.length - 1] = { lastId: id, j };
    else runs.push({ lastId: id, j });
  }
  // The internet class (the highest id) passes no layer of this side.
  if (!sel.internet.isEmpty()) runs.push({ lastId: scene.internetClass, j: { allows: f.TRUE, strict: f.TRUE } });
  return [{ allows: decisionTree(ctx, me.cls, runs, (j) => j.allows), strict: decisionTree(ctx, me.cls, runs, (j) => j.strict) }];
}

export function encodePath(ctx: EncodeContext): PathFormula {
  const { f } = ctx;
  const gate = networkGate(ctx);
  const parts = [...sideTerms(ctx, 'source'), ...sideTerms(ctx, 'destination'), ...(gate === undefined ? [] : [gate])];
  return {
    definitions: [
      ...definitions(ctx, 'source'),
      ...definitions(ctx, 'destination'),
      ...selfPairExclusions(ctx),
    ],
    allowed: f.and(...parts.map((p) => p.allows)),
    strict: f.and(...parts.map((p) => p.strict)),
  };
}
