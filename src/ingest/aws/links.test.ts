// Tests for routes between VPCs: peering and transit gateway routes become
// assumed network links with not-modeled warnings; other targets are reported.
import { describe, expect, it } from 'vitest';
import { loadEstate } from '../load.js';
import { fixture } from './test-fixtures.js';

describe('network links', () => {
  it('peering and transit gateway routes link VPCs under assumptions', async () => {
    const r = await loadEstate([fixture('peering')]);
    const e = r.estate!;
    const pairs = e.networkLinks.map((l) => `${l.a}~${l.b}`).sort();
    expect(pairs).toEqual(['vpc-a~vpc-b', 'vpc-a~vpc-c']);
    for (const l of e.networkLinks) {
      expect(l.assumption).toBeDefined();
      expect(e.assumptions.map((a) => a.id)).toContain(l.assumption);
    }
    const notModeled = r.diagnostics.filter((d) => d.code === 'not-modeled');
    expect(notModeled.some((d) => d.message.includes('pcx-1'))).toBe(true);
    expect(notModeled.some((d) => d.message.includes('tgw-1'))).toBe(true);
    const vpce = notModeled.find((d) => d.message.includes('vpce-0s3'))!;
    expect(vpce.location).toMatchObject({ pointer: '/RouteTables/0/Routes/3' });
    expect(vpce.location?.line).toBeGreaterThan(1);
  });

  it('no links without routes between VPCs', async () => {
    const r = await loadEstate([fixture('basic')]);
    expect(r.estate!.networkLinks).toEqual([]);
  });
});
