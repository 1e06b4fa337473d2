// Answers one query: select, build the scene, slice and encode, fold, solve,
// and decode — a proof with what blocks, or a witness replayed through the
// concrete evaluator. Witnesses that rest on assumptions trigger a second,
// strict search; the evaluator's disagreement with the solver is an error,
// never an answer. Never throws: internal problems become verdict 'error'.

import type { Assumption, Estate } from '../model/estate.js';
import { formatIpv4 } from '../model/ip.js';
import { protocolName } from '../model/packet.js';
import type { EstateIndex } from '../encode/estate-index.js';
import { isFalseWith, substitute } from '../encode/evaluate-term.js';
import { assertsFor, encodeScene, unsatMeaning, type EncodedScene } from '../encode/obligations.js';
import { buildScene, sideIsEmpty, type Selection } from '../encode/scene.js';
import { trafficMatches } from '../encode/traffic.js';
import { openSession, type SolverSession } from '../solve/z3.js';
import type { Proof, QueryAnswer, Verdict, Witness } from './answer.js';
import { blockingFromCore, coreByFolding } from './proof.js';
import { explainUnsat } from './explain-unsat.js';
import type { Term } from '../encode/term.js';
import type { Trackers } from '../encode/trackers.js';
import type { Query, Selector } from './query.js';
import { obligationText, smtFileName, writeObligation } from './smt-export.js';
import { tenantIsolatedAsserts } from '../encode/tenant.js';
import { propagateUnits } from '../encode/units.js';
import { planTenantQuery, type TenantPlan } from './tenant.js';
import { decodeWitness } from './witness.js';
import { deeperFold, preferredFolds } from './preferred-fold.js';
import type { HeaderField } from '../model/packet.js';
import { FIRST_GUESS, preferWitness, witnessVariables } from './witness-preference.js';

export type SelectorResolver = (estate: Estate, selector: Selector) => Selection;

export interface EngineState {
  readonly index: EstateIndex;
  readonly timeoutMs: number;
  /** Try the preferred header's folded formula first (preferred-fold.ts). */
  readonly preferredFold: boolean;
  /** Sessions with more trackers fix them by facts (SolverSession). */
  readonly fixTrackersAbove: number;
  readonly emitSmtDir?: string;
  readonly resolve: SelectorResolver;
  /** SMT file names already written by this engine. */
  readonly smtNames: Set<string>;
}

type Outcome = Omit<QueryAnswer, 'query' | 'assumptions' | 'fromCount' | 'toCount' | 'elapsedMs'>;

function packetText(w: Witness): string {
  const p = w.packet;
  const ports = p.protocol === 6 || p.protocol === 17 || p.protocol === 132 ? ` ${p.srcPort} → ${p.dstPort}` : '';
  return `${protocolName(p.protocol)} ${w.src.name} (${formatIpv4(p.srcIp)}) → ${w.dst.name} (${formatIpv4(p.dstIp)})${ports}`;
}

function denialText(w: Witness): string {
  const denied = w.path.layers.find((l) => l.verdict === 'deny');
  if (denied !== undefined) return `${denied.layer.displayName} (${denied.side}) denies it`;
  if (w.path.gate?.verdict === 'deny') return `the ${w.path.gate.kind} gate denies it: ${w.path.gate.reasons.join('; ')}`;
  return 'it is denied';
}

/** Checks a decoded witness against the query; a failure is a solver/evaluator disagreement. */
function confirm(query: Query, w: Witness): string | undefined {
  if (!w.path.allowed) return `the solver found ${packetText(w)} allowed, but the concrete evaluator says ${denialText(w)}`;
  if (!trafficMatches(query.traffic, w.packet)) return `the solver's packet ${packetText(w)} is outside the query's traffic`;
  if (query.expect.kind === 'only' && query.expect.allowed.some((s) => trafficMatches(s, w.packet))) {
    return `the solver's packet ${packetText(w)} is within the allowed traffic`;
  }
  return undefined;
}

type Search =
  | { readonly kind: 'witness'; readonly witness: Witness }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'error'; readonly reason: string };

