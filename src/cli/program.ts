// The command tree (`createProgram`) and one complete run (`runCli`): parse,
// dispatch to a command, and turn however it ended — answers, bad input, a
// usage error, an internal error — into an exit code. Nothing here exits the
// process; main.ts sets process.exitCode from the returned number.

import { Command, CommanderError } from 'commander';
import { checkCommand } from './commands/check.js';
import { explainCommand } from './commands/explain.js';
import { matrixCommand } from './commands/matrix.js';
import { queryCommand } from './commands/query.js';
import { configureCommand } from './configure.js';
import { exitCodeFor, type ExitCode, type RunOutcome } from './exit-code.js';
import { printErr, type CliIo } from './io.js';
import { toolVersion } from './version.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  every query holds (explain and matrix: the report was printed)
  1  some query is violated
  2  bad input or usage
  3  some query is unknown (timeout, unsupported), or an internal error`;

export function createProgram(io: CliIo, onOutcome: (o: RunOutcome) => void = () => {}): Command {
  const program = new Command('netproof')
    .description('Proves or refutes reachability properties of layered network policies (AWS NACLs and security groups).')
    .version(toolVersion(), '-V, --version')
    .addHelpText('after', EXIT_CODES_HELP);
  configureCommand(program, io, 'netproof');
  program.addCommand(checkCommand(io, onOutcome));
  program.addCommand(queryCommand(io, onOutcome));
  program.addCommand(explainCommand(io, onOutcome));
  program.addCommand(matrixCommand(io, onOutcome));
  return program;
}

/** An error no command expected: one line (the stack only with NETPROOF_DEBUG=1). */
function reportInternalError(io: CliIo, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  const lines = [`netproof: internal error: ${message}`, 'This is a bug in netproof; please report it with the command that caused it.'];
  if (io.env?.['NETPROOF_DEBUG'] === '1' && err instanceof Error && err.stack !== undefined) lines.push(err.stack);
  printErr(io, lines);
}

/** Runs the CLI on `argv` (arguments only, without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let outcome: RunOutcome | undefined;
  try {
    const program = createProgram(io, (o) => {
      outcome = o;
    });
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and --version end with exit code 0; every other commander error is a usage error.
      return exitCodeFor(err.exitCode === 0 ? { kind: 'reported' } : { kind: 'usage' });
    }
    reportInternalError(io, err);
    return exitCodeFor({ kind: 'internal-error' });
  }
  return exitCodeFor(outcome ?? { kind: 'reported' });
}
