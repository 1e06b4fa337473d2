import { describe, expect, it } from 'vitest';
import { diagnostic } from '../model/diagnostics.js';
import { answerJson, answersDocumentJson } from './answer-json.js';
import { heldAnswer, unknownAnswer, violatedAnswer } from './samples.js';

describe('answer JSON', () => {
  it('starts every document with the schema version, the tool and the command, in that order', () => {
    const doc = answersDocumentJson({ command: 'check', inputs: ['a.json'], answers: [heldAnswer()], assumptions: [], diagnostics: [] });
    expect(Object.keys(doc as object)).toEqual(['schemaVersion', 'tool', 'command', 'status', 'inputs', 'summary', 'answers', 'assumptions', 'diagnostics']);
    expect(doc).toMatchObject({ schemaVersion: 1, tool: 'netproof', command: 'check', status: 'completed' });
  });

  it('prints addresses dotted and protocols by name in a witness', () => {
    const a = answerJson(violatedAnswer()) as Record<string, any>;
    expect(a['witness']['packet']).toEqual({
      protocol: 'TCP',
      protocolNumber: 6,
      srcIp: '10.0.1.5',
      dstIp: '10.0.2.7',
      srcPort: 49152,
      dstPort: 5432,
      icmpType: null,
      icmpCode: null,
    });
    expect(a['witness']['src']).toEqual({ id: 'eni-web', name: 'web-1[10.0.1.5]', ip: '10.0.1.5' });
    expect(a['traffic']).toEqual({ protocols: ['TCP'], ports: ['5432'] });
    expect(a['from']).toBe('tag:tier=web');
  });

  it('gives each layer of the path with the deciding rule and its location', () => {
    const a = answerJson(violatedAnswer()) as Record<string, any>;
    const layers = a['witness']['path']['layers'];
    expect(layers.map((l: any) => `${l.kind} ${l.direction} ${l.verdict}`)).toEqual(['aws-sg egress allow', 'aws-nacl ingress allow', 'aws-sg ingress allow']);
    expect(layers[1].decisions[0]).toEqual({
      filter: 'acl-db/ingress',
      filterName: 'network ACL acl-db (db-nacl)',
      action: 'allow',
      decidedBy: 'rule',
      rule: 'acl-db/ingress/100',
      display: '100 ALL ALL 10.0.0.0/16 ALLOW',
      location: { file: 'describe-network-acls.json', line: 48, pointer: '/x/48' },
      assumption: null,
    });
    expect(a['witness']['reply']['allowed']).toBe(true);
  });

  it('lists the blocking rules of a proof and leaves out timings on request', () => {
    const a = answerJson(heldAnswer(), { timing: false }) as Record<string, any>;
    expect(a['proof']['blocking'][0]).toMatchObject({ rule: 'acl-db/ingress/90', display: '90 TCP 22 0.0.0.0/0 DENY' });
    expect('elapsedMs' in a).toBe(false);
    expect((answerJson(heldAnswer()) as Record<string, any>)['elapsedMs']).toBe(1500);
  });

  it('tallies the verdicts and carries the reason of an unknown', () => {
    const doc = answersDocumentJson({ command: 'check', inputs: [], answers: [violatedAnswer(), heldAnswer(), unknownAnswer()], assumptions: [], diagnostics: [] }) as Record<string, any>;
    expect(doc['summary']).toEqual({ queries: 3, holds: 1, violated: 1, unknown: 1, error: 0 });
    expect(doc['answers'][2]['reason']).toBe('the solver timed out after 30000 ms');
  });

  it('reports bad input with no answers and every diagnostic', () => {
    const d = diagnostic('invalid-cidr', 'bad', { file: 'x.json', line: 3 });
    const doc = answersDocumentJson({ command: 'query', inputs: ['x.json'], assumptions: [], diagnostics: [d] }) as Record<string, any>;
    expect(doc['status']).toBe('bad-input');
    expect(doc['summary']).toBeNull();
    expect(doc['diagnostics']).toEqual([{ code: 'invalid-cidr', severity: 'error', message: 'bad', location: { file: 'x.json', line: 3, pointer: null } }]);
  });
});
