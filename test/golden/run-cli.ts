// Runs the built CLI (dist/cli/main.js) the way a person would, color off,
// and renders a run as one golden snapshot: arguments, exit code, stdout and
// stderr. Shared by every golden test file.

import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const fixtures = path.join(here, 'fixtures');
export const snapshots = path.join(here, '__snapshots__');
export const cli = path.join(repoRoot, 'dist', 'cli', 'main.js');

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], cwd: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['FORCE_COLOR'];
  delete env['NETPROOF_DEBUG'];
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

export function render(args: readonly string[], run: Run): string {
  return [`$ netproof ${args.join(' ')}`, `exit code: ${run.code}`, '--- stdout', run.stdout.trimEnd(), '--- stderr', run.stderr.trimEnd(), ''].join('\n');
}
