import { describe, expect, it } from 'vitest';
import { evaluatePath, evaluateReply } from '../semantics/evaluate.js';
import { describeBlock, formatPathLines, layerLabel } from './path-text.js';
import { dbParty, sampleEstate, tcp, webParty } from './samples.js';
import { createStyle } from './style.js';

describe('formatPathLines', () => {
  it('lists every layer in path order with the deciding rule and its file:line', () => {
    const path = evaluatePath(sampleEstate, tcp('10.0.1.5', '10.0.2.7', 5432), webParty, dbParty);
    expect(formatPathLines(path)).toMatchInlineSnapshot(`
      [
        "SG egress     allow  describe-security-groups.json:12  sg-web (web) outbound All traffic to 0.0.0.0/0",
        "NACL ingress  allow  describe-network-acls.json:48     acl-db (db-nacl) rule 100 ALL ALL 10.0.0.0/16 ALLOW",
        "SG ingress    allow  describe-security-groups.json:30  sg-db (db) inbound TCP 5432 from 10.0.1.0/24",
      ]
    `);
  });

  it('names the first-match deny rule and the union default when a packet is denied', () => {
    const path = evaluatePath(sampleEstate, tcp('10.0.1.5', '10.0.2.7', 22), webParty, dbParty);
    expect(path.allowed).toBe(false);
    expect(formatPathLines(path)).toMatchInlineSnapshot(`
      [
        "SG egress     allow  describe-security-groups.json:12  sg-web (web) outbound All traffic to 0.0.0.0/0",
        "NACL ingress  deny   describe-network-acls.json:40     acl-db (db-nacl) rule 90 TCP 22 0.0.0.0/0 DENY",
        "SG ingress    deny   describe-security-groups.json:25  default: sg-db (db) implicit deny",
      ]
    `);
    expect(describeBlock(path)).toBe('NACL ingress (acl-db (db-nacl) rule 90 TCP 22 0.0.0.0/0 DENY) and SG ingress (default: sg-db (db) implicit deny)');
  });

  it('renders the reply through stateless layers only', () => {
    const pkt = tcp('10.0.1.5', '10.0.2.7', 5432, 80);
    const reply = evaluateReply(sampleEstate, pkt, webParty, dbParty);
    expect(reply.allowed).toBe(false);
    expect(formatPathLines(reply).join('\n')).toContain('acl-db (db-nacl) default rule * ALL ALL 0.0.0.0/0 DENY');
    expect(describeBlock(reply)).toBe('NACL egress (acl-db (db-nacl) default rule * ALL ALL 0.0.0.0/0 DENY)');
  });

  it('shows a bypassed layer as not crossed', () => {
    const other = { ...sampleEstate.endpoints[1]!, index: 0, id: 'eni-db2', name: 'db-2[10.0.2.8]' };
    const path = evaluatePath(sampleEstate, tcp('10.0.2.8', '10.0.2.7', 5432), { kind: 'endpoint', endpoint: other }, dbParty);
    const text = formatPathLines(path).join('\n');
    expect(text).toMatch(/NACL egress +bypassed +acl-db \(db-nacl\): not crossed \(same subnet\)/);
    expect(text).toMatch(/NACL ingress +bypassed +acl-db \(db-nacl\): not crossed \(same subnet\)/);
  });

  it('colors verdicts only when the style is live', () => {
    const path = evaluatePath(sampleEstate, tcp('10.0.1.5', '10.0.2.7', 22), webParty, dbParty);
    expect(formatPathLines(path).join('\n')).not.toContain('\u001b[');
    expect(formatPathLines(path, { style: createStyle(true) }).join('\n')).toContain('\u001b[31m');
  });

  it('labels layers by kind and direction', () => {
    expect(layerLabel(sampleEstate.layers.get('sg:sg-web/egress')!)).toBe('SG egress');
    expect(layerLabel(sampleEstate.layers.get('nacl:acl-db/ingress')!)).toBe('NACL ingress');
  });
});