/** Checks, and on sat steers to a preferred model, decodes and replays it. */
async function search(
  state: EngineState,
  session: SolverSession,
  e: EncodedScene,
  query: Query,
  asserted: readonly Term[],
  tenant?: TenantPlan,
  preset?: ReadonlySet<HeaderField>,
): Promise<Search> {
  const r = await session.check();
  if (r === 'unsat') return { kind: 'none' };
  if (r === 'unknown') return { kind: 'unknown', reason: `the solver gave up: ${session.reasonUnknown()} (timeout ${state.timeoutMs} ms)` };
  const first = session.values(witnessVariables(e));
  const preferred = await preferWitness(session, e, asserted, first, preset);
  for (let i = 0; i < preferred.pushed; i++) session.pop();
  const decoded = decodeWitness(state.index.estate, e.ctx.scene, preferred.values);
  if (!decoded.ok) return { kind: 'error', reason: `internal error: ${decoded.reason}` };
  const problem = confirm(query, decoded.witness);
  if (problem !== undefined) return { kind: 'error', reason: `internal error (solver and evaluator disagree): ${problem}` };
  if (tenant === undefined) return { kind: 'witness', witness: decoded.witness };
  const reviewed = tenant.review(decoded.witness);
  if (!reviewed.ok) return { kind: 'error', reason: `internal error (solver and evaluator disagree): ${reviewed.problem}` };
  return { kind: 'witness', witness: reviewed.witness };
}

function satVerdict(query: Query): Verdict {
  return query.expect.kind === 'reachable' ? 'holds' : 'violated';
}

function unsatVerdict(query: Query): Verdict {
  return query.expect.kind === 'reachable' ? 'violated' : 'holds';
}

function assumptionText(state: EngineState, ids: readonly string[]): string {
  return ids.map((id) => state.index.assumptions.get(id)?.text ?? id).join('; ');
}

/**
 * The short way (preferred-fold.ts): a witness on the preferred header,
 * found in the folded formula in a session of its own. Undefined when the
 * fold has no model or its witness rests on assumptions: the full search
 * then decides (and gives the same witness when there is one).
 */
async function preferredSearch(
  state: EngineState,
  query: Query,
  e: EncodedScene,
  asserts: readonly Term[],
  deadline: number,
  tenant?: TenantPlan,
): Promise<Outcome | undefined> {
  if (!state.preferredFold) return undefined;
  let checks = 0;
  for (const fold of preferredFolds(e, asserts)) {
    const deeper = deeperFold(e, fold);
    for (const attempt of deeper === undefined ? [fold] : [deeper, fold]) {
      // Unsatisfiable folds cost a check each; past a few, the full search is cheaper.
      if (checks++ === MAX_FOLD_CHECKS) return undefined;
      const session = await openSession(deadline, [], FIRST_GUESS);
      try {
        session.add(attempt.asserts);
        const found = await search(state, session, e, query, attempt.asserts, tenant, new Set(attempt.pins.keys()));
        if (found.kind === 'error') return { verdict: 'error', reason: found.reason };
        if (found.kind === 'witness') {
          return found.witness.path.assumptions.length === 0 ? { verdict: satVerdict(query), witness: found.witness } : undefined;
        }
        if (found.kind === 'unknown') return undefined;
        // The deeper fold has no model: the header alone may; no model with the header: the next port.
        if (attempt === fold) break;
      } finally {
        session.release();
      }
    }
  }
  return undefined;
}

/** Solver checks the short way may spend on folds without a model. */
const MAX_FOLD_CHECKS = 2;

