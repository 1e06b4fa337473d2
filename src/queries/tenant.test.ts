// End-to-end tenant-isolation answers on small Kubernetes estates: a leak
// through one NetworkPolicy is found (tenants, endpoints, packet, replay), the
// fixed estate is proven in one obligation (blocking rules named, the SMT
// file re-checked as unsat by z3), exceptions are honored and never hide a
// flow they do not cover, and endpoints without a tenant form one tenant.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Estate } from '../model/estate.js';
import { checkSmtText } from '../solve/z3.js';
import { evaluatePath } from '../semantics/evaluate.js';
import type { QueryAnswer } from './answer.js';
import { QueryEngine } from './engine.js';
import { parseQueryText } from './parse.js';
import type { Query } from './query.js';
import { twoTenantEstate } from './tenant-fixtures.js';

let smtDir: string;
const engines: QueryEngine[] = [];

beforeAll(() => {
  smtDir = mkdtempSync(join(tmpdir(), 'netproof-tenant-smt-'));
});
afterAll(() => {
  for (const e of engines) e.close();
  rmSync(smtDir, { recursive: true, force: true });
});

async function engineFor(estate: Estate): Promise<QueryEngine> {
  const e = await QueryEngine.create(estate, { timeoutMs: 20_000, emitSmtDir: smtDir });
  engines.push(e);
  return e;
}

/** The one query of a YAML text (a bare list); fails the test on any diagnostic. */
function tenantQuery(yamlText: string): Query {
  const parsed = parseQueryText('tenants.yaml', yamlText);
  expect(parsed.diagnostics).toEqual([]);
  expect(parsed.queries).toHaveLength(1);
  return parsed.queries[0]!;
}

