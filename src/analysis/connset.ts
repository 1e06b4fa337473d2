// Connection sets: exact, canonical sets of the non-address header fields
// (protocol × srcPort × dstPort × ICMP type × ICMP code). Stored as one
// three-dimensional cube set over (protocol, a, b) where (a, b) is
// (srcPort, dstPort) for TCP/UDP/SCTP, (type, code) for ICMP and the single
// point (0, 0) for every other protocol, matching well-formed packets (fields a
// protocol does not carry are 0). Equality is structural (canonical keys).

import type { PacketMatch } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { fieldMax, hasIcmp, hasPorts, PROTO, type Packet } from '../model/packet.js';
import { CubeSet } from './cube-set.js';

export const PORT_PROTOCOLS = IntervalSet.points([PROTO.TCP, PROTO.UDP, PROTO.SCTP]);
export const ICMP_PROTOCOL = IntervalSet.point(PROTO.ICMP);
export const ALL_PROTOCOLS = IntervalSet.range(0, fieldMax('protocol'));
export const OTHER_PROTOCOLS = ALL_PROTOCOLS.subtract(PORT_PROTOCOLS).subtract(ICMP_PROTOCOL);
const MAX_PORT = fieldMax('dstPort');
export const ALL_PORTS = IntervalSet.range(0, MAX_PORT);
export const ALL_ICMP_TYPES = IntervalSet.range(0, fieldMax('icmpType'));
export const ALL_ICMP_CODES = IntervalSet.range(0, fieldMax('icmpCode'));
const ZERO = IntervalSet.point(0);

/** The address side of a pair, to decide the address and identity parts of a match. */
export interface AddressPair {
  readonly srcIp: number;
  readonly dstIp: number;
  /** `Endpoint.index` of an internal source; undefined for an external one. */
  readonly srcEndpoint?: number;
  readonly dstEndpoint?: number;
}

/** The ports as they are when within 0..65535 (no copy), else clipped. */
function inDomain(ports: IntervalSet): IntervalSet {
  return ports.min()! >= 0 && ports.max()! <= MAX_PORT ? ports : ports.intersect(ALL_PORTS);
}

export class ConnSet {
  private constructor(readonly cube: CubeSet) {}

  static readonly NONE = new ConnSet(CubeSet.empty(3));

  static readonly ALL = new ConnSet(
    CubeSet.product([PORT_PROTOCOLS, ALL_PORTS, ALL_PORTS])
      .union(CubeSet.product([ICMP_PROTOCOL, ALL_ICMP_TYPES, ALL_ICMP_CODES]))
      .union(CubeSet.product([OTHER_PROTOCOLS, ZERO, ZERO])),
  );

  static fromCube(cube: CubeSet): ConnSet {
    if (cube.depth !== 3) throw new Error('internal: a connection set is a cube set of depth 3');
    return ConnSet.wrap(cube.intersect(ConnSet.ALL.cube));
  }

  /** Ported protocols (clipped to TCP/UDP/SCTP) with source and destination ports. */
  static ports(protocols: IntervalSet, srcPorts: IntervalSet = ALL_PORTS, dstPorts: IntervalSet = ALL_PORTS): ConnSet {
    if (srcPorts.isEmpty() || dstPorts.isEmpty()) return ConnSet.NONE;
    // A product of ported protocols and in-range ports is in the domain as it is.
    return ConnSet.wrap(CubeSet.product([protocols.intersect(PORT_PROTOCOLS), inDomain(srcPorts), inDomain(dstPorts)]));
  }

  static icmp(types: IntervalSet = ALL_ICMP_TYPES, codes: IntervalSet = ALL_ICMP_CODES): ConnSet {
    return ConnSet.fromCube(CubeSet.product([ICMP_PROTOCOL, types, codes]));
  }

  /** Every packet of the given protocols, whatever its ports or ICMP fields. */
  static protocols(protocols: IntervalSet): ConnSet {
    return ConnSet.ALL.intersect(new ConnSet(CubeSet.product([protocols, ALL_PORTS.union(ALL_ICMP_TYPES), ALL_PORTS.union(ALL_ICMP_CODES)])));
  }

