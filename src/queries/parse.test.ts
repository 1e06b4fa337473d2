// Tests for query files: the accepted YAML forms, and a located diagnostic
// for every kind of mistake.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueryFiles, parseQueryText } from './parse.js';

const GOOD = `queries:
  - name: inference-cannot-reach-training-data
    description: Inference hosts never open connections to the training data stores.
    from: tag:tier=inference
    to: [tag:tier=training-data, sg:feature-store-sg]
    traffic: { protocols: [tcp, udp], ports: [443, "5432", "8000-8999"] }
    expect: isolated
  - name: only-gateway-to-inference
    from: any
    to: tag:tier=inference
    expect: { only: [ { protocols: [tcp], ports: [443] }, udp/53 ] }
  - name: composite
    from: { all: [tag:env=prod, { not: sg:bastion-sg }] }
    to: { any: [internet, cidr:10.20.0.0/16] }
    traffic: tcp/22
    expect: reachable
`;

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`test bug: ${needle} not in text`);
  return text.slice(0, i).split('\n').length;
}

describe('parseQueryText', () => {
  it('parses the documented forms', () => {
    const r = parseQueryText('q.yaml', GOOD);
    expect(r.diagnostics).toEqual([]);
    expect(r.queries.map((q) => q.name)).toEqual(['inference-cannot-reach-training-data', 'only-gateway-to-inference', 'composite']);
    const [a, b, c] = r.queries;
    expect(a?.location).toEqual({ file: 'q.yaml', line: 2 });
    expect(a?.description).toMatch(/^Inference hosts/);
    expect(a?.from).toEqual({ kind: 'tag', key: 'tier', value: 'inference' });
    expect(a?.to).toEqual({
      kind: 'anyOf',
      of: [
        { kind: 'tag', key: 'tier', value: 'training-data' },
        { kind: 'securityGroup', ref: 'feature-store-sg' },
      ],
    });
    expect(a?.traffic?.protocols?.key()).toBe('6,17');
    expect(a?.traffic?.dstPorts?.key()).toBe('443,5432,8000-8999');
    expect(a?.expect).toEqual({ kind: 'isolated' });
    expect(b?.traffic).toBeUndefined();
    expect(b?.expect.kind).toBe('only');
    if (b?.expect.kind === 'only') {
      expect(b.expect.allowed.map((t) => `${t.protocols?.key()}/${t.dstPorts?.key()}`)).toEqual(['6/443', '17/53']);
    }
    expect(c?.from).toEqual({
      kind: 'allOf',
      of: [
        { kind: 'tag', key: 'env', value: 'prod' },
        { kind: 'not', of: { kind: 'securityGroup', ref: 'bastion-sg' } },
      ],
    });
    expect(c?.to.kind).toBe('anyOf');
    expect(c?.traffic?.dstPorts?.key()).toBe('22');
    expect(c?.expect).toEqual({ kind: 'reachable' });
  });

  it('accepts a bare list of queries and YAML anchors', () => {
    const text = `- name: a
  from: &infer tag:tier=inference
  to: internet
  expect: isolated
- name: b
  from: internet
  to: *infer
  expect: isolated
`;
    const r = parseQueryText('bare.yml', text);
    expect(r.diagnostics).toEqual([]);
    expect(r.queries[1]?.to).toEqual({ kind: 'tag', key: 'tier', value: 'inference' });
    expect(r.queries[1]?.location?.line).toBe(5);
  });

  const mistakes: [string, string, string, RegExp][] = [
    ['unknown key', '    form: any\n', 'form:', /unknown key "form"/],
    ['bad selector', '    from: tier=inference\n', 'from:', /query "x": from: "tier=inference" is not a selector/],
    ['bad port', '    traffic: { ports: [70000] }\n', '[70000]', /traffic.ports: "70000" is not a port/],
    ['bad protocol', '    traffic: { protocols: tcpp }\n', 'tcpp', /"tcpp" is not a protocol/],
    ['host bits', '    from: cidr:10.20.0.1/16\n', 'cidr:', /host bits set/],
    ['bad expect', '    expect: blocked\n', 'blocked', /"blocked" is not an expectation/],
    ['bare only', '    expect: only\n', 'only', /"only" needs the allowed traffic/],
    ['icmp ports', '    traffic: { protocols: icmp, ports: 80 }\n', 'traffic:', /ports apply only to tcp/],
    ['empty list', '    from: []\n', '[]', /selector list is empty/],
    ['bad composite', '    from: { either: [any] }\n', 'either', /unknown selector key "either"/],
  ];

  it.each(mistakes)('reports %s at its line', (_label, line, needle, message) => {
    const base = { name: '    name: x\n', from: '    from: any\n', to: '    to: internet\n', expect: '    expect: isolated\n' };
    const key = /^\s+(\w+):/.exec(line)?.[1] ?? '';
    const fields = { ...base } as Record<string, string>;
    if (key in fields) fields[key] = line;
    else fields['extra'] = line;
    const text = `queries:\n  - ${Object.values(fields).join('').slice(4)}`;
    const r = parseQueryText('bad.yaml', text);
    expect(r.queries).toEqual([]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    const d = r.diagnostics.find((x) => message.test(x.message));
    expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
    expect(d?.code).toBe('query-invalid');
    expect(d?.severity).toBe('error');
    expect(d?.location).toEqual({ file: 'bad.yaml', line: lineOf(text, needle) });
  });

  it('reads every document of a multi-document file and accepts an empty only-list', () => {
    const text = `- {name: a, from: any, to: internet, expect: {only: []}}\n---\nqueries:\n  - {name: b, from: any, to: internet, expect: {only: icmp}}\n`;
    const r = parseQueryText('multi.yaml', text);
    expect(r.diagnostics).toEqual([]);
    expect(r.queries.map((q) => [q.name, q.location?.line])).toEqual([
      ['a', 1],
      ['b', 4],
    ]);
    expect(r.queries[0]?.expect).toEqual({ kind: 'only', allowed: [] });
    const only = r.queries[1]?.expect;
    expect(only?.kind === 'only' && only.allowed[0]?.protocols?.key()).toBe('1');
  });

  it('rejects protocols given twice and non-text names', () => {
    const twice = parseQueryText('t.yaml', '- {name: a, from: any, to: any, traffic: {protocol: tcp, protocols: udp}, expect: isolated}\n');
    expect(twice.queries).toEqual([]);
    expect(twice.diagnostics.map((d) => d.message)).toEqual(['query "a": traffic: protocols given twice']);
    const numeric = parseQueryText('n.yaml', '- {name: 7, from: any, to: any, expect: isolated}\n');
    expect(numeric.diagnostics.map((d) => d.message)).toEqual(['query #1: name must be text, found number 7']);
  });

  it('reports every missing field of a query', () => {
    const r = parseQueryText('m.yaml', 'queries:\n  - name: lonely\n');
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'query "lonely": missing "from"',
      'query "lonely": missing "to"',
      'query "lonely": missing "expect"',
    ]);
    expect(r.diagnostics.every((d) => d.location?.line === 2)).toBe(true);
  });

  it('reports YAML syntax errors with a line', () => {
    const r = parseQueryText('s.yaml', 'queries:\n  - name: a\n    from: [any\n');
    expect(r.queries).toEqual([]);
    expect(r.diagnostics[0]?.message).toMatch(/^not valid YAML/);
    expect(r.diagnostics[0]?.location?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports duplicate keys, empty files and wrong top levels', () => {
    expect(parseQueryText('d.yaml', 'queries:\n  - name: a\n    name: b\n').diagnostics[0]?.message).toMatch(/not valid YAML.*unique/i);
    expect(parseQueryText('e.yaml', '# nothing\n').diagnostics[0]?.message).toBe('the query file is empty');
    expect(parseQueryText('t.yaml', 'checks: []\n').diagnostics[0]?.message).toMatch(/unknown top-level key "checks"/);
    expect(parseQueryText('n.yaml', '42\n').diagnostics[0]?.message).toMatch(/found number 42/);
    expect(parseQueryText('q.yaml', 'queries: []\n').diagnostics).toEqual([]);
  });
});

