// Reads np-guard's AWS connectivity text back into data: sections per VPC,
// and per line the two parties and the connection set, with the `*` mark.
// Used to compare expected and computed reports semantically (line splitting
// and cube order may differ; the sets must not).

import { NPGUARD_DOMAIN } from '../analysis/connset-format.js';
import { ConnSet } from '../analysis/connset.js';
import { IntervalSet } from '../model/intervals.js';
import { parseCidr, parseIpv4 } from '../model/ip.js';
import { PROTO } from '../model/packet.js';

export type NpGuardParty =
  | { readonly kind: 'internal'; readonly key: string; readonly text: string }
  | { readonly kind: 'external'; readonly addresses: IntervalSet; readonly text: string };

export interface NpGuardLine {
  readonly src: NpGuardParty;
  readonly dst: NpGuardParty;
  readonly conn: ConnSet;
  readonly starred: boolean;
  /** 1-based line number in the text. */
  readonly line: number;
}

export interface NpGuardSection {
  readonly title: string;
  /** The VPC display name. */
  readonly vpc: string;
  readonly lines: NpGuardLine[];
}

export type ParseResult = { ok: true; sections: NpGuardSection[] } | { ok: false; error: string };

const PROTOCOLS: Readonly<Record<string, number>> = { TCP: PROTO.TCP, UDP: PROTO.UDP, ICMP: PROTO.ICMP };

function parseValues(text: string): IntervalSet | undefined {
  const ranges: { lo: number; hi: number }[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return undefined;
    ranges.push({ lo: Number(m[1]), hi: Number(m[2] ?? m[1]) });
  }
  return IntervalSet.of(ranges);
}

/** One connection text: `All Connections`, `No Connections`, or cubes joined by `; `. */
export function parseNpGuardConn(text: string): ConnSet | string {
  const t = text.trim();
  if (t === 'All Connections') return NPGUARD_DOMAIN;
  if (t === 'No Connections') return ConnSet.NONE;
  let out = ConnSet.NONE;
  for (const cube of t.split(';')) {
    const fields = new Map<string, string>();
    const re = /(protocol|src-ports|dst-ports|icmp-type|icmp-code):\s*(\S+)/g;
    let consumed = '';
    for (let m = re.exec(cube); m !== null; m = re.exec(cube)) {
      fields.set(m[1]!, m[2]!);
      consumed += m[0];
    }
    if (consumed.replace(/\s/g, '') !== cube.replace(/\s/g, '')) return `cannot read connection "${cube.trim()}"`;
    const protocols = fields.get('protocol');
    if (protocols === undefined) return `no protocol in "${cube.trim()}"`;
    const dims: Record<string, IntervalSet | undefined> = {};
    for (const f of ['src-ports', 'dst-ports', 'icmp-type', 'icmp-code']) {
      const v = fields.get(f);
      if (v === undefined) continue;
      const set = parseValues(v);
      if (set === undefined) return `bad ${f} "${v}"`;
      dims[f] = set;
    }
    for (const name of protocols.split(',')) {
      const p = PROTOCOLS[name.toUpperCase()];
      if (p === undefined) return `unknown protocol "${name}"`;
      const part =
        p === PROTO.ICMP
          ? ConnSet.icmp(dims['icmp-type'], dims['icmp-code'])
          : ConnSet.ports(IntervalSet.point(p), dims['src-ports'], dims['dst-ports']);
      out = out.union(part.intersect(NPGUARD_DOMAIN));
    }
  }
  return out;
}

/** Address sets: CIDRs, ranges `a-b` or single addresses, separated by commas or spaces. */
export function parseAddressList(text: string): IntervalSet | undefined {
  let set = IntervalSet.EMPTY;
  for (const item of text.split(/[,\s]+/).filter((x) => x !== '')) {
    if (item.includes('/')) {
      const c = parseCidr(item);
      if (!c.ok) return undefined;
      set = set.union(c.range);
      continue;
    }
    const [a, b] = item.split('-');
    const lo = parseIpv4(a ?? '');
    const hi = b === undefined ? lo : parseIpv4(b);
    if (lo === undefined || hi === undefined) return undefined;
    set = set.union(IntervalSet.range(lo, hi));
  }
  return set;
}

/** Endpoints are identified by their bracketed address, other internal parties by name. */
export function parseNpGuardParty(text: string, internet: IntervalSet): NpGuardParty | undefined {
  const t = text.trim();
  if (t === 'Public Internet (all ranges)') return { kind: 'external', addresses: internet, text: t };
  if (t.startsWith('Public Internet ')) {
    const addresses = parseAddressList(t.slice('Public Internet '.length));
    return addresses === undefined ? undefined : { kind: 'external', addresses, text: t };
  }
  const m = /\[(\d+\.\d+\.\d+\.\d+)\]$/.exec(t);
  return { kind: 'internal', key: m ? `ip:${m[1]}` : `name:${t}`, text: t };
}

/** Parses a whole report. `internet` is what `Public Internet (all ranges)` stands for. */
export function parseNpGuardReport(text: string, internet: IntervalSet): ParseResult {
  const sections: NpGuardSection[] = [];
  let current: NpGuardSection | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trimEnd();
    const where = `line ${i + 1}`;
    if (line === '' || line === '<nothing to report>' || line.startsWith('TCP connections for which response is not permitted')) continue;
    const title = /^(Endpoint|Subnet) connectivity for VPC (.*)$/.exec(line);
    if (title) {
      current = { title: line, vpc: title[2]!, lines: [] };
      sections.push(current);
      continue;
    }
    if (current === undefined) return { ok: false, error: `${where}: a connection line before any section title` };
    const arrow = line.indexOf(' => ');
    const colon = arrow < 0 ? -1 : line.indexOf(' : ', arrow + 4);
    if (arrow < 0 || colon < 0) return { ok: false, error: `${where}: expected "src => dst : connection", found "${line}"` };
    let connText = line.slice(colon + 3);
    const starred = /\s\*$/.test(connText) || connText === '*';
    if (starred) connText = connText.replace(/\s*\*$/, '');
    const src = parseNpGuardParty(line.slice(0, arrow), internet);
    const dst = parseNpGuardParty(line.slice(arrow + 4, colon), internet);
    if (src === undefined || dst === undefined) return { ok: false, error: `${where}: cannot read the parties of "${line}"` };
    const conn = parseNpGuardConn(connText);
    if (typeof conn === 'string') return { ok: false, error: `${where}: ${conn}` };
    current.lines.push({ src, dst, conn, starred, line: i + 1 });
  }
  return { ok: true, sections };
}
