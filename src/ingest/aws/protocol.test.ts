// Tests for AWS protocol/port fields → packet-match constraints.
import { describe, expect, it } from 'vitest';
import { naclProtocol, protocolNumber, securityGroupProtocol } from './protocol.js';

describe('protocolNumber', () => {
  it('reads -1, names and numbers', () => {
    expect(protocolNumber('-1')).toBe('all');
    expect(protocolNumber('tcp')).toBe(6);
    expect(protocolNumber('17')).toBe(17);
    expect(protocolNumber(50)).toBe(50);
    expect(protocolNumber('256')).toBeUndefined();
    expect(protocolNumber('gre')).toBeUndefined();
  });
});

describe('naclProtocol', () => {
  it('all protocols carries no constraint', () => {
    expect(naclProtocol('-1', null, null)).toEqual({ ok: true, match: { label: 'ALL' } });
  });
  it('TCP with a port range constrains destination ports; null range means every port', () => {
    const r = naclProtocol('6', { From: 443, To: 443 }, null);
    expect(r.ok && r.match.dstPorts?.key()).toBe('443');
    expect(r.ok && r.match.label).toBe('TCP 443');
    const all = naclProtocol('17', null, null);
    expect(all.ok && all.match.dstPorts).toBeUndefined();
    expect(all.ok && all.match.protocols?.key()).toBe('17');
  });
  it('ICMP type/code with -1 as any', () => {
    const echo = naclProtocol('1', null, { Type: 8, Code: -1 });
    expect(echo.ok && echo.match.icmpTypes?.key()).toBe('8');
    expect(echo.ok && echo.match.icmpCodes).toBeUndefined();
    const any = naclProtocol('1', null, { Type: -1, Code: -1 });
    expect(any.ok && any.match.icmpTypes).toBeUndefined();
    const exact = naclProtocol('1', null, { Type: 3, Code: 4 });
    expect(exact.ok && [exact.match.icmpTypes?.key(), exact.match.icmpCodes?.key(), exact.match.label]).toEqual(['3', '4', 'ICMP 3/4']);
  });
  it('rejects reversed port ranges and unknown protocols', () => {
    expect(naclProtocol('6', { From: 100, To: 90 }, null).ok).toBe(false);
    expect(naclProtocol('foo', null, null).ok).toBe(false);
  });
});

describe('securityGroupProtocol', () => {
  it('tcp/udp use FromPort..ToPort', () => {
    const r = securityGroupProtocol('tcp', 8080, 8081);
    expect(r.ok && [r.match.protocols?.key(), r.match.dstPorts?.key(), r.match.label]).toEqual(['6', '8080-8081', 'TCP 8080-8081']);
    const full = securityGroupProtocol('udp', 0, 65535);
    expect(full.ok && full.match.dstPorts).toBeUndefined();
  });
  it('icmp uses FromPort as type and ToPort as code', () => {
    const r = securityGroupProtocol('icmp', 0, -1);
    expect(r.ok && [r.match.icmpTypes?.key(), r.match.icmpCodes]).toEqual(['0', undefined]);
  });
  it('icmpv6 is IPv6 only; other numbers allow every port', () => {
    expect(securityGroupProtocol('icmpv6', -1, -1)).toEqual({ ok: false, ipv6Only: true });
    expect(securityGroupProtocol('58', -1, -1)).toEqual({ ok: false, ipv6Only: true });
    const esp = securityGroupProtocol('50', 10, 20);
    expect(esp.ok && [esp.match.protocols?.key(), esp.match.dstPorts]).toEqual(['50', undefined]);
  });
  it('rejects ports out of range', () => {
    expect(securityGroupProtocol('tcp', 0, 70000).ok).toBe(false);
  });
});
