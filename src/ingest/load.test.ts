// Tests for the loader: error paths (not found, empty, malformed, invalid
// shapes, host bits), unrecognized files, merging and deduplication.
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './aws/test-fixtures.js';
import { loadEstate } from './load.js';

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'netproof-ingest-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('loadEstate error paths', () => {
  it('a path that does not exist: input-not-found, no estate', async () => {
    const r = await loadEstate([path.join(tmp, 'nope')]);
    expect(r.estate).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['input-not-found']);
  });

  it('an empty folder: input-empty', async () => {
    const r = await loadEstate([tmp]);
    expect(r.estate).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['input-empty']);
  });

  it('no paths at all: input-empty', async () => {
    const r = await loadEstate([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['input-empty']);
  });

  it('malformed JSON: input-malformed with file:line:column', async () => {
    const r = await loadEstate([fixture('errors/malformed')]);
    expect(r.estate).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === 'input-malformed')!;
    expect(d.severity).toBe('error');
    expect(d.location?.line).toBe(5);
    expect(d.message).toMatch(/describe-vpcs\.json:5:\d+: not valid JSON/);
  });

  it('a CIDR with host bits set: invalid-cidr naming file, pointer, line and the network address', async () => {
    const r = await loadEstate([fixture('errors/host-bits')]);
    expect(r.estate).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === 'invalid-cidr')!;
    expect(d.location).toMatchObject({ pointer: '/SecurityGroups/0/IpPermissions/0/IpRanges/0/CidrIp', line: 14 });
    expect(d.message).toContain('describe-security-groups.json#/SecurityGroups/0/IpPermissions/0/IpRanges/0/CidrIp');
    expect(d.message).toContain('10.0.1.0/24');
  });

  it('a field of the wrong type: input-invalid naming file and pointer', async () => {
    const r = await loadEstate([fixture('errors/invalid')]);
    expect(r.estate).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === 'input-invalid')!;
    expect(d.location).toMatchObject({ pointer: '/NetworkAcls/0/Entries/0/RuleNumber', line: 10 });
    expect(d.message).toContain('describe-network-acls.json#/NetworkAcls/0/Entries/0/RuleNumber');
  });

  it('unrecognized files are skipped with a warning; entries without a pl- id get a hint', async () => {
    const r = await loadEstate([fixture('errors/unrecognized')]);
    expect(r.estate).toBeDefined();
    const warnings = r.diagnostics.filter((d) => d.code === 'input-unrecognized');
    expect(warnings.map((d) => path.basename(d.location!.file)).sort()).toEqual(['entries.json', 'notes.json']);
    expect(warnings.find((d) => d.message.includes('entries.json'))!.message).toContain('pl-');
    expect(r.estate!.scopeNames['vpc-1']).toBe('vpc-1');
  });

  it('only unrecognized files: input-empty', async () => {
    const r = await loadEstate([path.join(fixture('errors/unrecognized'), 'notes.json')]);
    expect(r.estate).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['input-unrecognized', 'input-empty']);
  });
});

describe('merging files', () => {
  it('the same object twice is kept once; different content under one id warns', async () => {
    const sgFile = path.join(fixture('basic'), 'describe-security-groups.json');
    const copy = path.join(tmp, 'copy-of-sgs.json');
    await writeFile(copy, await readFile(sgFile, 'utf8'));
    const same = await loadEstate([fixture('basic'), copy]);
    expect(same.estate).toBeDefined();
    expect(same.diagnostics.some((d) => d.code === 'duplicate-object')).toBe(false);
    expect([...same.estate!.filters.keys()].filter((k) => k === 'sg-0web/ingress')).toHaveLength(1);

    const changed = JSON.parse(await readFile(sgFile, 'utf8')) as { SecurityGroups: { Description: string }[] };
    changed.SecurityGroups[0]!.Description = 'edited';
    const edited = path.join(tmp, 'edited-sgs.json');
    await writeFile(edited, JSON.stringify(changed, null, 2));
    const diff = await loadEstate([fixture('basic'), edited]);
    const d = diff.diagnostics.find((x) => x.code === 'duplicate-object')!;
    expect(d.message).toContain('sg-0web');
    expect(d.location?.file).toBe(edited);
  });

  it('records every source file and finds YAML inputs in folders', async () => {
    const r = await loadEstate([fixture('basic')]);
    expect(r.estate!.sources.some((s) => s.endsWith('subnets.yaml'))).toBe(true);
    expect(r.estate!.segments.map((s) => s.id)).toEqual(['subnet-pub', 'subnet-web', 'subnet-app', 'subnet-db']);
    expect(r.estate!.diagnostics).toEqual(r.diagnostics);
  });
});
