// Tests for ports: protocol defaults and validation, NetworkPolicy ports
// (number, endPort range, named, all), AdminNetworkPolicy ports and container ports.
import { describe, expect, it } from 'vitest';
import { snippet } from './test-helpers.js';
import { isPortName, parseAdminPort, parseContainerPort, parseNetworkPolicyPort } from './ports.js';

function npPort(yamlText: string) {
  const s = snippet(yamlText, 'NetworkPolicy default/p');
  const port = parseNetworkPolicyPort(s.reader, s.value, '/spec/ingress/0/ports/0');
  s.resolve();
  return { port, codes: s.sink.items.map((d) => d.code), messages: s.sink.items.map((d) => d.message) };
}

function adminPort(yamlText: string) {
  const s = snippet(yamlText, 'AdminNetworkPolicy a');
  const port = parseAdminPort(s.reader, s.value, '');
  return { port, codes: s.sink.items.map((d) => d.code) };
}

describe('parseNetworkPolicyPort', () => {
  it('defaults the protocol to TCP and reads a single port as a one-port range', () => {
    expect(npPort('port: 80\n').port).toMatchObject({ kind: 'range', protocol: 'TCP', from: 80, to: 80 });
  });

  it('reads endPort as an inclusive range', () => {
    expect(npPort('protocol: UDP\nport: 32000\nendPort: 32768\n').port).toMatchObject({ kind: 'range', protocol: 'UDP', from: 32000, to: 32768 });
  });

  it('a protocol without port means every port of it', () => {
    expect(npPort('protocol: SCTP\n').port).toMatchObject({ kind: 'all', protocol: 'SCTP' });
  });

  it('reads a named port', () => {
    expect(npPort('port: http-alt\n').port).toMatchObject({ kind: 'named', protocol: 'TCP', name: 'http-alt' });
  });

  it('rejects endPort below port, endPort with a named port, endPort without port', () => {
    const below = npPort('port: 9000\nendPort: 8000\n');
    expect(below.port).toBeUndefined();
    expect(below.codes).toEqual(['k8s-invalid-port']);
    expect(below.messages[0]).toContain('endPort 8000 is below port 9000');
    expect(npPort('port: http\nendPort: 90\n').codes).toEqual(['k8s-invalid-port']);
    expect(npPort('endPort: 90\n').codes).toEqual(['k8s-invalid-port']);
  });

  it('rejects unknown or lower-case protocols, out-of-range ports and numeric strings', () => {
    expect(npPort('protocol: ICMP\nport: 8\n').codes).toEqual(['k8s-invalid-port']);
    expect(npPort('protocol: tcp\nport: 8\n').codes).toEqual(['k8s-invalid-port']);
    expect(npPort('port: 0\n').codes).toEqual(['k8s-invalid-port']);
    expect(npPort('port: 70000\n').codes).toEqual(['k8s-invalid-port']);
    expect(npPort('port: "80"\n').codes).toEqual(['k8s-invalid-port']);
    expect(npPort('port: 80\nendport: 90\n').codes).toEqual(['k8s-invalid-port']);
  });
});

describe('isPortName', () => {
  it('follows the IANA service name rules', () => {
    expect(isPortName('http')).toBe(true);
    expect(isPortName('dns-tcp')).toBe(true);
    expect(isPortName('80')).toBe(false);
    expect(isPortName('-http')).toBe(false);
    expect(isPortName('a--b')).toBe(false);
    expect(isPortName('Http')).toBe(false);
    expect(isPortName('abcdefghijklmnop')).toBe(false);
  });
});

describe('parseAdminPort', () => {
  it('reads portNumber (protocol default TCP), portRange and namedPort', () => {
    expect(adminPort('portNumber:\n  port: 53\n').port).toMatchObject({ kind: 'number', protocol: 'TCP', port: 53 });
    expect(adminPort('portRange:\n  protocol: UDP\n  start: 10\n  end: 20\n').port).toMatchObject({ kind: 'range', protocol: 'UDP', start: 10, end: 20 });
    expect(adminPort('namedPort: web\n').port).toMatchObject({ kind: 'named', name: 'web' });
  });

  it('rejects two kinds at once, none, end below start and a bad protocol', () => {
    expect(adminPort('namedPort: web\nportNumber:\n  port: 80\n').codes).toEqual(['k8s-invalid-port']);
    expect(adminPort('{}').codes).toEqual(['k8s-invalid-port']);
    expect(adminPort('portRange:\n  start: 20\n  end: 10\n').codes).toEqual(['k8s-invalid-port']);
    expect(adminPort('portNumber:\n  protocol: ICMP\n  port: 1\n').codes).toEqual(['k8s-invalid-port']);
  });
});

describe('parseContainerPort', () => {
  it('reads name, port and protocol (default TCP)', () => {
    const s = snippet('name: http\ncontainerPort: 8080\n');
    expect(parseContainerPort(s.reader, s.value, '')).toMatchObject({ name: 'http', port: 8080, protocol: 'TCP' });
  });

  it('a port without containerPort is ignored with a warning that names the misspelt field', () => {
    const s = snippet('name: udps\ncontainerport: 3535\nprotocol: UDP\n');
    expect(parseContainerPort(s.reader, s.value, '')).toBeUndefined();
    expect(s.sink.items.map((d) => [d.code, d.severity])).toEqual([['k8s-container-port-invalid', 'warning']]);
    expect(s.sink.items[0]!.message).toContain('"containerport" is not the field name');
    expect(s.reader.failed).toBe(false);
  });
});
