// The np-guard AWS format: the exact text for a small estate, reading it back
// (a round trip for random connection sets), and the semantic comparison —
// equal reports in other line splits pass, any changed set or `*` fails.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatNpGuard, NPGUARD_DOMAIN, projectNpGuard } from '../analysis/connset-format.js';
import { ConnSet } from '../analysis/connset.js';
import { computeMatrix } from '../analysis/matrix.js';
import { sampleEstate } from '../analysis/sample-estate.js';
import { IntervalSet } from '../model/intervals.js';
import { PUBLIC_IPV4 } from '../model/ip.js';
import { compareNpGuardReports } from './npguard-aws-compare.js';
import { formatNpGuardAws } from './npguard-aws-format.js';
import { parseNpGuardConn, parseNpGuardReport, type NpGuardSection } from './npguard-aws-parse.js';
import { parseExplain } from './npguard-explain.js';

const ENDPOINTS_TEXT = `Endpoint connectivity for VPC main
Public Internet (all ranges) => proxy[10.0.1.11] : protocol: TCP dst-ports: 443
Public Internet (all ranges) => web[10.0.1.10] : protocol: TCP dst-ports: 443
proxy[10.0.1.11] => Public Internet (all ranges) : All Connections
proxy[10.0.1.11] => db[10.0.2.20] : protocol: TCP src-ports: 1-1023 dst-ports: 5432 * 
proxy[10.0.1.11] => db[10.0.2.20] : protocol: TCP src-ports: 1024-65535 dst-ports: 5432
proxy[10.0.1.11] => web[10.0.1.10] : protocol: TCP dst-ports: 443
web[10.0.1.10] => Public Internet (all ranges) : All Connections
web[10.0.1.10] => db[10.0.2.20] : protocol: TCP src-ports: 1-1023 dst-ports: 5432 * 
web[10.0.1.10] => db[10.0.2.20] : protocol: TCP src-ports: 1024-65535 dst-ports: 5432
web[10.0.1.10] => proxy[10.0.1.11] : protocol: TCP dst-ports: 443

TCP connections for which response is not permitted are marked with * 
`;

function parse(text: string): NpGuardSection[] {
  const r = parseNpGuardReport(text, PUBLIC_IPV4);
  if (!r.ok) throw new Error(r.error);
  return r.sections;
}

describe('formatNpGuardAws', () => {
  it('prints the endpoint matrix exactly as np-guard does', () => {
    expect(formatNpGuardAws(computeMatrix(sampleEstate(), { level: 'endpoints' }))).toBe(ENDPOINTS_TEXT);
  });

  it('prints the subnet matrix with one section per VPC', () => {
    expect(formatNpGuardAws(computeMatrix(sampleEstate(), { level: 'segments' }))).toBe(`Subnet connectivity for VPC main
Public Internet (all ranges) => pub : All Connections
priv => pub : protocol: TCP dst-ports: 1024-65535
pub => Public Internet (all ranges) : All Connections
pub => priv : protocol: ICMP; protocol: TCP src-ports: 1024-65535; protocol: UDP
pub => priv : protocol: TCP src-ports: 1-1023 * 

TCP connections for which response is not permitted are marked with * 
`);
  });

  it('says <nothing to report> for a network without traffic, and prints no legend without a *', () => {
    const e = sampleEstate();
    const quiet = { ...e, endpoints: e.endpoints.map((x) => ({ ...x, egressLayers: ['sg:db/eg'], ingressLayers: ['sg:db/eg'] })) };
    expect(formatNpGuardAws(computeMatrix(quiet, { level: 'endpoints' }))).toBe('Endpoint connectivity for VPC main\n<nothing to report>\n');
  });
});

