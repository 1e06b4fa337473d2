// Entry of the child process that measures one size: reads the request (a
// JSON file named on the command line), reports each phase to the harness
// over IPC, and leaves its figures in the request's result file.

import { readFile } from 'node:fs/promises';
import { measureSize, type MeasureRequest } from './bench-measure.js';

async function main(): Promise<void> {
  const requestFile = process.argv[2];
  if (requestFile === undefined) {
    process.stderr.write('usage: size-main <request.json>\n');
    process.exitCode = 2;
    return;
  }
  const req = JSON.parse(await readFile(requestFile, 'utf8')) as MeasureRequest;
  await measureSize(
    req,
    (progress) => process.send?.(progress),
    (line) => process.stderr.write(`${line}\n`),
  );
  // Z3 keeps worker threads alive; the harness has its figures, so end now.
  process.disconnect?.();
}

main().catch((err: unknown) => {
  process.stderr.write(`bench child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
