// `netproof matrix --explain`: for every ordered pair of the netpol-analyzer
// listing (allowed or not), which policies and rules decide its connections,
// laid out like netpol-analyzer's `--explain` output:
//
//     Connections between <src> => <dst>:
//
//     Allowed connections:
//     	Allowed TCP:[8080] due to the following policies and rules:
//     		Egress (Allowed) due to the system default (Allow all)
//     		Ingress (Allowed)
//     			allows: NetworkPolicy default/backend ingress rule 0 (app.yaml:31)
//
// The reasons come from the concrete evaluator (`evaluatePath`), run on one
// representative packet per piece of the TCP/UDP/SCTP port space: the ports
// are cut at every rule's port boundaries, so every port of a piece meets the
// same rules. Pieces with the same verdict and reasons are grouped; a reason
// is a policy rule (with its file and line) or a policy's isolation default,
// so one policy rule with several ports reads as one reason, as in
// netpol-analyzer. Pairs whose every connection is allowed with no policy
// involved are listed at the end, under "All Connections due to the system
// default (Allow all)".
// External ranges are cut where the address sets of the rules of that
// direction start or end (as netpol-analyzer cuts them), so one
// representative address per piece stands for every address of it.

import { ConnSet } from '../analysis/connset.js';
import type { Matrix } from '../analysis/matrix.js';
import type { Estate, Filter } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { formatIpv4 } from '../model/ip.js';
import { formatLocation, type SourceLocation } from '../model/provenance.js';
import { PROTO, type Packet } from '../model/packet.js';
import { evaluatePath, type FilterDecision, type LayerTrace, type Party, type PathVerdict } from '../semantics/evaluate.js';
import { formatPortList, NETPOL_PORTS } from './matrix-netpol-conn.js';
import { rowInFocus, type FocusOptions, type FocusSpec } from './matrix-netpol-focus.js';
import { compareRows, netpolRows, type NetpolPeer, type NetpolRow } from './matrix-netpol-rows.js';

/** Protocols in the order netpol-analyzer's explanations list them. */
const EXPLAIN_PROTOCOLS: readonly (readonly [string, number])[] = [
  ['TCP', PROTO.TCP],
  ['UDP', PROTO.UDP],
  ['SCTP', PROTO.SCTP],
];
const SYSTEM_DEFAULT = 'due to the system default (Allow all)';
const SEPARATOR = '-'.repeat(160);

/** Port pieces of 1-65535 that no rule of the estate cuts. */
export function portPieces(estate: Estate): IntervalSet[] {
  const cuts = new Set<number>([1]);
  for (const f of estate.filters.values()) {
    for (const r of f.rules) {
      for (const range of r.match.dstPorts?.ranges ?? []) {
        cuts.add(range.lo);
        cuts.add(range.hi + 1);
      }
    }
  }
  const starts = [...cuts].filter((c) => c >= 1 && c <= 65535).sort((a, b) => a - b);
  return starts.map((lo, i) => IntervalSet.range(lo, (starts[i + 1] ?? 65536) - 1));
}

/**
 * Addresses where the external-side address set of some rule of the
 * direction starts or ends: the destinations of egress rules for traffic
 * leaving the cluster, the sources of ingress rules for traffic entering it
 * (netpol-analyzer cuts external ranges the same way, for every workload).
 */
export function addressCuts(estate: Estate, outbound: boolean): number[] {
  const cuts = new Set<number>();
  for (const f of estate.filters.values()) {
    if (f.direction !== (outbound ? 'egress' : 'ingress')) continue;
    for (const r of f.rules) {
      for (const range of (outbound ? r.match.dstIps : r.match.srcIps)?.ranges ?? []) {
        cuts.add(range.lo);
        if (range.hi < 0xffffffff) cuts.add(range.hi + 1);
      }
    }
  }
  return [...cuts].sort((a, b) => a - b);
}

/** An external peer cut where some rule's addresses start or end, so every address of a piece meets the same rules. */
function splitExternal(peer: NetpolPeer, cuts: readonly number[]): NetpolPeer[] {
  const range = peer.addresses?.ranges[0];
  if (!peer.external || range === undefined || peer.addresses?.ranges.length !== 1) return [peer];
  const starts = [range.lo, ...cuts.filter((c) => c > range.lo && c <= range.hi)];
  return starts.map((lo, i) => {
    const hi = i + 1 < starts.length ? starts[i + 1]! - 1 : range.hi;
    return { text: `${formatIpv4(lo)}-${formatIpv4(hi)}[External]`, external: true, addresses: IntervalSet.range(lo, hi) };
  });
}

function filterKindName(f: Filter): string {
  if (f.vendorKind === 'k8s-anp') return 'AdminNetworkPolicy';
  if (f.vendorKind === 'k8s-banp') return 'BaselineAdminNetworkPolicy';
  if (f.vendorKind === 'k8s-np') return 'NetworkPolicy';
  return f.displayName;
}