describe('parseQueryFiles', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'netproof-queries-'));
    await mkdir(path.join(dir, 'q', 'sub'), { recursive: true });
    await mkdir(path.join(dir, 'empty'));
    await writeFile(path.join(dir, 'q', 'b.yaml'), 'queries:\n  - {name: b, from: any, to: internet, expect: isolated}\n');
    await writeFile(path.join(dir, 'q', 'a.yml'), '- {name: a, from: any, to: internet, expect: isolated}\n');
    await writeFile(
      path.join(dir, 'q', 'sub', 'c.yaml'),
      '- {name: c, from: any, to: internet, expect: isolated}\n- {name: a, from: any, to: internet, expect: reachable}\n',
    );
    await writeFile(path.join(dir, 'q', 'notes.txt'), 'not a query file');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('walks folders in sorted order and rejects duplicate names across files', async () => {
    const r = await parseQueryFiles([path.join(dir, 'q')]);
    expect(r.queries.map((q) => q.name)).toEqual(['a', 'b', 'c']);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('query-invalid');
    expect(d.message).toBe(`duplicate query name "a" (first defined at ${path.join(dir, 'q', 'a.yml')}:1)`);
    expect(d.location).toEqual({ file: path.join(dir, 'q', 'sub', 'c.yaml'), line: 2 });
  });

  it('reads a file given twice once', async () => {
    const f = path.join(dir, 'q', 'b.yaml');
    const r = await parseQueryFiles([f, f]);
    expect(r.queries).toHaveLength(1);
    expect(r.diagnostics).toEqual([]);
  });

  it('reports missing paths and folders without query files', async () => {
    const r = await parseQueryFiles([path.join(dir, 'nope'), path.join(dir, 'empty')]);
    expect(r.queries).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['input-not-found', 'input-empty']);
    expect(r.diagnostics[0]?.message).toMatch(/does not exist/);
  });
});

