// SMT-LIB rendering: declarations from the header widths, shared sub-terms as
// define-funs, and text the solver's parser reads back with the same answer.
import { describe, expect, it } from 'vitest';
import { checkSmtText } from '../solve/z3.js';
import { TermFactory } from './factory.js';
import { renderSmtLib, smtSymbol } from './smtlib.js';

describe('renderSmtLib', () => {
  const f = new TermFactory();
  const port = f.bvVar('dstPort', 16);
  const proto = f.bvVar('protocol', 8);
  const tcp = f.eq(proto, f.bv(6, 8));
  const web = f.and(tcp, f.inRange(port, 80, 443));

  it('writes comments, logic, declarations, asserts and check-sat', () => {
    const text = renderSmtLib({ comments: ['query "x"'], assertions: [web, f.not(f.eq(port, f.bv(80, 16)))] });
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('; query "x"');
    expect(lines[1]).toBe('(set-logic QF_BV)');
    expect(text).toContain('(declare-const protocol (_ BitVec 8))');
    expect(text).toContain('(declare-const dstPort (_ BitVec 16))');
    expect(text).toContain('(bvule #x0050 dstPort)');
    expect(lines.slice(-2)).toEqual(['(check-sat)', '(exit)']);
  });

  it('names shared sub-terms once', () => {
    const text = renderSmtLib({ comments: [], assertions: [f.or(web, f.boolVar('p')), f.or(web, f.boolVar('q'))] });
    expect(text.match(/define-fun/g)?.length).toBe(1);
  });

  it('quotes unusual symbols and writes odd widths in binary', () => {
    expect(smtSymbol('srcClass')).toBe('srcClass');
    expect(smtSymbol('a b|c')).toBe('|a b_c|');
    const text = renderSmtLib({ comments: [], assertions: [f.eq(f.bvVar('k', 3), f.bv(5, 3))] });
    expect(text).toContain('#b101');
  });

  it('round-trips through the solver: sat stays sat, unsat stays unsat', async () => {
    const sat = renderSmtLib({ comments: [], assertions: [web] });
    const unsat = renderSmtLib({ comments: [], assertions: [web, f.ule(port, f.bv(79, 16))] });
    expect(await checkSmtText(sat, 10_000)).toBe('sat');
    expect(await checkSmtText(unsat, 10_000)).toBe('unsat');
  });
});
