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

/** Every distinct sub-term of a formula in children-before-parents order, and where each one is. */
export interface IndexedOrder {
  readonly order: readonly Term[];
  /** By term id: the term's position in `order` plus one (0: not in the formula). */
  readonly slot: Int32Array;
}

/**
 * The sub-terms of `roots` (roots included), children before parents, found
 * depth first. The factory numbers a term after its children, so no sub-term
 * has a larger id than the largest root: a typed array of that size records
 * what was seen, with no object per visit.
 */
export function indexedPostOrder(roots: readonly Term[]): IndexedOrder {
  let maxId = -1;
  for (const r of roots) if (r.id > maxId) maxId = r.id;
  const slot = new Int32Array(maxId + 1);
  const order: Term[] = [];
  // Two parallel stacks: a term, and whether its children were pushed.
  const terms: Term[] = [];
  const expanded: boolean[] = [];
  const push = (t: Term, done: boolean): void => {
    if (t.id > maxId) throw new Error(`internal: term ${t.id} is newer than its parent`);
    terms.push(t);
    expanded.push(done);
  };
  for (let i = roots.length - 1; i >= 0; i--) push(roots[i]!, false);
  while (terms.length > 0) {
    const t = terms.pop()!;
    const done = expanded.pop()!;
    if (slot[t.id] !== 0) continue;
    if (done) {
      slot[t.id] = order.push(t);
      continue;
    }
    push(t, true);
    switch (t.op) {
      case 'not':
        if (slot[t.arg.id] === 0) push(t.arg, false);
        break;
      case 'and':
      case 'or':
        for (let i = t.args.length - 1; i >= 0; i--) if (slot[t.args[i]!.id] === 0) push(t.args[i]!, false);
        break;
      case 'ite':
        if (slot[t.else.id] === 0) push(t.else, false);
        if (slot[t.then.id] === 0) push(t.then, false);
        if (slot[t.cond.id] === 0) push(t.cond, false);
        break;
      case 'eq':
      case 'ule':
        if (slot[t.b.id] === 0) push(t.b, false);
        if (slot[t.a.id] === 0) push(t.a, false);
        break;
      default:
        break;
    }
  }
  return { order, slot };
}

/** Every distinct sub-term of `roots` (roots included), children before parents. */
export function postOrder(roots: readonly Term[]): Term[] {
  return indexedPostOrder(roots).order as Term[];
}

/** The variables `roots` mention, in first-seen order. */
export function variablesOf(roots: readonly Term[]): VarTerm[] {
  return postOrder(roots).filter((t): t is VarTerm => t.op === 'boolvar' || t.op === 'bvvar');
}