function z3OnPath(): boolean {
  try {
    execFileSync('z3', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const BY_NSLABEL = `
- name: tenants-by-namespace-label
  expect: tenant-isolated
  tenant: nslabel:tenant
`;

/** Every endpoint, including the shared namespaces (one "no tenant" tenant), with the shared flows excepted. */
const WITH_SHARED = `
- name: tenants-and-shared-services
  expect: tenant-isolated
  tenant: { nslabel: tenant }
  among: any
  except:
    - { to: namespace:kube-system, traffic: "udp,tcp/53" }
    - { from: namespace:monitoring }
`;

function endpointOf(estate: Estate, id: string) {
  const e = estate.endpoints.find((x) => x.id === id);
  if (e === undefined) throw new Error(`no endpoint ${id}`);
  return e;
}

/** The witness replays, crosses two different tenants, and names them. */
function expectCrossTenantWitness(estate: Estate, a: QueryAnswer): void {
  const w = a.witness!;
  expect(w.tenants).toBeDefined();
  expect(w.tenants!.src).not.toBe(w.tenants!.dst);
  const replay = evaluatePath(
    estate,
    w.packet,
    { kind: 'endpoint', endpoint: endpointOf(estate, w.src.id) },
    { kind: 'endpoint', endpoint: endpointOf(estate, w.dst.id) },
  );
  expect(replay.allowed).toBe(true);
  expect(w.path.allowed).toBe(true);
}

describe('tenant isolation on a two-tenant cluster', () => {
  it('finds the leak through one NetworkPolicy and names both tenants', async () => {
    const estate = twoTenantEstate({ leak: true });
    const engine = await engineFor(estate);
    const a = await engine.answer(tenantQuery(BY_NSLABEL));
    expect(a.verdict).toBe('violated');
    expect(a.tenants).toEqual(['a', 'b']);
    expect(a.fromCount).toBe(4);
    expectCrossTenantWitness(estate, a);
    const w = a.witness!;
    expect(w.tenants).toEqual({ src: 'a', dst: 'b' });
    expect(w.dst.id).toBe('team-b/api[Deployment]');
    expect(w.src.id.startsWith('team-a/')).toBe(true);
    expect(w.packet.protocol).toBe(6);
    expect(w.packet.dstPort).toBe(8080);
    const deciding = w.path.layers.flatMap((l) => l.decisions.map((d) => d.rule?.provenance.displayName ?? ''));
    expect(deciding.join('\n')).toMatch(/api-from-everywhere/);
  });

  it('proves the fixed cluster in one obligation, names the blocking policies, and z3 re-checks it', async () => {
    const estate = twoTenantEstate();
    const engine = await engineFor(estate);
    const a = await engine.answer(tenantQuery(BY_NSLABEL));
    expect(a.verdict).toBe('holds');
    expect(a.proof!.obligations).toBe(1);
    const blocking = a.proof!.blocking.map((b) => b.description).join('\n');
    expect(blocking).toMatch(/team-a/);
    expect(blocking).toMatch(/team-b/);
    expect(a.proof!.smtFiles).toHaveLength(1);
    const text = readFileSync(a.proof!.smtFiles[0]!, 'utf8');
    expect(text).toMatch(/tenant isolation holds/);
    expect(await checkSmtText(text, 20_000)).toBe('unsat');
    if (z3OnPath()) expect(execFileSync('z3', [a.proof!.smtFiles[0]!], { encoding: 'utf8' }).trim()).toBe('unsat');
  });

  it('honors exceptions for shared DNS and monitoring', async () => {
    const engine = await engineFor(twoTenantEstate());
    const a = await engine.answer(tenantQuery(WITH_SHARED));
    expect(a.verdict).toBe('holds');
    expect(a.tenants).toEqual(['(no tenant)', 'a', 'b']);
    expect(a.fromCount).toBe(6);
  });

  it('an exception covers only its own traffic: DNS on another port is a violation', async () => {
    const estate = twoTenantEstate();
    const engine = await engineFor(estate);
    const narrow = WITH_SHARED.replace('tenants-and-shared-services', 'dns-only-udp').replace('"udp,tcp/53"', 'udp/53');
    const a = await engine.answer(tenantQuery(narrow));
    expect(a.verdict).toBe('violated');
    expectCrossTenantWitness(estate, a);
    expect(a.witness!.dst.id).toBe('kube-system/coredns[Deployment]');
    expect(a.witness!.tenants!.dst).toBe('(no tenant)');
    expect(a.witness!.packet.protocol).toBe(6);
    expect(a.witness!.packet.dstPort).toBe(53);
  });

  it('without the monitoring exception, monitoring scraping a team is the violation', async () => {
    const estate = twoTenantEstate();
    const engine = await engineFor(estate);
    const noMonitoring = WITH_SHARED.replace('tenants-and-shared-services', 'no-monitoring-exception').replace(
      '    - { from: namespace:monitoring }\n',
      '',
    );
    const a = await engine.answer(tenantQuery(noMonitoring));
    expect(a.verdict).toBe('violated');
    expectCrossTenantWitness(estate, a);
    expect(a.witness!.src.id).toBe('monitoring/prometheus[Deployment]');
    expect(a.witness!.packet.dstPort).toBe(9090);
  });

  it('treats every namespace as a tenant with tenant: namespace', async () => {
    const estate = twoTenantEstate();
    const engine = await engineFor(estate);
    const a = await engine.answer(
      tenantQuery(`
- name: namespaces-are-tenants
  expect: tenant-isolated
  tenant: namespace
  except: [{ to: namespace:kube-system, traffic: "udp,tcp/53" }, { from: namespace:monitoring }]
`),
    );
    expect(a.verdict).toBe('holds');
    expect(a.tenants).toEqual(['kube-system', 'monitoring', 'team-a', 'team-b']);
  });

  it('reads tenants from pod labels with tenant: label:<key>', async () => {
    const estate = twoTenantEstate({ leak: true });
    const engine = await engineFor(estate);
    const a = await engine.answer(
      tenantQuery(`
- name: apps-as-tenants
  expect: tenant-isolated
  tenant: label:app
  among: namespace:team-*
  traffic: tcp/8080
`),
    );
    // Within a namespace api and db talk on every port: different apps, so different tenants.
    expect(a.verdict).toBe('violated');
    expect(a.tenants).toEqual(['api', 'db']);
    expectCrossTenantWitness(estate, a);
    const [src, dst] = [a.witness!.src.id, a.witness!.dst.id];
    expect(src.split('/')[0]).toBe(dst.split('/')[0]);
  });

  it('finds no violation when the only cross-tenant flows are within one tenant of label:app', async () => {
    const estate = twoTenantEstate({ leak: true });
    const engine = await engineFor(estate);
    const a = await engine.answer(
      tenantQuery(`
- name: apis-across-namespaces
  expect: tenant-isolated
  tenant: label:app
  among: "label:app in (api)"
`),
    );
    // team-a/api reaches team-b/api through the leak, but both are tenant "api".
    expect(a.tenants).toEqual(['api']);
    expect(a.verdict).toBe('holds');
  });
});
