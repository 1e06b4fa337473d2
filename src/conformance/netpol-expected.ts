// The expected connectivity lists of np-guard's netpol-analyzer
// (`test_outputs/connlist/*_connlist_output.txt`), parsed into data:
// `<src> => <dst> : <conn>` with internal peers `ns/name[Kind]`, external
// peers `A.B.C.D-E.F.G.H[External]`, and `<conn>` either `All Connections` or
// protocol groups (`SCTP 1-9002,9004-65535,TCP 1-65535,UDP 53`). An exposure
// output is read up to its `Exposure Analysis Result:` line.

import { formatIpv4, parseIpv4 } from '../model/ip.js';

export type NetpolProtocol = 'SCTP' | 'TCP' | 'UDP';

export const NETPOL_PROTOCOLS: readonly NetpolProtocol[] = ['SCTP', 'TCP', 'UDP'];

export interface PortRange {
  readonly lo: number;
  readonly hi: number;
}

export type ExpectedConnection =
  | { readonly kind: 'all' }
  /** Ports per protocol, each list sorted and disjoint; a protocol that is absent allows nothing. */
  | { readonly kind: 'protocols'; readonly protocols: Readonly<Partial<Record<NetpolProtocol, readonly PortRange[]>>> };

export type ExpectedPeer =
  | { readonly kind: 'internal'; readonly namespace: string; readonly name: string; readonly workloadKind: string; readonly text: string }
  /** An inclusive IPv4 interval as unsigned 32-bit numbers. */
  | { readonly kind: 'external'; readonly lo: number; readonly hi: number; readonly text: string };

export interface ExpectedConnLine {
  readonly src: ExpectedPeer;
  readonly dst: ExpectedPeer;
  readonly conn: ExpectedConnection;
  /** 1-based line in the expected file. */
  readonly line: number;
}

export interface ExpectedConnlist {
  readonly lines: readonly ExpectedConnLine[];
  /** Lines that are not in the format (never silently dropped). */
  readonly problems: readonly { readonly line: number; readonly text: string; readonly reason: string }[];
}

export const EXPOSURE_MARKER = 'Exposure Analysis Result:';

const INTERNAL = /^([^/\s[\]]+)\/([^/\s[\]]+)\[([A-Za-z]+)\]$/;
const EXTERNAL = /^(\d{1,3}(?:\.\d{1,3}){3})-(\d{1,3}(?:\.\d{1,3}){3})\[External\]$/;

/** A peer, or a reason it is not one. */
export function parseExpectedPeer(text: string): ExpectedPeer | string {
  const t = text.trim();
  const ext = EXTERNAL.exec(t);
  if (ext !== null) {
    const lo = parseIpv4(ext[1]!);
    const hi = parseIpv4(ext[2]!);
    if (lo === undefined || hi === undefined || lo > hi) return `"${t}" is not an IPv4 interval`;
    return { kind: 'external', lo, hi, text: t };
  }
  const int = INTERNAL.exec(t);
  if (int !== null) return { kind: 'internal', namespace: int[1]!, name: int[2]!, workloadKind: int[3]!, text: t };
  return `"${t}" is neither ns/name[Kind] nor A.B.C.D-E.F.G.H[External]`;
}

function parsePortToken(token: string): PortRange | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(token);
  if (m === null) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo < 1 || hi > 65535 || lo > hi) return undefined;
  return { lo, hi };
}

/** A `<conn>` text, or a reason it is not one. */
export function parseExpectedConnection(text: string): ExpectedConnection | string {
  const t = text.trim();
  if (t === 'All Connections') return { kind: 'all' };
  const protocols: Partial<Record<NetpolProtocol, PortRange[]>> = {};
  let current: PortRange[] | undefined;
  for (const raw of t.split(',')) {
    let token = raw.trim();
    if (/^[A-Za-z]/.test(token)) {
      const [proto, rest, extra] = token.split(/\s+/);
      if (!(NETPOL_PROTOCOLS as readonly string[]).includes(proto!) || extra !== undefined) return `"${token}" does not open a protocol group (SCTP, TCP, UDP)`;
      if (protocols[proto as NetpolProtocol] !== undefined) return `protocol ${proto} appears twice`;
      current = [];
      protocols[proto as NetpolProtocol] = current;
      if (rest === undefined) {
        current.push({ lo: 1, hi: 65535 });
        continue;
      }
      token = rest;
    }
    if (current === undefined) return `"${token}" comes before any protocol`;
    const range = parsePortToken(token);
    if (range === undefined) return `"${token}" is not a port or port range 1-65535`;
    current.push(range);
  }
  if (current === undefined) return 'no connection given';
  for (const list of Object.values(protocols)) list.sort((a, b) => a.lo - b.lo);
  return { kind: 'protocols', protocols };
}

/** Parses a whole expected file's text (txt format). */
export function parseNetpolConnlist(text: string): ExpectedConnlist {
  const lines: ExpectedConnLine[] = [];
  const problems: { line: number; text: string; reason: string }[] = [];
  const all = text.split(/\r?\n/);
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    if (line.trim() === EXPOSURE_MARKER) break;
    if (line.trim() === '') continue;
    const arrow = line.indexOf(' => ');
    const colon = line.indexOf(' : ', arrow + 4);
    if (arrow < 0 || colon < 0) {
      problems.push({ line: i + 1, text: line, reason: 'not "<src> => <dst> : <conn>"' });
      continue;
    }
    const src = parseExpectedPeer(line.slice(0, arrow));
    const dst = parseExpectedPeer(line.slice(arrow + 4, colon));
    const conn = parseExpectedConnection(line.slice(colon + 3));
    const reason = [src, dst, conn].find((x): x is string => typeof x === 'string');
    if (reason !== undefined || typeof src === 'string' || typeof dst === 'string' || typeof conn === 'string') {
      problems.push({ line: i + 1, text: line, reason: reason ?? 'unreadable' });
      continue;
    }
    lines.push({ src, dst, conn, line: i + 1 });
  }
  return { lines, problems };
}

/** Names (`ns/name[Kind]`) of the internal peers a list mentions. */
export function internalPeerNames(list: ExpectedConnlist): Set<string> {
  const out = new Set<string>();
  for (const l of list.lines) {
    if (l.src.kind === 'internal') out.add(l.src.text);
    if (l.dst.kind === 'internal') out.add(l.dst.text);
  }
  return out;
}

/** Prints a connection the way the expected files do (inverse of parseExpectedConnection). */
export function formatExpectedConnection(conn: ExpectedConnection): string {
  if (conn.kind === 'all') return 'All Connections';
  const groups: string[] = [];
  for (const p of NETPOL_PROTOCOLS) {
    const ranges = conn.protocols[p];
    if (ranges === undefined || ranges.length === 0) continue;
    groups.push(`${p} ${ranges.map((r) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`)).join(',')}`);
  }
  return groups.join(',');
}

/** Prints a peer the way the expected files do. */
export function formatExpectedPeer(peer: ExpectedPeer): string {
  return peer.kind === 'internal'
    ? `${peer.namespace}/${peer.name}[${peer.workloadKind}]`
    : `${formatIpv4(peer.lo)}-${formatIpv4(peer.hi)}[External]`;
}
