// Traffic specs from text: protocol names or numbers ("tcp", "udp", "icmp",
// "sctp", "all", 0-255), destination ports ("443", "8000-8999", "0-65535"),
// the `--protocol`/`--port` CLI options, and the compact "tcp/443,8443" form
// query files accept. Also prints a spec back in the same words.

import { IntervalSet } from '../model/intervals.js';
import { fieldMax, PROTO, PROTOCOL_NAMES, protocolName } from '../model/packet.js';
import type { TrafficSpec } from './query.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const PROTOCOL_WORDS: Readonly<Record<string, number>> = {
  tcp: PROTO.TCP,
  udp: PROTO.UDP,
  icmp: PROTO.ICMP,
  sctp: PROTO.SCTP,
};

const MAX_PROTOCOL = fieldMax('protocol');
const MAX_PORT = fieldMax('dstPort');
const ALL_PORT_PROTOCOLS = IntervalSet.points([PROTO.TCP, PROTO.UDP, PROTO.SCTP]);

function fail<T>(error: string): Parsed<T> {
  return { ok: false, error };
}

/** Splits "a, b ,c" into trimmed non-empty parts. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function parseDecimal(text: string, max: number): number | undefined {
  if (!/^\d{1,6}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

/**
 * One protocol word or number. `all` yields undefined (every protocol).
 * Case-insensitive.
 */
export function parseProtocol(text: string): Parsed<number | undefined> {
  const word = text.trim().toLowerCase();
  if (word === 'all') return { ok: true, value: undefined };
  const named = PROTOCOL_WORDS[word];
  if (named !== undefined) return { ok: true, value: named };
  const n = parseDecimal(word, MAX_PROTOCOL);
  if (n !== undefined) return { ok: true, value: n };
  return fail(`"${text}" is not a protocol (use tcp, udp, icmp, sctp, all, or a number 0-${MAX_PROTOCOL})`);
}

/** Protocols from a list of words; undefined when the list names `all`. */
export function parseProtocols(items: readonly string[]): Parsed<IntervalSet | undefined> {
  if (items.length === 0) return fail('the protocol list is empty');
  const numbers: number[] = [];
  let all = false;
  for (const item of items) {
    const p = parseProtocol(item);
    if (!p.ok) return p;
    if (p.value === undefined) all = true;
    else numbers.push(p.value);
  }
  return { ok: true, value: all ? undefined : IntervalSet.points(numbers) };
}

/** One destination port ("443") or inclusive range ("8000-8999"). */
export function parsePortRange(text: string): Parsed<IntervalSet> {
  const t = text.trim();
  const m = /^(\d+)\s*-\s*(\d+)$/.exec(t);
  const loText = m ? m[1]! : t;
  const hiText = m ? m[2]! : t;
  const lo = parseDecimal(loText, MAX_PORT);
  const hi = parseDecimal(hiText, MAX_PORT);
  if (lo === undefined || hi === undefined) {
    return fail(`"${text}" is not a port or port range (use 0-${MAX_PORT}, e.g. 443 or 8000-8999)`);
  }
  if (lo > hi) return fail(`port range "${text}" is reversed (write ${hi}-${lo})`);
  return { ok: true, value: IntervalSet.range(lo, hi) };
}

export function parsePorts(items: readonly string[]): Parsed<IntervalSet> {
  if (items.length === 0) return fail('the port list is empty');
  let set = IntervalSet.EMPTY;
  for (const item of items) {
    const p = parsePortRange(item);
    if (!p.ok) return p;
    set = set.union(p.value);
  }
  return { ok: true, value: set };
}

/**
 * Combines protocols and ports into a spec. Ports need a protocol that
 * carries them: `icmp` with ports is an error rather than a spec that matches
 * nothing.
 */
export function makeTraffic(protocols: IntervalSet | undefined, dstPorts: IntervalSet | undefined): Parsed<TrafficSpec> {
  if (dstPorts !== undefined && protocols !== undefined && !protocols.overlaps(ALL_PORT_PROTOCOLS)) {
    const names = protocols.ranges.flatMap((r) => (r.lo === r.hi ? [protocolName(r.lo)] : [`${r.lo}-${r.hi}`]));
    return fail(`ports apply only to tcp, udp and sctp, not to ${names.join(', ')}`);
  }
  const spec: { protocols?: IntervalSet; dstPorts?: IntervalSet } = {};
  if (protocols !== undefined) spec.protocols = protocols;
  if (dstPorts !== undefined) spec.dstPorts = dstPorts;
  return { ok: true, value: spec };
}

/**
 * The CLI options `--protocol tcp,udp` and `--port 443,8000-8080`. Both
 * absent (or empty) means every packet: `traffic` is undefined.
 */
export function parseTraffic(
  protocols?: string,
  ports?: string,
): { ok: true; traffic?: TrafficSpec } | { ok: false; error: string } {
  const protoItems = protocols === undefined ? [] : splitList(protocols);
  const portItems = ports === undefined ? [] : splitList(ports);
  if (protoItems.length === 0 && portItems.length === 0) return { ok: true };
  let protoSet: IntervalSet | undefined;
  if (protoItems.length > 0) {
    const p = parseProtocols(protoItems);
    if (!p.ok) return { ok: false, error: `--protocol: ${p.error}` };
    protoSet = p.value;
  }
  let portSet: IntervalSet | undefined;
  if (portItems.length > 0) {
    const p = parsePorts(portItems);
    if (!p.ok) return { ok: false, error: `--port: ${p.error}` };
    portSet = p.value;
  }
  const t = makeTraffic(protoSet, portSet);
  return t.ok ? { ok: true, traffic: t.value } : { ok: false, error: t.error };
}

/**
 * The compact form "tcp/443", "tcp,udp/53", "tcp/8000-8999,9443", "icmp",
 * "all": protocols, then optionally a slash and ports.
 */
export function parseTrafficShorthand(text: string): Parsed<TrafficSpec> {
  const slash = text.indexOf('/');
  const protoText = slash < 0 ? text : text.slice(0, slash);
  const protos = parseProtocols(splitList(protoText));
  if (!protos.ok) return fail(`"${text}": ${protos.error}`);
  let ports: IntervalSet | undefined;
  if (slash >= 0) {
    const p = parsePorts(splitList(text.slice(slash + 1)));
    if (!p.ok) return fail(`"${text}": ${p.error}`);
    ports = p.value;
  }
  const t = makeTraffic(protos.value, ports);
  return t.ok ? t : fail(`"${text}": ${t.error}`);
}

function formatProtocols(set: IntervalSet): string {
  return set.ranges
    .flatMap((r) => {
      const out: string[] = [];
      if (r.hi - r.lo > 8) return [`${r.lo}-${r.hi}`];
      for (let p = r.lo; p <= r.hi; p++) out.push(PROTOCOL_NAMES[p]?.toLowerCase() ?? String(p));
      return out;
    })
    .join(',');
}

/** A spec in the shorthand form: "tcp/443", "tcp,udp/53", "all/8000-8999", "all". */
export function formatTraffic(t: TrafficSpec | undefined): string {
  if (t === undefined) return 'all';
  const protos = t.protocols === undefined ? 'all' : formatProtocols(t.protocols);
  if (t.dstPorts === undefined) return protos;
  const ports = t.dstPorts.ranges.map((r) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`)).join(',');
  return `${protos}/${ports}`;
}

