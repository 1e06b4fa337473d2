// Cross-checks query verdicts against the connectivity matrix: two engines
// that share no code past the model (the symbolic engine and the matrix's
// connection-set algebra) must agree on whether any packet of a query's
// traffic gets from its `from` to its `to`. Checked for `isolated` and
// `reachable` queries whose sides do not overlap (the matrix lists no self
// pairs) and whose traffic is a port set of TCP/UDP/SCTP or everything.

import { ConnSet } from '../analysis/connset.js';
import type { Matrix, MatrixParty } from '../analysis/matrix.js';
import type { Estate } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { PROTO } from '../model/packet.js';
import type { Verdict } from '../queries/answer.js';
import type { Query } from '../queries/query.js';
import { resolveSelector } from '../queries/select.js';

export type CrossCheckOutcome = 'agree' | 'disagree' | 'skipped';

export interface CrossCheck {
  readonly name: string;
  readonly outcome: CrossCheckOutcome;
  readonly detail: string;
}

const PORT_PROTOCOLS = IntervalSet.points([PROTO.TCP, PROTO.UDP, PROTO.SCTP]);
const ALL_PORTS = IntervalSet.range(0, 65_535);

/** The query's traffic as a connection set; undefined when it is not one this check handles. */
function trafficSet(q: Query): ConnSet | undefined {
  const t = q.traffic;
  if (t === undefined || (t.protocols === undefined && t.dstPorts === undefined)) return ConnSet.ALL;
  if (t.protocols === undefined || t.dstPorts === undefined) return undefined;
  if (!PORT_PROTOCOLS.containsAll(t.protocols)) return undefined;
  return ConnSet.ports(t.protocols, ALL_PORTS, t.dstPorts);
}

interface Side {
  readonly endpoints: Uint8Array;
  readonly internet: IntervalSet;
}

function side(estate: Estate, q: Query, which: 'from' | 'to'): Side {
  const s = resolveSelector(estate, q[which]);
  const endpoints = new Uint8Array(estate.endpoints.length);
  for (const e of s.endpoints) endpoints[e.index] = 1;
  return { endpoints, internet: s.internet };
}

function inSide(p: MatrixParty, s: Side): boolean {
  return p.kind === 'endpoint' ? s.endpoints[p.index] === 1 : p.addresses.overlaps(s.internet);
}

interface Candidate {
  readonly name: string;
  readonly expect: 'isolated' | 'reachable';
  readonly verdict: Verdict;
  readonly traffic: ConnSet;
  readonly from: Side;
  readonly to: Side;
  reached: boolean;
}

/** Compares each query's first-run verdict with what the matrix says, in one pass over the matrix. */
export function crossCheckWithMatrix(estate: Estate, matrix: Matrix, answered: readonly { readonly query: Query; readonly verdict: Verdict }[]): CrossCheck[] {
  const out: CrossCheck[] = [];
  const candidates: Candidate[] = [];
  for (const { query, verdict } of answered) {
    const skip = (detail: string): void => {
      out.push({ name: query.name, outcome: 'skipped', detail });
    };
    const kind = query.expect.kind;
    if (kind === 'only' || kind === 'tenant-isolated') skip(`"${kind}" queries are not checked`);
    else if (verdict !== 'holds' && verdict !== 'violated') skip(`verdict ${verdict}`);
    else {
      const traffic = trafficSet(query);
      if (traffic === undefined) {
        skip('traffic not a plain port set');
        continue;
      }
      const from = side(estate, query, 'from');
      const to = side(estate, query, 'to');
      if (from.endpoints.some((v, i) => v === 1 && to.endpoints[i] === 1)) skip('sides overlap (the matrix has no self pairs)');
      else candidates.push({ name: query.name, expect: kind, verdict, traffic, from, to, reached: false });
    }
  }
  if (candidates.length > 0) {
    matrix.forEachEntry((e) => {
      for (const c of candidates) {
        if (!c.reached && inSide(e.src, c.from) && inSide(e.dst, c.to) && !e.allowed.intersect(c.traffic).isEmpty()) c.reached = true;
      }
    });
  }
  for (const c of candidates) {
    const matrixVerdict: Verdict = (c.expect === 'reachable') === c.reached ? 'holds' : 'violated';
    out.push({
      name: c.name,
      outcome: matrixVerdict === c.verdict ? 'agree' : 'disagree',
      detail: `engine ${c.verdict}, matrix ${matrixVerdict} (${c.reached ? 'some pair allowed' : 'no pair allowed'})`,
    });
  }
  return out;
}
