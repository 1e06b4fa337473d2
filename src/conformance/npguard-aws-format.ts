// The np-guard (vpc-network-config-analyzer) AWS text format of a matrix: one
// section per VPC (`Endpoint connectivity for VPC <name>` or `Subnet
// connectivity for VPC <name>`), lines `src => dst : conn` sorted as text,
// `<nothing to report>` for an empty section, a trailing ` * ` on the part of a
// pair whose TCP replies are blocked, and the legend line when any `*` was
// printed. Connection sets appear projected onto np-guard's domain (TCP, UDP,
// ICMP; ports 1-65535).

import { formatNpGuard, projectNpGuard } from '../analysis/connset-format.js';
import type { ConnSet } from '../analysis/connset.js';
import type { Matrix, MatrixEntry, MatrixParty } from '../analysis/matrix.js';
import type { IntervalSet } from '../model/intervals.js';
import { formatCidr, toCidrs } from '../model/ip.js';

export const NPGUARD_LEGEND = 'TCP connections for which response is not permitted are marked with * ';

/** `Public Internet (all ranges)` or `Public Internet <CIDR>,<CIDR>…`. */
export function npGuardExternalName(addresses: IntervalSet, internet: IntervalSet): string {
  if (addresses.equals(internet)) return 'Public Internet (all ranges)';
  return `Public Internet ${toCidrs(addresses).map(formatCidr).join(',')}`;
}

function partyName(p: MatrixParty, internet: IntervalSet): string {
  return p.kind === 'external' ? npGuardExternalName(p.addresses, internet) : p.display;
}

/** The connection texts of a pair: the reply-blocked part (to mark with ` * `) and the rest. */
export function npGuardConnTexts(allowed: ConnSet, replyBlocked: ConnSet): { blocked?: string; rest?: string } {
  const blocked = projectNpGuard(replyBlocked);
  const rest = projectNpGuard(allowed).subtract(blocked);
  return {
    ...(blocked.isEmpty() ? {} : { blocked: formatNpGuard(blocked) }),
    ...(rest.isEmpty() ? {} : { rest: formatNpGuard(rest) }),
  };
}

/** The lines of one pair: the reply-blocked part with ` * `, then the rest. */
export function npGuardLines(
  e: MatrixEntry,
  internet: IntervalSet,
  texts: (allowed: ConnSet, replyBlocked: ConnSet) => { blocked?: string; rest?: string } = npGuardConnTexts,
): { lines: string[]; starred: boolean } {
  const head = `${partyName(e.src, internet)} => ${partyName(e.dst, internet)} : `;
  const t = texts(e.allowed, e.replyBlocked);
  const lines: string[] = [];
  if (t.blocked !== undefined) lines.push(`${head}${t.blocked} * `);
  if (t.rest !== undefined) lines.push(`${head}${t.rest}`);
  return { lines, starred: t.blocked !== undefined };
}

/** `npGuardConnTexts` remembered per pair of sets (a matrix shares few distinct sets). */
function cachedConnTexts(): typeof npGuardConnTexts {
  const memo = new Map<ConnSet, Map<ConnSet, { blocked?: string; rest?: string }>>();
  return (allowed, replyBlocked) => {
    let inner = memo.get(allowed);
    if (inner === undefined) {
      inner = new Map();
      memo.set(allowed, inner);
    }
    let t = inner.get(replyBlocked);
    if (t === undefined) {
      t = npGuardConnTexts(allowed, replyBlocked);
      inner.set(replyBlocked, t);
    }
    return t;
  };
}

function networkOf(e: MatrixEntry): string | undefined {
  if (e.src.kind === 'endpoint') return e.src.network;
  if (e.dst.kind === 'endpoint') return e.dst.network;
  return undefined;
}

/** The whole report; cross-network pairs are listed in the source's VPC section. */
export function formatNpGuardAws(m: Matrix): string {
  const byNetwork = new Map<string, string[]>();
  for (const n of m.networks) byNetwork.set(n.id, []);
  let starred = false;
  const texts = cachedConnTexts();
  m.forEachEntry((e) => {
    const net = networkOf(e);
    if (net === undefined) return;
    const out = npGuardLines(e, m.internet, texts);
    starred ||= out.starred;
    let list = byNetwork.get(net);
    if (list === undefined) {
      list = [];
      byNetwork.set(net, list);
    }
    list.push(...out.lines);
  });
  const title = m.level === 'endpoints' ? 'Endpoint connectivity for VPC' : 'Subnet connectivity for VPC';
  const names = new Map(m.networks.map((n) => [n.id, n.name]));
  const sections = [...byNetwork]
    .map(([id, lines]) => ({ name: names.get(id) ?? id, lines: lines.sort() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => [`${title} ${s.name}`, ...(s.lines.length === 0 ? ['<nothing to report>'] : s.lines)].join('\n'));
  return sections.join('\n\n') + '\n' + (starred ? `\n${NPGUARD_LEGEND}\n` : '');
}
