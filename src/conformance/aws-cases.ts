// The AWS conformance cases of an np-guard corpus folder (the one holding
// `aws_manifest.json`): every `analysis_tests` entry (AllEndpoints → endpoint
// level, AllSubnets → segment level) compares the full per-pair connection
// sets, reply-blocked parts included, semantically; every `explain_tests`
// entry replays a representative packet and compares the verdict, the blocking
// layers, and (when connected) the connection set with the matrix.
//
// Deliberate differences (test/conformance/known-differences.md): at segment
// level np-guard reports no traffic from the internet into subnets, so such
// computed lines are left out of the comparison.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatNpGuard, projectNpGuard } from '../analysis/connset-format.js';
import { ConnSet } from '../analysis/connset.js';
import { computeMatrix, type Matrix, type MatrixLevel } from '../analysis/matrix.js';
import { loadEstate } from '../ingest/load.js';
import type { Estate } from '../model/estate.js';
import { parseIpv4, PUBLIC_IPV4 } from '../model/ip.js';
import type { Packet } from '../model/packet.js';
import { endpointByAddress, evaluatePath, type Party } from '../semantics/evaluate.js';
import { compareNpGuardReports } from './npguard-aws-compare.js';
import { formatNpGuardAws } from './npguard-aws-format.js';
import { parseNpGuardReport, type NpGuardSection } from './npguard-aws-parse.js';
import { blockingOf, parseExplain } from './npguard-explain.js';

export interface CaseResult {
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed (a short diff), or notes on a pass. */
  readonly details: readonly string[];
}

interface Manifest {
  readonly analysis_tests?: readonly { input: string; use_case: string; expected: string }[];
  readonly explain_tests?: readonly { name: string; input: string; src: string; dst: string; expected: string }[];
}

export const MANIFEST = 'aws_manifest.json';

/** `dir` itself when it holds a manifest, else every folder below it (depth ≤ 3) that does. */
export async function findAwsCorpora(dir: string, depth = 3): Promise<string[]> {
  try {
    if ((await stat(path.join(dir, MANIFEST))).isFile()) return [dir];
  } catch {
    // not here; look below
  }
  if (depth === 0) return [];
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const n of names) found.push(...(await findAwsCorpora(path.join(dir, n), depth - 1)));
  return found;
}

class EstateCache {
  private readonly estates = new Map<string, Promise<{ estate?: Estate; error?: string }>>();
  private readonly matrices = new Map<string, Matrix>();

  estate(file: string): Promise<{ estate?: Estate; error?: string }> {
    let p = this.estates.get(file);
    if (p === undefined) {
      p = loadEstate([file]).then((r) => {
        if (r.estate !== undefined) return { estate: r.estate };
        const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
        return { error: `the input did not load: ${errors.slice(0, 3).join('; ') || 'no estate'}` };
      });
      this.estates.set(file, p);
    }
    return p;
  }

  matrix(file: string, estate: Estate, level: MatrixLevel): Matrix {
    const key = `${level}|${file}`;
    let m = this.matrices.get(key);
    if (m === undefined) {
      m = computeMatrix(estate, { level });
      this.matrices.set(key, m);
    }
    return m;
  }
}

function levelOf(useCase: string): MatrixLevel | undefined {
  if (useCase === 'AllEndpoints') return 'endpoints';
  if (useCase === 'AllSubnets') return 'segments';
  return undefined;
}

/** Documented difference: np-guard's subnet view shows no internet-to-subnet traffic. */
function dropInternetIntoSegments(sections: NpGuardSection[]): NpGuardSection[] {
  return sections.map((s) => ({ ...s, lines: s.lines.filter((l) => l.src.kind !== 'external') }));
}

async function analysisCase(root: string, t: { input: string; use_case: string; expected: string }, cache: EstateCache): Promise<CaseResult> {
  const name = `analysis ${path.basename(t.expected)} (${t.use_case})`;
  const level = levelOf(t.use_case);
  if (level === undefined) return { name, passed: false, details: [`unknown use case ${t.use_case}`] };
  const input = path.join(root, t.input);
  const loaded = await cache.estate(input);
  if (loaded.estate === undefined) return { name, passed: false, details: [loaded.error ?? 'no estate'] };
  const matrix = cache.matrix(input, loaded.estate, level);
  const expectedText = await readFile(path.join(root, t.expected), 'utf8');
  const expected = parseNpGuardReport(expectedText, PUBLIC_IPV4);
  if (!expected.ok) return { name, passed: false, details: [`expected file: ${expected.error}`] };
  const actual = parseNpGuardReport(formatNpGuardAws(matrix), matrix.internet);
  if (!actual.ok) return { name, passed: false, details: [`internal: our own report does not parse back: ${actual.error}`] };
  const computed = level === 'segments' ? dropInternetIntoSegments(actual.sections) : actual.sections;
  const diff = compareNpGuardReports(expected.sections, computed);
  return { name, passed: diff.length === 0, details: diff };
}

