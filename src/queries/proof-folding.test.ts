// Explanations by folding: on random formulas that are false with every
// tracker on, the core keeps them false with the dropped trackers off (free
// for pass rules), every tracker of the core is needed, and the core lists
// only trackers the formula mentions. Like encoded formulas, the random ones
// can only become truer when a tracker other than a pass rule goes off.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFalseWith } from '../encode/evaluate-term.js';
import { TermFactory } from '../encode/factory.js';
import { arbTermSpec, BOOL_NAMES, buildTerm, type TermSpec } from '../encode/test-terms.js';
import { offOnlyAllowsMore, Trackers } from '../encode/trackers.js';
import { variablesOf, type Term } from '../encode/term.js';
import { filter, layer, rule } from './engine-fixtures.js';
import { coreByFolding } from './proof.js';

const theLayer = layer('l', 'ingress', ['f']);
const theFilter = filter('f', 'first-match', 'ingress', [rule('f/0', 'pass', {}), rule('f/1', 'deny', {})], 'pass');

/** Trackers for b0..b3: a default, a deny rule, a pass rule (not monotone), a chain end. */
function trackersFor(f: TermFactory): { trackers: Trackers; byName: (name: string) => Term } {
  const trackers = new Trackers(f);
  const made = new Map<string, Term>();
  const items = [
    () => ({ kind: 'default', layer: theLayer, filter: theFilter }) as const,
    () => ({ kind: 'rule', layer: theLayer, filter: theFilter, rule: theFilter.rules[1]! }) as const,
    () => ({ kind: 'rule', layer: theLayer, filter: theFilter, rule: theFilter.rules[0]! }) as const,
    () => ({ kind: 'default', layer: theLayer, filter: { ...theFilter, id: 'g' } }) as const,
  ];
  BOOL_NAMES.forEach((n, i) => made.set(n, trackers.literal(n, items[i]!)));
  return { trackers, byName: (name) => made.get(name)! };
}

/** The pass rule's tracker (b2) may occur anywhere; the others only switched off = allowed. */
const PASS_TRACKER = 'b2';

/** Formulas monotone in the trackers other than the pass rule's: and/or over `not b`, b2 and packet conditions. */
const arbMonotone: fc.Arbitrary<TermSpec> = fc.letrec<{ t: TermSpec }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...BOOL_NAMES).map((name): TermSpec => (name === PASS_TRACKER ? { op: 'bool', name } : { op: 'not', arg: { op: 'bool', name } })),
    fc.constantFrom<TermSpec>({ op: 'not', arg: { op: 'bool', name: PASS_TRACKER } }),
    arbTermSpec.filter((s) => !JSON.stringify(s).includes('"bool"')),
    fc.record({ op: fc.constantFrom('and' as const, 'or' as const), args: fc.array(tie('t'), { minLength: 1, maxLength: 4 }) }),
  ),
})).t;

/** Every tracker the core keeps on, the others off where monotone, else free. */
function valuesFor(trackers: Trackers, kept: ReadonlySet<string>): Map<string, boolean> {
  const values = new Map<string, boolean>();
  for (const n of trackers.names()) {
    if (kept.has(n)) values.set(n, true);
    else if (offOnlyAllowsMore(trackers.item(n)!)) values.set(n, false);
  }
  return values;
}

describe('coreByFolding', () => {
  it('keeps the formula false, needs every tracker it keeps, and names only mentioned trackers', () => {
    let explained = 0;
    fc.assert(
      fc.property(fc.array(arbMonotone, { minLength: 1, maxLength: 3 }), (specs) => {
        const f = new TermFactory();
        const { trackers, byName } = trackersFor(f);
        const roots = specs.map((s) => buildTerm(f, s, byName));
        if (!isFalseWith(roots, trackers.allTrue())) return;
        explained++;
        const core = coreByFolding(roots, trackers);
        const mentioned = new Set(variablesOf(roots).map((v) => (v.op === 'boolvar' ? v.name : '')));
        for (const n of core) expect(mentioned.has(n)).toBe(true);
        const kept = new Set(core);
        expect(isFalseWith(roots, valuesFor(trackers, kept))).toBe(true);
        for (const n of core) {
          const fewer = new Set(kept);
          fewer.delete(n);
          expect(isFalseWith(roots, valuesFor(trackers, fewer))).toBe(false);
        }
      }),
      { numRuns: 600 },
    );
    expect(explained).toBeGreaterThan(50);
  });
});
