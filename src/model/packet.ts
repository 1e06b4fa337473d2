// The packet header: the single owner of its fields and their widths, the
// protocol numbers netproof names, and which protocols carry ports or ICMP
// type/code. Every other module reads field names and widths from here.

export const HEADER_FIELDS = {
  srcIp: 32,
  dstIp: 32,
  srcPort: 16,
  dstPort: 16,
  protocol: 8,
  icmpType: 8,
  icmpCode: 8,
} as const;

export type HeaderField = keyof typeof HEADER_FIELDS;
export const HEADER_FIELD_NAMES = Object.keys(HEADER_FIELDS) as HeaderField[];

/** One concrete IPv4 packet. Fields a protocol does not carry are 0. */
export type Packet = { readonly [F in HeaderField]: number };

export const PROTO = { ICMP: 1, TCP: 6, UDP: 17, SCTP: 132 } as const;

export const PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  1: 'ICMP',
  6: 'TCP',
  17: 'UDP',
  132: 'SCTP',
};

export function protocolName(n: number): string {
  return PROTOCOL_NAMES[n] ?? `proto-${n}`;
}

/** Protocols whose packets carry source and destination ports. */
export function hasPorts(protocol: number): boolean {
  return protocol === PROTO.TCP || protocol === PROTO.UDP || protocol === PROTO.SCTP;
}

export function hasIcmp(protocol: number): boolean {
  return protocol === PROTO.ICMP;
}

export function fieldMax(field: HeaderField): number {
  return 2 ** HEADER_FIELDS[field] - 1;
}

/** A header is well formed when fields its protocol does not carry are 0. */
export function isWellFormed(p: Packet): boolean {
  for (const f of HEADER_FIELD_NAMES) {
    if (!Number.isInteger(p[f]) || p[f] < 0 || p[f] > fieldMax(f)) return false;
  }
  if (!hasPorts(p.protocol) && (p.srcPort !== 0 || p.dstPort !== 0)) return false;
  if (!hasIcmp(p.protocol) && (p.icmpType !== 0 || p.icmpCode !== 0)) return false;
  return true;
}

/** The reply to a packet: addresses and ports swapped, same protocol. */
export function reversePacket(p: Packet): Packet {
  return { ...p, srcIp: p.dstIp, dstIp: p.srcIp, srcPort: p.dstPort, dstPort: p.srcPort };
}
