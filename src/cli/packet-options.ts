// The `explain` options as one concrete packet: addresses, a protocol by name
// or number, ports for TCP/UDP/SCTP (the destination port is required; the
// source port defaults to the ephemeral 49152), ICMP type and code (default
// echo request 8/0). Fields a protocol does not carry stay 0.

import { parseIpv4 } from '../model/ip.js';
import { fieldMax, hasIcmp, hasPorts, PROTO, protocolName, type Packet } from '../model/packet.js';
import { parseProtocol } from '../queries/traffic.js';

export interface PacketOptions {
  readonly src: string;
  readonly dst: string;
  readonly protocol?: string;
  readonly port?: string;
  readonly srcPort?: string;
  readonly icmpType?: string;
  readonly icmpCode?: string;
}

export const DEFAULT_SOURCE_PORT = 49152;
export const DEFAULT_ICMP = { type: 8, code: 0 } as const;

export type PacketParse = { ok: true; packet: Packet } | { ok: false; error: string };

function whole(option: string, text: string, max: number): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) > max) return `${option} must be a whole number from 0 to ${max}, got "${text}"`;
  return Number(t);
}

export function parsePacketOptions(o: PacketOptions): PacketParse {
  const srcIp = parseIpv4(o.src);
  if (srcIp === undefined) return { ok: false, error: `--src must be an IPv4 address, got "${o.src}"` };
  const dstIp = parseIpv4(o.dst);
  if (dstIp === undefined) return { ok: false, error: `--dst must be an IPv4 address, got "${o.dst}"` };
  const proto = parseProtocol(o.protocol ?? 'tcp');
  if (!proto.ok) return { ok: false, error: `--protocol: ${proto.error}` };
  if (proto.value === undefined) return { ok: false, error: '--protocol: a packet has one protocol; "all" is not one' };
  const protocol = proto.value;
  const name = protocolName(protocol);
  let srcPort = 0;
  let dstPort = 0;
  let icmpType = 0;
  let icmpCode = 0;
  if (hasPorts(protocol)) {
    if (o.port === undefined) return { ok: false, error: `--port is required for a ${name} packet (its destination port)` };
    const d = whole('--port', o.port, fieldMax('dstPort'));
    if (typeof d === 'string') return { ok: false, error: d };
    const s = o.srcPort === undefined ? DEFAULT_SOURCE_PORT : whole('--src-port', o.srcPort, fieldMax('srcPort'));
    if (typeof s === 'string') return { ok: false, error: s };
    dstPort = d;
    srcPort = s;
  } else if (o.port !== undefined || o.srcPort !== undefined) {
    return { ok: false, error: `--port and --src-port do not apply to ${name} packets (they carry no ports)` };
  }
  if (hasIcmp(protocol)) {
    const t = o.icmpType === undefined ? DEFAULT_ICMP.type : whole('--icmp-type', o.icmpType, fieldMax('icmpType'));
    if (typeof t === 'string') return { ok: false, error: t };
    const c = o.icmpCode === undefined ? DEFAULT_ICMP.code : whole('--icmp-code', o.icmpCode, fieldMax('icmpCode'));
    if (typeof c === 'string') return { ok: false, error: c };
    icmpType = t;
    icmpCode = c;
  } else if (o.icmpType !== undefined || o.icmpCode !== undefined) {
    return { ok: false, error: `--icmp-type and --icmp-code only apply to ICMP packets (protocol ${PROTO.ICMP})` };
  }
  return { ok: true, packet: { srcIp, dstIp, srcPort, dstPort, protocol, icmpType, icmpCode } };
}