describe('reading np-guard text', () => {
  it('reads connection texts', () => {
    expect(parseNpGuardConn('All Connections')).toBe(NPGUARD_DOMAIN);
    const c = parseNpGuardConn('protocol: TCP src-ports: 1-9079,9081-65535 dst-ports: 9080; protocol: ICMP icmp-type: 8 icmp-code: 0');
    expect(typeof c).not.toBe('string');
    expect(formatNpGuard(c as ConnSet)).toBe('protocol: ICMP icmp-type: 8 icmp-code: 0; protocol: TCP src-ports: 1-9079,9081-65535 dst-ports: 9080');
    expect(parseNpGuardConn('protocol: GRE')).toMatch(/unknown protocol/);
    expect(parseNpGuardConn('protocol: TCP ports: 80')).toMatch(/cannot read/);
  });

  it('round-trips every connection set through formatNpGuard', () => {
    const arb = fc
      .array(fc.tuple(fc.constantFrom(1, 6, 17), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.boolean()), { maxLength: 4 })
      .map((xs) =>
        xs.reduce((acc, [p, a, b, wide]) => {
          const part = p === 1 ? ConnSet.icmp(IntervalSet.range(a % 256, (a % 256) + (wide ? 3 : 0)), IntervalSet.point(b % 256)) : ConnSet.ports(IntervalSet.point(p), IntervalSet.range(a, wide ? 65535 : a + 5), IntervalSet.range(b, b + 10));
          return acc.union(part);
        }, ConnSet.NONE),
      );
    fc.assert(
      fc.property(arb, (set) => {
        const back = parseNpGuardConn(formatNpGuard(set));
        expect(typeof back === 'string' ? back : back.key).toBe(projectNpGuard(set).key);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects malformed lines with their line number', () => {
    expect(parseNpGuardReport('Endpoint connectivity for VPC x\nfoo bar\n', PUBLIC_IPV4)).toEqual({ ok: false, error: 'line 2: expected "src => dst : connection", found "foo bar"' });
    expect(parseNpGuardReport('a => b : All Connections\n', PUBLIC_IPV4)).toMatchObject({ ok: false });
  });
});

describe('compareNpGuardReports', () => {
  const expected = parse(ENDPOINTS_TEXT);

  it('accepts the same sets split into other lines and ranges', () => {
    const resplit = ENDPOINTS_TEXT.replace(
      'Public Internet (all ranges) => web[10.0.1.10] : protocol: TCP dst-ports: 443',
      'Public Internet 1.0.0.0/8 => web[10.0.1.10] : protocol: TCP dst-ports: 443\nPublic Internet (all ranges) => web[10.0.1.10] : protocol: TCP dst-ports: 443',
    ).replace(
      'web[10.0.1.10] => proxy[10.0.1.11] : protocol: TCP dst-ports: 443',
      'web[10.0.1.10] => proxy[10.0.1.11] : protocol: TCP src-ports: 1-100 dst-ports: 443\nweb[10.0.1.10] => proxy[10.0.1.11] : protocol: TCP src-ports: 50-65535 dst-ports: 443',
    );
    expect(compareNpGuardReports(expected, parse(resplit))).toEqual([]);
  });

  it('reports a lost * mark, a changed set, a changed external range and a missing section', () => {
    const noStar = ENDPOINTS_TEXT.replace('src-ports: 1-1023 dst-ports: 5432 * \nproxy', 'src-ports: 1-1023 dst-ports: 5432\nproxy');
    expect(compareNpGuardReports(expected, parse(noStar))).toEqual([
      'proxy[10.0.1.11] => db[10.0.2.20]: expected protocol: TCP dst-ports: 5432 (reply blocked: protocol: TCP src-ports: 1-1023 dst-ports: 5432), got protocol: TCP dst-ports: 5432',
    ]);
    const wider = ENDPOINTS_TEXT.replace('proxy[10.0.1.11] => web[10.0.1.10] : protocol: TCP dst-ports: 443', 'proxy[10.0.1.11] => web[10.0.1.10] : protocol: TCP');
    expect(compareNpGuardReports(expected, parse(wider))).toEqual(['proxy[10.0.1.11] => web[10.0.1.10]: expected protocol: TCP dst-ports: 443, got protocol: TCP']);
    const narrower = ENDPOINTS_TEXT.replace('Public Internet (all ranges) => web', 'Public Internet 8.0.0.0/8 => web');
    const diff = compareNpGuardReports(expected, parse(narrower));
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.every((d) => d.startsWith('web[10.0.1.10] <= internet '))).toBe(true);
    expect(compareNpGuardReports(expected, parse(`${ENDPOINTS_TEXT}\nEndpoint connectivity for VPC other\n<nothing to report>\n`))).toEqual([
      'unexpected section "Endpoint connectivity for VPC other"',
    ]);
  });
});

describe('parseExplain', () => {
  it('reads a connected pair', () => {
    const e = parseExplain('Connections from a[10.0.0.1] to b[10.0.0.2]: protocol: TCP dst-ports: 80\n\nTCP response is enabled; The relevant rules are:\n');
    expect(e).toMatchObject({ allowed: true, replyEnabled: true });
    expect(typeof e !== 'string' && formatNpGuard(e.conn!)).toBe('protocol: TCP dst-ports: 80');
  });

  it('reads the blocking layers of a blocked pair', () => {
    const e = parseExplain(
      'No connectivity from a to b;\n\tconnection is blocked at egress\n\nEgress: private subnet app denies connection; security group sg-1 allows connection; security group sg-2 does not allow connection; network ACL acl-1 denies connection\n',
    );
    expect(typeof e !== 'string' && [...e.blocking].sort()).toEqual(['aws-nacl:egress', 'internet']);
    const sg = parseExplain('No connectivity from a to b;\nIngress: security group sg-2 does not allow connection; network ACL acl-1 allows connection\n');
    expect(typeof sg !== 'string' && [...sg.blocking]).toEqual(['aws-sg:ingress']);
    expect(parseExplain('nothing here')).toMatch(/neither/);
  });
});
