// Tests for reading netpol-analyzer's json/csv/md lists: CSV quoting, frame
// checks (header, rule, array shape), and a property: any rows printed in
// json, csv or md read back to the same connections as the txt print.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnSet } from '../analysis/connset.js';
import { IntervalSet } from '../model/intervals.js';
import { formatNetpolRows } from '../report/matrix-netpol-formats.js';
import type { NetpolPeer, NetpolRow } from '../report/matrix-netpol-rows.js';
import { compareConnlists } from './netpol-compare.js';
import { parseNetpolConnlist } from './netpol-expected.js';
import { parseNetpolCsv, parseNetpolJson, parseNetpolList, parseNetpolMd, splitCsvRecord } from './netpol-format-parse.js';

describe('splitCsvRecord', () => {
  it('splits plain and quoted fields, with doubled quotes inside', () => {
    expect(splitCsvRecord('a,b,c')).toEqual(['a', 'b', 'c']);
    expect(splitCsvRecord('a,b,"TCP 80,UDP 53"')).toEqual(['a', 'b', 'TCP 80,UDP 53']);
    expect(splitCsvRecord('"x""y",,z')).toEqual(['x"y', '', 'z']);
  });

  it('refuses an unterminated quote or text after a closing quote', () => {
    expect(splitCsvRecord('a,"b')).toBeUndefined();
    expect(splitCsvRecord('"a"b,c')).toBeUndefined();
  });
});

describe('parsing the list formats', () => {
  it('reads csv, md and json rows like the txt lines', () => {
    const txt = parseNetpolConnlist('a/x[Pod] => b/y[Pod] : TCP 80,UDP 53');
    const csv = parseNetpolCsv('src,dst,conn\na/x[Pod],b/y[Pod],"TCP 80,UDP 53"\n');
    const md = parseNetpolMd('| src | dst | conn |\n|-----|-----|------|\n| a/x[Pod] | b/y[Pod] | TCP 80,UDP 53 |\n');
    const json = parseNetpolJson('[{"src":"a/x[Pod]","dst":"b/y[Pod]","conn":"TCP 80,UDP 53"}]');
    for (const list of [csv, md, json]) expect(compareConnlists(txt, list)).toEqual([]);
    expect(csv.lines[0]?.line).toBe(2);
  });

  it('reports a wrong frame instead of ignoring it', () => {
    expect(parseNetpolCsv('source,destination,conn\n').problems[0]?.reason).toMatch(/header/);
    expect(parseNetpolMd('| src | dst | conn |\n|---|---|---|\n').problems[0]?.reason).toMatch(/rule/);
    expect(parseNetpolJson('{"src":"a"}').problems[0]?.reason).toMatch(/array/);
    expect(parseNetpolJson('[{"src":"a/x[Pod]","dst":1,"conn":"TCP 1"}]').problems[0]?.reason).toMatch(/strings/);
    expect(parseNetpolJson('[').problems[0]?.reason).toMatch(/not JSON/);
    expect(parseNetpolCsv('src,dst,conn\na,b\n').problems[0]?.reason).toMatch(/three fields/);
  });

  it('reads an empty list in every format', () => {
    expect(parseNetpolList('', 'txt').lines).toEqual([]);
    expect(parseNetpolList('[]', 'json')).toEqual({ lines: [], problems: [] });
    expect(parseNetpolList('src,dst,conn\n', 'csv')).toEqual({ lines: [], problems: [] });
    expect(parseNetpolList('| src | dst | conn |\n|-----|-----|------|\n', 'md')).toEqual({ lines: [], problems: [] });
  });
});

const peerArb: fc.Arbitrary<NetpolPeer> = fc.oneof(
  fc
    .tuple(fc.constantFrom('a', 'b', 'ns-1'), fc.constantFrom('web', 'db', 'x-1'), fc.constantFrom('Pod', 'Deployment', 'StatefulSet'))
    .map(([ns, name, kind]) => ({ text: `${ns}/${name}[${kind}]`, external: false, endpointIndex: 0 })),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([lo, hi]) => {
    const [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
    return { text: `${a}.0.0.0-${b}.255.255.255[External]`, external: true, addresses: IntervalSet.range(a * 2 ** 24, b * 2 ** 24 + 0xffffff) };
  }),
);
const connArb = fc.oneof(
  fc.constant('All Connections'),
  fc
    .subarray(['SCTP', 'TCP', 'UDP'], { minLength: 1 })
    .chain((protos) => fc.tuple(...protos.map((p) => fc.integer({ min: 1, max: 60000 }).map((lo) => `${p} ${lo},${lo + 2}-${lo + 5}`))))
    .map((groups) => groups.join(',')),
);

describe('round trip', () => {
  it('json, csv and md read back to the connections the txt print gives', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(peerArb, peerArb, connArb), { maxLength: 8 }), (triples) => {
        const rows: NetpolRow[] = triples
          .filter(([s, d]) => !(s.external && d.external))
          .map(([src, dst, conn]) => ({ src, dst, conn, allowed: ConnSet.NONE }));
        const txt = parseNetpolConnlist(formatNetpolRows(rows, 'txt'));
        expect(txt.problems).toEqual([]);
        for (const format of ['json', 'csv', 'md'] as const) {
          const back = parseNetpolList(formatNetpolRows(rows, format), format);
          expect(back.problems, format).toEqual([]);
          expect(compareConnlists(txt, back), format).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
