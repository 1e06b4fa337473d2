// Unit propagation keeps a formula equivalent (same value under every full
// assignment), leaves no fixed variable outside its unit, and finds
// contradictions between units.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTerm } from './evaluate-term.js';
import { TermFactory } from './factory.js';
import { variablesOf, type Term } from './term.js';
import { arbAssignment, arbTermSpec, BV_NAMES, BV_WIDTH, buildTerm } from './test-terms.js';
import { propagateUnits } from './units.js';

const arbUnit = fc.record({ v: fc.constantFrom(...BV_NAMES), c: fc.integer({ min: 0, max: 15 }) });

function holds(roots: readonly Term[], a: ReadonlyMap<string, number | boolean>): boolean {
  return roots.every((r) => evaluateTerm(r, a) === true);
}

describe('propagateUnits', () => {
  it('gives an equivalent conjunction in which fixed variables occur only in their units', () => {
    fc.assert(
      fc.property(fc.array(arbTermSpec, { maxLength: 3 }), fc.array(arbUnit, { maxLength: 2 }), fc.array(arbAssignment, { minLength: 1, maxLength: 8 }), (specs, units, assignments) => {
        const f = new TermFactory();
        const unitTerms = units.map((u) => f.eq(f.bvVar(u.v, BV_WIDTH), f.bv(u.c, BV_WIDTH)));
        // Units nested in a conjunction are found too.
        const asserts = [...specs.map((s) => buildTerm(f, s)), f.and(...unitTerms)];
        const out = propagateUnits(f, asserts);
        for (const a of assignments) expect(holds(out, a)).toBe(holds(asserts, a));
        if (out.length === 1 && out[0] === f.FALSE) return;
        const fixed = new Set<string>(units.map((u) => u.v));
        for (const t of out) {
          const isUnit = t.op === 'eq' && ((t.a.op === 'bvvar' && t.b.op === 'bvconst') || (t.b.op === 'bvvar' && t.a.op === 'bvconst'));
          if (isUnit) continue;
          for (const v of variablesOf([t])) expect(fixed.has(v.op === 'bvvar' ? v.name : '')).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('folds what a unit decides and reports conflicting units as false', () => {
    const f = new TermFactory();
    const x = f.bvVar('x', 8);
    const y = f.bvVar('y', 8);
    const b = f.boolVar('b');
    const unit = f.eq(x, f.bv(3, 8));
    // x = 3 decides the range test; y = x then becomes a unit of its own.
    const out = propagateUnits(f, [unit, f.or(f.inRange(x, 5, 9), b), f.eq(x, y)]);
    expect(new Set(out)).toEqual(new Set([unit, b, f.eq(y, f.bv(3, 8))]));
    expect(propagateUnits(f, [unit, f.eq(x, f.bv(4, 8))])).toEqual([f.FALSE]);
    expect(propagateUnits(f, [f.and(unit, f.inRange(x, 4, 9))])).toEqual([f.FALSE]);
    const plain = [f.or(b, f.inRange(x, 1, 2))];
    expect(propagateUnits(f, plain)).toEqual(plain);
  });
});
