// The engine's answers are a function of the estate and the query alone: the
// witness is the lexicographically smallest after the preferences (lowest
// source and destination class, i.e. address, lowest internet address), so a
// query repeated in one long-lived engine — whose Z3 context state changes
// with every query — and in a fresh engine gives the same answer JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntervalSet } from '../model/intervals.js';
import { formatIpv4 } from '../model/ip.js';
import type { Endpoint } from '../model/estate.js';
import type { QueryAnswer } from './answer.js';
import { QueryEngine } from './engine.js';
import { byName, endpoint, estateOf, filter, ip, layer, query, rule, tcp, testResolver } from './engine-fixtures.js';
import type { Query } from './query.js';

const host = (i: number): string => `10.0.1.${10 + i}`;

/**
 * Sixteen web hosts (internet-facing) and eight app hosts. Every web host but
 * the first may reach app on 8080, each by its own rule (so each is a class of
 * its own); app 0 admits nobody, app 1 and up admit the web hosts; web hosts
 * admit 443 from one public /24 and 22 from another.
 */
function wideEstate(): ReturnType<typeof estateOf> {
  const webIps = Array.from({ length: 16 }, (_, i) => host(i));
  const appRules = webIps.slice(1).map((a, i) =>
    rule(`sg-app/in/${i}`, 'allow', { ...tcp(8080), srcIps: IntervalSet.point(ip(a)) }),
  );
  const filters = [
    filter('sg-web/in', 'allow-union', 'ingress', [
      rule('sg-web/in/443', 'allow', { ...tcp(443), srcIps: IntervalSet.range(ip('52.94.76.0'), ip('52.94.76.255')) }),
      rule('sg-web/in/22', 'allow', { ...tcp(22), srcIps: IntervalSet.range(ip('54.239.28.0'), ip('54.239.28.255')) }),
    ]),
    filter('sg-web/out', 'allow-union', 'egress', [rule('sg-web/out/all', 'allow', {})]),
    filter('sg-app/in', 'allow-union', 'ingress', appRules),
    filter('sg-app0/in', 'allow-union', 'ingress', []),
    filter('sg-app/out', 'allow-union', 'egress', [rule('sg-app/out/all', 'allow', {})]),
  ];
  const layers = [
    layer('sg-web:in', 'ingress', ['sg-web/in']),
    layer('sg-web:out', 'egress', ['sg-web/out']),
    layer('sg-app:in', 'ingress', ['sg-app/in']),
    layer('sg-app0:in', 'ingress', ['sg-app0/in']),
    layer('sg-app:out', 'egress', ['sg-app/out']),
  ];
  const endpoints: Endpoint[] = webIps.map((a, i) =>
    endpoint(i, `web-${i}`, { addresses: [a], subnet: 'web', egress: ['sg-web:out'], ingress: ['sg-web:in'], internet: { inbound: true, outbound: true } }),
  );
  for (let i = 0; i < 8; i++) {
    endpoints.push(
      endpoint(16 + i, `app-${i}`, {
        addresses: [`10.0.2.${10 + i}`],
        subnet: 'app',
        egress: ['sg-app:out'],
        ingress: [i === 0 ? 'sg-app0:in' : 'sg-app:in'],
      }),
    );
  }
  return estateOf({ endpoints, filters, layers });
}

const QUERIES: Query[] = [
  query('web-to-app', byName('web-*'), byName('app-*'), { kind: 'isolated' }),
  query('web-to-app-8080', byName('web-*'), byName('app-*'), { kind: 'reachable' }, tcp(8080)),
  query('internet-to-web', { kind: 'internet' }, byName('web-*'), { kind: 'reachable' }),
  query('internet-to-web-ssh', { kind: 'internet' }, byName('web-*'), { kind: 'only' , allowed: [tcp(443)] }),
  query('web-to-internet', byName('web-*'), { kind: 'internet' }, { kind: 'reachable' }, tcp(9000)),
  query('any-to-any', { kind: 'any' }, { kind: 'any' }, { kind: 'isolated' }),
];

/** The answer as rendered, without its timing. */
function rendered(a: QueryAnswer): string {
  const { elapsedMs: _elapsed, ...rest } = a;
  return JSON.stringify(rest);
}

let engine: QueryEngine;
beforeAll(async () => {
  engine = await QueryEngine.create(wideEstate(), { timeoutMs: 10_000 }, testResolver);
});
afterAll(() => engine.close());

describe('witnesses are canonical', () => {
  it('picks the lowest source and destination that get through', async () => {
    const a = await engine.answer(QUERIES[0]!);
    expect(a.verdict).toBe('violated');
    // web-0 reaches no app host and app-0 admits nobody: web-1 → app-1 is the smallest pair.
    expect(a.witness!.src.id).toBe('eni-web-1');
    expect(a.witness!.dst.id).toBe('eni-app-1');
    expect(a.witness!.packet.dstPort).toBe(8080);
    expect(a.witness!.packet.srcPort).toBe(49152);
  });

  it('picks the lowest internet address a rule admits, on the most familiar port', async () => {
    const https = await engine.answer(QUERIES[2]!);
    expect(https.witness!.packet.dstPort).toBe(443);
    expect(formatIpv4(https.witness!.packet.srcIp)).toBe('52.94.76.0');
    expect(https.witness!.dst.id).toBe('eni-web-0');
    const ssh = await engine.answer(QUERIES[3]!);
    expect(ssh.verdict).toBe('violated');
    expect(ssh.witness!.packet.dstPort).toBe(22);
    expect(formatIpv4(ssh.witness!.packet.srcIp)).toBe('54.239.28.0');
  });

  it('gives the same answer JSON when queries repeat in one engine and in a fresh engine', async () => {
    const once = [];
    for (const q of QUERIES) once.push(rendered(await engine.answer(q)));
    const again = [];
    for (const q of [...QUERIES].reverse()) again.unshift(rendered(await engine.answer(q)));
    const fresh = await QueryEngine.create(wideEstate(), { timeoutMs: 10_000 }, testResolver);
    const other = [];
    for (const q of QUERIES) other.push(rendered(await fresh.answer(q)));
    fresh.close();
    expect(again).toEqual(once);
    expect(other).toEqual(once);
    expect(once.every((a) => !a.includes('"verdict":"error"'))).toBe(true);
  });
});
