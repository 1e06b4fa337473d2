// Times a cold single query through the built CLI: a fresh `node` process
// running `netproof query <estate> --from … --to …`, wall clock from spawn to
// exit, a few times over (the first also pays for a cold file cache).

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ColdCliFigure } from './bench-result.js';
import { nowMs, percentile } from './bench-stats.js';

const CLI_TIMEOUT_MS = 60_000;

/** The built CLI next to this module (dist/bench → dist/cli). */
export function builtCliPath(): string {
  return fileURLToPath(new URL('../cli/main.js', import.meta.url));
}

interface OneRun {
  readonly ms: number;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

function runOnce(args: readonly string[]): Promise<OneRun> {
  return new Promise((resolve) => {
    const start = nowMs();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    let timedOut = false;
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CLI_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ms: nowMs() - start, exitCode: null, stdout, stderr: err.message, timedOut });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ ms: nowMs() - start, exitCode: code, stdout, stderr, timedOut });
    });
  });
}

/** An answer: JSON on stdout and exit 0 (holds), 1 (violated) or 3 (unknown). */
function answered(run: OneRun): boolean {
  if (run.timedOut || run.exitCode === null || ![0, 1, 3].includes(run.exitCode)) return false;
  try {
    JSON.parse(run.stdout);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the query with `--format json`; anything but an answer (a crash, bad
 * input, a timeout) is a failed measurement, never a time.
 */
export async function timeColdCliQuery(estateDir: string, from: string, to: string, times = 3): Promise<ColdCliFigure> {
  const args = [builtCliPath(), 'query', estateDir, '--from', from, '--to', to, '--format', 'json'];
  const command = `netproof query <estate> --from ${from} --to ${to}`;
  const runs: OneRun[] = [];
  for (let i = 0; i < times; i++) {
    const run = await runOnce(args);
    runs.push(run);
    if (!answered(run)) {
      const why = run.timedOut
        ? `no exit within ${CLI_TIMEOUT_MS / 1000} s`
        : `exit ${run.exitCode}: ${(run.stderr.trim() || run.stdout.trim()).split('\n').slice(0, 3).join(' / ').slice(0, 300)}`;
      return { status: 'failed', command, exitCode: run.exitCode, detail: why };
    }
  }
  const ms = runs.map((r) => r.ms);
  return {
    status: 'done',
    command,
    ms: percentile(ms, 50),
    exitCode: runs[0]!.exitCode,
    detail: `median of ${times}; runs ${ms.map((m) => `${m.toFixed(0)} ms`).join(', ')}`,
  };
}
