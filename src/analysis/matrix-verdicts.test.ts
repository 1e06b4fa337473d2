// The memoized verdicts equal the plain reference (`filterVerdicts`) for
// random first-match and allow-union filters over shared rules, with one memo
// across many filters (so sequences recur), and port lists that the memo
// joins per (protocol, source ports) before building the union.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Filter, PacketMatch, Rule, RuleAction } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { ConnTable } from './conn-table.js';
import { matchesAddresses, type AddressPair } from './connset.js';
import { filterVerdicts } from './matrix-filters.js';
import { VerdictMemo } from './matrix-verdicts.js';

const prov = (id: string) => ({ file: 'test', vendorId: id, displayName: id });

const arbMatch: fc.Arbitrary<PacketMatch> = fc
  .record({
    proto: fc.constantFrom<number | undefined>(undefined, 1, 6, 17),
    dst: fc.option(fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 70 }))),
    src: fc.option(fc.constant<[number, number]>([10, 20]), { freq: 4 }),
    icmp: fc.option(fc.constantFrom(0, 8)),
    srcIps: fc.option(fc.constantFrom(IntervalSet.range(0, 9), IntervalSet.range(5, 20))),
    dstEndpoints: fc.option(fc.constantFrom(IntervalSet.point(0), IntervalSet.points([1, 2]))),
  })
  .map(({ proto, dst, src, icmp, srcIps, dstEndpoints }) => {
    const m: { -readonly [K in keyof PacketMatch]: PacketMatch[K] } = {};
    if (proto !== undefined) m.protocols = IntervalSet.point(proto);
    if (dst && proto !== 1) m.dstPorts = IntervalSet.range(Math.min(...dst), Math.max(...dst));
    if (src && proto !== 1) m.srcPorts = IntervalSet.range(Math.min(...src), Math.max(...src));
    if (icmp !== null && proto === 1) m.icmpTypes = IntervalSet.point(icmp);
    if (srcIps) m.srcIps = srcIps;
    if (dstEndpoints) m.dstEndpoints = dstEndpoints;
    return m;
  });

const arbFilters = fc.array(fc.tuple(fc.constantFrom<RuleAction>('allow', 'deny', 'pass'), arbMatch), { minLength: 1, maxLength: 8 }).chain((pool) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom<Filter['kind']>('first-match', 'allow-union'),
      picks: fc.array(fc.nat(pool.length - 1), { maxLength: 8 }),
      def: fc.constantFrom<RuleAction>('allow', 'deny', 'pass'),
    }),
    { minLength: 1, maxLength: 6 },
  ).map((specs) =>
    specs.map(({ kind, picks, def }, k): Filter => {
      const rules: Rule[] = picks.map((p, i) => ({ id: `f${k}/${i}`, action: pool[p]![0], match: pool[p]![1], provenance: prov(`f${k}/${i}`) }));
      return { id: `f${k}`, kind, direction: 'ingress', vendorKind: 'test', rules, defaultAction: def, defaultProvenance: prov(`f${k}`), displayName: `f${k}`, provenance: prov(`f${k}`) };
    }),
  ),
);

const PAIRS: AddressPair[] = [
  { srcIp: 3, dstIp: 100, dstEndpoint: 0 },
  { srcIp: 7, dstIp: 100, dstEndpoint: 2 },
  { srcIp: 15, dstIp: 100 },
  { srcIp: 40, dstIp: 100, srcEndpoint: 1, dstEndpoint: 1 },
];

describe('VerdictMemo', () => {
  it('gives the reference verdicts for every filter and pair, one memo for all, rule by rule and by joined groups', () => {
    fc.assert(
      fc.property(arbFilters, (filters) => {
        const table = new ConnTable();
        const memo = new VerdictMemo(table);
        for (const f of filters) {
          for (const pair of PAIRS) {
            const got = memo.verdicts(f, memo.fieldsOfRules(f), (i) => matchesAddresses(f.rules[i]!.match, pair));
            const want = filterVerdicts(f, pair);
            expect(table.get(got.allowed).key).toBe(want.allowed.key);
            expect(table.get(got.passed).key).toBe(want.passed.key);
            if (f.kind !== 'allow-union') continue;
            // The matrix's way for union filters: the matching allow rules' fields joined in groups.
            const fields = memo.fieldsOfRules(f);
            const matched = f.rules.flatMap((r, i) => (r.action === 'allow' && matchesAddresses(r.match, pair) ? [fields[i]!] : []));
            const groups = [];
            for (let i = 0; i < matched.length; i += 2) groups.push(memo.joined(matched.slice(i, i + 2)));
            const joined = memo.unionVerdicts(f, groups);
            expect(table.get(joined.allowed).key).toBe(want.allowed.key);
            expect(table.get(joined.passed).key).toBe(want.passed.key);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
