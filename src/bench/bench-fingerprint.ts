// What must not change between two runs of the same query: the whole answer
// as `--format json` renders it (verdict, counts, witness with its replayed
// path and reply, proof, reason, assumptions), timing left out; and,
// separately, the proof's blocking items.

import type { QueryAnswer } from '../queries/answer.js';
import { answerJson } from '../report/answer-json.js';

export function answerFingerprint(a: QueryAnswer): string {
  return JSON.stringify(answerJson(a, { timing: false }));
}

export function proofFingerprint(a: QueryAnswer): string {
  if (a.proof === undefined) return '';
  return a.proof.blocking.map((b) => `${b.layer}|${b.filter}|${b.rule?.id ?? 'default'}`).join(';');
}

export interface RunComparison {
  readonly runs: number;
  /** Rendered answers (witnesses, traces and proofs included) identical in every run. */
  readonly identical: boolean;
  /** Proof blocking items identical in every run. */
  readonly proofsIdentical: boolean;
  /** Verdicts identical in every run (witnesses may still differ). */
  readonly verdictsIdentical: boolean;
  /** Queries whose answers differed: how many distinct answers, in which runs. */
  readonly differences: readonly string[];
}

/** Compares the runs query by query (every run holds answers in the same order). */
export function compareRuns(runs: readonly (readonly QueryAnswer[])[]): RunComparison {
  const first = runs[0] ?? [];
  const differences: string[] = [];
  let proofsIdentical = true;
  let verdictsIdentical = true;
  first.forEach((base, i) => {
    const distinct = new Map<string, number[]>();
    runs.forEach((run, r) => {
      const a = run[i];
      if (a === undefined) return;
      if (a.verdict !== base.verdict) verdictsIdentical = false;
      if (proofFingerprint(a) !== proofFingerprint(base)) proofsIdentical = false;
      const f = answerFingerprint(a);
      const list = distinct.get(f) ?? [];
      list.push(r + 1);
      distinct.set(f, list);
    });
    if (distinct.size > 1) {
      const verdicts = [...new Set(runs.map((run) => run[i]?.verdict))].join('/');
      const groups = [...distinct.values()].map((rs) => `runs ${rs.join(',')}`).join(' | ');
      differences.push(`${base.query.name}: ${distinct.size} distinct answers (${verdicts}): ${groups}`);
    }
  });
  return { runs: runs.length, identical: differences.length === 0, verdictsIdentical, proofsIdentical, differences };
}
