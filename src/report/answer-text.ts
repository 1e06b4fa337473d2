// Query answers as text for a person: the overview table (query, expectation,
// verdict, time), the details of one answer (the replayed counterexample or
// witness layer by layer, the reply, or the rules and defaults that block),
// the assumptions it rests on, and the one-line tally.

import type { Assumption } from '../model/estate.js';
import type { BlockingItem, QueryAnswer, Verdict, Witness, WitnessParty } from '../queries/answer.js';
import { formatIpv4 } from '../model/ip.js';
import { formatException, formatExpectation, formatPacket, formatQuestion, formatWhere, plural } from './describe.js';
import { formatTraffic } from '../queries/traffic.js';
import { describeBlock, formatPathLines } from './path-text.js';
import { PLAIN, type Style } from './style.js';
import { formatTable } from './table.js';

export interface AnswerTextOptions {
  readonly style?: Style;
  /** Show elapsed times (off for reproducible output). Default true. */
  readonly timing?: boolean;
}

const VERDICT_MARKS: Record<Verdict, string> = { holds: '✓', violated: '✗', unknown: '?', error: '!' };

export function styleVerdict(v: Verdict, style: Style, text: string = v): string {
  switch (v) {
    case 'holds':
      return style.green(text);
    case 'violated':
      return style.red(style.bold(text));
    case 'unknown':
      return style.yellow(text);
    case 'error':
      return style.magenta(style.bold(text));
  }
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The overview: one row per query. */
export function formatAnswerTable(answers: readonly QueryAnswer[], options: AnswerTextOptions = {}): string[] {
  const style = options.style ?? PLAIN;
  const timing = options.timing ?? true;
  const columns = [{ header: 'query' }, { header: 'expects' }, { header: 'verdict' }];
  const rows = answers.map((a) => {
    const row = [a.query.name, formatExpectation(a.query.expect), styleVerdict(a.verdict, style, `${VERDICT_MARKS[a.verdict]} ${a.verdict}`)];
    return timing ? [...row, formatDuration(a.elapsedMs)] : row;
  });
  const all = timing ? [...columns, { header: 'time', align: 'right' as const }] : columns;
  return formatTable(all, rows, { styleHeader: style.bold });
}

/** `7 hold, 2 violated, 0 unknown` (and `, 1 error` when there are errors). */
export function formatSummary(answers: readonly QueryAnswer[], style: Style = PLAIN): string {
  const count = (v: Verdict): number => answers.filter((a) => a.verdict === v).length;
  const parts = [
    style.green(`${count('holds')} hold`),
    (count('violated') > 0 ? (t: string) => style.red(style.bold(t)) : (t: string) => t)(`${count('violated')} violated`),
    (count('unknown') > 0 ? style.yellow : (t: string) => t)(`${count('unknown')} unknown`),
  ];
  if (count('error') > 0) parts.push(style.magenta(plural(count('error'), 'error')));
  return parts.join(', ');
}

export function formatParty(p: WitnessParty): string {
  if (p.id === 'internet') return `the internet (${formatIpv4(p.ip)})`;
  return p.name === p.id ? p.name : `${p.name} (${p.id})`;
}

/** Selectors that match nothing are refused before solving, so 0 endpoints means internet addresses only. */
function countText(n: number): string {
  return n === 0 ? 'internet addresses' : plural(n, 'endpoint');
}

function labelled(label: string, text: string): string {
  return `  ${label.padEnd(10)}${text}`;
}

const WITNESS_KINDS: Record<Verdict, string> = {
  holds: 'witness',
  violated: 'counterexample',
  unknown: 'possible counterexample',
  error: 'packet',
};

function witnessLines(kind: string, w: Witness, style: Style): string[] {
  const tenants = w.tenants === undefined ? [] : [labelled('tenants', `${style.bold(w.tenants.src)} → ${style.bold(w.tenants.dst)}`)];
  const lines = [
    ...tenants,
    labelled('packet', `${style.bold(formatPacket(w.packet))}  ${style.dim(`(${kind}, replayed)`)}`),
    labelled('from', formatParty(w.src)),
    labelled('to', formatParty(w.dst)),
    labelled('path', w.path.allowed ? 'every layer lets it through:' : `blocked at ${describeBlock(w.path) ?? 'a layer'}:`),
    ...formatPathLines(w.path, { style, indent: '    ' }),
  ];
  if (w.reply === undefined) return lines;
  const reply = w.reply.allowed
    ? 'the reply gets back through every stateless layer:'
    : style.yellow(`the reply is blocked at ${describeBlock(w.reply) ?? 'a layer'}, so the connection cannot complete:`);
  if (w.reply.layers.length === 0) return [...lines, labelled('reply', 'allowed (only stateful layers on the path)')];
  return [...lines, labelled('reply', reply), ...formatPathLines(w.reply, { style, indent: '    ' })];
}

function blockingLines(items: readonly BlockingItem[], style: Style): string[] {
  if (items.length === 0) return [];
  return formatTable(
    [{ header: 'source' }, { header: 'blocked by' }],
    items.map((b) => [style.dim(formatWhere(b.provenance)), b.description]),
    { indent: '    ', header: false },
  );
}

export function formatAssumptions(assumptions: readonly Assumption[], indent = '  '): string[] {
  return assumptions.map((a) => `${indent}- ${a.text}${a.location === undefined ? '' : ` (${formatWhere(a.location)})`}`);
}

/** What a proof establishes, in the words of the query's expectation. */
function provedClaim(a: QueryAnswer): string {
  const e = a.query.expect;
  if (e.kind === 'tenant-isolated') {
    const n = a.tenants?.length ?? 0;
    const except = e.exceptions.length === 0 ? '' : ` outside the exceptions`;
    return `no endpoint reaches one of another tenant${except} (${plural(n, 'tenant')}, all pairs at once)`;
  }
  if (e.kind !== 'only' || e.allowed.length === 0) return 'nothing gets through';
  return `nothing beyond ${e.allowed.map(formatTraffic).join('; ')} gets through`;
}

const TENANTS_LISTED = 8;

/** ` (a, b, c)` or ` (a, b, …, z)` for long lists. */
function tenantList(tenants: readonly string[]): string {
  if (tenants.length === 0) return '';
  const shown = tenants.length <= TENANTS_LISTED ? tenants : [...tenants.slice(0, TENANTS_LISTED - 1), '…', tenants[tenants.length - 1]!];
  return `: ${shown.join(', ')}`;
}

/** Everything about one answer, a few lines per part. */
export function formatAnswerDetails(a: QueryAnswer, options: AnswerTextOptions = {}): string[] {
  const style = options.style ?? PLAIN;
  const where = a.query.location === undefined ? '' : style.dim(`  (${formatWhere(a.query.location)})`);
  const lines = [`${styleVerdict(a.verdict, style, `${VERDICT_MARKS[a.verdict]} ${a.query.name}: ${a.verdict}`)}${where}`];
  if (a.query.description !== undefined) lines.push(`  ${style.dim(a.query.description)}`);
  lines.push(labelled('asks', formatQuestion(a.query)));
  const e = a.query.expect;
  if (e.kind === 'tenant-isolated') {
    const tenants = a.tenants === undefined ? '' : ` in ${plural(a.tenants.length, 'tenant')}${tenantList(a.tenants)}`;
    lines.push(labelled('expects', `${formatExpectation(e)}; ${plural(a.fromCount, 'endpoint')}${tenants}`));
    for (const x of e.exceptions) lines.push(labelled('except', formatException(x)));
  } else {
    lines.push(labelled('expects', `${formatExpectation(e)}; from ${countText(a.fromCount)} to ${countText(a.toCount)}`));
  }
  if (a.witness !== undefined) {
    lines.push(...witnessLines(WITNESS_KINDS[a.verdict], a.witness, style));
  }
  if (a.proof !== undefined) {
    const by = a.proof.blocking.length === 0 ? '' : '; blocked by:';
    lines.push(labelled('proof', `${provedClaim(a)}, for every packet (${plural(a.proof.obligations, 'obligation')} discharged)${by}`));
    lines.push(...blockingLines(a.proof.blocking, style));
    for (const f of a.proof.smtFiles) lines.push(labelled('smt', f));
  }
  if (a.reason !== undefined) lines.push(labelled(a.verdict === 'error' ? 'error' : 'reason', a.reason));
  if (a.assumptions.length > 0) {
    lines.push(labelled('assumes', ''));
    lines.push(...formatAssumptions(a.assumptions, '    '));
  }
  return lines.map((l) => l.trimEnd());
}
