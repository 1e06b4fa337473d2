// The text report of `netproof check` and `netproof query`: a line about the
// estate, the overview table, the details of every answer that did not hold
// (or of all answers), and the tally.

import type { Estate } from '../model/estate.js';
import type { QueryAnswer } from '../queries/answer.js';
import { formatAnswerDetails, formatAnswerTable, formatSummary, type AnswerTextOptions } from './answer-text.js';
import { plural } from './describe.js';
import { PLAIN } from './style.js';

export type DetailLevel = 'failures' | 'all' | 'none';

export interface CheckTextOptions extends AnswerTextOptions {
  /** Which answers get a details block. Default 'failures' (every answer that does not hold). */
  readonly details?: DetailLevel;
  /** Leave out the overview table (one ad-hoc query). */
  readonly table?: boolean;
}

/** `estate: 34 endpoints in 1 network, 24 filters, 3 assumptions (11 files)`. */
export function formatEstateSummary(estate: Estate): string {
  const networks = new Set(estate.endpoints.map((e) => e.network)).size;
  const parts = [`${plural(estate.endpoints.length, 'endpoint')} in ${plural(networks, 'network')}`, plural(estate.filters.size, 'filter')];
  if (estate.assumptions.length > 0) parts.push(plural(estate.assumptions.length, 'assumption'));
  return `estate: ${parts.join(', ')} (${plural(estate.sources.length, 'file')})`;
}

function wantsDetails(a: QueryAnswer, level: DetailLevel): boolean {
  if (level === 'none') return false;
  return level === 'all' || a.verdict !== 'holds';
}

export function formatCheckReport(answers: readonly QueryAnswer[], options: CheckTextOptions = {}): string[] {
  const style = options.style ?? PLAIN;
  const level = options.details ?? 'failures';
  const lines: string[] = [];
  if (options.table ?? true) lines.push(...formatAnswerTable(answers, options), '');
  for (const a of answers.filter((x) => wantsDetails(x, level))) {
    lines.push(...formatAnswerDetails(a, options), '');
  }
  lines.push(formatSummary(answers, style));
  return lines;
}
