// Tests for protocol/port parsing, the CLI traffic options and the shorthand form.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTraffic, parsePortRange, parseTraffic, parseTrafficShorthand } from './traffic.js';

describe('parseTraffic', () => {
  it('is undefined traffic when both options are absent or empty', () => {
    expect(parseTraffic()).toEqual({ ok: true });
    expect(parseTraffic(' ', '')).toEqual({ ok: true });
  });

  it('parses protocol names, numbers and port ranges', () => {
    const r = parseTraffic('TCP, udp,47', '443,8000-8080, 80');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.traffic?.protocols?.key()).toBe('6,17,47');
    expect(r.traffic?.dstPorts?.key()).toBe('80,443,8000-8080');
  });

  it('treats "all" as every protocol', () => {
    const r = parseTraffic('all', '22');
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(r.traffic?.protocols).toBeUndefined();
  });

  it.each([
    ['tcpx', undefined, /--protocol: "tcpx" is not a protocol/],
    ['256', undefined, /not a protocol/],
    [undefined, '65536', /--port: "65536" is not a port/],
    [undefined, '90-80', /reversed \(write 80-90\)/],
    [undefined, '0x50', /not a port/],
    ['icmp', '80', /ports apply only to tcp, udp and sctp, not to ICMP/],
  ])('rejects %s / %s', (p, ports, message) => {
    const r = parseTraffic(p, ports);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('accepts ports with a mixed protocol list that carries ports', () => {
    expect(parseTraffic('icmp,tcp', '443').ok).toBe(true);
  });
});

describe('parsePortRange', () => {
  it('round-trips every valid range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }), (a, b) => {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const r = parsePortRange(lo === hi ? `${lo}` : `${lo}-${hi}`);
        return r.ok && r.value.min() === lo && r.value.max() === hi && r.value.size() === hi - lo + 1;
      }),
    );
  });
});

describe('shorthand', () => {
  it('parses and prints the compact form', () => {
    for (const text of ['tcp/443', 'tcp,udp/53', 'icmp', 'all', 'all/8000-8999', 'tcp/22,443,8000-8999', '47']) {
      const t = parseTrafficShorthand(text);
      expect(t.ok, text).toBe(true);
      if (t.ok) expect(formatTraffic(t.value)).toBe(text);
    }
  });

  it('rejects bad shorthand with the text in the message', () => {
    const t = parseTrafficShorthand('tcp/44x');
    expect(t).toEqual({ ok: false, error: expect.stringContaining('"tcp/44x"') });
  });
});
