// Test support for property tests over formulas: random formulas are generated
// as plain specs (fast-check) over four boolean variables b0..b3 and two 4-bit
// variables x and y, and built through a factory, so they carry the factory's
// folding and hash-consing like encoded formulas do.

import fc from 'fast-check';
import type { TermFactory } from './factory.js';
import type { Term } from './term.js';

export type TermSpec =
  | { readonly op: 'bool'; readonly name: string }
  | { readonly op: 'const'; readonly value: boolean }
  | { readonly op: 'cmp'; readonly kind: 'eq' | 'ule' | 'uge'; readonly v: 'x' | 'y'; readonly c: number }
  | { readonly op: 'vars'; readonly kind: 'eq' | 'ule' }
  | { readonly op: 'not'; readonly arg: TermSpec }
  | { readonly op: 'and' | 'or'; readonly args: readonly TermSpec[] }
  | { readonly op: 'ite'; readonly cond: TermSpec; readonly then: TermSpec; readonly else: TermSpec };

export const BOOL_NAMES = ['b0', 'b1', 'b2', 'b3'] as const;
export const BV_NAMES = ['x', 'y'] as const;
export const BV_WIDTH = 4;

const leaf: fc.Arbitrary<TermSpec> = fc.oneof(
  fc.constantFrom(...BOOL_NAMES).map((name): TermSpec => ({ op: 'bool', name })),
  fc.boolean().map((value): TermSpec => ({ op: 'const', value })),
  fc.record({ kind: fc.constantFrom('eq' as const, 'ule' as const, 'uge' as const), v: fc.constantFrom(...BV_NAMES), c: fc.integer({ min: 0, max: 15 }) }).map((r): TermSpec => ({ op: 'cmp', ...r })),
  fc.constantFrom('eq' as const, 'ule' as const).map((kind): TermSpec => ({ op: 'vars', kind })),
);

/** Random formula specs of bounded depth. */
export const arbTermSpec: fc.Arbitrary<TermSpec> = fc.letrec<{ t: TermSpec }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    tie('t').map((arg): TermSpec => ({ op: 'not', arg })),
    fc.record({ op: fc.constantFrom('and' as const, 'or' as const), args: fc.array(tie('t'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ cond: tie('t'), then: tie('t'), else: tie('t') }).map((r): TermSpec => ({ op: 'ite', ...r })),
  ),
})).t;

/** A full assignment of the variables the specs use. */
export const arbAssignment: fc.Arbitrary<Map<string, number | boolean>> = fc
  .record({ bools: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), x: fc.integer({ min: 0, max: 15 }), y: fc.integer({ min: 0, max: 15 }) })
  .map(({ bools, x, y }) => new Map<string, number | boolean>([...BOOL_NAMES.map((n, i): [string, boolean] => [n, bools[i]!]), ['x', x], ['y', y]]));

/** The term of a spec, built through `f`; `boolVar` gives the boolean variables (default: by their names). */
export function buildTerm(f: TermFactory, s: TermSpec, boolVar: (name: string) => Term = (name) => f.boolVar(name)): Term {
  const build = (x: TermSpec): Term => buildTerm(f, x, boolVar);
  const bv = (name: string): Term => f.bvVar(name, BV_WIDTH);
  switch (s.op) {
    case 'bool':
      return boolVar(s.name);
    case 'const':
      return f.bool(s.value);
    case 'cmp': {
      const c = f.bv(s.c, BV_WIDTH);
      return s.kind === 'eq' ? f.eq(bv(s.v), c) : s.kind === 'ule' ? f.ule(bv(s.v), c) : f.ule(c, bv(s.v));
    }
    case 'vars':
      return s.kind === 'eq' ? f.eq(bv('x'), bv('y')) : f.ule(bv('x'), bv('y'));
    case 'not':
      return f.not(build(s.arg));
    case 'and':
      return f.and(...s.args.map(build));
    case 'or':
      return f.or(...s.args.map(build));
    case 'ite':
      return f.ite(build(s.cond), build(s.then), build(s.else));
  }
}