const VERB = { allow: 'allows', deny: 'denies', pass: 'passes' } as const;

/** `NetworkPolicy ns/name ingress rule 0` of a rule display `NetworkPolicy ns/name ingress rule 0: TCP 80 from …`. */
function ruleHead(displayName: string): string {
  const colon = displayName.indexOf(': ');
  return colon < 0 ? displayName : displayName.slice(0, colon);
}

/** `file:line` when the line is known (a YAML rule), else the file with its JSON pointer. */
function whereRead(p: SourceLocation): string {
  return p.line !== undefined ? `${p.file}:${p.line}` : formatLocation(p);
}

/**
 * One reason: the policy rule (not the model rule: one policy rule with
 * several ports or peers reads as one reason, as netpol-analyzer groups it)
 * with where it was read, or the filter's default.
 */
function decisionLine(d: FilterDecision): string | undefined {
  if (d.rule !== undefined) return `${VERB[d.action]}: ${ruleHead(d.rule.provenance.displayName)} (${whereRead(d.rule.provenance)})`;
  // A tier with no matching rule passes on without deciding: not a reason.
  if (d.action === 'pass') return undefined;
  const p = d.filter.defaultProvenance;
  return `${VERB[d.action]}: ${p.displayName || `${filterKindName(d.filter)} default`} (${whereRead(p)})`;
}

/** Reason lines of one side (tab-indented as in the output); `defaulted` when no policy was involved. */
function sideLines(title: 'Egress' | 'Ingress', traces: readonly LayerTrace[]): { lines: string[]; defaulted: boolean } {
  const consulted = traces.filter((t) => t.verdict !== 'bypassed');
  const reasons = consulted.flatMap((t) => t.decisions.map(decisionLine).filter((l): l is string => l !== undefined));
  const allowed = consulted.every((t) => t.verdict === 'allow');
  const word = allowed ? 'Allowed' : 'Denied';
  if (reasons.length === 0 && allowed) return { lines: [`\t\t${title} (Allowed) ${SYSTEM_DEFAULT}`], defaulted: true };
  const lines = [`\t\t${title} (${word})`, ...reasons.map((r) => `\t\t\t${r}`)];
  if (allowed && !consulted.some((t) => t.decisions.some((d) => d.action === 'allow'))) lines.push(`\t\t\tno tier decided: the system default (Allow all)`);
  return { lines, defaulted: false };
}

interface Group {
  readonly allowed: boolean;
  readonly lines: readonly string[];
  readonly defaulted: boolean;
  readonly ports: Map<number, IntervalSet>;
}

function verdictLines(v: PathVerdict): { lines: string[]; defaulted: boolean } {
  const egress = sideLines('Egress', v.layers.filter((t) => t.side === 'source'));
  const ingress = sideLines('Ingress', v.layers.filter((t) => t.side === 'destination'));
  const lines = [...egress.lines, ...ingress.lines];
  if (v.gate !== undefined && v.gate.verdict === 'deny') lines.push(`\t\tPath (Denied)`, ...v.gate.reasons.map((r) => `\t\t\t${r}`));
  return { lines, defaulted: egress.defaulted && ingress.defaulted && (v.gate === undefined || v.gate.verdict === 'allow') };
}

function connText(ports: ReadonlyMap<number, IntervalSet>): string {
  return EXPLAIN_PROTOCOLS.flatMap(([name, number]) => {
    const p = ports.get(number);
    if (p === undefined || p.isEmpty()) return [];
    return [p.equals(NETPOL_PORTS) ? name : `${name}:[${formatPortList(p)}]`];
  }).join(', ');
}

function party(estate: Estate, peer: NetpolPeer): { party: Party; ip: number } {
  if (peer.external || peer.endpointIndex === undefined) return { party: { kind: 'external' }, ip: peer.addresses?.min() ?? 0 };
  const endpoint = estate.endpoints[peer.endpointIndex];
  if (endpoint === undefined) throw new Error(`internal: endpoint ${peer.endpointIndex} is not in the estate`);
  return { party: { kind: 'endpoint', endpoint }, ip: endpoint.addresses.min() ?? 0 };
}

