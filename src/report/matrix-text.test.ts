// netproof's own matrix text and JSON on a small estate: sorted lines per
// network, reply-blocked parts shown with a legend, schema version 1 JSON.
import { describe, expect, it } from 'vitest';
import { computeMatrix } from '../analysis/matrix.js';
import { sampleEstate } from '../analysis/sample-estate.js';
import { formatMatrixJson } from './matrix-json.js';
import { formatMatrixParty, formatMatrixText } from './matrix-text.js';
import { parseCidr, PUBLIC_IPV4 } from '../model/ip.js';

describe('formatMatrixText', () => {
  it('lists pairs per network with reply-blocked parts and a legend', () => {
    expect(formatMatrixText(computeMatrix(sampleEstate(), { level: 'endpoints' }))).toBe(`Connectivity between endpoints: 8 pair(s) with traffic, computed over 2 endpoint class(es) and 1 internet range class(es)

Network main (vpc-1)
  internet (all) => proxy[10.0.1.11] : TCP 443
  internet (all) => web[10.0.1.10] : TCP 443
  proxy[10.0.1.11] => db[10.0.2.20] : TCP 5432 [replies blocked: TCP src 0-1023 dst 5432]
  proxy[10.0.1.11] => internet (all) : all traffic
  proxy[10.0.1.11] => web[10.0.1.10] : TCP 443
  web[10.0.1.10] => db[10.0.2.20] : TCP 5432 [replies blocked: TCP src 0-1023 dst 5432]
  web[10.0.1.10] => internet (all) : all traffic
  web[10.0.1.10] => proxy[10.0.1.11] : TCP 443

Pairs not listed exchange no traffic; self pairs are not listed.
[replies blocked: …]: TCP connections allowed forward whose replies a stateless layer (network ACL) drops.
`);
  });
});

describe('formatMatrixJson', () => {
  it('writes schema version 1 with parties, sets as text and cubes', () => {
    const doc = JSON.parse(formatMatrixJson(computeMatrix(sampleEstate(), { level: 'segments' })));
    expect(doc.schemaVersion).toBe(1);
    expect(doc.command).toBe('matrix');
    expect(doc.level).toBe('segments');
    expect(doc.networks).toEqual([{ id: 'vpc-1', name: 'main' }]);
    expect(doc.entries.length).toBe(4);
    const privToPub = doc.entries.find((e: { src: { display?: string } }) => e.src.display === 'priv');
    expect(privToPub).toEqual({
      src: { kind: 'endpoint', id: 'priv', name: 'priv', display: 'priv', network: 'vpc-1', whole: true, addresses: ['10.0.2.0/24'] },
      dst: { kind: 'endpoint', id: 'pub', name: 'pub', display: 'pub', network: 'vpc-1', whole: true, addresses: ['10.0.1.0/24'] },
      allowed: { text: 'TCP 1024-65535', all: false, cubes: [{ protocols: ['TCP'], srcPorts: ['0-65535'], dstPorts: ['1024-65535'] }] },
      replyBlocked: { text: 'none', all: false, cubes: [] },
    });
    const fromInternet = doc.entries.find((e: { src: { kind: string } }) => e.src.kind === 'external');
    expect(fromInternet.src).toMatchObject({ kind: 'external', allInternet: true });
  });
});

describe('formatMatrixParty', () => {
  it('prints the shorter of the covered blocks and the public space less a few blocks', () => {
    const block = parseCidr('185.220.100.0/22');
    if (!block.ok) throw new Error(block.reason);
    const most = PUBLIC_IPV4.subtract(block.range);
    expect(formatMatrixParty({ kind: 'external', addresses: most }, PUBLIC_IPV4)).toBe('internet (all except 185.220.100.0/22)');
    expect(formatMatrixParty({ kind: 'external', addresses: block.range }, PUBLIC_IPV4)).toBe('internet 185.220.100.0/22');
    expect(formatMatrixParty({ kind: 'external', addresses: PUBLIC_IPV4 }, PUBLIC_IPV4)).toBe('internet (all)');
  });
});
