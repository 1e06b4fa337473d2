// Settings every command in the tree shares: errors thrown instead of
// exiting (so main.ts owns the exit code), output through CliIo, a one-line
// usage error followed by a hint, suggestions for misspelt options.

import type { Command } from 'commander';
import type { CliIo } from './io.js';

export function configureCommand(cmd: Command, io: CliIo, helpCommand: string): Command {
  return cmd
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(text),
    })
    .showHelpAfterError(`hint: run '${helpCommand} --help' for usage`)
    .showSuggestionAfterError(true)
    .allowExcessArguments(false);
}
