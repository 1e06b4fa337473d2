// `netproof check <estate...>`: load the estate and the query files, refuse
// bad input with diagnostics (exit 2), answer every query, and report as text
// or JSON.

import { Command, Option } from 'commander';
import { diagnostic, type Diagnostic } from '../../model/diagnostics.js';
import type { Estate } from '../../model/estate.js';
import { loadEstate } from '../../ingest/load.js';
import { QueryEngine } from '../../queries/engine.js';
import { parseQueryFiles } from '../../queries/parse.js';
import { answersDocumentJson } from '../../report/answer-json.js';
import { formatCheckReport, formatEstateSummary, type DetailLevel } from '../../report/check-text.js';
import { stringifyJson } from '../../report/json-values.js';
import { configureCommand } from '../configure.js';
import { hasErrors, printDiagnostics } from '../diagnostics-output.js';
import type { RunOutcome } from '../exit-code.js';
import { printErr, printOut, type CliIo } from '../io.js';
import { formatOption, outputOptions, styleFor, timeoutOption, type OutputOptions } from '../options.js';
import { answerQueries, emptySelectorDiagnostics } from '../run-queries.js';

export interface CheckOptions extends OutputOptions {
  readonly queries: readonly string[];
  readonly emitSmt?: string;
  readonly timeout: number;
  readonly details: DetailLevel;
}

const DEFAULT_QUERIES = ['queries'];

function collect(value: string, previous: readonly string[] | undefined): string[] {
  return previous === undefined || previous === DEFAULT_QUERIES ? [value] : [...previous, value];
}

/** Prints the bad-input report (text to stderr; JSON document to stdout) and says so. */
function refuse(
  io: CliIo,
  opts: CheckOptions,
  inputs: readonly string[],
  diagnostics: readonly Diagnostic[],
  estate?: Estate,
): RunOutcome {
  printDiagnostics(diagnostics, io, opts);
  if (opts.format === 'json') {
    io.stdout(
      stringifyJson(answersDocumentJson({ command: 'check', inputs, assumptions: estate?.assumptions ?? [], diagnostics }, opts)),
    );
  }
  const defaultQueriesMissing =
    opts.queries === DEFAULT_QUERIES && diagnostics.some((d) => d.code === 'input-not-found' && d.location?.file === DEFAULT_QUERIES[0]);
  if (defaultQueriesMissing) printErr(io, ["hint: queries are read from ./queries by default; name them with --queries <file or folder>"]);
  return { kind: 'bad-input' };
}

export async function runCheck(estatePaths: readonly string[], opts: CheckOptions, io: CliIo): Promise<RunOutcome> {
  QueryEngine.warmUp();
  const loaded = await loadEstate(estatePaths);
  const parsed = await parseQueryFiles(opts.queries);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics, ...parsed.diagnostics];
  const inputs = loaded.estate?.sources ?? estatePaths;
  if (loaded.estate === undefined || hasErrors(diagnostics)) {
    return refuse(io, opts, inputs, diagnostics, loaded.estate);
  }
  const estate = loaded.estate;
  if (parsed.queries.length === 0) {
    diagnostics.push(diagnostic('input-empty', `no queries found in ${opts.queries.join(', ')}`));
    return refuse(io, opts, inputs, diagnostics, estate);
  }
  diagnostics.push(...emptySelectorDiagnostics(estate, parsed.queries));
  if (hasErrors(diagnostics)) return refuse(io, opts, inputs, diagnostics, estate);

  printDiagnostics(diagnostics, io, opts);
  const engineOptions = opts.emitSmt === undefined ? { timeoutMs: opts.timeout } : { timeoutMs: opts.timeout, emitSmtDir: opts.emitSmt };
  const answers = await answerQueries(estate, parsed.queries, engineOptions);
  if (opts.format === 'json') {
    io.stdout(stringifyJson(answersDocumentJson({ command: 'check', inputs, answers, assumptions: estate.assumptions, diagnostics }, opts)));
  } else {
    const style = styleFor(io, opts);
    printOut(io, [style.dim(formatEstateSummary(estate)), '', ...formatCheckReport(answers, { style, timing: opts.timing, details: opts.details })]);
  }
  return { kind: 'answers', verdicts: answers.map((a) => a.verdict) };
}

export function checkCommand(io: CliIo, onOutcome: (o: RunOutcome) => void): Command {
  const cmd = new Command('check')
    .description('answer every query in the query files against the estate')
    .argument('<estate...>', 'files or folders of cloud inputs (aws ec2 describe-* JSON/YAML)')
    .addOption(
      new Option('--queries <path>', 'query file or folder (repeatable)').argParser(collect).default(DEFAULT_QUERIES, 'queries'),
    )
    .addOption(formatOption())
    .addOption(new Option('--details <which>', 'which answers to explain').choices(['failures', 'all', 'none']).default('failures'))
    .option('--emit-smt <dir>', 'write every solver obligation as SMT-LIB into <dir>')
    .addOption(timeoutOption());
  for (const o of outputOptions()) cmd.addOption(o);
  configureCommand(cmd, io, 'netproof check');
  return cmd.action(async (paths: string[], opts: CheckOptions) => {
    onOutcome(await runCheck(paths, opts, io));
  });
}
