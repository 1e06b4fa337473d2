// Loads every AWS input of np-guard's vpc-network-config-analyzer suite and
// checks the estate against their expected connectivity with the concrete
// evaluator: for every pair of endpoints (and subnets) and the internet, a
// pair is listed iff some sample packet gets through, and "All Connections"
// pairs let every sample through. Skips when the shared corpus is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadEstate } from '../../src/ingest/load.js';
import type { Endpoint, Estate } from '../../src/model/estate.js';
import { parseIpv4 } from '../../src/model/ip.js';
import type { Packet } from '../../src/model/packet.js';
import { evaluatePath, evaluateReply, type Party } from '../../src/semantics/evaluate.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const suite = path.resolve(repoRoot, '..', 'shared', 'conformance', 'vpc-network-config-analyzer', 'pkg', 'awsvpc', 'examples');
const inputDir = path.join(suite, 'input');
const present = existsSync(inputDir);
if (!present) console.log(`skipping AWS ingest conformance: ${inputDir} not found`);

const ip = (t: string): number => parseIpv4(t)!;
const INTERNET_SAMPLES = ['147.235.208.136', '8.8.8.8', '161.26.0.0'];

/** Packets that cover the kinds of traffic the expected outputs distinguish. */
function samples(src: number, dst: number): Packet[] {
  const base = { srcIp: src, dstIp: dst, icmpType: 0, icmpCode: 0 };
  return [
    { ...base, protocol: 6, srcPort: 40000, dstPort: 9080 },
    { ...base, protocol: 6, srcPort: 9080, dstPort: 443 },
    { ...base, protocol: 6, srcPort: 40000, dstPort: 22 },
    { ...base, protocol: 17, srcPort: 40000, dstPort: 53 },
    { ...base, protocol: 1, srcPort: 0, dstPort: 0, icmpType: 8 },
  ];
}

interface Expected {
  readonly src: string;
  readonly dst: string;
  readonly all: boolean;
}

function parseExpected(file: string): Expected[] {
  const out: Expected[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(.+?) => (.+?) : (.+?)\s*\*?\s*$/.exec(line);
    if (m) out.push({ src: m[1]!, dst: m[2]!, all: m[3] === 'All Connections' });
  }
  return out;
}

type Node = { readonly label: string; readonly party: Party; readonly ip: number };

function internetNodes(label: (ip: string) => string): Node[] {
  return INTERNET_SAMPLES.map((s) => ({ label: label(s), party: { kind: 'external' }, ip: ip(s) }));
}

function endpointNode(e: Endpoint): Node {
  return { label: e.name, party: { kind: 'endpoint', endpoint: e }, ip: e.addresses.min()! };
}

/** Whether `line` names this external sample ("Public Internet (all ranges)" or a CIDR). */
function internetCovers(text: string, sample: number): boolean {
  if (text === 'Public Internet (all ranges)') return true;
  const cidrs = text.replace(/^Public Internet /, '').split(',');
  return cidrs.some((c) => {
    const [addr, len] = c.trim().split('/');
    const base = ip(addr!);
    const size = 2 ** (32 - Number(len ?? 32));
    return sample >= base && sample < base + size;
  });
}

/**
 * `inbound` false skips internet → node pairs: np-guard's subnet-based report
 * lists only traffic from subnets to the internet, never the other way.
 */
function checkMatrix(estate: Estate, nodes: readonly Endpoint[], expected: readonly Expected[], inbound = true): string[] {
  const problems: string[] = [];
  const internal = nodes.map(endpointNode);
  const pairs: [Node, Node][] = [];
  for (const a of internal) {
    for (const b of internal) if (a !== b) pairs.push([a, b]);
    for (const x of internetNodes((s) => s)) {
      pairs.push([a, x]);
      if (inbound) pairs.push([x, a]);
    }
  }
  for (const [a, b] of pairs) {
    const listed = expected.filter((x) => {
      const srcOk = a.party.kind === 'external' ? x.src.startsWith('Public Internet') && internetCovers(x.src, a.ip) : x.src === a.label;
      const dstOk = b.party.kind === 'external' ? x.dst.startsWith('Public Internet') && internetCovers(x.dst, b.ip) : x.dst === b.label;
      return srcOk && dstOk;
    });
    const verdicts = samples(a.ip, b.ip).map((p) => evaluatePath(estate, p, a.party, b.party).allowed);
    const some = verdicts.some(Boolean);
    const name = `${a.label} => ${b.label}`;
    if (some !== listed.length > 0) problems.push(`${name}: expected ${listed.length > 0 ? 'some' : 'no'} traffic, got ${verdicts.join(',')}`);
    if (listed.some((x) => x.all) && !verdicts.every(Boolean)) problems.push(`${name}: expected All Connections, got ${verdicts.join(',')}`);
  }
  return problems;
}

