// Tests for the netpol-analyzer expected-output parser: synthetic lines of
// every shape, errors kept rather than dropped, a round trip through the
// printer, and real expected files from the corpus (skipped when absent).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../model/ip.js';
import {
  formatExpectedConnection,
  formatExpectedPeer,
  internalPeerNames,
  NETPOL_PROTOCOLS,
  parseExpectedConnection,
  parseNetpolConnlist,
  type ExpectedConnection,
  type PortRange,
} from './netpol-expected.js';
import { listNetpolCases } from './netpol-expected-cases.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const connlist = path.resolve(repoRoot, '..', 'shared', 'conformance', 'netpol-analyzer', 'test_outputs', 'connlist');
const present = existsSync(connlist);
if (!present) console.log('netpol-analyzer corpus not found at ../shared/conformance: real expected-file tests skipped');

describe('parseExpectedConnection', () => {
  it('reads All Connections and protocol groups, ports and ranges', () => {
    expect(parseExpectedConnection('All Connections')).toEqual({ kind: 'all' });
    expect(parseExpectedConnection('TCP 10053-10054,UDP 10053')).toEqual({
      kind: 'protocols',
      protocols: { TCP: [{ lo: 10053, hi: 10054 }], UDP: [{ lo: 10053, hi: 10053 }] },
    });
    expect(parseExpectedConnection('SCTP 1-9002,9004-65535,TCP 1-65535,UDP 1-65535')).toEqual({
      kind: 'protocols',
      protocols: {
        SCTP: [
          { lo: 1, hi: 9002 },
          { lo: 9004, hi: 65535 },
        ],
        TCP: [{ lo: 1, hi: 65535 }],
        UDP: [{ lo: 1, hi: 65535 }],
      },
    });
  });

  it('gives a reason for what it cannot read', () => {
    expect(parseExpectedConnection('ICMP 8')).toMatch(/protocol group/);
    expect(parseExpectedConnection('80')).toMatch(/before any protocol/);
    expect(parseExpectedConnection('TCP 0-80')).toMatch(/not a port/);
    expect(parseExpectedConnection('TCP 80,TCP 90')).toMatch(/twice/);
  });

  it('printing and parsing again gives the same connection (property)', () => {
    const ranges = fc
      .uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 8 })
      .map((xs): PortRange[] => {
        const sorted = [...xs].sort((a, b) => a - b);
        const out: PortRange[] = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ lo: sorted[i]!, hi: sorted[i + 1]! - 1 >= sorted[i]! ? sorted[i + 1]! - 1 : sorted[i]! });
        if (sorted.length % 2 === 1) out.push({ lo: sorted[sorted.length - 1]!, hi: sorted[sorted.length - 1]! });
        return out;
      });
    const conn = fc
      .record({ SCTP: fc.option(ranges, { nil: undefined }), TCP: fc.option(ranges, { nil: undefined }), UDP: fc.option(ranges, { nil: undefined }) })
      .filter((r) => NETPOL_PROTOCOLS.some((p) => r[p] !== undefined))
      .map((r): ExpectedConnection => {
        const protocols: Partial<Record<(typeof NETPOL_PROTOCOLS)[number], PortRange[]>> = {};
        for (const p of NETPOL_PROTOCOLS) if (r[p] !== undefined) protocols[p] = r[p];
        return { kind: 'protocols', protocols };
      });
    fc.assert(
      fc.property(conn, (c) => {
        expect(parseExpectedConnection(formatExpectedConnection(c))).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseNetpolConnlist', () => {
  const text = [
    '0.0.0.0-255.255.255.255[External] => default/frontend[Deployment] : TCP 8080',
    'default/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : UDP 53',
    'default/frontend[Deployment] => default/backend[Deployment] : TCP 9090',
    '',
    'Exposure Analysis Result:',
    'default/x[Pod] => entire-cluster : All Connections',
  ].join('\n');

  it('reads peers and connections with lines, and stops at the exposure marker', () => {
    const list = parseNetpolConnlist(text);
    expect(list.problems).toEqual([]);
    expect(list.lines).toHaveLength(3);
    const first = list.lines[0]!;
    expect(first.src).toMatchObject({ kind: 'external', lo: 0, hi: 0xffffffff });
    expect(first.dst).toMatchObject({ kind: 'internal', namespace: 'default', name: 'frontend', workloadKind: 'Deployment' });
    expect(list.lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect([...internalPeerNames(list)].sort()).toEqual(['default/backend[Deployment]', 'default/frontend[Deployment]']);
    expect(list.lines.map((l) => `${formatExpectedPeer(l.src)} => ${formatExpectedPeer(l.dst)} : ${formatExpectedConnection(l.conn)}`).join('\n')).toBe(text.split('\n').slice(0, 3).join('\n'));
  });

  it('keeps lines it cannot read as problems, never drops them', () => {
    const list = parseNetpolConnlist('a => b : TCP 80\n10.0.0.0-9.0.0.0[External] => default/a[Pod] : TCP 1\nno arrow here\n');
    expect(list.lines).toEqual([]);
    expect(list.problems.map((p) => p.line)).toEqual([1, 2, 3]);
  });
});

describe.skipIf(!present)('parseNetpolConnlist on real expected files', () => {
  const read = async (name: string) => parseNetpolConnlist(await readFile(path.join(connlist, name), 'utf8'));

  it('netpol-analysis-example-minimal: the README example', async () => {
    const list = await read('netpol-analysis-example-minimal_connlist_output.txt');
    expect(list.problems).toEqual([]);
    expect(list.lines.map((l) => [formatExpectedPeer(l.src), formatExpectedPeer(l.dst), formatExpectedConnection(l.conn)])).toEqual([
      ['0.0.0.0-255.255.255.255[External]', 'default/frontend[Deployment]', 'TCP 8080'],
      ['default/frontend[Deployment]', '0.0.0.0-255.255.255.255[External]', 'UDP 53'],
      ['default/frontend[Deployment]', 'default/backend[Deployment]', 'TCP 9090'],
    ]);
  });

  it('ipblockstest: disjoint external ranges per peer and direction', async () => {
    const list = await read('ipblockstest_connlist_output.txt');
    expect(list.problems).toEqual([]);
    expect(list.lines.length).toBeGreaterThan(50);
    const first = list.lines[0]!;
    expect(first.src).toMatchObject({ kind: 'external', lo: 0, hi: parseIpv4('9.255.255.255') });
    const byPeer = new Map<string, { lo: number; hi: number }[]>();
    for (const l of list.lines) {
      if (l.src.kind !== 'external' || l.dst.kind !== 'internal') continue;
      const xs = byPeer.get(l.dst.text) ?? [];
      xs.push({ lo: l.src.lo, hi: l.src.hi });
      byPeer.set(l.dst.text, xs);
    }
    for (const xs of byPeer.values()) {
      xs.sort((a, b) => a.lo - b.lo);
      for (let i = 1; i < xs.length; i++) expect(xs[i]!.lo).toBeGreaterThan(xs[i - 1]!.hi);
    }
  });

  it('onlineboutique exposure output: only the part before the marker', async () => {
    const list = await read('onlineboutique_exposure_output.txt');
    expect(list.problems).toEqual([]);
    expect(list.lines.length).toBe(17);
    expect(list.lines.every((l) => !l.dst.text.includes('entire-cluster'))).toBe(true);
  });

  it('every plain netpol_v1_only and anp_banp txt output parses without problems', async () => {
    const cases = await listNetpolCases(path.dirname(path.dirname(connlist)), ['netpol_v1_only', 'anp_banp']);
    let total = 0;
    let files = 0;
    const bad: string[] = [];
    for (const c of cases) {
      if (c.expectedTxt === undefined) continue;
      const list = parseNetpolConnlist(await readFile(c.expectedTxt, 'utf8'));
      files += 1;
      total += list.lines.length;
      if (list.problems.length > 0) bad.push(`${c.name}: ${list.problems[0]!.reason}`);
    }
    expect(bad).toEqual([]);
    expect(files).toBeGreaterThan(100);
    expect(total).toBeGreaterThan(500);
  });
});
