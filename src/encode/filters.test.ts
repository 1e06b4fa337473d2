// Filter encoding: a first-match list is an ite chain (the first matching
// rule decides, later rules are shadowed), an allow-union a disjunction; both
// agree with the concrete evaluator's decideFilter at rule edges, and the
// strict reading credits the deciding rule's assumption like the evaluator.
import { describe, expect, it } from 'vitest';
import type { Filter } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import type { Packet } from '../model/packet.js';
import { decideFilter, type Party } from '../semantics/evaluate.js';
import { endpoint, estateOf, filter, ip, layer, rule } from '../queries/engine-fixtures.js';
import { buildEstateIndex } from './estate-index.js';
import { evaluateTerm } from './evaluate-term.js';
import { encodeFilter } from './filters.js';
import { encodeScene } from './obligations.js';
import { buildScene } from './scene.js';

const nacl = filter('acl/in', 'first-match', 'ingress', [
  rule('acl/in/100', 'deny', { srcIps: IntervalSet.range(ip('10.0.1.0'), ip('10.0.1.255')), protocols: IntervalSet.point(6) }),
  rule('acl/in/110', 'allow', { protocols: IntervalSet.point(6), dstPorts: IntervalSet.range(0, 1023) }, 'A1'),
  rule('acl/in/120', 'allow', { protocols: IntervalSet.point(6), dstPorts: IntervalSet.range(22, 22) }),
  rule('acl/in/130', 'deny', { protocols: IntervalSet.point(17) }),
], 'allow');
const sg = filter('sg/in', 'allow-union', 'ingress', [
  rule('sg/in/1', 'allow', { protocols: IntervalSet.point(17), dstPorts: IntervalSet.point(53) }, 'A2'),
  rule('sg/in/2', 'allow', { protocols: IntervalSet.point(17), dstPorts: IntervalSet.range(50, 60) }),
  rule('sg/in/3', 'deny', {}),
]);

function setup(f: Filter) {
  const estate = estateOf({
    endpoints: [
      endpoint(0, 'a', { addresses: ['10.0.1.5'], subnet: 's1', egress: [], ingress: [] }),
      endpoint(1, 'b', { addresses: ['10.0.2.5'], subnet: 's2', egress: [], ingress: [] }),
      endpoint(2, 'c', { addresses: ['10.0.3.5'], subnet: 's3', egress: [], ingress: ['l'] }),
    ],
    filters: [f],
    layers: [layer('l', 'ingress', [f.id])],
  });
  const index = buildEstateIndex(estate);
  const scene = buildScene(index, { endpoints: estate.endpoints.slice(0, 2), internet: IntervalSet.EMPTY }, { endpoints: [estate.endpoints[2]!], internet: IntervalSet.EMPTY });
  const enc = encodeScene(index, scene, undefined);
  const j = encodeFilter(enc.ctx, index.layer('l'), f);
  return { estate, scene, enc, j };
}

function packets(src: number, dst: number): Packet[] {
  const out: Packet[] = [];
  for (const protocol of [1, 6, 17, 50]) {
    const ports = protocol === 6 || protocol === 17 ? [0, 21, 22, 23, 49, 50, 53, 60, 61, 1023, 1024] : [0];
    for (const dstPort of ports) out.push({ srcIp: src, dstIp: dst, protocol, srcPort: ports.length > 1 ? 49152 : 0, dstPort, icmpType: 0, icmpCode: 0 });
  }
  return out;
}

describe('encodeFilter', () => {
  for (const f of [nacl, sg]) {
    it(`${f.kind}: agrees with decideFilter at rule edges, plain and strict`, () => {
      const { estate, scene, enc, j } = setup(f);
      const dst: Party = { kind: 'endpoint', endpoint: estate.endpoints[2]! };
      let allowedSeen = 0;
      for (const srcIndex of [0, 1]) {
        const e = estate.endpoints[srcIndex]!;
        const src: Party = { kind: 'endpoint', endpoint: e };
        const srcClass = scene.from.classIds.find((id) => scene.classes[id]!.representative.endpoint.index === srcIndex)!;
        const dstClass = scene.to.classIds[0]!;
        for (const p of packets(e.addresses.min()!, estate.endpoints[2]!.addresses.min()!)) {
          const values = new Map<string, number | boolean>([...Object.entries(p), ['srcClass', srcClass], ['dstClass', dstClass]]);
          for (const t of enc.ctx.trackers.names()) values.set(t, true);
          const d = decideFilter(f, p, src, dst);
          expect(evaluateTerm(j.allows, values), JSON.stringify(p)).toBe(d.action === 'allow');
          expect(evaluateTerm(j.strict, values)).toBe(d.action === 'allow' && d.rule?.assumption === undefined);
          if (d.action === 'allow') allowedSeen++;
        }
      }
      expect(allowedSeen).toBeGreaterThan(0);
    });
  }

  it('tracks deny rules and a deny default, never allow rules', () => {
    const { enc } = setup(nacl);
    const kinds = enc.ctx.trackers.names().map((n) => enc.ctx.trackers.item(n)!);
    expect(kinds.filter((k) => k.kind === 'rule').map((k) => (k.kind === 'rule' ? k.rule.id : ''))).toEqual(expect.arrayContaining(['acl/in/100', 'acl/in/130']));
    const sgSetup = setup(sg);
    expect(sgSetup.enc.ctx.trackers.names().map((n) => sgSetup.enc.ctx.trackers.item(n)!.kind)).toEqual(['default']);
  });

  it('switching a deny rule off lets the rules below it decide', () => {
    const { enc, j } = setup(nacl);
    const p: Packet = { srcIp: ip('10.0.1.5'), dstIp: ip('10.0.3.5'), protocol: 6, srcPort: 49152, dstPort: 22, icmpType: 0, icmpCode: 0 };
    const values = new Map<string, number | boolean>([...Object.entries(p), ['srcClass', 0], ['dstClass', 2]]);
    for (const t of enc.ctx.trackers.names()) values.set(t, true);
    expect(evaluateTerm(j.allows, values)).toBe(false);
    const rule100 = enc.ctx.trackers.names().find((n) => {
      const item = enc.ctx.trackers.item(n)!;
      return item.kind === 'rule' && item.rule.id === 'acl/in/100';
    })!;
    values.set(rule100, false);
    expect(evaluateTerm(j.allows, values)).toBe(true);
  });
});
