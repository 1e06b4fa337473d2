// Semantic comparison of two parsed np-guard AWS reports: per VPC section, per
// ordered pair of internal parties the union of connection sets and the union
// of `*`-marked sets must be equal; per internal party and direction, the
// external address space must map to the same sets address by address (line
// splitting, cube order and range merging may differ).

import { formatNpGuard } from '../analysis/connset-format.js';
import { ConnSet } from '../analysis/connset.js';
import { IntervalSet } from '../model/intervals.js';
import { formatIpRange } from '../model/ip.js';
import type { NpGuardLine, NpGuardSection } from './npguard-aws-parse.js';

interface PairSets {
  allowed: ConnSet;
  blocked: ConnSet;
  label: string;
}

interface ExternalPiece {
  readonly addresses: IntervalSet;
  readonly allowed: ConnSet;
  readonly blocked: ConnSet;
}

interface Digest {
  readonly internal: Map<string, PairSets>;
  readonly external: Map<string, { label: string; pieces: ExternalPiece[] }>;
}

function digest(lines: readonly NpGuardLine[]): Digest {
  const internal = new Map<string, PairSets>();
  const external = new Map<string, { label: string; pieces: ExternalPiece[] }>();
  for (const l of lines) {
    const blocked = l.starred ? l.conn : ConnSet.NONE;
    if (l.src.kind === 'internal' && l.dst.kind === 'internal') {
      const key = `${l.src.key} => ${l.dst.key}`;
      const prev = internal.get(key);
      if (prev) {
        prev.allowed = prev.allowed.union(l.conn);
        prev.blocked = prev.blocked.union(blocked);
      } else internal.set(key, { allowed: l.conn, blocked, label: `${l.src.text} => ${l.dst.text}` });
      continue;
    }
    const [inner, ext, arrow] = l.src.kind === 'internal' ? [l.src, l.dst, '=> internet'] : [l.dst, l.src, '<= internet'];
    if (inner.kind !== 'internal' || ext.kind !== 'external') continue;
    const key = `${inner.key} ${arrow}`;
    const entry = external.get(key) ?? { label: `${inner.text} ${arrow}`, pieces: [] };
    entry.pieces.push({ addresses: ext.addresses, allowed: l.conn, blocked });
    external.set(key, entry);
  }
  return { internal, external };
}

function describe(allowed: ConnSet, blocked: ConnSet): string {
  if (allowed.isEmpty()) return 'nothing';
  return blocked.isEmpty() ? formatNpGuard(allowed) : `${formatNpGuard(allowed)} (reply blocked: ${formatNpGuard(blocked)})`;
}

function lookup(pieces: readonly ExternalPiece[], ip: number): { allowed: ConnSet; blocked: ConnSet } {
  let allowed = ConnSet.NONE;
  let blocked = ConnSet.NONE;
  for (const p of pieces) {
    if (!p.addresses.has(ip)) continue;
    allowed = allowed.union(p.allowed);
    blocked = blocked.union(p.blocked);
  }
  return { allowed, blocked };
}

function compareExternal(label: string, expected: readonly ExternalPiece[], actual: readonly ExternalPiece[], out: string[]): void {
  const cuts = new Set<number>();
  for (const p of [...expected, ...actual]) {
    for (const r of p.addresses.ranges) {
      cuts.add(r.lo);
      cuts.add(r.hi + 1);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const lo = points[i]!;
    const hi = points[i + 1]! - 1;
    const e = lookup(expected, lo);
    const a = lookup(actual, lo);
    if (e.allowed.equals(a.allowed) && e.blocked.equals(a.blocked)) continue;
    out.push(`${label} ${formatIpRange(lo, hi)}: expected ${describe(e.allowed, e.blocked)}, got ${describe(a.allowed, a.blocked)}`);
  }
}

/** Differences between two reports, as short lines; empty when they agree. */
export function compareNpGuardReports(expected: readonly NpGuardSection[], actual: readonly NpGuardSection[]): string[] {
  const out: string[] = [];
  const byTitle = (s: readonly NpGuardSection[]) => new Map(s.map((x) => [x.title, x]));
  const exp = byTitle(expected);
  const act = byTitle(actual);
  for (const t of exp.keys()) if (!act.has(t)) out.push(`missing section "${t}"`);
  for (const t of act.keys()) if (!exp.has(t)) out.push(`unexpected section "${t}"`);
  for (const [title, e] of exp) {
    const a = act.get(title);
    if (a === undefined) continue;
    const de = digest(e.lines);
    const da = digest(a.lines);
    for (const key of new Set([...de.internal.keys(), ...da.internal.keys()])) {
      const x = de.internal.get(key);
      const y = da.internal.get(key);
      const xa = x?.allowed ?? ConnSet.NONE;
      const xb = x?.blocked ?? ConnSet.NONE;
      const ya = y?.allowed ?? ConnSet.NONE;
      const yb = y?.blocked ?? ConnSet.NONE;
      if (xa.equals(ya) && xb.equals(yb)) continue;
      out.push(`${(x ?? y)!.label}: expected ${describe(xa, xb)}, got ${describe(ya, yb)}`);
    }
    for (const key of new Set([...de.external.keys(), ...da.external.keys()])) {
      const label = (de.external.get(key) ?? da.external.get(key))!.label;
      compareExternal(label, de.external.get(key)?.pieces ?? [], da.external.get(key)?.pieces ?? [], out);
    }
  }
  return out;
}
