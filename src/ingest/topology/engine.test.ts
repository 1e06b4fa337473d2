// The query engine on the cluster-in-vpc fixture: a pod → instance query
// proven isolated by a network ACL, one made reachable by a NetworkPolicy, a
// pod security group and a security-group reference, with the witness
// replayed through the concrete evaluator; pods and instances selected on
// either side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Estate } from '../../model/estate.js';
import { IntervalSet } from '../../model/intervals.js';
import { evaluatePath } from '../../semantics/evaluate.js';
import { QueryEngine } from '../../queries/engine.js';
import { parseSelector } from '../../queries/parse-selector.js';
import type { Query, Selector } from '../../queries/query.js';
import { loadEstate } from '../load.js';
import { clusterFixture } from './test-helpers.js';

let estate: Estate;
let engine: QueryEngine;

beforeAll(async () => {
  estate = (await loadEstate([clusterFixture('cluster-in-vpc')])).estate!;
  engine = await QueryEngine.create(estate, { timeoutMs: 20_000 });
});
afterAll(() => engine.close());

function sel(text: string): Selector {
  const p = parseSelector(text);
  if (!p.ok) throw new Error(p.error);
  return p.selector;
}

function ask(from: string, to: string, expect: Query['expect'], port?: number): Promise<Awaited<ReturnType<QueryEngine['answer']>>> {
  const traffic = port === undefined ? undefined : { protocols: IntervalSet.point(6), dstPorts: IntervalSet.point(port) };
  return engine.answer({ name: `${from} → ${to}`, from: sel(from), to: sel(to), expect, ...(traffic ? { traffic } : {}) });
}

describe('queries across Kubernetes and AWS layers', () => {
  it('proves pods of eks-nodes-b cannot reach the feature store, the data NACL blocking', async () => {
    const a = await ask('subnet:eks-nodes-b', 'tag:role=feature-store', { kind: 'isolated' });
    expect(a.verdict).toBe('holds');
    expect(a.proof!.blocking.map((b) => b.filter)).toContain('acl-0e0c1a55e0000data/ingress');
  });

  it('finds the feeder reaching the feature store on 5432, and the witness replays through every layer', async () => {
    const a = await ask('tag:app=feeder', 'tag:role=feature-store', { kind: 'reachable' }, 5432);
    expect(a.verdict).toBe('holds');
    const w = a.witness!;
    expect(w.src.name).toBe('team-a/feeder[Deployment]@general/eks-nodes-a');
    expect(IntervalSet.range(0x0a280104, 0x0a2801fe).has(w.packet.srcIp)).toBe(true);
    expect(w.path.layers.map((t) => `${t.layer.vendorKind} ${t.verdict}`)).toEqual([
      'k8s-policy-chain allow',
      'aws-sg allow',
      'aws-nacl allow',
      'aws-nacl allow',
      'aws-sg allow',
    ]);
    const src = estate.endpoints.find((e) => e.id === w.src.id)!;
    const dst = estate.endpoints.find((e) => e.id === w.dst.id)!;
    expect(evaluatePath(estate, w.packet, { kind: 'endpoint', endpoint: src }, { kind: 'endpoint', endpoint: dst }).allowed).toBe(true);
  });

  it('proves the API pods isolated from the feature store (its group admits only db-clients carriers)', async () => {
    const a = await ask('tag:app=api', 'tag:role=feature-store', { kind: 'isolated' });
    expect(a.verdict).toBe('holds');
    expect(a.proof!.blocking.map((b) => b.filter)).toContain('sg-0e0c1a55e0000fsdb/ingress');
  });

  it('selects pods by security group: pods carrying eks-nodes reach db-clients pods only on 8080', async () => {
    const a = await ask('sg:eks-nodes', 'sg:db-clients', { kind: 'only', allowed: [{ protocols: IntervalSet.point(6), dstPorts: IntervalSet.point(8080) }] });
    expect(a.verdict).toBe('holds');
  });

  it('finds team-a pods reaching the internet through the NAT gateway, and nothing reaching pods from it', async () => {
    const out = await ask('tag:tenant=a', 'internet', { kind: 'isolated' });
    expect(out.verdict).toBe('violated');
    expect(out.witness!.path.gate?.reasons).toContain('outbound only, via nat-0e0c1a55e0000001');
    const inbound = await ask('internet', 'tag:tenant', { kind: 'isolated' });
    expect(inbound.verdict).toBe('holds');
  });

  it('lets the NetworkPolicy ipBlock match instance addresses: the feeder reaches nothing but the data subnet', async () => {
    const a = await ask('tag:app=feeder', 'not:tag:role=feature-store', { kind: 'isolated' });
    expect(a.verdict).toBe('holds');
  });
});
