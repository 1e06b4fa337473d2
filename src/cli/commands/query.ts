// `netproof query <estate...> --from S --to S`: one ad-hoc question. By
// default it asks whether anything gets through (expect reachable) and prints
// the witness, or the proof of what blocks; --expect isolated|only turns it
// into a check (for `only`, --protocol/--port name the traffic allowed).
// `--tenant-isolated <tenant>` asks instead whether endpoints of different
// tenants never reach each other (with --among and --except flows).

import { Command, Option } from 'commander';
import type { Diagnostic } from '../../model/diagnostics.js';
import { loadEstate } from '../../ingest/load.js';
import { QueryEngine } from '../../queries/engine.js';
import { parseSelector, parseTraffic } from '../../queries/parse.js';
import type { Expectation, Query, TenantException, TrafficSpec } from '../../queries/query.js';
import { defaultAmong, formatTenantKey, parseTenantKey } from '../../queries/tenant-key.js';
import { parseTrafficShorthand } from '../../queries/traffic.js';
import { answersDocumentJson } from '../../report/answer-json.js';
import { formatCheckReport, formatEstateSummary } from '../../report/check-text.js';
import { stringifyJson } from '../../report/json-values.js';
import { configureCommand } from '../configure.js';
import { hasErrors, printDiagnostics } from '../diagnostics-output.js';
import type { RunOutcome } from '../exit-code.js';
import { printErr, printOut, type CliIo } from '../io.js';
import { formatOption, outputOptions, styleFor, timeoutOption, type OutputOptions } from '../options.js';
import { answerQueries, emptySelectorDiagnostics } from '../run-queries.js';

export interface QueryOptions extends OutputOptions {
  readonly from?: string;
  readonly to?: string;
  /** A tenant key (`label:tenant`, `nslabel:tenant`, `namespace`): ask for tenant isolation instead. */
  readonly tenantIsolated?: string;
  readonly among?: string;
  readonly except?: readonly string[];
  readonly protocol?: string;
  readonly port?: string;
  readonly expect: 'reachable' | 'isolated' | 'only';
  readonly name?: string;
  readonly emitSmt?: string;
  readonly timeout: number;
}

type Built = { ok: true; query: Query } | { ok: false; error: string };

/** The options as a Query, or the first thing wrong with them. */
export function buildAdHocQuery(opts: QueryOptions): Built {
  if (opts.tenantIsolated !== undefined) return buildTenantQuery(opts, opts.tenantIsolated);
  if (opts.among !== undefined) return { ok: false, error: '--among goes with --tenant-isolated' };
  if ((opts.except ?? []).length > 0) return { ok: false, error: '--except goes with --tenant-isolated' };
  if (opts.from === undefined) return { ok: false, error: "required option '--from <selector>' not specified" };
  if (opts.to === undefined) return { ok: false, error: "required option '--to <selector>' not specified" };
  const from = parseSelector(opts.from);
  if (!from.ok) return { ok: false, error: `--from: ${from.error}` };
  const to = parseSelector(opts.to);
  if (!to.ok) return { ok: false, error: `--to: ${to.error}` };
  const traffic = parseTraffic(opts.protocol, opts.port);
  if (!traffic.ok) return { ok: false, error: traffic.error };
  const name = opts.name ?? `${opts.from} → ${opts.to}`;
  if (opts.expect === 'only') {
    if (traffic.traffic === undefined) {
      return { ok: false, error: '--expect only needs --protocol and/or --port: the only traffic that may pass' };
    }
    const expect: Expectation = { kind: 'only', allowed: [traffic.traffic] };
    return { ok: true, query: { name, from: from.selector, to: to.selector, expect } };
  }
  const base = { name, from: from.selector, to: to.selector, expect: { kind: opts.expect } as Expectation };
  const spec: TrafficSpec | undefined = traffic.traffic;
  return { ok: true, query: spec === undefined ? base : { ...base, traffic: spec } };
}

/** `--except 'from=<selector>;to=<selector>;traffic=<traffic>'` (each part optional, at least one). */
export function parseExceptOption(text: string): { ok: true; exception: TenantException } | { ok: false; error: string } {
  const out: { -readonly [K in keyof TenantException]: TenantException[K] } = {};
  const parts = text.split(';').map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length === 0) return { ok: false, error: `--except "${text}": give from=<selector>, to=<selector> and/or traffic=<traffic>, separated by ";"` };
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (key === 'from' || key === 'to') {
      if (out[key] !== undefined) return { ok: false, error: `--except "${text}": ${key} given twice` };
      const s = parseSelector(value);
      if (!s.ok) return { ok: false, error: `--except ${key}: ${s.error}` };
      out[key] = s.selector;
    } else if (key === 'traffic') {
      if (out.traffic !== undefined) return { ok: false, error: `--except "${text}": traffic given twice` };
      const t = parseTrafficShorthand(value);
      if (!t.ok) return { ok: false, error: `--except traffic: ${t.error}` };
      out.traffic = t.value;
    } else {
      return { ok: false, error: `--except "${text}": "${part}" is not from=<selector>, to=<selector> or traffic=<traffic>` };
    }
  }
  return { ok: true, exception: out };
}

