// Tests for --focus: the accepted names, matching by name / namespace / kind,
// several workloads, direction and peer narrowing, unknown names.
import { describe, expect, it } from 'vitest';
import { ConnSet } from '../analysis/connset.js';
import { IntervalSet } from '../model/intervals.js';
import { focusMatches, focusRows, parseFocus, type FocusSpec } from './matrix-netpol-focus.js';
import type { NetpolPeer, NetpolRow } from './matrix-netpol-rows.js';

const pod = (text: string): NetpolPeer => ({ text, external: false, endpointIndex: 0 });
const ext: NetpolPeer = { text: '0.0.0.0-255.255.255.255[External]', external: true, addresses: IntervalSet.range(0, 0xffffffff) };
const row = (src: NetpolPeer, dst: NetpolPeer): NetpolRow => ({ src, dst, conn: 'All Connections', allowed: ConnSet.ALL });
const FOO = pod('foo/myfoo[Pod]');
const BAR = pod('bar/mybar[Deployment]');
const BAZ = pod('baz/mybaz[Pod]');
const ROWS = [row(ext, BAR), row(BAR, BAZ), row(FOO, BAZ), row(BAZ, FOO), row(FOO, ext)];
const PEERS = [FOO.text, BAR.text, BAZ.text];

function spec(text: string): FocusSpec {
  const s = parseFocus(text);
  if (s === undefined) throw new Error(`bad focus ${text}`);
  return s;
}

describe('parseFocus', () => {
  it('accepts name, ns/name and ns/name[Kind]', () => {
    expect(parseFocus('myfoo')).toEqual({ text: 'myfoo', name: 'myfoo' });
    expect(parseFocus('foo/myfoo')).toEqual({ text: 'foo/myfoo', namespace: 'foo', name: 'myfoo' });
    expect(parseFocus('foo/myfoo[Pod]')).toEqual({ text: 'foo/myfoo[Pod]', namespace: 'foo', name: 'myfoo', kind: 'Pod' });
  });

  it('refuses other shapes', () => {
    for (const bad of ['', 'a/b/c', 'a[', 'a b', '/x', 'x[Pod']) expect(parseFocus(bad), bad).toBeUndefined();
  });
});

describe('focusMatches', () => {
  it('matches by name, namespace and kind, never an external range', () => {
    expect(focusMatches(spec('myfoo'), FOO.text)).toBe(true);
    expect(focusMatches(spec('foo/myfoo'), FOO.text)).toBe(true);
    expect(focusMatches(spec('bar/myfoo'), FOO.text)).toBe(false);
    expect(focusMatches(spec('foo/myfoo[Pod]'), FOO.text)).toBe(true);
    expect(focusMatches(spec('foo/myfoo[Deployment]'), FOO.text)).toBe(false);
    expect(focusMatches(spec('myfo'), FOO.text)).toBe(false);
    expect(focusMatches(spec('0.0.0.0-255.255.255.255'), ext.text)).toBe(false);
  });
});

describe('focusRows', () => {
  it('keeps rows with a focus workload at either end, for several workloads', () => {
    expect(focusRows(ROWS, [spec('myfoo')], PEERS).rows).toEqual([row(FOO, BAZ), row(BAZ, FOO), row(FOO, ext)]);
    expect(focusRows(ROWS, [spec('myfoo'), spec('mybar')], PEERS).rows).toHaveLength(5);
  });

  it('narrows by direction and by peer', () => {
    expect(focusRows(ROWS, [spec('myfoo')], PEERS, { direction: 'egress' }).rows).toEqual([row(FOO, BAZ), row(FOO, ext)]);
    expect(focusRows(ROWS, [spec('myfoo')], PEERS, { direction: 'ingress' }).rows).toEqual([row(BAZ, FOO)]);
    expect(focusRows(ROWS, [spec('mybaz')], PEERS, { peers: [spec('mybar')] }).rows).toEqual([row(BAR, BAZ)]);
  });

  it('names the focus workloads and peers that match no workload', () => {
    expect(focusRows(ROWS, [spec('myfoo'), spec('nosuch')], PEERS, { peers: [spec('other')] }).unmatched).toEqual(['nosuch', 'other']);
    expect(focusRows(ROWS, [spec('myfoo')], PEERS).unmatched).toEqual([]);
  });
});
