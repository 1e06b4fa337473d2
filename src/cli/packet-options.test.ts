import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../model/ip.js';
import { parsePacketOptions } from './packet-options.js';

describe('parsePacketOptions', () => {
  it('builds a TCP packet with the default ephemeral source port', () => {
    expect(parsePacketOptions({ src: '10.0.0.1', dst: '10.0.0.2', port: '443' })).toEqual({
      ok: true,
      packet: { srcIp: parseIpv4('10.0.0.1'), dstIp: parseIpv4('10.0.0.2'), srcPort: 49152, dstPort: 443, protocol: 6, icmpType: 0, icmpCode: 0 },
    });
  });

  it('builds ICMP echo requests by default and takes type/code', () => {
    const r = parsePacketOptions({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 'icmp', icmpType: '3', icmpCode: '4' });
    expect(r).toMatchObject({ ok: true, packet: { protocol: 1, icmpType: 3, icmpCode: 4, srcPort: 0, dstPort: 0 } });
    expect(parsePacketOptions({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 'ICMP' })).toMatchObject({ ok: true, packet: { icmpType: 8, icmpCode: 0 } });
  });

  it('takes a protocol number with no ports', () => {
    expect(parsePacketOptions({ src: '10.0.0.1', dst: '10.0.0.2', protocol: '47' })).toMatchObject({ ok: true, packet: { protocol: 47, dstPort: 0 } });
  });

  it.each([
    [{ src: '10.0.0', dst: '10.0.0.2', port: '1' }, '--src must be an IPv4 address'],
    [{ src: '10.0.0.1', dst: 'x', port: '1' }, '--dst must be an IPv4 address'],
    [{ src: '10.0.0.1', dst: '10.0.0.2' }, '--port is required for a TCP packet'],
    [{ src: '10.0.0.1', dst: '10.0.0.2', port: '65536' }, '--port must be a whole number from 0 to 65535'],
    [{ src: '10.0.0.1', dst: '10.0.0.2', port: '80', srcPort: '-1' }, '--src-port must be a whole number'],
    [{ src: '10.0.0.1', dst: '10.0.0.2', protocol: 'icmp', port: '80' }, 'do not apply to ICMP packets'],
    [{ src: '10.0.0.1', dst: '10.0.0.2', port: '80', icmpType: '8' }, 'only apply to ICMP packets'],
    [{ src: '10.0.0.1', dst: '10.0.0.2', protocol: 'all' }, '"all" is not one'],
    [{ src: '10.0.0.1', dst: '10.0.0.2', protocol: 'tcpp', port: '1' }, '--protocol:'],
  ])('refuses %o', (opts, message) => {
    const r = parsePacketOptions(opts);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});
