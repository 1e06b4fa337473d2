// Runs parsed queries against a loaded estate: first refuses queries whose
// selectors match nothing (a typo would otherwise "prove" isolation of
// nothing), then asks the engine one query at a time and always closes it.

import { diagnostic, type Diagnostic } from '../model/diagnostics.js';
import type { Estate } from '../model/estate.js';
import type { QueryAnswer } from '../queries/answer.js';
import { QueryEngine, type EngineOptions } from '../queries/engine.js';
import { formatSelector } from '../queries/parse-selector.js';
import type { Query } from '../queries/query.js';
import { isEmptySelection, resolveSelector } from '../queries/select.js';

/** How a message names a query's side: `query "x": from selector`, or `--from` on the command line. */
export type SideLabel = (q: Query, side: 'from' | 'to') => string;

const FILE_SIDE: SideLabel = (q, side) => `query "${q.name}": ${side} selector`;

/** One `selector-empty` error per side of a query that selects nothing, at the query's location. */
export function emptySelectorDiagnostics(estate: Estate, queries: readonly Query[], label: SideLabel = FILE_SIDE): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const q of queries) {
    for (const side of ['from', 'to'] as const) {
      if (!isEmptySelection(resolveSelector(estate, q[side]))) continue;
      out.push(
        diagnostic(
          'selector-empty',
          `${label(q, side)} "${formatSelector(q[side])}" matches no endpoint and no internet address`,
          q.location,
        ),
      );
    }
  }
  return out;
}

export async function answerQueries(estate: Estate, queries: readonly Query[], options: EngineOptions): Promise<QueryAnswer[]> {
  const engine = await QueryEngine.create(estate, options);
  try {
    const answers: QueryAnswer[] = [];
    for (const q of queries) answers.push(await engine.answer(q));
    return answers;
  } finally {
    engine.close();
  }
}
