// IPv4 parsing, CIDR validation (host bits), CIDR cover and the public space.
import { describe, expect, it } from 'vitest';
import { IntervalSet } from './intervals.js';
import { formatIpv4, parseCidr, parseIpv4, PUBLIC_IPV4, toCidrs, formatCidr } from './ip.js';

describe('ip', () => {
  it('round-trips dotted quads', () => {
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(formatIpv4(parseIpv4('10.20.3.4')!)).toBe('10.20.3.4');
    expect(parseIpv4('10.20.3')).toBeUndefined();
    expect(parseIpv4('256.1.1.1')).toBeUndefined();
  });

  it('parses CIDR blocks and rejects host bits with the network address', () => {
    const ok = parseCidr('10.0.0.0/8');
    expect(ok.ok && ok.range.key()).toBe(`${parseIpv4('10.0.0.0')}-${parseIpv4('10.255.255.255')}`);
    const bad = parseCidr('10.0.0.1/8');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toContain('10.0.0.0/8');
    expect(parseCidr('10.0.0.0').ok).toBe(false);
    expect(parseCidr('10.0.0.0/33').ok).toBe(false);
    const all = parseCidr('0.0.0.0/0');
    expect(all.ok && all.range.size()).toBe(2 ** 32);
  });

  it('covers a range with the fewest CIDR blocks', () => {
    const s = IntervalSet.range(parseIpv4('10.0.0.1')!, parseIpv4('10.0.0.6')!);
    expect(toCidrs(s).map(formatCidr)).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
  });

  it('excludes private and special space from the public internet', () => {
    expect(PUBLIC_IPV4.has(parseIpv4('8.8.8.8')!)).toBe(true);
    expect(PUBLIC_IPV4.has(parseIpv4('161.26.0.0')!)).toBe(true);
    for (const a of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '100.64.0.1', '127.0.0.1', '169.254.1.1', '224.0.0.1', '0.1.2.3']) {
      expect(PUBLIC_IPV4.has(parseIpv4(a)!)).toBe(false);
    }
  });
});
