// Query answers for `--format json` (schema version 1, docs/json-schema.md):
// each answer with its question, verdict, replayed witness or proof, the
// tenants of a tenant-isolation query, and the assumptions it rests on; the
// `check`/`query` document around them.

import type { Diagnostic } from '../model/diagnostics.js';
import type { Assumption } from '../model/estate.js';
import type { BlockingItem, QueryAnswer, Verdict, Witness, WitnessParty } from '../queries/answer.js';
import type { Expectation, TenantException } from '../queries/query.js';
import { formatTenantKey } from '../queries/tenant-key.js';
import { formatIpv4 } from '../model/ip.js';
import { formatSelector } from '../queries/parse-selector.js';
import {
  assumptionJson,
  diagnosticJson,
  envelope,
  locationJson,
  packetJson,
  pathJson,
  trafficJson,
  type Json,
} from './json-values.js';

export interface AnswerJsonOptions {
  /** Include `elapsedMs` (off for reproducible output). Default true. */
  readonly timing?: boolean;
}

function exceptionJson(x: TenantException): Json {
  return {
    from: x.from === undefined ? null : formatSelector(x.from),
    to: x.to === undefined ? null : formatSelector(x.to),
    traffic: trafficJson(x.traffic),
    location: locationJson(x.location),
  };
}

function expectationJson(e: Expectation): Json {
  switch (e.kind) {
    case 'only':
      return { kind: 'only', allowed: e.allowed.map(trafficJson) };
    case 'tenant-isolated':
      return { kind: 'tenant-isolated', tenant: formatTenantKey(e.tenant), exceptions: e.exceptions.map(exceptionJson) };
    default:
      return { kind: e.kind };
  }
}

function partyJson(p: WitnessParty): Json {
  return { id: p.id, name: p.name, ip: formatIpv4(p.ip) };
}

function witnessJson(w: Witness): Json {
  return {
    packet: packetJson(w.packet),
    src: partyJson(w.src),
    dst: partyJson(w.dst),
    path: pathJson(w.path),
    reply: w.reply === undefined ? null : pathJson(w.reply),
    tenants: w.tenants === undefined ? null : { src: w.tenants.src, dst: w.tenants.dst },
  };
}

function blockingJson(b: BlockingItem): Json {
  return {
    layer: b.layer,
    filter: b.filter,
    rule: b.rule?.id ?? null,
    description: b.description,
    display: b.provenance.displayName,
    location: locationJson(b.provenance),
  };
}

export function answerJson(a: QueryAnswer, options: AnswerJsonOptions = {}): Json {
  const q = a.query;
  const head: { [key: string]: Json } = {
    name: q.name,
    description: q.description ?? null,
    location: locationJson(q.location),
    from: formatSelector(q.from),
    to: formatSelector(q.to),
    traffic: trafficJson(q.traffic),
    expect: expectationJson(q.expect),
    verdict: a.verdict,
    fromCount: a.fromCount,
    toCount: a.toCount,
    tenants: a.tenants === undefined ? null : [...a.tenants],
  };
  if (options.timing ?? true) head['elapsedMs'] = Math.round(a.elapsedMs);
  return {
    ...head,
    witness: a.witness === undefined ? null : witnessJson(a.witness),
    proof:
      a.proof === undefined
        ? null
        : { obligations: a.proof.obligations, blocking: a.proof.blocking.map(blockingJson), smtFiles: [...a.proof.smtFiles] },
    reason: a.reason ?? null,
    assumptions: a.assumptions.map(assumptionJson),
  };
}

export function summaryJson(answers: readonly QueryAnswer[]): Json {
  const count = (v: Verdict): number => answers.filter((a) => a.verdict === v).length;
  return {
    queries: answers.length,
    holds: count('holds'),
    violated: count('violated'),
    unknown: count('unknown'),
    error: count('error'),
  };
}

export interface AnswersDocument {
  readonly command: 'check' | 'query';
  /** Input files as named on the command line. */
  readonly inputs: readonly string[];
  /** Undefined when the run stopped on bad input. */
  readonly answers?: readonly QueryAnswer[];
  readonly assumptions: readonly Assumption[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The whole `check`/`query` document; `status` says whether queries ran. */
export function answersDocumentJson(doc: AnswersDocument, options: AnswerJsonOptions = {}): Json {
  return envelope(doc.command, {
    status: doc.answers === undefined ? 'bad-input' : 'completed',
    inputs: [...doc.inputs],
    summary: doc.answers === undefined ? null : summaryJson(doc.answers),
    answers: (doc.answers ?? []).map((a) => answerJson(a, options)),
    assumptions: doc.assumptions.map(assumptionJson),
    diagnostics: doc.diagnostics.map(diagnosticJson),
  });
}
