// End-to-end answers of the engine on small hand-built estates: isolation
// proven and refuted, reachability, `only`, internet queries, same-subnet NACL
// bypass, network links, unknown answers (timeout, assumptions), SMT export.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { IntervalSet } from '../model/intervals.js';
import { formatIpv4 } from '../model/ip.js';
import { checkSmtText } from '../solve/z3.js';
import { QueryEngine } from './engine.js';
import {
  byName, endpoint, estateOf, filter, layer, query, rule, tcp, testResolver, threeTier, TCP, UDP,
} from './engine-fixtures.js';

let engine: QueryEngine;
let smtDir: string;

beforeAll(async () => {
  smtDir = mkdtempSync(join(tmpdir(), 'netproof-smt-'));
  engine = await QueryEngine.create(threeTier(), { timeoutMs: 10_000, emitSmtDir: smtDir }, testResolver);
});
afterAll(() => {
  engine.close();
  rmSync(smtDir, { recursive: true, force: true });
});

function z3OnPath(): boolean {
  try {
    execFileSync('z3', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('QueryEngine on a three-tier VPC', () => {
  it('proves that web cannot reach the database and names what blocks', async () => {
    const a = await engine.answer(query('web-to-db', byName('web-*'), byName('db-*'), { kind: 'isolated' }));
    expect(a.verdict).toBe('holds');
    expect(a.witness).toBeUndefined();
    const blocking = a.proof!.blocking.map((b) => b.filter);
    expect(blocking).toContain('sg-db/in');
    expect(a.proof!.blocking.find((b) => b.filter === 'sg-db/in')!.description).toMatch(/no rule allows/);
    expect(a.fromCount).toBe(2);
    expect(a.toCount).toBe(2);
  });

  it('finds a replayed witness when app reaches the database, preferring TCP 5432', async () => {
    const a = await engine.answer(query('app-to-db', byName('app-1'), byName('db-*'), { kind: 'isolated' }));
    expect(a.verdict).toBe('violated');
    const w = a.witness!;
    expect(w.path.allowed).toBe(true);
    expect(w.packet.protocol).toBe(TCP);
    expect(w.packet.dstPort).toBe(5432);
    expect(w.packet.srcPort).toBe(49152);
    expect(w.src.id).toBe('eni-app-1');
    expect(['eni-db-1', 'eni-db-2']).toContain(w.dst.id);
    expect(w.reply?.allowed).toBe(true);
  });

  it('answers reachable with a witness, and its violation with a proof', async () => {
    const ok = await engine.answer(query('app-db', byName('app-1'), byName('db-1'), { kind: 'reachable' }, tcp(5432)));
    expect(ok.verdict).toBe('holds');
    expect(ok.witness?.packet.dstPort).toBe(5432);
    const no = await engine.answer(query('app-db-22', byName('app-1'), byName('db-1'), { kind: 'reachable' }, tcp(22)));
    expect(no.verdict).toBe('violated');
    expect(no.proof?.blocking.length).toBeGreaterThan(0);
  });

  it('checks `only` expectations', async () => {
    const holds = await engine.answer(query('only-5432', byName('app-1'), byName('db-*'), { kind: 'only', allowed: [tcp(5432)] }));
    expect(holds.verdict).toBe('holds');
    const violated = await engine.answer(query('only-443', byName('app-1'), byName('db-*'), { kind: 'only', allowed: [tcp(443)] }));
    expect(violated.verdict).toBe('violated');
    expect(violated.witness?.packet.dstPort).toBe(5432);
  });

  it('reaches the web tier from the internet on TCP 443 from the first public address', async () => {
    const a = await engine.answer(query('internet-web', { kind: 'internet' }, byName('web-*'), { kind: 'reachable' }));
    expect(a.verdict).toBe('holds');
    expect(a.witness!.src.id).toBe('internet');
    expect(a.witness!.packet.dstPort).toBe(443);
    expect(formatIpv4(a.witness!.packet.srcIp)).toBe('1.0.0.0');
  });

  it('proves the private database unreachable from the internet through the internet gate', async () => {
    const a = await engine.answer(query('internet-db', { kind: 'internet' }, byName('db-*'), { kind: 'isolated' }));
    expect(a.verdict).toBe('holds');
  });

  it('lets traffic within a subnet bypass its NACL (db-1 to db-2 is decided by the security group only)', async () => {
    // acl-data/in denies 10.0.3.0/24 first, but db-1 → db-2 stays inside subnet data; sg-db/out has no rules.
    const a = await engine.answer(query('db-db', byName('db-1'), byName('db-2'), { kind: 'isolated' }));
    expect(a.verdict).toBe('holds');
    const kinds = a.proof!.blocking.map((b) => b.filter);
    expect(kinds.some((k) => k === 'sg-db/out' || k === 'sg-db/in')).toBe(true);
    expect(kinds).not.toContain('acl-data/in');
  });

  it('applies a NACL between subnets but not within one', async () => {
    const est = estateOf({
      endpoints: ['10.5.1.1', '10.5.1.2', '10.5.2.1'].map((a, i) =>
        endpoint(i, `h${i}`, { addresses: [a], subnet: i < 2 ? 's1' : 's2', egress: ['sg:out', 'acl:out'], ingress: ['acl:in', 'sg:in'] }),
      ),
      filters: [
        filter('sg/out', 'allow-union', 'egress', [rule('sg/out/all', 'allow', {})]),
        filter('sg/in', 'allow-union', 'ingress', [rule('sg/in/all', 'allow', {})]),
        filter('acl/out', 'first-match', 'egress', [rule('acl/out/100', 'deny', {})]),
        filter('acl/in', 'first-match', 'ingress', [rule('acl/in/100', 'allow', {})]),
      ],
      layers: [
        layer('sg:out', 'egress', ['sg/out']),
        layer('sg:in', 'ingress', ['sg/in']),
        layer('acl:out', 'egress', ['acl/out'], { stateful: false, bypass: 'subnet' }),
        layer('acl:in', 'ingress', ['acl/in'], { stateful: false, bypass: 'subnet' }),
      ],
    });
    const e = await QueryEngine.create(est, { timeoutMs: 10_000 }, testResolver);
    const within = await e.answer(query('within', byName('h0'), byName('h1'), { kind: 'reachable' }));
    expect(within.verdict).toBe('holds');
    expect(within.witness!.path.layers.filter((l) => l.verdict === 'bypassed')).toHaveLength(2);
    const across = await e.answer(query('across', byName('h0'), byName('h2'), { kind: 'isolated' }));
    expect(across.verdict).toBe('holds');
    expect(across.proof!.blocking.map((b) => b.description)).toEqual(['acl/out outbound: acl/out/100 DENY']);
    // Witness preferences per protocol: UDP to 53, ICMP echo request, TCP from the ephemeral port.
    const udp = await e.answer(query('udp', byName('h0'), byName('h1'), { kind: 'reachable' }, { protocols: IntervalSet.point(UDP) }));
    expect(udp.witness!.packet).toMatchObject({ protocol: UDP, dstPort: 53, srcPort: 49152 });
    expect(udp.witness!.reply).toBeUndefined();
    const icmp = await e.answer(query('icmp', byName('h0'), byName('h1'), { kind: 'reachable' }, { protocols: IntervalSet.point(1) }));
    expect(icmp.witness!.packet).toMatchObject({ protocol: 1, icmpType: 8, icmpCode: 0, srcPort: 0, dstPort: 0 });
    const ports = await e.answer(query('ports', byName('h0'), byName('h1'), { kind: 'reachable' }, tcp(9000, 9443)));
    expect(ports.witness!.packet).toMatchObject({ protocol: TCP, dstPort: 9000 });
  });

  it('never pairs an endpoint with itself', async () => {
    const a = await engine.answer(query('self', byName('db-1'), byName('db-1'), { kind: 'reachable' }));
    expect(a.verdict).toBe('violated');
  });

  it('returns an error for a selector that matches nothing', async () => {
    const a = await engine.answer(query('nothing', byName('nope'), byName('db-1'), { kind: 'isolated' }));
    expect(a.verdict).toBe('error');
    expect(a.reason).toMatch(/from selector/);
  });

  it('writes proof obligations that z3 re-checks as unsat', async () => {
    const a = await engine.answer(query('web to db (smt)', byName('web-*'), byName('db-*'), { kind: 'isolated' }));
    expect(a.proof!.smtFiles).toHaveLength(1);
    const file = a.proof!.smtFiles[0]!;
    expect(file.endsWith('web_to_db_smt_.smt2')).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^; netproof proof obligation for query "web to db \(smt\)"/);
    expect(text).toContain('(set-logic QF_BV)');
    expect(text).toContain('(check-sat)');
    expect(await checkSmtText(text, 10_000)).toBe('unsat');
    if (z3OnPath()) {
      expect(execFileSync('z3', [file], { encoding: 'utf8' }).trim()).toBe('unsat');
    } else {
      console.log('z3 binary not on PATH: skipped the external re-check');
    }
  });
});

describe('QueryEngine with assumptions, links and timeouts', () => {
  const open = (id: string, assumption?: string) =>
    filter(id, 'allow-union', id.endsWith('/in') ? 'ingress' : 'egress', [rule(`${id}/r`, 'allow', {}, assumption)]);

  function twoVpcs(linkAssumption?: string, ruleAssumption?: string) {
    const filters = [
      open('a/out'),
      open('a/in'),
      filter('b/in', 'allow-union', 'ingress', [
        rule('b/in/assumed', 'allow', { protocols: IntervalSet.point(UDP) }, ruleAssumption),
        rule('b/in/ssh', 'allow', tcp(22)),
      ]),
      open('b/out'),
    ];
    const layers = [layer('a:out', 'egress', ['a/out']), layer('a:in', 'ingress', ['a/in']), layer('b:in', 'ingress', ['b/in']), layer('b:out', 'egress', ['b/out'])];
    const endpoints = [
      endpoint(0, 'a-1', { addresses: ['10.1.0.5'], subnet: 's-a', network: 'vpc-a', egress: ['a:out'], ingress: ['a:in'] }),
      endpoint(1, 'b-1', { addresses: ['10.2.0.5'], subnet: 's-b', network: 'vpc-b', egress: ['b:out'], ingress: ['b:in'] }),
    ];
    return estateOf({
      endpoints,
      filters,
      layers,
      networkLinks: linkAssumption === undefined ? [] : [{ a: 'vpc-a', b: 'vpc-b', ...(linkAssumption ? { assumption: linkAssumption } : {}) }],
      assumptions: [
        { id: 'A1', text: 'peering pcx-1 assumed active' },
        { id: 'A2', text: 'security group sg-x is missing: its rule is widened' },
      ],
    });
  }

  it('needs a network link between different networks', async () => {
    const e = await QueryEngine.create(twoVpcs(), { timeoutMs: 10_000 }, testResolver);
    const a = await e.answer(query('a-b', byName('a-1'), byName('b-1'), { kind: 'isolated' }));
    expect(a.verdict).toBe('holds');
    expect(a.proof!.blocking.map((b) => b.layer)).toEqual(['network']);
    const linked = await QueryEngine.create(twoVpcs(''), { timeoutMs: 10_000 }, testResolver);
    const b = await linked.answer(query('a-b', byName('a-1'), byName('b-1'), { kind: 'isolated' }));
    expect(b.verdict).toBe('violated');
    expect(b.witness!.packet.dstPort).toBe(22);
  });

  it('answers unknown when a witness exists only through an assumed link', async () => {
    const e = await QueryEngine.create(twoVpcs('A1'), { timeoutMs: 10_000 }, testResolver);
    const a = await e.answer(query('a-b', byName('a-1'), byName('b-1'), { kind: 'isolated' }));
    expect(a.verdict).toBe('unknown');
    expect(a.reason).toContain('peering pcx-1 assumed active');
    expect(a.assumptions.map((x) => x.id)).toEqual(['A1']);
  });

  it('prefers a witness that rests on no assumption', async () => {
    const e = await QueryEngine.create(twoVpcs('', 'A2'), { timeoutMs: 10_000 }, testResolver);
    const udp = await e.answer(query('a-b-udp', byName('a-1'), byName('b-1'), { kind: 'isolated' }, { protocols: IntervalSet.point(UDP) }));
    expect(udp.verdict).toBe('unknown');
    expect(udp.reason).toContain('sg-x is missing');
    const any = await e.answer(query('a-b', byName('a-1'), byName('b-1'), { kind: 'isolated' }));
    expect(any.verdict).toBe('violated');
    expect(any.witness!.path.assumptions).toEqual([]);
    expect(any.witness!.packet.dstPort).toBe(22);
    expect(any.assumptions.map((x) => x.id)).toEqual(['A2']);
  });

  it('answers unknown when the solver times out', async () => {
    // Many overlapping first-match rules; a 1 ms budget cannot finish.
    const rules = Array.from({ length: 400 }, (_, i) =>
      rule(`n/${i}`, i % 2 === 0 ? 'deny' : 'allow', {
        protocols: IntervalSet.point(TCP),
        srcPorts: IntervalSet.range((i * 97) % 60000, ((i * 97) % 60000) + 500),
        dstPorts: IntervalSet.range((i * 131) % 60000, ((i * 131) % 60000) + 700),
      }),
    );
    const est = estateOf({
      endpoints: [
        endpoint(0, 'x', { addresses: ['10.0.0.1'], subnet: 's1', egress: ['n:out'], ingress: [] }),
        endpoint(1, 'y', { addresses: ['10.0.1.1'], subnet: 's2', egress: [], ingress: ['n:in'] }),
      ],
      filters: [filter('n/out', 'first-match', 'egress', rules), filter('n/in', 'first-match', 'ingress', [...rules].reverse())],
      layers: [layer('n:out', 'egress', ['n/out']), layer('n:in', 'ingress', ['n/in'])],
    });
    const e = await QueryEngine.create(est, { timeoutMs: 1 }, testResolver);
    const a = await e.answer(query('x-y', byName('x'), byName('y'), { kind: 'isolated' }));
    expect(a.verdict).toBe('unknown');
    expect(a.reason).toMatch(/gave up.*timeout 1 ms/);
    expect(a.witness).toBeUndefined();
    expect(a.proof).toBeUndefined();
  });
});

