// Connection sets: membership agrees with the concrete evaluator's `matches()`
// at random well-formed packets (values chosen on range edges), the algebra
// laws hold, the form is canonical (equal sets have equal keys), and both
// printers render the expected texts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Endpoint, PacketMatch } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import type { Packet } from '../model/packet.js';
import { matches, type Party } from '../semantics/evaluate.js';
import { ConnSet } from './connset.js';
import { formatConnSet, formatNpGuard } from './connset-format.js';

const EDGES16 = [0, 1, 22, 23, 52, 53, 54, 79, 80, 81, 443, 1023, 1024, 9079, 9080, 9081, 65534, 65535];
const EDGES8 = [0, 1, 3, 7, 8, 9, 254, 255];
const PROTOCOLS = [0, 1, 6, 17, 47, 132, 255];

const arbRange = (edges: number[]) =>
  fc.tuple(fc.constantFrom(...edges), fc.constantFrom(...edges)).map(([a, b]) => ({ lo: Math.min(a, b), hi: Math.max(a, b) }));
const arbSet = (edges: number[]) => fc.array(arbRange(edges), { minLength: 0, maxLength: 3 }).map((rs) => IntervalSet.of(rs));

const arbMatch: fc.Arbitrary<PacketMatch> = fc.record(
  {
    protocols: fc.oneof(arbSet(PROTOCOLS), fc.constantFrom(IntervalSet.points([6, 17]), IntervalSet.point(1))),
    srcPorts: arbSet(EDGES16),
    dstPorts: arbSet(EDGES16),
    icmpTypes: arbSet(EDGES8),
    icmpCodes: arbSet(EDGES8),
  },
  { requiredKeys: [] },
);

const arbPacket: fc.Arbitrary<Packet> = fc
  .record({
    protocol: fc.constantFrom(...PROTOCOLS),
    a: fc.constantFrom(...EDGES16),
    b: fc.constantFrom(...EDGES16),
    t: fc.constantFrom(...EDGES8),
    c: fc.constantFrom(...EDGES8),
  })
  .map(({ protocol, a, b, t, c }) => {
    const ported = protocol === 6 || protocol === 17 || protocol === 132;
    return {
      srcIp: 1, dstIp: 2, protocol,
      srcPort: ported ? a : 0, dstPort: ported ? b : 0,
      icmpType: protocol === 1 ? t : 0, icmpCode: protocol === 1 ? c : 0,
    };
  });

const arbConn = fc.array(arbMatch, { maxLength: 3 }).map((ms) => ms.reduce((acc, m) => acc.union(ConnSet.fromMatchFields(m)), ConnSet.NONE));

const external: Party = { kind: 'external' };
const pair = { srcIp: 1, dstIp: 2 };

describe('ConnSet membership', () => {
  it('agrees with matches() for every match and packet', () => {
    fc.assert(
      fc.property(arbMatch, arbPacket, (m, p) => {
        expect(ConnSet.fromMatch(m, pair).hasPacket(p)).toBe(matches(m, p, external, external));
      }),
      { numRuns: 3000 },
    );
  });

  it('applies address and identity constraints of the pair', () => {
    const ep = { index: 4 } as Endpoint;
    const m: PacketMatch = { srcIps: IntervalSet.range(1, 1), dstEndpoints: IntervalSet.point(4), protocols: IntervalSet.point(6) };
    expect(ConnSet.fromMatch(m, { srcIp: 1, dstIp: 9, dstEndpoint: 4 }).equals(ConnSet.ports(IntervalSet.point(6)))).toBe(true);
    expect(ConnSet.fromMatch(m, { srcIp: 2, dstIp: 9, dstEndpoint: 4 }).isEmpty()).toBe(true);
    expect(ConnSet.fromMatch(m, { srcIp: 1, dstIp: 9 }).isEmpty()).toBe(true);
    const pkt = { srcIp: 1, dstIp: 9, protocol: 6, srcPort: 5, dstPort: 6, icmpType: 0, icmpCode: 0 };
    expect(matches(m, pkt, external, { kind: 'endpoint', endpoint: ep })).toBe(true);
  });

  it('union, intersection and difference agree pointwise with the boolean operations', () => {
    fc.assert(
      fc.property(arbConn, arbConn, arbPacket, (a, b, p) => {
        expect(a.union(b).hasPacket(p)).toBe(a.hasPacket(p) || b.hasPacket(p));
        expect(a.intersect(b).hasPacket(p)).toBe(a.hasPacket(p) && b.hasPacket(p));
        expect(a.subtract(b).hasPacket(p)).toBe(a.hasPacket(p) && !b.hasPacket(p));
      }),
      { numRuns: 1000 },
    );
  });

  it('swapPorts exchanges source and destination ports of ported protocols only', () => {
    fc.assert(
      fc.property(arbConn, arbPacket, (a, p) => {
        const reply = { ...p, srcPort: p.dstPort, dstPort: p.srcPort };
        expect(a.swapPorts().hasPacket(reply)).toBe(a.hasPacket(p));
      }),
      { numRuns: 500 },
    );
  });
});

