// Steers a satisfiable query toward a packet a person would pick: TCP before
// UDP before ICMP, well-known destination ports, the ephemeral source port
// 49152, ICMP echo request, the first address of an internet range. Each step
// asserts a preference in a pushed scope and keeps it only when the solver
// still finds a model (a step the current model already meets costs no check).

import { partitionAddresses } from '../model/classes.js';
import type { Estate } from '../model/estate.js';
import type { IntervalSet } from '../model/intervals.js';
import { hasPorts, PROTO } from '../model/packet.js';
import type { EncodedScene } from '../encode/obligations.js';
import { evaluateTerm } from '../encode/evaluate-term.js';
import { variablesOf, type Term, type VarTerm } from '../encode/term.js';
import type { SolverSession } from '../solve/z3.js';

export type Values = ReadonlyMap<string, number | boolean>;

const PREFERRED_PORTS: Readonly<Record<number, readonly number[]>> = {
  [PROTO.TCP]: [443, 80, 22, 5432, 8080, 3306, 6379, 8443, 25, 53, 3389, 9200, 27017, 8000, 9000],
  [PROTO.UDP]: [53, 123, 161, 514, 500, 1194, 4789],
  [PROTO.SCTP]: [2905, 3868, 36412],
};
export const EPHEMERAL_SOURCE_PORT = 49152;

const INTERNET_PARTS = new WeakMap<Estate, IntervalSet[]>();

/** The estate's internet split into parts every rule treats alike (computed once per estate). */
function internetParts(estate: Estate): IntervalSet[] {
  let parts = INTERNET_PARTS.get(estate);
  if (parts === undefined) {
    parts = partitionAddresses(estate, estate.internet);
    INTERNET_PARTS.set(estate, parts);
  }
  return parts;
}

/** Every variable a witness is read from. */
export function witnessVariables(e: EncodedScene): VarTerm[] {
  const { v } = e.ctx;
  return variablesOf([...Object.values(v.header), v.src.cls, v.dst.cls]);
}

export interface PreferenceResult {
  readonly values: Values;
  /** Scopes pushed; the caller pops them when done with the model. */
  readonly pushed: number;
}

/**
 * Starting from a satisfiable check, applies the preferences in order and
 * returns the model of the last satisfiable check.
 */
export async function preferWitness(
  session: SolverSession,
  e: EncodedScene,
  estate: Estate,
  initial: Values,
): Promise<PreferenceResult> {
  const { f, v, scene } = e.ctx;
  const vars = witnessVariables(e);
  let values = initial;
  let pushed = 0;
  /** Tries candidates in order; keeps the first that still has a model. */
  const prefer = async (candidates: readonly Term[]): Promise<boolean> => {
    for (const c of candidates) {
      if (c.op === 'const' && !c.value) continue;
      session.push();
      session.add([c]);
      if (evaluateTerm(c, values) === true) {
        pushed++;
        return true;
      }
      const r = await session.check();
      if (r === 'sat') {
        pushed++;
        values = session.values(vars);
        return true;
      }
      session.pop();
    }
    return false;
  };
  const num = (name: string): number => values.get(name) as number;
  const h = v.header;
  // The usual case in one check: TCP 443 (or the first preferred port) from 49152.
  const ideal = (port: number): Term =>
    f.and(f.eq(h.protocol, f.bv(PROTO.TCP, 8)), f.eq(h.dstPort, f.bv(port, 16)), f.eq(h.srcPort, f.bv(EPHEMERAL_SOURCE_PORT, 16)));
  await prefer([ideal(PREFERRED_PORTS[PROTO.TCP]![0]!)]);
  await prefer([PROTO.TCP, PROTO.UDP, PROTO.ICMP].map((p) => f.eq(h.protocol, f.bv(p, 8))));
  const protocol = num('protocol');
  if (hasPorts(protocol)) {
    const ports = PREFERRED_PORTS[protocol] ?? [];
    if (ports.length > 0 && (await prefer([f.inValues(h.dstPort, ports)]))) {
      const current = ports.indexOf(num('dstPort'));
      // Refine toward the most familiar ports (a few checks at most).
      if (current > 0) await prefer(ports.slice(0, Math.min(current, 3)).map((p) => f.eq(h.dstPort, f.bv(p, 16))));
    }
    await prefer([f.eq(h.srcPort, f.bv(EPHEMERAL_SOURCE_PORT, 16))]);
  } else if (protocol === PROTO.ICMP) {
    await prefer([f.and(f.eq(h.icmpType, f.bv(8, 8)), f.eq(h.icmpCode, f.bv(0, 8)))]);
  }
  const firstHost = async (cls: string, ipName: 'srcIp' | 'dstIp', space: IntervalSet): Promise<void> => {
    if (num(cls) !== scene.internetClass) return;
    const ip = num(ipName);
    // Every address of a part is treated alike by every rule: its lowest is as good as any.
    const first = internetParts(estate)
      .find((s) => s.has(ip))
      ?.intersect(space)
      .min();
    if (first !== undefined && first !== ip) await prefer([f.eq(h[ipName], f.bv(first, 32))]);
  };
  await firstHost('srcClass', 'srcIp', scene.from.internet);
  await firstHost('dstClass', 'dstIp', scene.to.internet);
  return { values, pushed };
}
