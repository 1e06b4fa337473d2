// Tests for `netproof matrix` on Kubernetes manifests: netpol-analyzer's
// format by default, netproof's text or JSON when asked; AWS keeps text.
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
});
