// Renders terms as SMT-LIB 2 text (logic QF_BV) for `--emit-smt`: a
// standalone script that z3 or cvc5 can re-check. Sub-terms used more than
// once become `define-fun`s, so shared structure is written once and nesting
// stays shallow.

import { childrenOf, postOrder, variablesOf, type Term } from './term.js';

export interface SmtScript {
  /** Comment lines written at the top (without the leading ';'). */
  readonly comments: readonly string[];
  readonly assertions: readonly Term[];
}

function hex(value: number, width: number): string {
  if (width % 4 === 0) return `#x${value.toString(16).padStart(width / 4, '0')}`;
  return `#b${value.toString(2).padStart(width, '0')}`;
}

/** A symbol as SMT-LIB accepts it (quoted when it has unusual characters). */
export function smtSymbol(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.$-]*$/.test(name) ? name : `|${name.replace(/[|\\]/g, '_')}|`;
}

export function renderSmtLib(script: SmtScript): string {
  const lines: string[] = script.comments.map((c) => `; ${c}`);
  lines.push('(set-logic QF_BV)');
  for (const v of variablesOf(script.assertions)) {
    const sort = v.op === 'bvvar' ? `(_ BitVec ${v.width})` : 'Bool';
    lines.push(`(declare-const ${smtSymbol(v.name)} ${sort})`);
  }
  const order = postOrder(script.assertions);
  const uses = new Map<number, number>();
  for (const t of order) for (const c of childrenOf(t)) uses.set(c.id, (uses.get(c.id) ?? 0) + 1);
  const text = new Map<number, string>();
  for (const t of order) {
    const s = render(t, (c) => text.get(c.id)!);
    const compound = childrenOf(t).length > 0;
    if (compound && (uses.get(t.id) ?? 0) > 1) {
      const name = `_t${t.id}`;
      const sort = 'Bool'; // every compound term is boolean
      lines.push(`(define-fun ${name} () ${sort} ${s})`);
      text.set(t.id, name);
    } else {
      text.set(t.id, s);
    }
  }
  for (const a of script.assertions) lines.push(`(assert ${text.get(a.id)!})`);
  lines.push('(check-sat)');
  lines.push('(exit)');
  return lines.join('\n') + '\n';
}

function render(t: Term, sub: (c: Term) => string): string {
  switch (t.op) {
    case 'const':
      return t.value ? 'true' : 'false';
    case 'boolvar':
    case 'bvvar':
      return smtSymbol(t.name);
    case 'bvconst':
      return hex(t.value, t.width);
    case 'not':
      return `(not ${sub(t.arg)})`;
    case 'and':
    case 'or':
      return `(${t.op} ${t.args.map(sub).join(' ')})`;
    case 'ite':
      return `(ite ${sub(t.cond)} ${sub(t.then)} ${sub(t.else)})`;
    case 'eq':
      return `(= ${sub(t.a)} ${sub(t.b)})`;
    case 'ule':
      return `(bvule ${sub(t.a)} ${sub(t.b)})`;
  }
}
