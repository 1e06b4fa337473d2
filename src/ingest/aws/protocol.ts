// AWS protocol and port fields → packet-match constraints, and the console's
// way of printing them. NACL entries say "6" with PortRange / IcmpTypeCode;
// security-group permissions say "tcp" or "6" with FromPort/ToPort (for ICMP,
// FromPort is the type and ToPort the code; -1 means any).

import { IntervalSet } from '../../model/intervals.js';
import { PROTO, protocolName } from '../../model/packet.js';

export interface ProtocolMatch {
  readonly protocols?: IntervalSet;
  readonly dstPorts?: IntervalSet;
  readonly icmpTypes?: IntervalSet;
  readonly icmpCodes?: IntervalSet;
  /** e.g. "ALL", "TCP 443", "TCP 1024-65535", "ICMP 8/any", "proto-50". */
  readonly label: string;
}

export type ProtocolParse =
  | { readonly ok: true; readonly match: ProtocolMatch }
  | { readonly ok: false; readonly ipv6Only: true }
  | { readonly ok: false; readonly ipv6Only: false; readonly reason: string };

const NAMES: Readonly<Record<string, number>> = { tcp: PROTO.TCP, udp: PROTO.UDP, icmp: PROTO.ICMP, icmpv6: 58 };

/** "-1"/"all" → 'all'; a name or number 0-255 → its number; else undefined. */
export function protocolNumber(raw: string | number): number | 'all' | undefined {
  const text = String(raw).trim().toLowerCase();
  if (text === '-1' || text === 'all') return 'all';
  const named = NAMES[text];
  if (named !== undefined) return named;
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 255 ? n : undefined;
}

function portsLabel(lo: number, hi: number): string {
  if (lo === 0 && hi === 65535) return 'ALL';
  return lo === hi ? `${lo}` : `${lo}-${hi}`;
}

function anyOr(v: number | null | undefined): IntervalSet | undefined {
  return v === undefined || v === null || v === -1 ? undefined : IntervalSet.point(v);
}

function icmpLabel(type: number | null | undefined, code: number | null | undefined): string {
  const t = type === undefined || type === null || type === -1 ? 'any' : `${type}`;
  const c = code === undefined || code === null || code === -1 ? 'any' : `${code}`;
  return t === 'any' && c === 'any' ? 'ICMP ALL' : `ICMP ${t}/${c}`;
}

function checkIcmp(type: number | null | undefined, code: number | null | undefined): string | undefined {
  if (type !== undefined && type !== null && (type < -1 || type > 255)) return `ICMP type ${type} is outside -1..255`;
  if (code !== undefined && code !== null && (code < -1 || code > 255)) return `ICMP code ${code} is outside -1..255`;
  return undefined;
}

/** A port range for TCP/UDP; null/absent/-1 bounds mean every port. */
function portMatch(proto: number, from: number | null | undefined, to: number | null | undefined): ProtocolParse {
  const name = protocolName(proto);
  const protocols = IntervalSet.point(proto);
  if (from === undefined || from === null || to === undefined || to === null || (from === -1 && to === -1)) {
    return { ok: true, match: { protocols, label: `${name} ALL` } };
  }
  if (from < 0 || to > 65535 || from > to) {
    return { ok: false, ipv6Only: false, reason: `port range ${from}-${to} is not within 0-65535 in ascending order` };
  }
  const dstPorts = from === 0 && to === 65535 ? undefined : IntervalSet.range(from, to);
  const label = `${name} ${portsLabel(from, to)}`;
  return { ok: true, match: dstPorts === undefined ? { protocols, label } : { protocols, dstPorts, label } };
}

function icmpMatch(type: number | null | undefined, code: number | null | undefined): ProtocolParse {
  const bad = checkIcmp(type, code);
  if (bad !== undefined) return { ok: false, ipv6Only: false, reason: bad };
  const icmpTypes = anyOr(type);
  // A code only narrows a specific type; with any type, any code.
  const icmpCodes = icmpTypes === undefined ? undefined : anyOr(code);
  return {
    ok: true,
    match: {
      protocols: IntervalSet.point(PROTO.ICMP),
      ...(icmpTypes === undefined ? {} : { icmpTypes }),
      ...(icmpCodes === undefined ? {} : { icmpCodes }),
      label: icmpLabel(type, icmpTypes === undefined ? -1 : code),
    },
  };
}

/** A network ACL entry's Protocol with its PortRange / IcmpTypeCode. */
export function naclProtocol(
  protocol: string | number,
  portRange: { From?: number | null; To?: number | null } | null | undefined,
  icmp: { Type?: number | null; Code?: number | null } | null | undefined,
): ProtocolParse {
  const n = protocolNumber(protocol);
  if (n === undefined) return { ok: false, ipv6Only: false, reason: `protocol "${protocol}" is not -1 or a number 0-255` };
  if (n === 'all') return { ok: true, match: { label: 'ALL' } };
  if (n === PROTO.TCP || n === PROTO.UDP) return portMatch(n, portRange?.From, portRange?.To);
  if (n === PROTO.ICMP) return icmpMatch(icmp?.Type, icmp?.Code);
  return { ok: true, match: { protocols: IntervalSet.point(n), label: protocolName(n) } };
}

/** A security-group permission's IpProtocol with FromPort/ToPort. */
export function securityGroupProtocol(
  ipProtocol: string,
  fromPort: number | null | undefined,
  toPort: number | null | undefined,
): ProtocolParse {
  const n = protocolNumber(ipProtocol);
  if (n === undefined) return { ok: false, ipv6Only: false, reason: `IpProtocol "${ipProtocol}" is not -1, tcp, udp, icmp, icmpv6 or a number 0-255` };
  if (n === 'all') return { ok: true, match: { label: 'ALL' } };
  if (n === 58) return { ok: false, ipv6Only: true };
  if (n === PROTO.TCP || n === PROTO.UDP) return portMatch(n, fromPort, toPort);
  if (n === PROTO.ICMP) return icmpMatch(fromPort, toPort);
  // Any other protocol: AWS allows every port whatever FromPort/ToPort say.
  return { ok: true, match: { protocols: IntervalSet.point(n), label: protocolName(n) } };
}
