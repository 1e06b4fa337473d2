// Slicing drops exactly the rules no packet of the query space can match.
import { describe, expect, it } from 'vitest';
import { IntervalSet } from '../model/intervals.js';
import { canMatch, overlapsSorted, type QuerySpace } from './slice.js';
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
});
