// Tests for label selectors: parsing with validation and locations, the
// predicate (In, NotIn, Exists, DoesNotExist, matchLabels), and the printer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snippet } from './test-helpers.js';
import { formatSelector, isEmptySelector, parseLabelSelector, selectorMatches } from './selector.js';
import type { LabelSelector, SelectorRequirement } from './types.js';

function parse(yamlText: string): { selector: LabelSelector | undefined; codes: string[]; messages: string[]; lines: (number | undefined)[] } {
  const s = snippet(yamlText, 'NetworkPolicy default/p');
  const selector = parseLabelSelector(s.reader, s.value, '');
  s.resolve();
  return { selector, codes: s.sink.items.map((d) => d.code), messages: s.sink.items.map((d) => d.message), lines: s.sink.items.map((d) => d.location?.line) };
}

describe('parseLabelSelector', () => {
  it('reads matchLabels and every operator', () => {
    const { selector, codes } = parse(`matchLabels:
  app: web
matchExpressions:
- key: tier
  operator: In
  values: [a, b]
- key: env
  operator: NotIn
  values: [prod]
- key: team
  operator: Exists
- key: debug
  operator: DoesNotExist
`);
    expect(codes).toEqual([]);
    expect(selector!.matchLabels).toEqual({ app: 'web' });
    expect(selector!.matchExpressions.map((e) => e.operator)).toEqual(['In', 'NotIn', 'Exists', 'DoesNotExist']);
    expect(formatSelector(selector!)).toBe('app=web,tier in (a,b),env notin (prod),team,!debug');
  });

  it('the empty selector selects everything and prints as {}', () => {
    const { selector } = parse('{}');
    expect(isEmptySelector(selector!)).toBe(true);
    expect(selectorMatches(selector!, {})).toBe(true);
    expect(selectorMatches(selector!, { a: 'b' })).toBe(true);
    expect(formatSelector(selector!)).toBe('{}');
  });

  it('an unknown operator is an error at its line, naming the object', () => {
    const r = parse(`matchExpressions:
- key: app
  operator: Equals
  values: [web]
`);
    expect(r.selector).toBeUndefined();
    expect(r.codes).toEqual(['k8s-invalid-selector']);
    expect(r.lines).toEqual([3]);
    expect(r.messages[0]).toContain('NetworkPolicy default/p');
    expect(r.messages[0]).toContain('"Equals"');
  });

  it('In without values, Exists with values, a missing key and a non-string label are errors', () => {
    expect(parse('matchExpressions:\n- key: a\n  operator: In\n  values: []\n').codes).toEqual(['k8s-invalid-selector']);
    expect(parse('matchExpressions:\n- key: a\n  operator: Exists\n  values: [x]\n').codes).toEqual(['k8s-invalid-selector']);
    expect(parse('matchExpressions:\n- operator: Exists\n').codes).toEqual(['k8s-invalid-selector']);
    const nonString = parse('matchLabels:\n  version: 1.0\n');
    expect(nonString.codes).toEqual(['k8s-invalid-selector']);
    expect(nonString.lines).toEqual([2]);
    expect(parse('matchLabel:\n  a: b\n').codes).toEqual(['k8s-invalid-selector']);
  });
});

describe('selectorMatches', () => {
  const at = { file: 't', pointer: '' };
  const sel = (matchLabels: Record<string, string>, matchExpressions: SelectorRequirement[] = []): LabelSelector => ({ matchLabels, matchExpressions, location: at });

  it('matchLabels needs every pair; expressions follow the API', () => {
    expect(selectorMatches(sel({ app: 'web' }), { app: 'web', x: 'y' })).toBe(true);
    expect(selectorMatches(sel({ app: 'web' }), { app: 'db' })).toBe(false);
    expect(selectorMatches(sel({}, [{ key: 'env', operator: 'NotIn', values: ['prod'] }]), {})).toBe(true);
    expect(selectorMatches(sel({}, [{ key: 'env', operator: 'NotIn', values: ['prod'] }]), { env: 'prod' })).toBe(false);
    expect(selectorMatches(sel({}, [{ key: 'env', operator: 'In', values: ['prod'] }]), {})).toBe(false);
    expect(selectorMatches(sel({}, [{ key: 'env', operator: 'Exists' }]), { env: '' })).toBe(true);
    expect(selectorMatches(sel({}, [{ key: 'env', operator: 'DoesNotExist' }]), { env: '' })).toBe(false);
  });

  it('NotIn is the negation of In, DoesNotExist of Exists, and In [v] equals matchLabels k=v (property)', () => {
    const key = fc.constantFrom('app', 'env', 'tier');
    const val = fc.constantFrom('a', 'b', 'c', '');
    const labels = fc.dictionary(key, val);
    fc.assert(
      fc.property(labels, key, fc.array(val, { minLength: 1, maxLength: 3 }), val, (l, k, values, v) => {
        const isIn = selectorMatches(sel({}, [{ key: k, operator: 'In', values }]), l);
        const notIn = selectorMatches(sel({}, [{ key: k, operator: 'NotIn', values }]), l);
        const exists = selectorMatches(sel({}, [{ key: k, operator: 'Exists' }]), l);
        const absent = selectorMatches(sel({}, [{ key: k, operator: 'DoesNotExist' }]), l);
        const inOne = selectorMatches(sel({}, [{ key: k, operator: 'In', values: [v] }]), l);
        return isIn === !notIn && exists === !absent && inOne === selectorMatches(sel({ [k]: v }), l);
      }),
      { numRuns: 300 },
    );
  });
});
