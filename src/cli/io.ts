// What the CLI talks to: two output streams, the working directory, whether
// stdout is a terminal, and the environment. The real process supplies them
// in main.ts; tests pass buffers.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The directory relative paths are read from (the process cwd for the real CLI). */
  readonly cwd: string;
  /** Whether stdout is a terminal (color is only on for terminals). */
  readonly isTty?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A closed pipe (`netproof check … | head`) ends the output, not the run with a stack trace. */
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

/** The process's own streams. */
export function processIo(): CliIo {
  ignoreClosedPipe(process.stdout);
  ignoreClosedPipe(process.stderr);
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    isTty: process.stdout.isTTY === true,
    env: process.env,
  };
}

/** Writes lines to stdout, each ending in a newline. */
export function printOut(io: CliIo, lines: readonly string[]): void {
  if (lines.length > 0) io.stdout(lines.join('\n') + '\n');
}

/** Writes lines to stderr, each ending in a newline. */
export function printErr(io: CliIo, lines: readonly string[]): void {
  if (lines.length > 0) io.stderr(lines.join('\n') + '\n');
}
