// Tests for `netproof matrix` on Kubernetes manifests: netpol-analyzer's
// format by default, netproof's text or JSON when asked; AWS keeps text;
// the other netpol-analyzer formats, --focus, --explain and their usage errors.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { runCli } from '../program.js';

const shop = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'golden', 'fixtures', 'shop');

const MANIFEST = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: frontend, namespace: default }
spec: { template: { metadata: { labels: { app: frontend } }, spec: { containers: [{ name: c }] } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: backend, namespace: default }
spec: { template: { metadata: { labels: { app: backend } }, spec: { containers: [{ name: c }] } } }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: backend, namespace: default }
spec:
  podSelector: { matchLabels: { app: backend } }
  policyTypes: [Ingress, Egress]
  ingress: [{ from: [{ podSelector: { matchLabels: { app: frontend } } }], ports: [{ port: 9090 }] }]
`;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'netproof-matrix-k8s-'));
  await writeFile(path.join(tmp, 'app.yaml'), MANIFEST);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function bufferIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: '.', env: {}, out, err };
}

describe('netproof matrix', () => {
  it('prints netpol-analyzer lines for a Kubernetes-only estate', async () => {
    const io = bufferIo();
    expect(await runCli(['matrix', tmp], io)).toBe(0);
    expect(io.out.join('')).toBe(
      [
        '0.0.0.0-255.255.255.255[External] => default/frontend[Deployment] : All Connections',
        'default/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'default/frontend[Deployment] => default/backend[Deployment] : TCP 9090',
        '',
      ].join('\n'),
    );
  });

  it('prints netproof text with --format text, and netpol lines for AWS with --format netpol', async () => {
    const text = bufferIo();
    expect(await runCli(['matrix', tmp, '--format', 'text'], text)).toBe(0);
    expect(text.out.join('')).toContain('default/frontend[Deployment] => default/backend[Deployment] : TCP 9090');
    expect(text.out.join('')).toContain('Connectivity between endpoints');
    const aws = bufferIo();
    expect(await runCli(['matrix', shop, '--format', 'netpol'], aws)).toBe(0);
    expect(aws.out.join('')).toMatch(/^\S.* => \S.* : \S/m);
    expect(aws.out.join('')).not.toContain('Connectivity between endpoints');
  });

  it('prints the netpol-analyzer json, csv, md and dot formats', async () => {
    const json = bufferIo();
    expect(await runCli(['matrix', tmp, '--format', 'netpol-json'], json)).toBe(0);
    expect(JSON.parse(json.out.join(''))).toContainEqual({ src: 'default/frontend[Deployment]', dst: 'default/backend[Deployment]', conn: 'TCP 9090' });
    const csv = bufferIo();
    expect(await runCli(['matrix', tmp, '--format', 'csv'], csv)).toBe(0);
    expect(csv.out.join('')).toMatch(/^src,dst,conn\n/);
    expect(csv.out.join('')).toContain('default/frontend[Deployment],default/backend[Deployment],TCP 9090\n');
    const md = bufferIo();
    expect(await runCli(['matrix', tmp, '--format', 'md'], md)).toBe(0);
    expect(md.out.join('')).toContain('| default/frontend[Deployment] | default/backend[Deployment] | TCP 9090 |\n');
    const dot = bufferIo();
    expect(await runCli(['matrix', tmp, '--format', 'dot'], dot)).toBe(0);
    expect(dot.out.join('')).toContain('"default/frontend[Deployment]" -> "default/backend[Deployment]" [label="TCP 9090"');
  });

  it('narrows to a focus workload, and refuses an unknown one with exit code 2', async () => {
    const io = bufferIo();
    expect(await runCli(['matrix', tmp, '--focus', 'default/backend[Deployment]'], io)).toBe(0);
    expect(io.out.join('')).toBe('default/frontend[Deployment] => default/backend[Deployment] : TCP 9090\n');
    const egress = bufferIo();
    expect(await runCli(['matrix', tmp, '--focus', 'backend', '--focus-direction', 'egress'], egress)).toBe(0);
    expect(egress.out.join('')).toBe('');
    const unknown = bufferIo();
    expect(await runCli(['matrix', tmp, '--focus', 'nosuch'], unknown)).toBe(2);
    expect(unknown.err.join('')).toContain('--focus "nosuch" matches no workload');
  });

  it('explains the deciding rules per pair', async () => {
    const io = bufferIo();
    expect(await runCli(['matrix', tmp, '--explain', '--focus', 'backend'], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toContain('Connections between default/frontend[Deployment] => default/backend[Deployment]:');
    expect(text).toContain('\tAllowed TCP:[9090] due to the following policies and rules:');
    expect(text).toContain('NetworkPolicy default/backend ingress rule 0');
  });

  it('refuses --explain with a non-text format, and --focus with netproof formats or without a focus', async () => {
    for (const args of [
      ['--explain', '--format', 'csv'],
      ['--focus', 'backend', '--format', 'json'],
      ['--focus-direction', 'egress'],
      ['--focus', 'a/b/c'],
    ]) {
      const io = bufferIo();
      expect(await runCli(['matrix', tmp, ...args], io), args.join(' ')).toBe(2);
      expect(io.err.join(''), args.join(' ')).toMatch(/^error: /);
      expect(io.out.join('')).toBe('');
    }
  });
});