async function decide(state: EngineState, query: Query, e: EncodedScene, deadline: number, tenant?: TenantPlan): Promise<Outcome> {
  const { f, trackers } = e.ctx;
  const asserts = propagateUnits(f, tenant === undefined ? assertsFor(e, query) : tenantIsolatedAsserts(e, tenant.tenancy));
  const proof = (core: readonly string[]): Proof => {
    const smtFiles: string[] = [];
    if (state.emitSmtDir !== undefined) {
      // The obligation without trackers: every tracked rule and default in force.
      const plain = substitute(f, asserts, trackers.allTrue());
      const name = smtFileName(query.name, state.smtNames);
      state.smtNames.add(name);
      smtFiles.push(writeObligation(state.emitSmtDir, name, obligationText(query, unsatMeaning(query), plain)));
    }
    return { blocking: blockingFromCore(core, trackers, query.traffic, state.index.estate), obligations: 1, smtFiles };
  };
  // A query whose formula is false with every tracker on never reaches the solver.
  if (isFalseWith(asserts, trackers.allTrue())) {
    return { verdict: unsatVerdict(query), proof: proof(coreByFolding(asserts, trackers)) };
  }
  const short = await preferredSearch(state, query, e, asserts, deadline, tenant);
  if (short !== undefined) return short;
  const session = await openSession(deadline, trackers.literals(), FIRST_GUESS, state.fixTrackersAbove);
  try {
    session.add(asserts);
    if (session.fixesTrackers) session.fixTrackers(trackers.allTrue());
    const first = await search(state, session, e, query, asserts, tenant);
    if (first.kind === 'none') return { verdict: unsatVerdict(query), proof: proof(await explainUnsat(session, trackers, asserts)) };
    if (first.kind !== 'witness') return { verdict: first.kind, reason: first.reason };
    const leaning = first.witness.path.assumptions;
    if (leaning.length === 0) return { verdict: satVerdict(query), witness: first.witness };
    // The witness rests on assumptions: look for one that does not.
    session.push();
    session.add([e.path.strict]);
    const strict = await search(state, session, e, query, [...asserts, e.path.strict], tenant);
    if (strict.kind === 'witness') {
      if (strict.witness.path.assumptions.length > 0) {
        return {
          verdict: 'error',
          reason: `internal error (solver and evaluator disagree): the strict search found ${packetText(strict.witness)}, which the evaluator says rests on ${assumptionText(state, strict.witness.path.assumptions)}`,
        };
      }
      return { verdict: satVerdict(query), witness: strict.witness };
    }
    if (strict.kind === 'none') {
      return {
        verdict: 'unknown',
        witness: first.witness,
        reason: `a packet gets through only by relying on an assumption: ${assumptionText(state, leaning)}`,
      };
    }
    return { verdict: strict.kind, reason: strict.reason, witness: first.witness };
  } finally {
    session.release();
  }
}

function touchedAssumptions(state: EngineState, e: EncodedScene | undefined, extra: readonly string[]): Assumption[] {
  const ids = new Set([...(e?.ctx.touchedAssumptions ?? []), ...extra]);
  return [...ids].sort().map((id) => state.index.assumptions.get(id) ?? { id, text: id });
}

export async function answerQuery(state: EngineState, query: Query): Promise<QueryAnswer> {
  const started = performance.now();
  let fromCount = 0;
  let toCount = 0;
  let encoded: EncodedScene | undefined;
  let tenant: TenantPlan | undefined;
  let outcome: Outcome;
  try {
    const estate = state.index.estate;
    const from = state.resolve(estate, query.from);
    const to = state.resolve(estate, query.to);
    fromCount = from.endpoints.length;
    toCount = to.endpoints.length;
    tenant = query.expect.kind === 'tenant-isolated' ? planTenantQuery(state.index, state.resolve, query) : undefined;
    const scene = tenant?.scene ?? buildScene(state.index, from, to);
    if (sideIsEmpty(scene.from) || sideIsEmpty(scene.to)) {
      const side = sideIsEmpty(scene.from) ? 'from' : 'to';
      outcome = { verdict: 'error', reason: `the ${side} selector matches no endpoint and no internet address` };
    } else {
      encoded = encodeScene(state.index, scene, query.traffic, tenant?.peersByFilter);
      outcome = await decide(state, query, encoded, started + state.timeoutMs, tenant);
    }
  } catch (err) {
    outcome = { verdict: 'error', reason: `internal error: ${err instanceof Error ? err.message : String(err)}` };
  }
  const extra = outcome.witness?.path.assumptions ?? [];
  return {
    query,
    ...outcome,
    assumptions: touchedAssumptions(state, encoded, extra),
    ...(tenant === undefined ? {} : { tenants: tenant.tenants }),
    fromCount,
    toCount,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

