// `--emit-smt DIR`: writes each proof obligation as a standalone SMT-LIB 2
// script named after its query, with comments saying what `unsat` means, so
// z3 or cvc5 can re-check the proof independently of netproof.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSmtLib } from '../encode/smtlib.js';
import type { Term } from '../encode/term.js';
import type { Query } from './query.js';

/** A file name for a query: safe characters only, never empty. */
export function smtFileName(queryName: string, taken: ReadonlySet<string>): string {
  const base = queryName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'query';
  let name = `${base}.smt2`;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}.smt2`;
  return name;
}

export function obligationText(query: Query, meaning: string, asserts: readonly Term[]): string {
  return renderSmtLib({
    comments: [
      `netproof proof obligation for query "${query.name.replace(/[\r\n]+/g, ' ')}"`,
      meaning,
      'expected result: unsat',
    ],
    assertions: asserts,
  });
}

/** Writes the obligation into `dir` and returns the file's path. */
export function writeObligation(dir: string, fileName: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fileName);
  writeFileSync(path, text, 'utf8');
  return path;
}