describe('parseQueryText: tenant-isolation queries', () => {
  it('parses the documented form', () => {
    const text = `queries:
  - name: tenants-are-isolated
    expect: tenant-isolated
    tenant: { label: tenant }
    among: label:tenant
    except:
      - { to: namespace:kube-system, traffic: udp/53 }
      - { from: namespace:monitoring }
    traffic: tcp
`;
    const r = parseQueryText('t.yaml', text);
    expect(r.diagnostics).toEqual([]);
    const q = r.queries[0]!;
    expect(q.from).toEqual({ kind: 'label', requirements: [{ key: 'tenant', op: 'exists' }] });
    expect(q.to).toEqual(q.from);
    expect(q.traffic?.protocols?.key()).toBe('6');
    expect(q.expect.kind).toBe('tenant-isolated');
    if (q.expect.kind !== 'tenant-isolated') return;
    expect(q.expect.tenant).toEqual({ kind: 'label', key: 'tenant' });
    expect(q.expect.exceptions).toHaveLength(2);
    const [dns, monitoring] = q.expect.exceptions;
    expect(dns?.from).toBeUndefined();
    expect(dns?.to).toEqual({ kind: 'namespace', pattern: 'kube-system' });
    expect(dns?.traffic?.dstPorts?.key()).toBe('53');
    expect(dns?.location).toEqual({ file: 't.yaml', line: 7 });
    expect(monitoring?.from).toEqual({ kind: 'namespace', pattern: 'monitoring' });
    expect(monitoring?.to).toBeUndefined();
    expect(monitoring?.traffic).toBeUndefined();
  });

  it.each([
    ['nslabel:tenant', { kind: 'namespaceLabel', key: 'tenant' }, { kind: 'namespaceLabel', requirements: [{ key: 'tenant', op: 'exists' }] }],
    ['{ nslabel: tenant }', { kind: 'namespaceLabel', key: 'tenant' }, { kind: 'namespaceLabel', requirements: [{ key: 'tenant', op: 'exists' }] }],
    ['tag:Tenant', { kind: 'label', key: 'Tenant' }, { kind: 'label', requirements: [{ key: 'Tenant', op: 'exists' }] }],
    ['{ tag: Tenant }', { kind: 'label', key: 'Tenant' }, { kind: 'label', requirements: [{ key: 'Tenant', op: 'exists' }] }],
    ['namespace', { kind: 'namespace' }, { kind: 'namespace', pattern: '*' }],
    ['{ namespace: true }', { kind: 'namespace' }, { kind: 'namespace', pattern: '*' }],
  ])('tenant: %s, with the default among', (tenant, key, among) => {
    const r = parseQueryText('t.yaml', `- { name: t, expect: tenant-isolated, tenant: ${tenant} }\n`);
    expect(r.diagnostics).toEqual([]);
    const q = r.queries[0]!;
    expect(q.expect).toEqual({ kind: 'tenant-isolated', tenant: key, exceptions: [] });
    expect(q.from).toEqual(among);
    expect(q.to).toEqual(among);
  });

  const bad: [string, string, RegExp, string][] = [
    ['missing tenant', '  - { name: t, expect: tenant-isolated }', /query "t": missing "tenant"/, 'name: t'],
    ['from in a tenant query', '  - { name: t, expect: tenant-isolated, tenant: namespace, from: any }', /has no "from" \(use "among"/, 'from: any }'],
    ['bad tenant text', '  - { name: t, expect: tenant-isolated, tenant: colour }', /"colour" is not a tenant key/, 'colour'],
    ['bad tenant mapping', '  - { name: t, expect: tenant-isolated, tenant: { pod: x } }', /unknown key "pod"/, 'pod'],
    ['namespace not true', '  - { name: t, expect: tenant-isolated, tenant: { namespace: yes-please } }', /write \{namespace: true\}/, 'yes-please'],
    ['empty exception', '  - { name: t, expect: tenant-isolated, tenant: namespace, except: [{}] }', /would excuse everything/, '{}'],
    ['unknown exception key', '  - { name: t, expect: tenant-isolated, tenant: namespace, except: [{ too: any }] }', /unknown key "too"/, 'too'],
    ['bad exception selector', '  - { name: t, expect: tenant-isolated, tenant: namespace, except: [{ to: "label:a in (b" }] }', /except\[0\]\.to: .*missing its "\)"/, 'label:a'],
    ['bad among', '  - { name: t, expect: tenant-isolated, tenant: namespace, among: "label:,x" }', /among: .*expected a label key/, 'label:,x'],
    ['tenant on another expectation', '  - { name: t, from: any, to: any, expect: isolated, tenant: namespace }', /"tenant" belongs to tenant-isolation queries/, 'namespace }'],
  ];

  it.each(bad)('reports %s at its line', (_label, line, message, needle) => {
    const text = `queries:\n  - { name: ok, from: any, to: any, expect: isolated }\n${line}\n`;
    const r = parseQueryText('bad.yaml', text);
    expect(r.queries.map((q) => q.name)).toEqual(['ok']);
    const d = r.diagnostics.find((x) => message.test(x.message));
    expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
    expect(d?.code).toBe('query-invalid');
    expect(d?.location).toEqual({ file: 'bad.yaml', line: lineOf(text, needle) });
  });
});