/** The grouped verdicts of one pair. */
export function explainPair(estate: Estate, src: NetpolPeer, dst: NetpolPeer, pieces: readonly IntervalSet[]): Group[] {
  const s = party(estate, src);
  const d = party(estate, dst);
  const groups = new Map<string, Group>();
  for (const [, protocol] of EXPLAIN_PROTOCOLS) {
    for (const piece of pieces) {
      const port = piece.min() ?? 1;
      const pkt: Packet = { srcIp: s.ip, dstIp: d.ip, srcPort: 1024, dstPort: port, protocol, icmpType: 0, icmpCode: 0 };
      const v = evaluatePath(estate, pkt, s.party, d.party);
      const { lines, defaulted } = verdictLines(v);
      const key = `${v.allowed ? 1 : 0}\n${lines.join('\n')}`;
      let g = groups.get(key);
      if (g === undefined) {
        g = { allowed: v.allowed, lines, defaulted, ports: new Map() };
        groups.set(key, g);
      }
      g.ports.set(protocol, (g.ports.get(protocol) ?? IntervalSet.EMPTY).union(piece));
    }
  }
  return [...groups.values()];
}

function groupText(g: Group): string[] {
  const word = g.allowed ? 'Allowed' : 'Denied';
  if (g.defaulted && g.allowed) return [`\t${word} ${connText(g.ports)} ${SYSTEM_DEFAULT}`];
  return [`\t${word} ${connText(g.ports)} due to the following policies and rules:`, ...g.lines];
}

function banner(title: string): string[] {
  const bar = '#'.repeat(title.length + 4);
  return [bar, `# ${title} #`, bar];
}

/** Every pair to explain: allowed rows, denied internal pairs, and external ranges with nothing allowed. */
function explainedPairs(estate: Estate, matrix: Matrix): NetpolRow[] {
  const rows = netpolRows(matrix, { includeDenied: true });
  const seen = new Set(rows.map((r) => `${r.src.text}\u0000${r.dst.text}`));
  const internals = matrix.parties.flatMap((p): NetpolPeer[] => (p.kind === 'endpoint' ? [{ text: p.name, external: false, endpointIndex: p.index }] : []));
  const byName = new Map(internals.map((p) => [p.text, p]));
  const extra: NetpolRow[] = [];
  const none = ConnSet.NONE;
  for (const a of byName.values()) {
    for (const b of byName.values()) {
      if (a.text === b.text || seen.has(`${a.text}\u0000${b.text}`)) continue;
      extra.push({ src: a, dst: b, conn: '', allowed: none });
    }
  }
  // External addresses no row covers get nothing: explain them too.
  for (const p of byName.values()) {
    for (const outbound of [true, false]) {
      let covered = IntervalSet.EMPTY;
      for (const r of rows) {
        const ext = outbound ? r.dst : r.src;
        const inside = outbound ? r.src : r.dst;
        if (ext.external && inside.text === p.text && ext.addresses !== undefined) covered = covered.union(ext.addresses);
      }
      for (const range of matrix.internet.subtract(covered).ranges) {
        const ext: NetpolPeer = { text: `${formatIpv4(range.lo)}-${formatIpv4(range.hi)}[External]`, external: true, addresses: IntervalSet.range(range.lo, range.hi) };
        extra.push(outbound ? { src: p, dst: ext, conn: '', allowed: none } : { src: ext, dst: p, conn: '', allowed: none });
      }
    }
  }
  const outboundCuts = addressCuts(estate, true);
  const inboundCuts = addressCuts(estate, false);
  const pieces = [...rows, ...extra].flatMap((r) =>
    r.src.external
      ? splitExternal(r.src, inboundCuts).map((src) => ({ ...r, src }))
      : r.dst.external
        ? splitExternal(r.dst, outboundCuts).map((dst) => ({ ...r, dst }))
        : [r],
  );
  return pieces.sort(compareRows);
}

/** The explanation text of the matrix, narrowed to pairs with a focus workload at one end when `focus` is not empty. */
export function explainNetpolMatrix(estate: Estate, matrix: Matrix, focus: readonly FocusSpec[], options: FocusOptions = {}): string {
  const pieces = portPieces(estate);
  const pairs = explainedPairs(estate, matrix).filter((r) => focus.length === 0 || rowInFocus(r, focus, options));
  const specific: string[] = [];
  const byDefault: string[] = [];
  for (const r of pairs) {
    const groups = explainPair(estate, r.src, r.dst, pieces);
    const name = `${r.src.text} => ${r.dst.text}`;
    if (groups.length === 1 && groups[0]!.allowed && groups[0]!.defaulted) {
      byDefault.push(name);
      continue;
    }
    specific.push(SEPARATOR, `Connections between ${name}:`, '');
    const allowed = groups.filter((g) => g.allowed);
    const denied = groups.filter((g) => !g.allowed);
    if (allowed.length > 0) specific.push('Allowed connections:', ...allowed.flatMap(groupText), '');
    if (denied.length > 0) specific.push('Denied connections:', ...denied.flatMap(groupText), '');
  }
  const out: string[] = [];
  if (specific.length > 0) out.push('', ...banner('Specific connections and their reasons'), ...specific);
  if (byDefault.length > 0) out.push('', ...banner('All Connections due to the system default (Allow all)'), ...byDefault);
  return out.join('\n');
}
