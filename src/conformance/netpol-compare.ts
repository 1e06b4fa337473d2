// Semantic comparison of two netpol-analyzer connectivity lists: per ordered
// pair of internal peers the complete connection set (per protocol, the
// destination ports 1-65535); per internal peer and direction, external
// addresses compared interval by interval (each address must get the same
// connections on both sides, whatever way the lists cut the ranges).

import { IntervalSet } from '../model/intervals.js';
import { formatIpv4 } from '../model/ip.js';
import { NETPOL_PROTOCOLS, type ExpectedConnection, type ExpectedConnlist, type ExpectedPeer } from './netpol-expected.js';

const FULL = IntervalSet.range(1, 65535);

/** A canonical text for a connection, e.g. "TCP 80,8080|UDP 53"; '' for nothing. */
export function connectionKey(conn: ExpectedConnection): string {
  const parts: string[] = [];
  for (const p of NETPOL_PROTOCOLS) {
    const ports = conn.kind === 'all' ? FULL : IntervalSet.of(conn.protocols[p] ?? []);
    if (!ports.isEmpty()) parts.push(`${p} ${ports.key()}`);
  }
  return parts.join('|');
}

interface Collected {
  /** "src => dst" of internal pairs → connection key (several lines of one pair are joined). */
  readonly internal: Map<string, string>;
  /** "peer => external" / "external => peer" → address pieces with their key. */
  readonly external: Map<string, { lo: number; hi: number; key: string }[]>;
}

function peerText(p: ExpectedPeer): string {
  return p.text;
}

function collect(list: ExpectedConnlist): Collected {
  const internal = new Map<string, string>();
  const external = new Map<string, { lo: number; hi: number; key: string }[]>();
  for (const l of list.lines) {
    const key = connectionKey(l.conn);
    if (l.src.kind === 'internal' && l.dst.kind === 'internal') {
      const k = `${peerText(l.src)} => ${peerText(l.dst)}`;
      const seen = internal.get(k);
      internal.set(k, seen === undefined ? key : `${seen} + ${key}`);
      continue;
    }
    const ext = l.src.kind === 'external' ? l.src : l.dst.kind === 'external' ? l.dst : undefined;
    if (ext === undefined || ext.kind !== 'external') continue;
    const k = l.src.kind === 'external' ? `[External] => ${peerText(l.dst)}` : `${peerText(l.src)} => [External]`;
    const pieces = external.get(k) ?? [];
    pieces.push({ lo: ext.lo, hi: ext.hi, key });
    external.set(k, pieces);
  }
  return { internal, external };
}

function keyAt(pieces: readonly { lo: number; hi: number; key: string }[], ip: number): string {
  const keys = pieces.filter((p) => p.lo <= ip && ip <= p.hi).map((p) => p.key);
  return keys.length === 0 ? '(nothing)' : keys.join(' + ');
}

function range(lo: number, hi: number): string {
  return `${formatIpv4(lo)}-${formatIpv4(hi)}`;
}

/** Differences between the expected and the computed list, one text per difference; empty when equal. */
export function compareConnlists(expected: ExpectedConnlist, computed: ExpectedConnlist): string[] {
  const diffs: string[] = [];
  for (const p of expected.problems) diffs.push(`expected line ${p.line} unreadable: ${p.reason}`);
  for (const p of computed.problems) diffs.push(`computed line unreadable: ${p.text} (${p.reason})`);
  const e = collect(expected);
  const c = collect(computed);
  const pairs = [...new Set([...e.internal.keys(), ...c.internal.keys()])].sort();
  for (const k of pairs) {
    const want = e.internal.get(k) ?? '(nothing)';
    const got = c.internal.get(k) ?? '(nothing)';
    if (want !== got) diffs.push(`${k}: expected ${want}, computed ${got}`);
  }
  const sides = [...new Set([...e.external.keys(), ...c.external.keys()])].sort();
  for (const k of sides) {
    const want = e.external.get(k) ?? [];
    const got = c.external.get(k) ?? [];
    const cuts = new Set<number>([0]);
    for (const p of [...want, ...got]) {
      cuts.add(p.lo);
      if (p.hi < 0xffffffff) cuts.add(p.hi + 1);
    }
    const starts = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i < starts.length; i++) {
      const lo = starts[i]!;
      const hi = i + 1 < starts.length ? starts[i + 1]! - 1 : 0xffffffff;
      const a = keyAt(want, lo);
      const b = keyAt(got, lo);
      if (a !== b) diffs.push(`${k.replace('[External]', `${range(lo, hi)}[External]`)}: expected ${a}, computed ${b}`);
    }
  }
  return diffs;
}
