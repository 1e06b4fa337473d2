// The short way to a witness: most satisfiable queries have a packet on the
// header a person would pick first (TCP, then UDP, on the first well-known
// destination port that can occur). Substituting that protocol and port into
// the assertions (every tracker on) folds away every rule those fields rule
// out, so the solver first sees a formula a fraction of the full one's size.
// A model of the folded formula is a model of the full one with that header;
// the fold is chosen so that it is also the header the full witness
// preference (witness-preference.ts) would settle on, so answers do not
// depend on which way was taken. A deeper fold also pins the ephemeral
// source port and the lowest class of the side pinned first: when it has a
// model, those are the preference's next two choices too.

import { PROTO, type HeaderField } from '../model/packet.js';
import { substitute } from '../encode/evaluate-term.js';
import type { EncodedScene } from '../encode/obligations.js';
import type { Term } from '../encode/term.js';
import { classSides, EPHEMERAL_SOURCE_PORT, PREFERRED_PORTS } from './witness-preference.js';

export interface PreferredFold {
  /** The header fields the fold fixed, and their values (the preferences need not pin these). */
  readonly pins: ReadonlyMap<HeaderField, number>;
  /** The assertions with those values (and every tracker on) folded in, plus the pins themselves. */
  readonly asserts: readonly Term[];
}

/** Protocols in the witness preference's order that have preferred ports. */
const PROTOCOL_ORDER = [PROTO.TCP, PROTO.UDP] as const;

function foldsToFalse(roots: readonly Term[], falseTerm: Term): boolean {
  return roots.some((r) => r === falseTerm);
}

/**
 * Folds for the first protocol (TCP, then UDP) whose fold is not false, one
 * per preferred destination port whose fold is not false, in the order of
 * preference; empty when no protocol of the order is left (the full search
 * decides). A fold that is false has no model, so every protocol and port
 * passed over has none; a caller that tries the folds in order, skipping
 * those the solver finds unsatisfiable, lands on the protocol and port the
 * full preference picks.
 */
export function* preferredFolds(e: EncodedScene, asserts: readonly Term[]): Generator<PreferredFold> {
  const { f, v, trackers } = e.ctx;
  const on = trackers.allTrue();
  for (const protocol of PROTOCOL_ORDER) {
    const byProtocol = substitute(f, asserts, new Map<string, number | boolean>([...on, ['protocol', protocol]]));
    if (foldsToFalse(byProtocol, f.FALSE)) continue;
    for (const port of PREFERRED_PORTS[protocol] ?? []) {
      const byPort = substitute(f, byProtocol, new Map([['dstPort', port]]));
      if (foldsToFalse(byPort, f.FALSE)) continue;
      const pins = new Map<HeaderField, number>([
        ['protocol', protocol],
        ['dstPort', port],
      ]);
      const pinTerms = [f.eq(v.header.protocol, f.bv(protocol, 8)), f.eq(v.header.dstPort, f.bv(port, 16))];
      yield { pins, asserts: [...byPort.filter((t) => t !== f.TRUE), ...pinTerms] };
    }
    return;
  }
}

/**
 * `fold` with the source port 49152 (for protocols with ports) and the side
 * pinned first (classSides) at its lowest class folded in; undefined when
 * that folds to false. A model of it is what the preferences reach: 49152
 * has a model, so the source-port preference keeps it, and no class is
 * lower than the lowest of the domain.
 */
export function deeperFold(e: EncodedScene, fold: PreferredFold): PreferredFold | undefined {
  const { f, v } = e.ctx;
  const [first] = classSides(e);
  const lowest = first.domain[0];
  if (lowest === undefined) return undefined;
  const values = new Map<string, number>([[first.clsName, lowest]]);
  const pinTerms = [f.eq(first.cls, f.bv(lowest, f.widthOf(first.cls)))];
  if (fold.pins.get('protocol') !== PROTO.ICMP) {
    values.set('srcPort', EPHEMERAL_SOURCE_PORT);
    pinTerms.push(f.eq(v.header.srcPort, f.bv(EPHEMERAL_SOURCE_PORT, 16)));
  }
  const folded = substitute(f, fold.asserts, values);
  if (foldsToFalse(folded, f.FALSE)) return undefined;
  return { pins: fold.pins, asserts: [...folded.filter((t) => t !== f.TRUE), ...pinTerms] };
}