describe('ConnSet algebra', () => {
  it('is canonical: laws hold structurally', () => {
    fc.assert(
      fc.property(arbConn, arbConn, arbConn, (a, b, c) => {
        expect(a.union(b).key).toBe(b.union(a).key);
        expect(a.intersect(b).key).toBe(b.intersect(a).key);
        expect(a.union(b).union(c).key).toBe(a.union(b.union(c)).key);
        expect(a.intersect(b.union(c)).key).toBe(a.intersect(b).union(a.intersect(c)).key);
        expect(a.subtract(b).key).toBe(a.intersect(ConnSet.ALL.subtract(b)).key);
        expect(a.subtract(b).union(a.intersect(b)).key).toBe(a.key);
        expect(a.union(ConnSet.NONE).key).toBe(a.key);
        expect(a.intersect(ConnSet.ALL).key).toBe(a.key);
        expect(a.swapPorts().swapPorts().key).toBe(a.key);
        expect(ConnSet.ALL.contains(a)).toBe(true);
        expect(a.equals(b)).toBe(a.subtract(b).isEmpty() && b.subtract(a).isEmpty());
      }),
      { numRuns: 500 },
    );
  });

  it('knows the empty and the full set', () => {
    expect(ConnSet.fromMatchFields({}).isAll()).toBe(true);
    expect(ConnSet.NONE.isEmpty()).toBe(true);
    expect(ConnSet.fromMatchFields({ srcPorts: IntervalSet.point(1), icmpTypes: IntervalSet.point(1) }).isEmpty()).toBe(true);
    const pieces = ConnSet.ports(IntervalSet.point(6)).union(ConnSet.ports(IntervalSet.points([17, 132]))).union(ConnSet.icmp()).union(ConnSet.protocols(IntervalSet.range(0, 255).subtract(IntervalSet.points([1, 6, 17, 132]))));
    expect(pieces.isAll()).toBe(true);
  });
});

describe('printing', () => {
  const tcp = IntervalSet.point(6);
  it('np-guard style', () => {
    expect(formatNpGuard(ConnSet.ALL)).toBe('All Connections');
    expect(formatNpGuard(ConnSet.NONE)).toBe('No Connections');
    expect(formatNpGuard(ConnSet.ports(tcp))).toBe('protocol: TCP');
    expect(formatNpGuard(ConnSet.ports(IntervalSet.point(17)))).toBe('protocol: UDP');
    expect(formatNpGuard(ConnSet.ports(tcp, IntervalSet.range(0, 65535).subtract(IntervalSet.point(9080)), IntervalSet.point(9080)))).toBe(
      'protocol: TCP src-ports: 1-9079,9081-65535 dst-ports: 9080',
    );
    expect(formatNpGuard(ConnSet.icmp(IntervalSet.point(8), IntervalSet.point(0)))).toBe('protocol: ICMP icmp-type: 8 icmp-code: 0');
    expect(formatNpGuard(ConnSet.icmp(IntervalSet.point(8)).union(ConnSet.ports(IntervalSet.points([6, 17]), undefined, IntervalSet.point(53))))).toBe(
      'protocol: ICMP icmp-type: 8; protocol: TCP,UDP dst-ports: 53',
    );
  });

  it('netproof style', () => {
    expect(formatConnSet(ConnSet.ALL)).toBe('all traffic');
    expect(formatConnSet(ConnSet.NONE)).toBe('none');
    expect(formatConnSet(ConnSet.ports(tcp, undefined, IntervalSet.point(443)))).toBe('TCP 443');
    expect(formatConnSet(ConnSet.ports(tcp, IntervalSet.point(80), IntervalSet.point(443)))).toBe('TCP src 80 dst 443');
    expect(formatConnSet(ConnSet.icmp(IntervalSet.point(8), IntervalSet.point(0)).union(ConnSet.ports(IntervalSet.point(17))))).toBe('UDP, ICMP type 8 code 0');
    expect(formatConnSet(ConnSet.protocols(IntervalSet.point(47)))).toBe('proto-47');
  });
});
