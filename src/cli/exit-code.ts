// The process exit code as a pure function of how the run ended:
//   0  every query holds (or the command only reports: explain, matrix, help)
//   1  some query is violated
//   2  bad input or usage (malformed files, an empty selector, unknown option)
//   3  some query is unknown (timeout, unsupported) or an internal error
// An internal error in any answer outranks violations (the run cannot be
// trusted); a violation outranks an unknown (it is a definite finding).

import type { Verdict } from '../queries/answer.js';

export type RunOutcome =
  | { readonly kind: 'answers'; readonly verdicts: readonly Verdict[] }
  | { readonly kind: 'reported' }
  | { readonly kind: 'bad-input' }
  | { readonly kind: 'usage' }
  | { readonly kind: 'internal-error' };

export type ExitCode = 0 | 1 | 2 | 3;

export const EXIT = { ok: 0, violated: 1, badInput: 2, unknownOrInternal: 3 } as const;

export function exitCodeFor(outcome: RunOutcome): ExitCode {
  switch (outcome.kind) {
    case 'reported':
      return EXIT.ok;
    case 'bad-input':
    case 'usage':
      return EXIT.badInput;
    case 'internal-error':
      return EXIT.unknownOrInternal;
    case 'answers': {
      const v = outcome.verdicts;
      if (v.includes('error')) return EXIT.unknownOrInternal;
      if (v.includes('violated')) return EXIT.violated;
      if (v.includes('unknown')) return EXIT.unknownOrInternal;
      return EXIT.ok;
    }
  }
}