const CANDIDATE_PACKETS: readonly Omit<Packet, 'srcIp' | 'dstIp'>[] = [
  { protocol: 6, srcPort: 40000, dstPort: 80, icmpType: 0, icmpCode: 0 },
  { protocol: 6, srcPort: 40000, dstPort: 443, icmpType: 0, icmpCode: 0 },
  { protocol: 17, srcPort: 40000, dstPort: 53, icmpType: 0, icmpCode: 0 },
  { protocol: 1, srcPort: 0, dstPort: 0, icmpType: 8, icmpCode: 0 },
];

function partyAt(estate: Estate, ip: number): Party | undefined {
  const e = endpointByAddress(estate, ip);
  if (e !== undefined) return { kind: 'endpoint', endpoint: e };
  return estate.internet.has(ip) ? { kind: 'external' } : undefined;
}

async function explainCase(root: string, t: { name: string; input: string; src: string; dst: string; expected: string }, cache: EstateCache): Promise<CaseResult> {
  const name = `explain ${t.name}`;
  const input = path.join(root, t.input);
  const loaded = await cache.estate(input);
  if (loaded.estate === undefined) return { name, passed: false, details: [loaded.error ?? 'no estate'] };
  const estate = loaded.estate;
  const expectation = parseExplain(await readFile(path.join(root, t.expected), 'utf8'));
  if (typeof expectation === 'string') return { name, passed: false, details: [`expected file: ${expectation}`] };
  const srcIp = parseIpv4(t.src);
  const dstIp = parseIpv4(t.dst);
  const src = srcIp === undefined ? undefined : partyAt(estate, srcIp);
  const dst = dstIp === undefined ? undefined : partyAt(estate, dstIp);
  if (src === undefined || dst === undefined || srcIp === undefined || dstIp === undefined) {
    return { name, passed: false, details: [`cannot place ${t.src} or ${t.dst} in the estate`] };
  }
  const details: string[] = [];
  const shape = expectation.conn === undefined ? CANDIDATE_PACKETS[0]! : CANDIDATE_PACKETS.find((p) => expectation.conn!.hasPacket({ ...p, srcIp, dstIp })) ?? CANDIDATE_PACKETS[0]!;
  const packet: Packet = { ...shape, srcIp, dstIp };
  const verdict = evaluatePath(estate, packet, src, dst);
  if (verdict.allowed !== expectation.allowed) details.push(`expected ${expectation.allowed ? 'connected' : 'blocked'}, the evaluator says ${verdict.allowed ? 'allowed' : 'denied'}`);
  if (!expectation.allowed) {
    const got = [...blockingOf(verdict)].sort().join(', ');
    const want = [...expectation.blocking].sort().join(', ');
    if (got !== want) details.push(`blocking layers: expected {${want}}, got {${got}}`);
  } else if (expectation.conn !== undefined) {
    const m = cache.matrix(input, estate, 'endpoints');
    const hit = m.entries.find(
      (e) =>
        e.src.addresses.has(srcIp) && e.dst.addresses.has(dstIp) &&
        (src.kind === 'external' ? e.src.kind === 'external' : e.src.kind === 'endpoint' && e.src.index === src.endpoint.index) &&
        (dst.kind === 'external' ? e.dst.kind === 'external' : e.dst.kind === 'endpoint' && e.dst.index === dst.endpoint.index),
    );
    const allowed = projectNpGuard(hit?.allowed ?? ConnSet.NONE);
    if (!allowed.equals(expectation.conn)) details.push(`connections: expected ${formatNpGuard(expectation.conn)}, matrix has ${formatNpGuard(allowed)}`);
    const blocked = projectNpGuard(hit?.replyBlocked ?? ConnSet.NONE);
    if (expectation.replyEnabled === true && !blocked.isEmpty()) details.push(`TCP replies: expected enabled, matrix blocks ${formatNpGuard(blocked)}`);
  }
  return { name, passed: details.length === 0, details };
}

/** Runs every case of one corpus folder, in manifest order. */
export async function runAwsCorpus(corpusDir: string): Promise<CaseResult[]> {
  const manifest = JSON.parse(await readFile(path.join(corpusDir, MANIFEST), 'utf8')) as Manifest;
  const cache = new EstateCache();
  const results: CaseResult[] = [];
  const guard = async (name: string, run: () => Promise<CaseResult>): Promise<void> => {
    try {
      results.push(await run());
    } catch (err) {
      results.push({ name, passed: false, details: [`cannot run the case: ${(err as Error).message}`] });
    }
  };
  for (const t of manifest.analysis_tests ?? []) await guard(`analysis ${path.basename(t.expected)} (${t.use_case})`, () => analysisCase(corpusDir, t, cache));
  for (const t of manifest.explain_tests ?? []) await guard(`explain ${t.name}`, () => explainCase(corpusDir, t, cache));
  return results;
}
