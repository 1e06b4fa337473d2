// Slicing drops exactly the rules no packet of the query space can match;
// a filter's rules sliced by groups of shared address sets are the rules
// kept one by one, in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Filter, PacketMatch } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { canMatch, overlapsSorted, sliceRules, type QuerySpace } from './slice.js';
import type { SceneSide } from './scene.js';

const side = (ips: number[], internet = IntervalSet.EMPTY, endpoints: number[] = []): SceneSide => ({
  classIds: [],
  internet,
  endpointIndexes: new Set(endpoints),
  sortedEndpointIndexes: [...endpoints].sort((a, b) => a - b),
  representativeIps: [...ips].sort((a, b) => a - b),
});

describe('slicing', () => {
  const space: QuerySpace = {
    protocols: IntervalSet.point(6),
    dstPorts: IntervalSet.point(443),
    from: side([100, 200], IntervalSet.EMPTY, [0, 1]),
    to: side([300], IntervalSet.range(1000, 2000), [2]),
  };

  it('tests sorted values against interval sets at the edges', () => {
    expect(overlapsSorted(IntervalSet.range(101, 199), [100, 200])).toBe(false);
    expect(overlapsSorted(IntervalSet.range(101, 200), [100, 200])).toBe(true);
    expect(overlapsSorted(IntervalSet.range(0, 100), [100, 200])).toBe(true);
    expect(overlapsSorted(IntervalSet.range(201, 300), [100, 200])).toBe(false);
  });

  it('keeps rules that can match and drops the rest', () => {
    expect(canMatch({}, space)).toBe(true);
    expect(canMatch({ protocols: IntervalSet.point(17) }, space)).toBe(false);
    expect(canMatch({ icmpTypes: IntervalSet.point(8) }, space)).toBe(false);
    expect(canMatch({ dstPorts: IntervalSet.range(80, 442) }, space)).toBe(false);
    expect(canMatch({ dstPorts: IntervalSet.range(80, 443) }, space)).toBe(true);
    expect(canMatch({ srcIps: IntervalSet.range(101, 199) }, space)).toBe(false);
    expect(canMatch({ srcIps: IntervalSet.point(200) }, space)).toBe(true);
    expect(canMatch({ dstIps: IntervalSet.point(1500) }, space)).toBe(true);
    expect(canMatch({ dstIps: IntervalSet.point(2500) }, space)).toBe(false);
    expect(canMatch({ srcEndpoints: IntervalSet.point(2) }, space)).toBe(false);
    expect(canMatch({ srcEndpoints: IntervalSet.range(1, 5) }, space)).toBe(true);
    expect(canMatch({ dstEndpoints: IntervalSet.EMPTY }, space)).toBe(false);
  });

  it('knows ICMP rules only match ICMP and port rules only port protocols', () => {
    const any: QuerySpace = { protocols: IntervalSet.range(0, 255), from: space.from, to: space.to };
    const icmpOnly: QuerySpace = { ...any, protocols: IntervalSet.point(1) };
    expect(canMatch({ icmpTypes: IntervalSet.point(8) }, any)).toBe(true);
    expect(canMatch({ dstPorts: IntervalSet.point(22) }, icmpOnly)).toBe(false);
    expect(canMatch({ protocols: IntervalSet.point(6), icmpCodes: IntervalSet.point(0) }, any)).toBe(false);
  });

  it('slices a filter by address groups exactly as rule by rule, in order', () => {
    // Few set objects, shared by many rules, as policies share their peers' sets.
    const sets = [IntervalSet.range(100, 150), IntervalSet.point(300), IntervalSet.range(0, 5), IntervalSet.point(2), IntervalSet.range(1500, 1600)];
    const ports = [IntervalSet.point(443), IntervalSet.range(1, 80), IntervalSet.range(400, 500)];
    const maybe = <T,>(items: readonly T[]) => fc.option(fc.constantFrom(...items), { nil: undefined });
    const arbMatch = fc.record({ srcIps: maybe(sets), dstIps: maybe(sets), srcEndpoints: maybe(sets), dstEndpoints: maybe(sets), dstPorts: maybe(ports), protocols: maybe([IntervalSet.point(6), IntervalSet.point(17)]) });
    fc.assert(
      fc.property(fc.array(arbMatch, { maxLength: 30 }), (matches) => {
        const rules = matches.map((m, i) => {
          const match = Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as PacketMatch;
          return { id: `r${i}`, action: 'allow' as const, match, provenance: { file: 'f', vendorId: `r${i}`, displayName: `r${i}` } };
        });
        const filter = { id: 'f', kind: 'allow-union', direction: 'ingress', rules, defaultAction: 'deny' } as unknown as Filter;
        expect(sliceRules(filter, space).map((r) => r.id)).toEqual(rules.filter((r) => canMatch(r.match, space, filter)).map((r) => r.id));
      }),
      { numRuns: 300 },
    );
  });
});
