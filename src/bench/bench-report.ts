// Renders benchmark figures as Markdown for the README: one table of figures
// with a column per size, then the targets with PASS/MISS.

import type { BenchDocument, SizeResult } from './bench-result.js';
import { engineSupportPending, fmtMiB, fmtMs, tenantIsolationFigure } from './bench-targets.js';

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function counts(r: SizeResult): string {
  const c = r.counts;
  if (c === undefined) return 'n/a';
  if ('pods' in c) {
    return `${c.pods.toLocaleString('en-US')} pods, ${c.namespaces} namespaces, ${c.networkPolicies.toLocaleString('en-US')} NetworkPolicies, ${c.adminPolicies} ANPs, ${c.baselinePolicies} BANP`;
  }
  return `${c.interfaces.toLocaleString('en-US')} ENIs, ${c.subnets} subnets, ${c.securityGroups} SGs / ${c.securityGroupRules.toLocaleString('en-US')} rules, ${c.networkAcls} NACLs / ${c.networkAclEntries.toLocaleString('en-US')} entries`;
}

function latency(r: SizeResult, which: 'firstRun' | 'allRuns'): string {
  const s = r.queries?.[which];
  if (s === undefined) return 'n/a';
  const pending = engineSupportPending(r) ? ' — engine support pending (error verdicts)' : '';
  return `${fmtMs(s.p50Ms)} / ${fmtMs(s.p95Ms)} (max ${fmtMs(s.maxMs)}, n=${s.count})${pending}`;
}

function verdicts(r: SizeResult): string {
  const v = r.queries?.verdicts;
  if (v === undefined) return 'n/a';
  return Object.entries(v)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
}

/** The `tenant-isolated` queries: one proof over every tenant pair each. */
function tenantIsolation(r: SizeResult): string {
  const t = tenantIsolationFigure(r);
  if (t === undefined) return '—';
  return `max ${fmtMs(t.maxMs)} over ${t.queries} queries (total ${fmtMs(t.totalMs)}): ${t.verdicts}`;
}

function matrix(r: SizeResult): string {
  const m = r.matrix;
  if (m === undefined) return 'not run';
  if (m.status === 'done') return `${fmtMs(m.ms)}${m.cells === undefined ? '' : ` (${m.cells.toLocaleString('en-US')} cells)`}`;
  return `${m.status}${m.detail === undefined ? '' : `: ${m.detail}`}`;
}

function cold(r: SizeResult): string {
  const c = r.coldCli;
  if (c === undefined) return '—';
  return c.status === 'done' ? `${fmtMs(c.ms)} (exit ${c.exitCode})` : `${c.status}${c.detail === undefined ? '' : `: ${c.detail}`}`;
}

function repeat(r: SizeResult): string {
  const rep = r.repeat;
  if (rep === undefined) return '—';
  const base = rep.identical
    ? `answer JSON identical in ${rep.runs} runs (witnesses included)`
    : `${rep.differences.length} queries differ over ${rep.runs} runs (${rep.verdictsIdentical ? 'same verdicts' : 'verdicts too'})`;
  return rep.proofsIdentical ? base : `${base}; proof cores differ`;
}

export function renderMarkdown(doc: BenchDocument): string {
  const sizes = doc.sizes;
  const lines: string[] = [];
  lines.push(`Benchmark: ${doc.startedAt}, Node ${doc.node}, ${doc.platform}, ${doc.cpus}`, '');
  lines.push('Latencies are wall clock; a machine load average above its CPU count inflates them.', '');
  lines.push(row(['Figure', ...sizes.map((s) => s.size)]));
  lines.push(row(['---', ...sizes.map(() => '---:')]));
  const figures: [string, (r: SizeResult) => string][] = [
    ['Estate', counts],
    ['Input (JSON or YAML)', (r) => (r.counts === undefined ? 'n/a' : `${(r.counts.inputBytes / 2 ** 20).toFixed(1)} MiB`)],
    ['Load + index', (r) => `${fmtMs(r.loadIndexMs)} (load ${fmtMs(r.loadMs)}, index ${fmtMs(r.indexMs)})`],
    ['Endpoints / classes', (r) => `${r.endpoints ?? 'n/a'} / ${r.classes ?? 'n/a'}`],
    ['Query p50 / p95, all runs', (r) => latency(r, 'allRuns')],
    ['Query p50 / p95, first run', (r) => latency(r, 'firstRun')],
    ['Verdicts (first run)', verdicts],
    ['Tenant isolation proof', tenantIsolation],
    ['Repeated runs', repeat],
    ['Matrix (endpoints)', matrix],
    ['Peak RSS', (r) => fmtMiB(r.peakRssMiB)],
    ['Cold CLI query', cold],
    ['Machine load (1-min avg, before → after)', (r) => (r.loadAverage === undefined ? 'n/a' : `${r.loadAverage.before.toFixed(1)} → ${r.loadAverage.after.toFixed(1)}`)],
  ];
  for (const [name, f] of figures) lines.push(row([name, ...sizes.map(f)]));
  const excluded = sizes.flatMap((s) => (s.excludedQueries ?? []).map((q) => `- ${s.size}: ${q}`));
  if (excluded.length > 0) lines.push('', 'Queries left out of the figures (they crashed or stalled the measuring process; see failures):', ...excluded);
  const unstable = sizes.flatMap((s) => (s.repeat?.differences ?? []).slice(0, 10).map((d) => `- ${s.size}: ${d}`));
  if (unstable.length > 0) lines.push('', 'Answers that changed between runs:', ...unstable);
  const perQuery = sizes.filter((s) => s.size.startsWith('K-') && s.queries !== undefined);
  for (const s of perQuery) {
    lines.push('', `Per-query verdicts, ${s.size} (first run):`, '', row(['Query', 'Category', 'Verdict', 'ms', 'from / to', 'Reason']), row(['---', '---', '---', '---:', '---:', '---']));
    for (const f of s.queries!.perQuery) lines.push(row([f.name, f.category, f.verdict, f.ms.toFixed(1), `${f.fromCount} / ${f.toCount}`, (f.reason ?? '').slice(0, 160)]));
  }
  if (perQuery.length > 0) {
    lines.push('', 'Tenant isolation: `tenant-isolated` queries (tenant = pod label `tenant`, DNS to kube-system and monitoring scrapes excepted) among the ANP-protected tenants (holds) and among all tenants (violated); the figure is the slowest.');
  }
  for (const s of sizes) {
    const checks = s.crossCheck ?? [];
    if (checks.length === 0) continue;
    const n = (o: string): number => checks.filter((c) => c.outcome === o).length;
    lines.push('', `Verdicts against the matrix, ${s.size}: ${n('agree')} agree, ${n('disagree')} disagree, ${n('skipped')} not comparable.`);
    for (const c of checks.filter((x) => x.outcome === 'disagree')) lines.push(`- DISAGREE ${c.name}: ${c.detail}`);
  }
  const failures = sizes.flatMap((s) => s.failures.map((f) => `- ${s.size}: ${f}`));
  if (failures.length > 0) lines.push('', 'Failures:', ...failures);
  if (doc.targets.length > 0) {
    lines.push('', row(['Size', 'Target', 'Measured', 'Result']), row(['---', '---', '---', '---']));
    for (const t of doc.targets) lines.push(row([t.size, t.target, t.measured, t.outcome]));
  }
  return lines.join('\n') + '\n';
}
