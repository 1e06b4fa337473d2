// netproof's own text rendering of a connectivity matrix: one section per
// network, one line per ordered pair `src => dst : <connections>` (sorted),
// the TCP part whose replies stateless layers block shown after the
// connections, and a legend. Internet parties print as `internet (all)`,
// `internet <CIDRs>`, or `internet (all except <CIDRs>)`, whichever is shorter.

import { formatConnSet } from '../analysis/connset-format.js';
import type { Matrix, MatrixEntry, MatrixParty } from '../analysis/matrix.js';
import type { IntervalSet } from '../model/intervals.js';
import { formatCidr, toCidrs } from '../model/ip.js';

export const REPLY_BLOCKED_MARK = 'replies blocked:';

export function formatMatrixParty(p: MatrixParty, internet: IntervalSet): string {
  if (p.kind === 'endpoint') return p.display;
  if (p.addresses.equals(internet)) return 'internet (all)';
  const listed = toCidrs(p.addresses);
  const missing = toCidrs(internet.subtract(p.addresses));
  // Whichever is shorter: the blocks it covers, or the public space less a few blocks.
  return missing.length < listed.length
    ? `internet (all except ${missing.map(formatCidr).join(',')})`
    : `internet ${listed.map(formatCidr).join(',')}`;
}

/** Formatting with memory: matrices share few distinct sets and parties among many pairs. */
function cached<K extends object>(format: (k: K) => string): (k: K) => string {
  const memo = new Map<K, string>();
  return (k) => {
    let s = memo.get(k);
    if (s === undefined) {
      s = format(k);
      memo.set(k, s);
    }
    return s;
  };
}

export function formatMatrixLine(e: MatrixEntry, internet: IntervalSet, conn = formatConnSet, party = (p: MatrixParty) => formatMatrixParty(p, internet)): string {
  const blocked = e.replyBlocked.isEmpty() ? '' : ` [${REPLY_BLOCKED_MARK} ${conn(e.replyBlocked)}]`;
  return `${party(e.src)} => ${party(e.dst)} : ${conn(e.allowed)}${blocked}`;
}

function networkOf(e: MatrixEntry): string {
  if (e.src.kind === 'endpoint') return e.src.network;
  return e.dst.kind === 'endpoint' ? e.dst.network : '';
}

/**
 * Writes the report in chunks (a section at a time), for matrices too large
 * for one string; a pair between two networks is listed under the source's
 * network.
 */
export function writeMatrixText(m: Matrix, write: (chunk: string) => void): void {
  const byNetwork = new Map<string, string[]>(m.networks.map((n) => [n.id, []]));
  let anyBlocked = false;
  const conn = cached(formatConnSet);
  const party = cached((p: MatrixParty) => formatMatrixParty(p, m.internet));
  m.forEachEntry((e) => {
    anyBlocked ||= !e.replyBlocked.isEmpty();
    const net = networkOf(e);
    const list = byNetwork.get(net) ?? [];
    list.push(formatMatrixLine(e, m.internet, conn, party));
    byNetwork.set(net, list);
  });
  const names = new Map(m.networks.map((n) => [n.id, n.name]));
  const what = m.level === 'endpoints' ? 'endpoint' : 'segment';
  write(
    `Connectivity between ${what}s: ${m.entryCount} pair(s) with traffic, computed over ${m.classCount} ${what} class(es) and ${m.externalClassCount} internet range class(es)\n`,
  );
  for (const [id, lines] of [...byNetwork].sort(([a], [b]) => ((names.get(a) ?? a) < (names.get(b) ?? b) ? -1 : 1))) {
    const name = names.get(id) ?? id;
    write(`\nNetwork ${name}${name === id ? '' : ` (${id})`}\n`);
    if (lines.length === 0) write('  (no traffic)\n');
    lines.sort();
    for (let i = 0; i < lines.length; i += 10_000) write(lines.slice(i, i + 10_000).map((l) => `  ${l}\n`).join(''));
    byNetwork.set(id, []);
  }
  const tail: string[] = ['', `Pairs not listed exchange no traffic; self pairs are not listed.`];
  if (anyBlocked) tail.push(`[${REPLY_BLOCKED_MARK} …]: TCP connections allowed forward whose replies a stateless layer (network ACL) drops.`);
  if (m.assumptions.length > 0) {
    tail.push('', 'Assumptions:');
    for (const a of m.assumptions) tail.push(`  - ${a.text}`);
  }
  write(`${tail.join('\n')}\n`);
}

/** The whole report as one string (see `writeMatrixText` for large matrices). */
export function formatMatrixText(m: Matrix): string {
  const chunks: string[] = [];
  writeMatrixText(m, (c) => chunks.push(c));
  return chunks.join('');
}
