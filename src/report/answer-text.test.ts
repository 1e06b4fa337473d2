import { describe, expect, it } from 'vitest';
import { IntervalSet } from '../model/intervals.js';
import { formatAnswerDetails, formatAnswerTable, formatDuration, formatSummary } from './answer-text.js';
import { formatCheckReport } from './check-text.js';
import { heldAnswer, unknownAnswer, violatedAnswer } from './samples.js';

describe('answer text', () => {
  it('tabulates queries with expectation, verdict and time', () => {
    expect(formatAnswerTable([violatedAnswer(), heldAnswer(), unknownAnswer()])).toMatchInlineSnapshot(`
      [
        "query                expects   verdict       time",
        "───────────────────  ────────  ──────────  ──────",
        "web-cannot-reach-db  isolated  ✗ violated   42 ms",
        "no-ssh-to-db         isolated  ✓ holds      1.5 s",
        "slow-one             isolated  ? unknown   30.0 s",
      ]
    `);
  });

  it('drops the time column without timing', () => {
    const lines = formatAnswerTable([heldAnswer()], { timing: false });
    expect(lines[0]).toMatch(/^query +expects +verdict$/);
    expect(lines.join('\n')).not.toMatch(/\bs\b|ms/);
  });

  it('shows a counterexample with the packet, both parties, every layer and the reply', () => {
    expect(formatAnswerDetails(violatedAnswer())).toMatchInlineSnapshot(`
      [
        "✗ web-cannot-reach-db: violated  (queries/tiers.yaml:4)",
        "  Web servers never talk to the database directly.",
        "  asks      tag:tier=web → tag:tier=db (tcp/5432)",
        "  expects   isolated; from 1 endpoint to 1 endpoint",
        "  packet    TCP 10.0.1.5:49152 → 10.0.2.7:5432  (counterexample, replayed)",
        "  from      web-1[10.0.1.5] (eni-web)",
        "  to        db-1[10.0.2.7] (eni-db)",
        "  path      every layer lets it through:",
        "    SG egress     allow  describe-security-groups.json:12  sg-web (web) outbound All traffic to 0.0.0.0/0",
        "    NACL ingress  allow  describe-network-acls.json:48     acl-db (db-nacl) rule 100 ALL ALL 10.0.0.0/16 ALLOW",
        "    SG ingress    allow  describe-security-groups.json:30  sg-db (db) inbound TCP 5432 from 10.0.1.0/24",
        "  reply     the reply gets back through every stateless layer:",
        "    NACL egress  allow  describe-network-acls.json:70  acl-db (db-nacl) rule 100 TCP 1024-65535 0.0.0.0/0 ALLOW",
        "  assumes",
        "    - subnet-web has no network ACL in the input; allowed everything (describe-subnets.json:9)",
      ]
    `);
  });

  it('states what an only-proof establishes', () => {
    const held = heldAnswer();
    const only = { ...held, query: { ...held.query, expect: { kind: 'only' as const, allowed: [{ protocols: IntervalSet.point(6), dstPorts: IntervalSet.point(443) }] } } };
    expect(formatAnswerDetails(only).join('\n')).toContain('proof     nothing beyond tcp/443 gets through, for every packet');
  });

  it('shows the rules that block in a proof', () => {
    const text = formatAnswerDetails(heldAnswer()).join('\n');
    expect(text).toContain('proof     nothing gets through, for every packet (1 obligation discharged); blocked by:');
    expect(text).toMatch(/describe-network-acls\.json:40 +NACL ingress acl-db \(db-nacl\): 90 TCP 22 0\.0\.0\.0\/0 DENY/);
  });

  it('gives the reason of an unknown answer', () => {
    expect(formatAnswerDetails(unknownAnswer()).join('\n')).toContain('reason    the solver timed out after 30000 ms');
  });

  it('tallies verdicts', () => {
    expect(formatSummary([violatedAnswer(), heldAnswer(), heldAnswer(), unknownAnswer()])).toBe('2 hold, 1 violated, 1 unknown');
    expect(formatSummary([{ ...heldAnswer(), verdict: 'error' }])).toBe('0 hold, 0 violated, 0 unknown, 1 error');
  });

  it('formats durations', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
  });

  it('details only failures by default in the check report, all on request', () => {
    const answers = [violatedAnswer(), heldAnswer()];
    const failures = formatCheckReport(answers, { timing: false }).join('\n');
    expect(failures).toContain('✗ web-cannot-reach-db: violated');
    expect(failures).not.toContain('✓ no-ssh-to-db: holds');
    expect(failures.split('\n').at(-1)).toBe('1 hold, 1 violated, 0 unknown');
    expect(formatCheckReport(answers, { timing: false, details: 'all' }).join('\n')).toContain('✓ no-ssh-to-db: holds');
  });
});
