// The short way to a witness: most satisfiable queries have a packet on the
// header a person would pick first (TCP, then UDP, on the first well-known
// destination port that can occur). Substituting that protocol and port into
// the assertions (every tracker on) folds away every rule those fields rule
// out, so the solver first sees a formula a fraction of the full one's size.
// A model of the folded formula is a model of the full one with that header;
// the fold is chosen so that it is also the header the full witness
// preference (witness-preference.ts) would settle on, so answers do not
// depend on which way was taken.

import { PROTO, type HeaderField } from '../model/packet.js';
import { substitute } from '../encode/evaluate-term.js';
import type { EncodedScene } from '../encode/obligations.js';
import type { Term } from '../encode/term.js';
import { PREFERRED_PORTS } from './witness-preference.js';

export interface PreferredFold {
  /** The header fields the fold fixed, and their values. */
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
 * The first protocol (TCP, then UDP) whose fold is not false, and its first
 * preferred destination port whose fold is not false; undefined when that
 * protocol has no such port or no protocol of the order is left (the full
 * search decides). A fold that is false has no model, so every protocol and
 * port passed over has none: when the folded formula has a model, the full
 * preference picks this protocol and this port too.
 */
export function preferredFold(e: EncodedScene, asserts: readonly Term[]): PreferredFold | undefined {
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
      return { pins, asserts: [...byPort.filter((t) => t !== f.TRUE), ...pinTerms] };
    }
    return undefined;
  }
  return undefined;
}
