import { describe, expect, it } from 'vitest';
import { evaluatePath, evaluateReply } from '../semantics/evaluate.js';
import { explanationJson } from './explain-json.js';
import { formatExplanation, type Explanation } from './explain-text.js';
import { dbParty, db, sampleEstate, tcp, web, webParty } from './samples.js';

function explain(dstPort: number, srcPort = 49152): Explanation {
  const packet = tcp('10.0.1.5', '10.0.2.7', dstPort, srcPort);
  return {
    packet,
    src: { id: web.id, name: web.name, ip: packet.srcIp },
    dst: { id: db.id, name: db.name, ip: packet.dstIp },
    path: evaluatePath(sampleEstate, packet, webParty, dbParty),
    reply: evaluateReply(sampleEstate, packet, webParty, dbParty),
    assumptions: [],
  };
}

describe('explain report', () => {
  it('says ALLOWED and that the reply gets back', () => {
    const text = formatExplanation(explain(5432)).join('\n');
    expect(text).toContain('packet    TCP 10.0.1.5:49152 → 10.0.2.7:5432');
    expect(text).toContain('verdict   ALLOWED: every layer lets it through');
    expect(text).toContain('reply     allowed: TCP 10.0.2.7:5432 → 10.0.1.5:49152 passes every stateless layer');
  });

  it('names the layer and rule that deny, and skips the reply of a denied packet', () => {
    const text = formatExplanation(explain(22)).join('\n');
    expect(text).toContain('verdict   DENIED at NACL ingress (acl-db (db-nacl) rule 90 TCP 22 0.0.0.0/0 DENY)');
    expect(text).not.toContain('reply');
  });

  it('says when the reply is blocked (an ephemeral port the NACL does not open)', () => {
    const text = formatExplanation(explain(5432, 80)).join('\n');
    expect(text).toContain('reply     blocked at NACL egress (acl-db (db-nacl) default rule * ALL ALL 0.0.0.0/0 DENY): the connection cannot complete');
  });

  it('renders JSON with both parties and the reply', () => {
    const doc = explanationJson(explain(5432), ['a.json']) as Record<string, any>;
    expect(Object.keys(doc).slice(0, 3)).toEqual(['schemaVersion', 'tool', 'command']);
    expect(doc['command']).toBe('explain');
    expect(doc['src']).toEqual({ kind: 'endpoint', id: 'eni-web', name: 'web-1[10.0.1.5]', ip: '10.0.1.5' });
    expect(doc['allowed']).toBe(true);
    expect(doc['reply']['allowed']).toBe(true);
  });
});
