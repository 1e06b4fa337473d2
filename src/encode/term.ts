// The term language of netproof's formulas: booleans and fixed-width
// bit-vectors with the few operators reachability needs. Terms are immutable
// and hash-consed by the factory (src/encode/factory.ts), so a term's `id`
// identifies its structure within one factory. Renderers (SMT-LIB text, Z3
// ASTs) and the term evaluator all walk this one shape.

export type Term =
  | { readonly op: 'const'; readonly id: number; readonly value: boolean }
  | { readonly op: 'boolvar'; readonly id: number; readonly name: string }
  | { readonly op: 'bvconst'; readonly id: number; readonly value: number; readonly width: number }
  | { readonly op: 'bvvar'; readonly id: number; readonly name: string; readonly width: number }
  | { readonly op: 'not'; readonly id: number; readonly arg: Term }
  | { readonly op: 'and'; readonly id: number; readonly args: readonly Term[] }
  | { readonly op: 'or'; readonly id: number; readonly args: readonly Term[] }
  | { readonly op: 'ite'; readonly id: number; readonly cond: Term; readonly then: Term; readonly else: Term }
  | { readonly op: 'eq'; readonly id: number; readonly a: Term; readonly b: Term }
  | { readonly op: 'ule'; readonly id: number; readonly a: Term; readonly b: Term };

export type BvTerm = Extract<Term, { op: 'bvconst' | 'bvvar' }>;
export type VarTerm = Extract<Term, { op: 'boolvar' | 'bvvar' }>;

/** Bit-vector width of a term, or undefined for boolean terms. */
export function widthOf(t: Term): number | undefined {
  return t.op === 'bvconst' || t.op === 'bvvar' ? t.width : undefined;
}

/** The direct sub-terms of a term, in order. */
export function childrenOf(t: Term): readonly Term[] {
  switch (t.op) {
    case 'not':
      return [t.arg];
    case 'and':
    case 'or':
      return t.args;
    case 'ite':
      return [t.cond, t.then, t.else];
    case 'eq':
    case 'ule':
      return [t.a, t.b];
    default:
      return [];
  }
}

/** Every distinct sub-term of `roots` (roots included), children before parents. */
export function postOrder(roots: readonly Term[]): Term[] {
  const seen = new Set<number>();
  const out: Term[] = [];
  const stack: { term: Term; expanded: boolean }[] = roots.map((term) => ({ term, expanded: false })).reverse();
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (seen.has(top.term.id)) continue;
    if (top.expanded) {
      seen.add(top.term.id);
      out.push(top.term);
      continue;
    }
    stack.push({ term: top.term, expanded: true });
    const kids = childrenOf(top.term);
    for (let i = kids.length - 1; i >= 0; i--) if (!seen.has(kids[i]!.id)) stack.push({ term: kids[i]!, expanded: false });
  }
  return out;
}

/** The variables `roots` mention, in first-seen order. */
export function variablesOf(roots: readonly Term[]): VarTerm[] {
  return postOrder(roots).filter((t): t is VarTerm => t.op === 'boolvar' || t.op === 'bvvar');
}