  /** The non-address part of a match, ignoring its address and identity constraints. */
  static fromMatchFields(m: PacketMatch): ConnSet {
    const protocols = m.protocols ?? ALL_PROTOCOLS;
    const ported = m.srcPorts !== undefined || m.dstPorts !== undefined;
    const icmp = m.icmpTypes !== undefined || m.icmpCodes !== undefined;
    if (ported && icmp) return ConnSet.NONE;
    if (ported) return ConnSet.ports(protocols, m.srcPorts ?? ALL_PORTS, m.dstPorts ?? ALL_PORTS);
    if (icmp) {
      return protocols.has(PROTO.ICMP) ? ConnSet.icmp(m.icmpTypes ?? ALL_ICMP_TYPES, m.icmpCodes ?? ALL_ICMP_CODES) : ConnSet.NONE;
    }
    return m.protocols === undefined ? ConnSet.ALL : ConnSet.protocols(protocols);
  }

  /** What a match admits between one source and one destination address. */
  static fromMatch(m: PacketMatch, pair: AddressPair): ConnSet {
    return matchesAddresses(m, pair) ? ConnSet.fromMatchFields(m) : ConnSet.NONE;
  }

  /** Canonical wrapper for results of operations on in-domain sets (no re-clipping needed). */
  private static wrap(cube: CubeSet): ConnSet {
    if (cube.isEmpty()) return ConnSet.NONE;
    if (cube.key === ConnSet.ALL.cube.key) return ConnSet.ALL;
    return new ConnSet(cube);
  }

  get key(): string {
    return this.cube.key;
  }

  isEmpty(): boolean {
    return this.cube.isEmpty();
  }

  isAll(): boolean {
    return this.cube.key === ConnSet.ALL.cube.key;
  }

  equals(other: ConnSet): boolean {
    return this.cube.key === other.cube.key;
  }

  union(other: ConnSet): ConnSet {
    return ConnSet.wrap(this.cube.union(other.cube));
  }

  intersect(other: ConnSet): ConnSet {
    return ConnSet.wrap(this.cube.intersect(other.cube));
  }

  subtract(other: ConnSet): ConnSet {
    return ConnSet.wrap(this.cube.subtract(other.cube));
  }

  /** Whether `other` is a subset of this set. */
  contains(other: ConnSet): boolean {
    return other.subtract(this).isEmpty();
  }

  /** The part with protocols in `protocols`. */
  restrictProtocols(protocols: IntervalSet): ConnSet {
    return this.intersect(ConnSet.protocols(protocols));
  }

  /** Whether a well-formed packet's non-address fields are in the set. */
  hasPacket(p: Packet): boolean {
    const [a, b] = hasPorts(p.protocol) ? [p.srcPort, p.dstPort] : hasIcmp(p.protocol) ? [p.icmpType, p.icmpCode] : [0, 0];
    return this.cube.has([p.protocol, a, b]);
  }

  /** Replies: source and destination ports swapped on ported protocols; ICMP and others unchanged. */
  swapPorts(): ConnSet {
    let out = CubeSet.empty(3);
    for (const [protocols, a, b] of this.cube.cubes()) {
      const swap = protocols!.intersect(PORT_PROTOCOLS);
      const keep = protocols!.subtract(PORT_PROTOCOLS);
      if (!swap.isEmpty()) out = out.union(CubeSet.product([swap, b!, a!]));
      if (!keep.isEmpty()) out = out.union(CubeSet.product([keep, a!, b!]));
    }
    return ConnSet.wrap(out);
  }

  /** Maximal products (protocols, a, b) of the canonical form. */
  cubes(): [IntervalSet, IntervalSet, IntervalSet][] {
    return this.cube.cubes().map(([p, a, b]) => [p!, a!, b!]);
  }
}

/** Whether a match's address and identity constraints hold for the pair. */
export function matchesAddresses(m: PacketMatch, pair: AddressPair): boolean {
  if (m.srcIps !== undefined && !m.srcIps.has(pair.srcIp)) return false;
  if (m.dstIps !== undefined && !m.dstIps.has(pair.dstIp)) return false;
  if (m.srcEndpoints !== undefined && (pair.srcEndpoint === undefined || !m.srcEndpoints.has(pair.srcEndpoint))) return false;
  if (m.dstEndpoints !== undefined && (pair.dstEndpoint === undefined || !m.dstEndpoints.has(pair.dstEndpoint))) return false;
  return true;
}
