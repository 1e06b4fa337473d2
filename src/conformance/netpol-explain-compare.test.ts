// Tests for comparing explain outputs: pairs, group lines (order-free), the
// system-default list; reason wording is not compared.
import { describe, expect, it } from 'vitest';
import { compareExplains, parseExplain } from './netpol-explain-compare.js';

const EXPECTED = [
  '',
  '##########################################',
  '# Specific connections and their reasons #',
  '##########################################',
  '-'.repeat(20),
  'Connections between a/x[Pod] => b/y[Pod]:',
  '',
  'Allowed connections:',
  '\tAllowed TCP:[80] due to the following policies and rules:',
  '\t\tEgress (Allowed) due to the system default (Allow all)',
  '\t\tIngress (Allowed)',
  "\t\t\tNetworkPolicy 'b/np' allows connections by Ingress rule #1",
  '',
  'Denied connections:',
  '\tDenied TCP:[1-79,81-65535], UDP, SCTP due to the following policies and rules:',
  '\t\tIngress (Denied)',
  '',
  '#########################################################',
  '# All Connections due to the system default (Allow all) #',
  '#########################################################',
  'b/y[Pod] => a/x[Pod]',
].join('\n');

describe('parseExplain', () => {
  it('reads pairs with their group lines and the system-default pairs', () => {
    const p = parseExplain(EXPECTED);
    expect([...p.pairs.keys()]).toEqual(['a/x[Pod] => b/y[Pod]']);
    expect(p.pairs.get('a/x[Pod] => b/y[Pod]')).toEqual([
      'Allowed TCP:[80] due to the following policies and rules:',
      'Denied TCP:[1-79,81-65535], UDP, SCTP due to the following policies and rules:',
    ]);
    expect([...p.byDefault]).toEqual(['b/y[Pod] => a/x[Pod]']);
  });
});

describe('compareExplains', () => {
  it('ignores reason wording and group order', () => {
    const ours = EXPECTED.replace("NetworkPolicy 'b/np' allows connections by Ingress rule #1", 'allows: NetworkPolicy b/np ingress rule 0 (np.yaml:9)');
    expect(compareExplains(parseExplain(EXPECTED), parseExplain(ours))).toEqual([]);
  });

  it('reports a different group, a missing pair and a pair moved to the default list', () => {
    const ports = EXPECTED.replace('Allowed TCP:[80]', 'Allowed TCP:[81]');
    expect(compareExplains(parseExplain(EXPECTED), parseExplain(ports))[0]).toMatch(/^a\/x\[Pod\] => b\/y\[Pod\]: expected Allowed TCP:\[80\]/);
    const none = parseExplain('');
    expect(compareExplains(parseExplain(EXPECTED), none)).toEqual([
      'a/x[Pod] => b/y[Pod]: not explained (expected Allowed TCP:[80] due to the following policies and rules: / Denied TCP:[1-79,81-65535], UDP, SCTP due to the following policies and rules:)',
      'b/y[Pod] => a/x[Pod]: expected under the system default (Allow all)',
    ]);
    expect(compareExplains(none, parseExplain(EXPECTED))).toContain('a/x[Pod] => b/y[Pod]: explained, but netpol-analyzer does not explain it');
  });
});