const inputs = present ? readdirSync(inputDir).filter((f) => f.endsWith('.json')) : [];

describe.skipIf(!present)('AWS ingest conformance (np-guard vpc-network-config-analyzer)', () => {
  it.each(inputs)('%s loads without errors', async (file) => {
    const r = await loadEstate([path.join(inputDir, file)]);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(r.estate).toBeDefined();
  });

  const cases = inputs
    .map((f) => f.replace(/^input_/, '').replace(/\.json$/, ''))
    .filter((c) => existsSync(path.join(suite, 'out', 'analysis_out', `${c}_all_vpcs_.txt`)));

  it.each(cases)('%s: endpoint connectivity agrees with the expected output', async (name) => {
    const r = await loadEstate([path.join(inputDir, `input_${name}.json`)]);
    const expected = parseExpected(path.join(suite, 'out', 'analysis_out', `${name}_all_vpcs_.txt`));
    expect(checkMatrix(r.estate!, r.estate!.endpoints, expected)).toEqual([]);
  });

  it.each(cases)('%s: subnet connectivity agrees with the expected output', async (name) => {
    const r = await loadEstate([path.join(inputDir, `input_${name}.json`)]);
    const file = path.join(suite, 'out', 'analysis_out', `${name}_all_vpcs_subnetsBased_withPGW.txt`);
    const expected = parseExpected(file);
    expect(checkMatrix(r.estate!, r.estate!.segments, expected, false)).toEqual([]);
  });

  it('aws_acl_1 spot checks: proxy2 => proxy1 TCP 9080 only, and the stateless reply marks', async () => {
    const r = await loadEstate([path.join(inputDir, 'input_aws_acl_1.json')]);
    const e = r.estate!;
    const by = (n: string): Party => ({ kind: 'endpoint', endpoint: e.endpoints.find((x) => x.name.startsWith(`${n}[`))! });
    const tcpPkt = (s: string, d: string, sp: number, dp: number): Packet => ({
      srcIp: ip(s), dstIp: ip(d), srcPort: sp, dstPort: dp, protocol: 6, icmpType: 0, icmpCode: 0,
    });
    expect(evaluatePath(e, tcpPkt('10.240.2.24', '10.240.0.9', 40000, 9080), by('proxy2'), by('proxy1')).allowed).toBe(true);
    expect(evaluatePath(e, tcpPkt('10.240.2.24', '10.240.0.9', 40000, 9081), by('proxy2'), by('proxy1')).allowed).toBe(false);
    // proxy1 => proxy2: TCP from source port 9080 gets its reply; others are marked "*".
    const fromOther = tcpPkt('10.240.0.9', '10.240.2.24', 40000, 443);
    const from9080 = tcpPkt('10.240.0.9', '10.240.2.24', 9080, 443);
    expect(evaluatePath(e, fromOther, by('proxy1'), by('proxy2')).allowed).toBe(true);
    expect(evaluateReply(e, fromOther, by('proxy1'), by('proxy2')).allowed).toBe(false);
    expect(evaluateReply(e, from9080, by('proxy1'), by('proxy2')).allowed).toBe(true);
  });

  it('internet access follows gateway + public subnet in every input', async () => {
    for (const file of inputs) {
      const r = await loadEstate([path.join(inputDir, file)]);
      for (const ep of r.estate!.endpoints) {
        const seg = r.estate!.segments.find((s) => s.id === ep.scopes['subnet'])!;
        expect(ep.internet.inbound, `${file} ${ep.name}`).toBe(seg.internet.inbound);
        expect(ep.internet.outbound, `${file} ${ep.name}`).toBe(seg.internet.outbound);
      }
    }
  });
});
