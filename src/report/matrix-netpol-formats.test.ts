// Tests for the netpol-analyzer formats: txt, json, csv (quoting), md, dot
// (namespace clusters, external nodes, edges), all printed from the same rows.
import { describe, expect, it } from 'vitest';
import { ConnSet } from '../analysis/connset.js';
import { IntervalSet } from '../model/intervals.js';
import { formatNetpolCsv, formatNetpolDot, formatNetpolJson, formatNetpolMd, formatNetpolRows, formatNetpolTxt, splitPeerText } from './matrix-netpol-formats.js';
import type { NetpolPeer, NetpolRow } from './matrix-netpol-rows.js';

const pod = (text: string, index: number): NetpolPeer => ({ text, external: false, endpointIndex: index });
const ext: NetpolPeer = { text: '0.0.0.0-255.255.255.255[External]', external: true, addresses: IntervalSet.range(0, 0xffffffff) };
const ROWS: NetpolRow[] = [
  { src: ext, dst: pod('web/frontend[Deployment]', 0), conn: 'TCP 8080', allowed: ConnSet.ALL },
  { src: pod('web/frontend[Deployment]', 0), dst: pod('api/backend[Deployment]', 1), conn: 'TCP 9090,UDP 53', allowed: ConnSet.ALL },
];

describe('netpol-analyzer formats', () => {
  it('prints txt lines without a trailing newline', () => {
    expect(formatNetpolTxt(ROWS)).toBe(
      '0.0.0.0-255.255.255.255[External] => web/frontend[Deployment] : TCP 8080\nweb/frontend[Deployment] => api/backend[Deployment] : TCP 9090,UDP 53',
    );
  });

  it('prints json as an indented array of src/dst/conn, [] when empty', () => {
    expect(JSON.parse(formatNetpolJson(ROWS))).toEqual([
      { src: '0.0.0.0-255.255.255.255[External]', dst: 'web/frontend[Deployment]', conn: 'TCP 8080' },
      { src: 'web/frontend[Deployment]', dst: 'api/backend[Deployment]', conn: 'TCP 9090,UDP 53' },
    ]);
    expect(formatNetpolJson(ROWS)).toContain('\n  {\n    "src": ');
    expect(formatNetpolJson([])).toBe('[]');
  });

  it('prints csv with a header and quotes a connection holding commas', () => {
    expect(formatNetpolCsv(ROWS)).toBe(
      'src,dst,conn\n0.0.0.0-255.255.255.255[External],web/frontend[Deployment],TCP 8080\nweb/frontend[Deployment],api/backend[Deployment],"TCP 9090,UDP 53"\n',
    );
    expect(formatNetpolCsv([])).toBe('src,dst,conn\n');
  });

  it('prints md as a table with header and rule', () => {
    expect(formatNetpolMd(ROWS).split('\n')).toEqual([
      '| src | dst | conn |',
      '|-----|-----|------|',
      '| 0.0.0.0-255.255.255.255[External] | web/frontend[Deployment] | TCP 8080 |',
      '| web/frontend[Deployment] | api/backend[Deployment] | TCP 9090,UDP 53 |',
      '',
    ]);
  });

  it('prints dot with one cluster per namespace, external nodes in red, one edge per row', () => {
    const dot = formatNetpolDot(ROWS);
    expect(dot.startsWith('digraph {\n\tsubgraph "cluster_api[namespace]" {')).toBe(true);
    expect(dot).toContain('\t\t"web/frontend[Deployment]" [label="frontend[Deployment]" color="blue" fontcolor="blue"]\n\t\tlabel="web[namespace]"');
    expect(dot).toContain('\t"0.0.0.0-255.255.255.255[External]" [label="0.0.0.0-255.255.255.255[External]" color="red2" fontcolor="red2"]');
    expect(dot).toContain('\t"web/frontend[Deployment]" -> "api/backend[Deployment]" [label="TCP 9090,UDP 53" color="gold2" fontcolor="darkgreen" weight=1]');
    expect(dot).toContain('\t"0.0.0.0-255.255.255.255[External]" -> "web/frontend[Deployment]" [label="TCP 8080" color="gold2" fontcolor="darkgreen" weight=0.5]');
    expect(dot.endsWith('\n}')).toBe(true);
    expect(dot.match(/ -> /g)).toHaveLength(2);
  });

  it('dispatches by format name', () => {
    expect(formatNetpolRows(ROWS, 'txt')).toBe(formatNetpolTxt(ROWS));
    expect(formatNetpolRows(ROWS, 'md')).toBe(formatNetpolMd(ROWS));
  });

  it('splits ns/name[Kind] texts, and leaves external ranges whole', () => {
    expect(splitPeerText('web/frontend[Deployment]')).toEqual({ namespace: 'web', local: 'frontend[Deployment]' });
    expect(splitPeerText('10.0.0.0-10.0.0.255[External]')).toEqual({ local: '10.0.0.0-10.0.0.255[External]' });
  });
});
