// Tests for kubectl-style label expressions: parsing, matching with
// Kubernetes semantics (`!=` and `notin` match a missing key), printing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatLabelExpression, labelsMatch, parseLabelExpression, type LabelRequirement } from './label-expression.js';

function reqs(text: string): readonly LabelRequirement[] {
  const r = parseLabelExpression(text);
  if (!r.ok) throw new Error(r.error);
  return r.requirements;
}

describe('label expressions', () => {
  const web = { app: 'web', tier: 'fe' };
  const db = { app: 'db' };
  const bare = {};

  it.each([
    ['app=web', [true, false, false]],
    ['app==web', [true, false, false]],
    ['app!=web', [false, true, true]],
    ['app in (web, db)', [true, true, false]],
    ['app notin (web)', [false, true, true]],
    ['tier', [true, false, false]],
    ['!tier', [false, true, true]],
    ['app, !tier', [false, true, false]],
    ['app in (db),app', [false, true, false]],
    ['tier=', [false, false, false]],
  ])('%s', (text, expected) => {
    const r = reqs(text);
    expect([web, db, bare].map((l) => labelsMatch(r, l))).toEqual(expected);
  });

  it('keeps keys with prefixes and dots', () => {
    expect(reqs('app.kubernetes.io/name=api,kubernetes.io/metadata.name in (a)')).toEqual([
      { key: 'app.kubernetes.io/name', op: 'eq', value: 'api' },
      { key: 'kubernetes.io/metadata.name', op: 'in', values: ['a'] },
    ]);
  });

  it.each([
    [''],
    ['   '],
    ['app='.concat('x y')],
    ['app in'],
    ['app in (a,,b)'],
    ['app notin (a) b'],
    ['app=x)'],
    ['!'],
    ['a b'],
  ])('rejects %j with a message', (text) => {
    const r = parseLabelExpression(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
  });

  it('prints an expression that parses back to the same requirements', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9.-]{0,6}$/);
    const requirement: fc.Arbitrary<LabelRequirement> = fc.oneof(
      fc.record({ key: word, op: fc.constantFrom('eq' as const, 'ne' as const), value: word }),
      fc.record({ key: word, op: fc.constantFrom('in' as const, 'notin' as const), values: fc.array(word, { minLength: 1, maxLength: 3 }) }),
      fc.record({ key: word, op: fc.constantFrom('exists' as const, 'absent' as const) }),
    );
    fc.assert(
      fc.property(fc.array(requirement, { minLength: 1, maxLength: 4 }), (rs) => {
        expect(reqs(formatLabelExpression(rs))).toEqual(rs);
      }),
    );
  });
});
