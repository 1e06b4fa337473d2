import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { runCli } from './program.js';

const shop = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'golden', 'fixtures', 'shop');

function bufferIo(overrides: Partial<CliIo> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: '.', env: {}, out, err, ...overrides };
}

describe('runCli', () => {
  it('prints help and version on stdout with exit code 0', async () => {
    const help = bufferIo();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.out.join('')).toContain('Usage: netproof');
    expect(help.out.join('')).toContain('Exit codes:');
    const version = bufferIo();
    expect(await runCli(['--version'], version)).toBe(0);
    expect(version.out.join('')).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('gives 2 and a one-line error with a hint for usage errors', async () => {
    const io = bufferIo();
    expect(await runCli(['explain', shop, '--src', '10.0.1.10'], io)).toBe(2);
    expect(io.err.join('')).toBe("error: required option '--dst <ip>' not specified\nhint: run 'netproof explain --help' for usage\n");
    expect(io.out).toEqual([]);
  });

  it('reports an explained packet with exit code 0 and no color off a terminal', async () => {
    const io = bufferIo();
    expect(await runCli(['explain', shop, '--src', '10.0.2.20', '--dst', '10.0.3.30', '--port', '22'], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toContain('verdict   DENIED at NACL ingress');
    expect(text).not.toContain('\u001b[');
  });

  it('colors a terminal unless --no-color', async () => {
    const tty = bufferIo({ isTty: true });
    await runCli(['explain', shop, '--src', '10.0.2.20', '--dst', '10.0.3.30', '--port', '22'], tty);
    expect(tty.out.join('')).toContain('\u001b[');
    const plain = bufferIo({ isTty: true });
    await runCli(['explain', shop, '--src', '10.0.2.20', '--dst', '10.0.3.30', '--port', '22', '--no-color'], plain);
    expect(plain.out.join('')).not.toContain('\u001b[');
  });

  it('turns an unexpected failure into exit code 3 and one message, without a stack trace', async () => {
    const io = bufferIo({
      stdout: () => {
        throw new Error('disk full');
      },
    });
    expect(await runCli(['explain', shop, '--src', '10.0.2.20', '--dst', '10.0.3.30', '--port', '22'], io)).toBe(3);
    const err = io.err.join('');
    expect(err).toContain('netproof: internal error: disk full');
    expect(err).not.toMatch(/\n\s+at /);
  });
});
