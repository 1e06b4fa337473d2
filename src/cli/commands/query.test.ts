import { describe, expect, it } from 'vitest';
import { buildAdHocQuery, type QueryOptions } from './query.js';

const base: QueryOptions = { from: 'tag:tier=web', to: 'sg:db-sg', expect: 'reachable', format: 'text', color: false, timing: false, timeout: 1000 };

describe('buildAdHocQuery', () => {
  it('asks whether anything is reachable by default, over all traffic', () => {
    const r = buildAdHocQuery(base);
    expect(r).toMatchObject({ ok: true, query: { name: 'tag:tier=web → sg:db-sg', expect: { kind: 'reachable' } } });
    if (r.ok) expect(r.query.traffic).toBeUndefined();
  });

  it('narrows the traffic with --protocol and --port', () => {
    const r = buildAdHocQuery({ ...base, expect: 'isolated', protocol: 'tcp', port: '443,8000-8080' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.query.expect).toEqual({ kind: 'isolated' });
      expect(r.query.traffic?.dstPorts?.key()).toBe('443,8000-8080');
    }
  });

  it('turns --protocol/--port into the allowed traffic of --expect only', () => {
    const r = buildAdHocQuery({ ...base, expect: 'only', protocol: 'tcp', port: '443' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.query.traffic).toBeUndefined();
      expect(r.query.expect.kind).toBe('only');
    }
    expect(buildAdHocQuery({ ...base, expect: 'only' })).toMatchObject({ ok: false, error: expect.stringContaining('--expect only needs') });
  });

  it('names the option that is wrong', () => {
    expect(buildAdHocQuery({ ...base, from: 'bogus' })).toMatchObject({ ok: false, error: expect.stringMatching(/^--from: /) });
    expect(buildAdHocQuery({ ...base, to: 'cidr:10.0.0.1/24' })).toMatchObject({ ok: false, error: expect.stringContaining('host bits') });
    expect(buildAdHocQuery({ ...base, port: '70000' })).toMatchObject({ ok: false, error: expect.stringMatching(/^--port: /) });
  });
});
