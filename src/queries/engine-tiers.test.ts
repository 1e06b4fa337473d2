// End-to-end answers on policy tiers (a chain layer: admin tier, then
// namespace tier, then baseline) with allow, deny and pass rules, and on an
// endpoint without addresses: verdicts, replayed witnesses, and proofs that
// name pass rules, pass defaults and a denying chain end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntervalSet } from '../model/intervals.js';
import { NO_ADDRESS, partitionEndpoints } from '../model/classes.js';
import { QueryEngine } from './engine.js';
import { describeBlocking } from './proof.js';
import { byName, endpoint, estateOf, filter, layer, query, rule, tcp, testResolver } from './engine-fixtures.js';

const ports = (p: number) => ({ protocols: IntervalSet.point(6), dstPorts: IntervalSet.point(p) });

/**
 * Ingress of `api` and `ghost` (no addresses) is a chain: admin passes 443
 * and 8443 on, denies 22; the namespace tier allows 443 from `web` (by
 * identity) and 8443 from 0.0.0.0/0 (an address set: never the ghost), and
 * passes the rest; the baseline denies 8443 and passes everything else, and
 * the chain then denies.
 */
function tiered() {
  const admin = filter('admin/in', 'first-match', 'ingress', [
    rule('admin/in/0', 'pass', { ...ports(443) }),
    rule('admin/in/1', 'pass', { ...ports(8443) }),
    rule('admin/in/2', 'deny', { ...ports(22) }),
  ], 'pass');
  const ns = filter('ns/in', 'first-match', 'ingress', [
    rule('ns/in/0', 'allow', { ...ports(443), srcEndpoints: IntervalSet.point(0) }),
    rule('ns/in/1', 'allow', { ...ports(8443), srcIps: IntervalSet.range(0, 0xffffffff) }),
  ], 'pass');
  const baseline = filter('baseline/in', 'first-match', 'ingress', [rule('baseline/in/0', 'deny', { ...ports(8443) })], 'pass');
  const chain = layer('tiers:in', 'ingress', ['admin/in', 'ns/in', 'baseline/in'], { combine: 'chain', emptyAction: 'deny' });
  const open = layer('open', 'egress', [], { emptyAction: 'allow' });
  const openIn = layer('open-in', 'ingress', [], { emptyAction: 'allow' });
  return estateOf({
    endpoints: [
      endpoint(0, 'web', { addresses: ['10.0.0.5'], subnet: 's0', egress: ['open'], ingress: ['open-in'] }),
      endpoint(1, 'api', { addresses: ['10.0.1.7'], subnet: 's1', egress: ['open'], ingress: ['tiers:in'] }),
      endpoint(2, 'ghost', { addresses: [], subnet: 's1', egress: ['open'], ingress: ['tiers:in'] }),
      endpoint(3, 'other', { addresses: ['10.0.0.9'], subnet: 's0', egress: ['open'], ingress: ['open-in'] }),
    ],
    filters: [admin, ns, baseline],
    layers: [chain, open, openIn],
    networkLinks: [],
    assumptions: [],
  });
}

let engine: QueryEngine;
beforeAll(async () => {
  engine = await QueryEngine.create(tiered(), { timeoutMs: 10_000 }, testResolver);
});
afterAll(() => engine.close());

describe('policy tiers (chain layers with pass)', () => {
  it('an endpoint without addresses is one atom with the NO_ADDRESS sentinel', () => {
    const classes = partitionEndpoints(tiered()).classes;
    const ghost = classes.flatMap((c) => c.members).filter((m) => m.endpoint.id === 'eni-ghost');
    expect(ghost.map((m) => m.ip)).toEqual([NO_ADDRESS]);
  });

  it('a pass in the admin tier lets the namespace tier allow', async () => {
    const a = await engine.answer(query('web-api-443', byName('web'), byName('api'), { kind: 'reachable' }, tcp(443)));
    expect(a.verdict).toBe('holds');
    const layerTrace = a.witness!.path.layers.find((l) => l.layer.id === 'tiers:in')!;
    expect(layerTrace.decisions.map((d) => d.action)).toEqual(['pass', 'allow']);
  });

  it('an address-less endpoint is reached by identity, with address 0 in the witness', async () => {
    const a = await engine.answer(query('web-ghost-443', byName('web'), byName('ghost'), { kind: 'reachable' }, tcp(443)));
    expect(a.verdict).toBe('holds');
    expect(a.witness!.dst.id).toBe('eni-ghost');
    expect(a.witness!.packet.dstIp).toBe(0);
  });

  it('address sets never match an endpoint without addresses; the proof names the tiers on the way to the baseline deny', async () => {
    const a = await engine.answer(query('ghost-api-8443', byName('ghost'), byName('api'), { kind: 'isolated' }, tcp(8443)));
    expect(a.verdict).toBe('holds');
    const text = a.proof!.blocking.map((b) => b.description).join('\n');
    // The admin tier passes 8443 on; the namespace tier cannot allow the ghost by address.
    expect(text).toMatch(/admin\/in inbound: admin\/in\/1 PASS, which passes it on to the next policy tier/);
    expect(text).toMatch(/ns\/in inbound: no rule decides tcp\/8443.*passes on to the next policy tier/);
    // The baseline denies 8443 before the chain ends.
    expect(text).toMatch(/baseline\/in inbound: baseline\/in\/0 DENY/);
    expect(text).not.toMatch(/every policy tier passes/);
  });

  it('when every tier passes, the chain end denies and the proof says so', async () => {
    const a = await engine.answer(query('other-api-443', byName('other'), byName('api'), { kind: 'isolated' }, tcp(443)));
    expect(a.verdict).toBe('holds');
    const text = a.proof!.blocking.map((b) => b.description).join('\n');
    expect(text).toMatch(/tiers:in: every policy tier passes tcp\/443 .* and the layer then denies/);
    expect(text).toMatch(/ns\/in inbound: no rule decides tcp\/443.*passes on to the next policy tier/);
  });

  it('pass rules and pass defaults are named as passing on to the next tier', async () => {
    const a = await engine.answer(query('other-ghost-443', byName('other'), byName('ghost'), { kind: 'isolated' }, tcp(443)));
    expect(a.verdict).toBe('holds');
    const text = a.proof!.blocking.map((b) => b.description).join('\n');
    // The admin rule that passes 443 is what hands it on (the admin default is never reached).
    expect(text).toMatch(/admin\/in inbound: admin\/in\/0 PASS, which passes it on to the next policy tier/);
    expect(text).not.toMatch(/admin\/in inbound: no rule decides/);
    expect(text).toMatch(/baseline\/in inbound: no rule decides tcp\/443, so it passes on to the next policy tier/);
    expect(text).toMatch(/for ghost\[\] without deciding, and the layer then denies/);
  });

  it('describes a pass rule as handing the packet to the next tier', () => {
    const estate = tiered();
    const f = estate.filters.get('admin/in')!;
    const item = { kind: 'rule', layer: estate.layers.get('tiers:in')!, filter: f, rule: f.rules[0]! } as const;
    expect(describeBlocking(item, tcp(443), estate).description).toBe('admin/in inbound: admin/in/0 PASS, which passes it on to the next policy tier');
  });

  it('the namespace tier allows 8443 from any address to api', async () => {
    const a = await engine.answer(query('web-api-8443', byName('web'), byName('api'), { kind: 'reachable' }, tcp(8443)));
    expect(a.verdict).toBe('holds');
  });
});
