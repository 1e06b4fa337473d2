// Steers a satisfiable query toward one packet, the same every time: first
// the packet a person would pick (TCP before UDP before ICMP, well-known
// destination ports, the ephemeral source port 49152, ICMP echo request),
// then the lexicographically smallest of what is left (remaining header
// fields, the classes, the lowest address of an internet range). Each step asserts a preference in a pushed scope and keeps
// it only when the solver still finds a model; a step the current model
// already meets costs no check. Every choice depends only on which
// constraints are satisfiable, never on the model the solver happened to
// return, so a query gets the same witness in a fresh engine and in a
// long-lived one (whose Z3 context state differs from run to run).

import { hasPorts, PROTO, type HeaderField } from '../model/packet.js';
import type { EncodedScene } from '../encode/obligations.js';
import type { SceneSide } from '../encode/scene.js';
import { lowerBound } from '../model/search.js';
import { evaluateTerm, lowestSatisfying, substitute, valueEdges } from '../encode/evaluate-term.js';
import { variablesOf, type Term, type VarTerm } from '../encode/term.js';
import type { SolverSession } from '../solve/z3.js';

export type Values = ReadonlyMap<string, number | boolean>;

export const PREFERRED_PORTS: Readonly<Record<number, readonly number[]>> = {
  [PROTO.TCP]: [443, 80, 22, 5432, 8080, 3306, 6379, 8443, 25, 53, 3389, 9200, 27017, 8000, 9000],
  [PROTO.UDP]: [53, 123, 161, 514, 500, 1194, 4789],
  [PROTO.SCTP]: [2905, 3868, 36412],
};
export const EPHEMERAL_SOURCE_PORT = 49152;

/**
 * The packet the solver should try first (TCP 443 from 49152): when it is
 * allowed, the first model already meets the first preference, and the
 * check that would steer to it is saved.
 */
export const FIRST_GUESS: ReadonlyMap<string, number> = new Map<HeaderField, number>([
  ['protocol', PROTO.TCP],
  ['dstPort', PREFERRED_PORTS[PROTO.TCP]![0]!],
  ['srcPort', EPHEMERAL_SOURCE_PORT],
]);

/** Every variable a witness is read from. */
export function witnessVariables(e: EncodedScene): VarTerm[] {
  const { v } = e.ctx;
  return variablesOf([...Object.values(v.header), v.src.cls, v.dst.cls]);
}

/** One side's class variable, its address variable, and the class ids it may take (ascending). */
export interface ClassSide {
  readonly cls: Term;
  readonly clsName: 'srcClass' | 'dstClass';
  readonly ip: Term;
  readonly ipName: 'srcIp' | 'dstIp';
  readonly domain: readonly number[];
}

/**
 * The two sides in the order their classes are pinned: the side with fewer
 * classes first (by the solver), then the other (mostly by evaluation).
 */
export function classSides(e: EncodedScene): readonly [ClassSide, ClassSide] {
  const { v, scene } = e.ctx;
  const h = v.header;
  const domain = (side: SceneSide): number[] =>
    [...side.classIds, ...(side.internet.isEmpty() ? [] : [scene.internetClass])].sort((a, b) => a - b);
  const src: ClassSide = { cls: v.src.cls, clsName: 'srcClass', ip: h.srcIp, ipName: 'srcIp', domain: domain(scene.from) };
  const dst: ClassSide = { cls: v.dst.cls, clsName: 'dstClass', ip: h.dstIp, ipName: 'dstIp', domain: domain(scene.to) };
  return dst.domain.length < src.domain.length ? [dst, src] : [src, dst];
}

export interface PreferenceResult {
  readonly values: Values;
  /** Scopes pushed; the caller pops them when done with the model. */
  readonly pushed: number;
}

/**
 * Starting from a satisfiable check of `asserted` (every assertion in the
 * session), applies the preferences in order, then pins the remaining
 * witness variables to their smallest values (header fields, source class,
 * destination class, the internet side's address), and
 * returns the model of the last satisfiable check. When a check gives up
 * (time budget), the model found so far is returned. `preset` names header
 * fields the assertions already pin to the values the preferences would
 * choose (see preferred-fold.ts).
 */
