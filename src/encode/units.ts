// Unit propagation over a query's assertions: a conjunct that fixes a
// bit-vector variable to a constant (`x = c`, from a side with one class or a
// query's single protocol or port) is substituted into every other conjunct,
// and the factory folds what that decides, until no new unit appears. The
// units stay asserted, so the result is equivalent to the input (not merely
// equisatisfiable): models, cores and exported obligations mean the same.
// Boolean variables (proof trackers) are never substituted: cores need them.

import type { TermFactory } from './factory.js';
import { substitute } from './evaluate-term.js';
import type { Term } from './term.js';

/** The top-level conjuncts of `roots` (nested conjunctions flattened). */
function conjuncts(roots: readonly Term[]): Term[] {
  const out: Term[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.op === 'and') for (let i = t.args.length - 1; i >= 0; i--) stack.push(t.args[i]!);
    else out.push(t);
  }
  return out;
}

/** The variable and value a conjunct `x = c` fixes, if it is one. */
function unitOf(t: Term): { readonly name: string; readonly value: number } | undefined {
  if (t.op !== 'eq') return undefined;
  if (t.a.op === 'bvvar' && t.b.op === 'bvconst') return { name: t.a.name, value: t.b.value };
  if (t.b.op === 'bvvar' && t.a.op === 'bvconst') return { name: t.b.name, value: t.a.value };
  return undefined;
}

/** Rounds of substitution at most (each round needs a new unit; a handful suffice). */
const MAX_ROUNDS = 8;

/**
 * The conjuncts of `asserts` with every unit substituted into the others and
 * the units kept (without a unit: the conjuncts as they are). Conflicting
 * units, or a conjunct that folds to false, give `[false]`.
 */
export function propagateUnits(f: TermFactory, asserts: readonly Term[]): Term[] {
  let current = conjuncts(asserts);
  const fixed = new Map<string, number>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const fresh = new Map<string, number>();
    for (const t of current) {
      const u = unitOf(t);
      if (u === undefined || fixed.has(u.name)) continue;
      const seen = fresh.get(u.name);
      // Two different values for one variable: the conjunction is false.
      if (seen !== undefined && seen !== u.value) return [f.FALSE];
      fresh.set(u.name, u.value);
    }
    if (fresh.size === 0) break;
    for (const [name, value] of fresh) fixed.set(name, value);
    // Substituting a unit into itself gives true: it is kept below instead.
    const rest = current.filter((t) => unitOf(t) === undefined);
    const folded = conjuncts(substitute(f, rest, fresh));
    const kept = [...new Set(current.filter((t) => unitOf(t) !== undefined))];
    current = [...kept, ...folded];
    if (current.some((t) => t === f.FALSE)) return [f.FALSE];
  }
  return current.filter((t) => t !== f.TRUE);
}