/** `--tenant-isolated <tenant> [--among S] [--except …]… [--protocol/--port]`. */
function buildTenantQuery(opts: QueryOptions, tenantText: string): Built {
  for (const o of ['from', 'to'] as const) {
    if (opts[o] !== undefined) return { ok: false, error: `--${o} does not go with --tenant-isolated (use --among to limit the endpoints)` };
  }
  if (opts.expect !== 'reachable') return { ok: false, error: '--expect does not go with --tenant-isolated' };
  const tenant = parseTenantKey(tenantText);
  if (!tenant.ok) return { ok: false, error: `--tenant-isolated: ${tenant.error}` };
  let among = defaultAmong(tenant.key);
  if (opts.among !== undefined) {
    const s = parseSelector(opts.among);
    if (!s.ok) return { ok: false, error: `--among: ${s.error}` };
    among = s.selector;
  }
  const exceptions: TenantException[] = [];
  for (const text of opts.except ?? []) {
    const x = parseExceptOption(text);
    if (!x.ok) return { ok: false, error: x.error };
    exceptions.push(x.exception);
  }
  const traffic = parseTraffic(opts.protocol, opts.port);
  if (!traffic.ok) return { ok: false, error: traffic.error };
  const name = opts.name ?? `tenant isolation by ${formatTenantKey(tenant.key)}`;
  const query: Query = { name, from: among, to: among, expect: { kind: 'tenant-isolated', tenant: tenant.key, exceptions } };
  return { ok: true, query: traffic.traffic === undefined ? query : { ...query, traffic: traffic.traffic } };
}

function refuse(io: CliIo, opts: QueryOptions, inputs: readonly string[], diagnostics: readonly Diagnostic[]): RunOutcome {
  printDiagnostics(diagnostics, io, opts);
  if (opts.format === 'json') {
    io.stdout(stringifyJson(answersDocumentJson({ command: 'query', inputs, assumptions: [], diagnostics }, opts)));
  }
  return { kind: 'bad-input' };
}

export async function runQuery(estatePaths: readonly string[], opts: QueryOptions, io: CliIo): Promise<RunOutcome> {
  const built = buildAdHocQuery(opts);
  if (!built.ok) {
    printErr(io, [`error: ${built.error}`, `hint: run 'netproof query --help' for usage`]);
    return { kind: 'usage' };
  }
  QueryEngine.warmUp();
  const loaded = await loadEstate(estatePaths);
  const inputs = loaded.estate?.sources ?? estatePaths;
  if (loaded.estate === undefined || hasErrors(loaded.diagnostics)) return refuse(io, opts, inputs, loaded.diagnostics);
  const estate = loaded.estate;
  const tenant = opts.tenantIsolated !== undefined;
  const empty = emptySelectorDiagnostics(estate, [built.query], (_, side) => (tenant ? '--among' : `--${side}`));
  const diagnostics = [...loaded.diagnostics, ...empty];
  if (hasErrors(diagnostics)) return refuse(io, opts, inputs, diagnostics);

  printDiagnostics(diagnostics, io, opts);
  const engineOptions = opts.emitSmt === undefined ? { timeoutMs: opts.timeout } : { timeoutMs: opts.timeout, emitSmtDir: opts.emitSmt };
  const answers = await answerQueries(estate, [built.query], engineOptions);
  if (opts.format === 'json') {
    io.stdout(stringifyJson(answersDocumentJson({ command: 'query', inputs, answers, assumptions: estate.assumptions, diagnostics }, opts)));
  } else {
    const style = styleFor(io, opts);
    printOut(io, [style.dim(formatEstateSummary(estate)), '', ...formatCheckReport(answers, { style, timing: opts.timing, details: 'all', table: false })]);
  }
  return { kind: 'answers', verdicts: answers.map((a) => a.verdict) };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function queryCommand(io: CliIo, onOutcome: (o: RunOutcome) => void): Command {
  const cmd = new Command('query')
    .description('ask one question: can traffic get from --from to --to? (or: are tenants isolated?)')
    .argument('<estate...>', 'files or folders of cloud inputs (aws ec2 describe-* JSON/YAML)')
    .option('--from <selector>', 'sources, e.g. tag:tier=web, sg:web-sg, subnet:app, cidr:10.0.0.0/16, namespace:team-a, internet, any')
    .option('--to <selector>', 'destinations (same forms as --from)')
    .option('--tenant-isolated <tenant>', 'prove endpoints of different tenants never reach each other; tenant: label:<key>, nslabel:<key> or namespace')
    .option('--among <selector>', 'with --tenant-isolated: the endpoints considered (default: those with a tenant)')
    .option('--except <flow>', "with --tenant-isolated: a flow allowed across tenants, 'from=<selector>;to=<selector>;traffic=<traffic>' (repeatable)", collect, [] as string[])
    .option('--protocol <list>', 'protocols: tcp, udp, icmp, sctp, all or numbers, comma separated')
    .option('--port <list>', 'destination ports, e.g. 443,8000-8080')
    .addOption(
      new Option('--expect <expectation>', 'reachable: show a packet that gets through; isolated: prove none does; only: nothing beyond --protocol/--port gets through')
        .choices(['reachable', 'isolated', 'only'])
        .default('reachable'),
    )
    .option('--name <name>', 'a name for the question in the report')
    .addOption(formatOption())
    .option('--emit-smt <dir>', 'write every solver obligation as SMT-LIB into <dir>')
    .addOption(timeoutOption());
  for (const o of outputOptions()) cmd.addOption(o);
  configureCommand(cmd, io, 'netproof query');
  return cmd.action(async (paths: string[], opts: QueryOptions) => {
    onOutcome(await runQuery(paths, opts, io));
  });
}
