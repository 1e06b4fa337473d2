// Tests of run comparison: identical answers compare equal, a changed witness
// or verdict is reported, so is a change anywhere in the rendered answer (the
// replayed trace of a witness), timing differences are ignored.
import { describe, expect, it } from 'vitest';
import type { QueryAnswer, Witness } from '../queries/answer.js';
import { compareRuns } from './bench-fingerprint.js';

const packet = { srcIp: 1, dstIp: 2, srcPort: 1024, dstPort: 443, protocol: 6, icmpType: 0, icmpCode: 0 };

function answer(name: string, verdict: QueryAnswer['verdict'], dstPort?: number, elapsedMs = 1): QueryAnswer {
  const witness: Witness | undefined =
    dstPort === undefined
      ? undefined
      : {
          packet: { ...packet, dstPort },
          src: { id: 'eni-a', name: 'a', ip: 1 },
          dst: { id: 'eni-b', name: 'b', ip: 2 },
          path: { allowed: true, layers: [], assumptions: [] },
        };
  const base = { query: { name, from: { kind: 'any' }, to: { kind: 'any' }, expect: { kind: 'isolated' } }, verdict, assumptions: [], fromCount: 1, toCount: 1, elapsedMs } as const;
  return witness === undefined ? base : { ...base, witness };
}

describe('compareRuns', () => {
  it('finds identical runs identical, whatever the timings', () => {
    const r = compareRuns([
      [answer('q1', 'violated', 443, 5), answer('q2', 'holds')],
      [answer('q1', 'violated', 443, 9), answer('q2', 'holds', undefined, 7)],
    ]);
    expect(r).toEqual({ runs: 2, identical: true, verdictsIdentical: true, proofsIdentical: true, differences: [] });
  });

  it('reports a changed witness and a changed verdict', () => {
    const r = compareRuns([
      [answer('q1', 'violated', 443), answer('q2', 'holds')],
      [answer('q1', 'violated', 80), answer('q2', 'holds')],
      [answer('q1', 'violated', 443), answer('q2', 'unknown')],
    ]);
    expect(r.identical).toBe(false);
    expect(r.verdictsIdentical).toBe(false);
    expect(r.differences).toEqual([
      'q1: 2 distinct answers (violated): runs 1,3 | runs 2',
      'q2: 2 distinct answers (holds/unknown): runs 1,2 | runs 3',
    ]);
  });

  it('tells a witness change from a verdict change', () => {
    const r = compareRuns([[answer('q1', 'violated', 443)], [answer('q1', 'violated', 80)]]);
    expect(r.identical).toBe(false);
    expect(r.verdictsIdentical).toBe(true);
  });

  it('compares the whole rendered answer, down to the replayed trace', () => {
    const a = answer('q1', 'violated', 443);
    const traced: QueryAnswer = { ...a, witness: { ...a.witness!, reply: { allowed: false, layers: [], assumptions: [] } } };
    const r = compareRuns([[a], [traced]]);
    expect(r.identical).toBe(false);
    expect(r.differences).toEqual(['q1: 2 distinct answers (violated): runs 1 | runs 2']);
  });
});