export async function preferWitness(
  session: SolverSession,
  e: EncodedScene,
  asserted: readonly Term[],
  initial: Values,
  preset: ReadonlySet<HeaderField> = new Set(),
): Promise<PreferenceResult> {
  const { f, v, scene, trackers } = e.ctx;
  const vars = witnessVariables(e);
  let values = initial;
  let pushed = 0;
  let gaveUp = false;
  /** Variables whose value a kept preference fixed. */
  const fixed = new Set<string>(preset);
  /** Asserts `t` in a new scope; true (scope kept) when a model remains. */
  const tryAssert = async (t: Term): Promise<boolean> => {
    if (t.op === 'const' && !t.value) return false;
    session.push();
    session.add([t]);
    if (evaluateTerm(t, values) === true) {
      pushed++;
      return true;
    }
    const r = gaveUp ? 'unknown' : await session.check();
    if (r === 'sat') {
      pushed++;
      values = session.values(vars);
      return true;
    }
    if (r === 'unknown') gaveUp = true;
    session.pop();
    return false;
  };
  /** Tries candidates in order; keeps the first that still has a model. */
  const prefer = async (candidates: readonly Term[]): Promise<boolean> => {
    for (const c of candidates) if (await tryAssert(c)) return true;
    return false;
  };
  const num = (name: string): number => values.get(name) as number;
  const h = v.header;
  const pin = async (name: HeaderField, x: Term, value: number): Promise<boolean> => {
    const kept = await prefer([f.eq(x, f.bv(value, f.widthOf(x)))]);
    if (kept) fixed.add(name);
    return kept;
  };
  // The usual case in one check: TCP 443 (or the first preferred port) from 49152.
  const ideal = (port: number): Term =>
    f.and(f.eq(h.protocol, f.bv(PROTO.TCP, 8)), f.eq(h.dstPort, f.bv(port, 16)), f.eq(h.srcPort, f.bv(EPHEMERAL_SOURCE_PORT, 16)));
  if (!fixed.has('protocol') && (await prefer([ideal(PREFERRED_PORTS[PROTO.TCP]![0]!)]))) for (const n of ['protocol', 'dstPort', 'srcPort'] as const) fixed.add(n);
  if (!fixed.has('protocol')) {
    for (const p of [PROTO.TCP, PROTO.UDP, PROTO.ICMP]) if (await pin('protocol', h.protocol, p)) break;
  }
  const protocol = num('protocol');
  if (hasPorts(protocol)) {
    const ports = PREFERRED_PORTS[protocol] ?? [];
    if (!fixed.has('dstPort') && ports.length > 0 && (await prefer([f.inValues(h.dstPort, ports)]))) {
      // The most familiar port that still has a model: one check when the model's is already it.
      const current = ports.indexOf(num('dstPort'));
      if (current > 0 && (await prefer([f.inValues(h.dstPort, ports.slice(0, current))]))) {
        const better = ports.indexOf(num('dstPort'));
        for (const p of ports.slice(0, better + 1)) if (await pin('dstPort', h.dstPort, p)) break;
      }
      await pin('dstPort', h.dstPort, num('dstPort'));
    }
    if (!fixed.has('srcPort')) await pin('srcPort', h.srcPort, EPHEMERAL_SOURCE_PORT);
  } else if (protocol === PROTO.ICMP) {
    if (await prefer([f.and(f.eq(h.icmpType, f.bv(8, 8)), f.eq(h.icmpCode, f.bv(0, 8)))])) {
      fixed.add('icmpType');
      fixed.add('icmpCode');
    }
  }

  /**
   * Pins `x` to its smallest value that still has a model: first asks for
   * anything below the model's value (usually one unsat check), then
   * bisects, each sat check lowering the bound to the new model's value.
   */
  const lowest = async (x: Term, name: string, domain?: readonly number[]): Promise<void> => {
    // Positions in the sorted domain (the value itself without one).
    const at = (i: number): number => (domain === undefined ? i : domain[i]!);
    const position = (value: number): number => (domain === undefined ? value : lowerBound(domain, value));
    let lo = 0;
    let hi = position(num(name));
    let firstTry = true;
    while (lo < hi && !gaveUp) {
      const mid = firstTry ? hi - 1 : lo + Math.floor((hi - lo - 1) / 2);
      firstTry = false;
      if (await tryAssert(f.ule(x, f.bv(at(mid), f.widthOf(x))))) hi = position(num(name));
      else lo = mid + 1;
    }
    await tryAssert(f.eq(x, f.bv(num(name), f.widthOf(x))));
  };
  /**
   * Pins the last free variable without the solver: with every other
   * witness variable fixed (and every tracker on), the assertions fold to a
   * formula of `x` alone, whose smallest model is found by evaluation.
   * Falls back to the solver when something else is left.
   */
  const lowestByEvaluation = async (x: Term, name: string): Promise<void> => {
    const assignment = new Map([...trackers.allTrue(), ...values]);
    assignment.delete(name);
    const folded = substitute(f, asserted, assignment);
    const best = lowestSatisfying(folded, name, 0, num(name));
    if (best === undefined) return lowest(x, name);
    const next = new Map(values);
    next.set(name, best);
    values = next;
    // The solver learns the pin too (it holds: no check), for any step after.
    await tryAssert(f.eq(x, f.bv(best, f.widthOf(x))));
  };
  /**
   * The smallest class on one side and then the smallest internet address
   * on the other, without the solver, when the internet side is fixed: the
   * assertions fold to a formula of the two; class candidates are tried in
   * ascending order up to the model's, each folded again to a formula of the
   * address alone. False when something else is left.
   */
  const lowestPairByEvaluation = (clsName: string, ipName: string): boolean => {
    const assignment = new Map([...trackers.allTrue(), ...values]);
    assignment.delete(clsName);
    assignment.delete(ipName);
    const folded = substitute(f, asserted, assignment);
    for (const c of valueEdges(folded, clsName, 0, num(clsName))) {
      const ip = lowestSatisfying(substitute(f, folded, new Map([[clsName, c]])), ipName, 0, 2 ** 32 - 1);
      if (ip === undefined) continue;
      const next = new Map(values);
      next.set(clsName, c);
      next.set(ipName, ip);
      values = next;
      return true;
    }
    return false;
  };
  const rest: HeaderField[] = ['protocol'];
  if (hasPorts(num('protocol'))) rest.push('dstPort', 'srcPort');
  if (num('protocol') === PROTO.ICMP) rest.push('icmpType', 'icmpCode');
  for (const name of rest) if (!fixed.has(name)) await lowest(h[name], name);
  // Classes: the side with fewer classes by the solver, then the other by
  // evaluation (a choice made by the scene alone, so still canonical).
  // Addresses matter only for the internet class (an endpoint's come from
  // the endpoint); an internal class does not read its side's address, and
  // the internet class (the highest id) is only reached when it is the model's.
  const [first, second] = classSides(e);
  await lowest(first.cls, first.clsName, first.domain);
  if (num(first.clsName) === scene.internetClass) {
    if (!lowestPairByEvaluation(second.clsName, first.ipName)) {
      await lowest(second.cls, second.clsName, second.domain);
      await lowestByEvaluation(first.ip, first.ipName);
    }
    await tryAssert(f.eq(second.cls, f.bv(num(second.clsName), scene.classWidth)));
    await tryAssert(f.eq(first.ip, f.bv(num(first.ipName), f.widthOf(first.ip))));
  } else {
    await lowestByEvaluation(second.cls, second.clsName);
    if (num(second.clsName) === scene.internetClass) await lowestByEvaluation(second.ip, second.ipName);
  }
  return { values, pushed };
}
