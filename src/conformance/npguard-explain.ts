// np-guard explain outputs, read for what they decide: whether the pair is
// connected (and with which connections, and whether TCP replies pass), or
// which layers block it. The check replays a representative packet through
// `evaluatePath` and compares the set of blocking layers ("security group",
// "network ACL", the private-subnet internet gate) by kind and direction.

import type { ConnSet } from '../analysis/connset.js';
import type { PathVerdict } from '../semantics/evaluate.js';
import { parseNpGuardConn } from './npguard-aws-parse.js';

export interface ExplainExpectation {
  readonly allowed: boolean;
  /** When allowed: the connections np-guard lists. */
  readonly conn?: ConnSet;
  /** When allowed: true if np-guard says TCP replies pass. */
  readonly replyEnabled?: boolean;
  /** When blocked: `aws-sg:egress`, `aws-nacl:ingress`, `internet` … */
  readonly blocking: ReadonlySet<string>;
}

const CLAUSE = /^(private subnet|public subnet|security group|network ACL) (.+?) (allows|denies|does not allow) connection$/;

export function parseExplain(text: string): ExplainExpectation | string {
  const connected = /^Connections from .+? to .+?: (.*)$/m.exec(text);
  if (connected) {
    const conn = parseNpGuardConn(connected[1]!);
    if (typeof conn === 'string') return conn;
    return { allowed: true, conn, replyEnabled: /^TCP response is enabled/m.test(text), blocking: new Set() };
  }
  if (!/^No connectivity from /m.test(text)) return 'neither "Connections from" nor "No connectivity from" found';
  const blocking = new Set<string>();
  for (const m of text.matchAll(/^(Egress|Ingress): (.+)$/gm)) {
    const direction = m[1]!.toLowerCase();
    const groups: boolean[] = [];
    for (const clause of m[2]!.split(';').map((c) => c.trim())) {
      const c = CLAUSE.exec(clause);
      if (!c) return `cannot read "${clause}"`;
      const allows = c[3] === 'allows';
      if (c[1] === 'private subnet' && !allows) blocking.add('internet');
      if (c[1] === 'security group') groups.push(allows);
      if (c[1] === 'network ACL' && !allows) blocking.add(`aws-nacl:${direction}`);
    }
    if (groups.length > 0 && !groups.includes(true)) blocking.add(`aws-sg:${direction}`);
  }
  if (blocking.size === 0) return 'no blocking layer named';
  return { allowed: false, blocking };
}

/** What blocks a replayed packet, in the vocabulary of `ExplainExpectation.blocking`. */
export function blockingOf(v: PathVerdict): Set<string> {
  const out = new Set<string>();
  if (v.gate?.verdict === 'deny') out.add(v.gate.kind);
  for (const l of v.layers) if (l.verdict === 'deny') out.add(`${l.layer.vendorKind}:${l.layer.direction}`);
  return out;
}
