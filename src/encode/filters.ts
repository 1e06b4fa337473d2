// Filters and layers as formulas. A first-match filter is a nested ite chain
// over its sliced rules ending in the default; an allow-union is a disjunction
// of its allow rules or the default. A filter's verdict is allow, deny or
// 'pass' (no decision), so it is judged by two formulas: `allows` and
// `passes`. A union layer allows iff some filter allows; a chain layer asks
// its filters in order, and the first that does not pass decides (all pass:
// the layer's empty action). Deny and pass rules, deny and pass defaults,
// empty deny layers and chain ends that deny carry proof trackers: switching
// a tracker off lets the traffic go on. Each filter is encoded once per query.

import type { Endpoint, Filter, Layer, Rule, RuleAction } from '../model/estate.js';
import type { EncodeContext, Judgement } from './context.js';
import { matchTerm } from './match.js';
import { sliceRules } from './slice.js';
import type { Term } from './term.js';

/**
 * A filter's verdict: `allows`/`strict` as for layers, `passes` when it
 * makes no decision, `passStrict` when it passes and the passing rule rests
 * on no assumption (a chain layer reports every filter it consulted).
 */
export interface FilterJudgement extends Judgement {
  readonly passes: Term;
  readonly passStrict: Term;
}

interface Outcome {
  allows: Term;
  passes: Term;
  strict: Term;
  passStrict: Term;
}

/** The filter's default as an outcome; a deny or pass default is tracked (off = allow). */
function defaultOutcome(ctx: EncodeContext, layer: Layer, filter: Filter): Outcome {
  const { f, trackers } = ctx;
  if (filter.defaultAction === 'allow') return { allows: f.TRUE, passes: f.FALSE, strict: f.TRUE, passStrict: f.FALSE };
  const on = trackers.literal(`default:${filter.id}`, () => ({ kind: 'default', layer, filter }));
  const off = f.not(on);
  return filter.defaultAction === 'deny'
    ? { allows: off, passes: f.FALSE, strict: off, passStrict: f.FALSE }
    : { allows: off, passes: on, strict: off, passStrict: on };
}

function ruleTracker(ctx: EncodeContext, layer: Layer, filter: Filter, rule: Rule): Term {
  return ctx.trackers.literal(`rule:${rule.id}`, () => ({ kind: 'rule', layer, filter, rule }));
}

/** Whether an outcome rests on no assumption: its strict formulas are its plain ones. */
function isClean(o: Outcome): boolean {
  return o.strict === o.allows && o.passStrict === o.passes;
}

function chooseOutcome(ctx: EncodeContext, cond: Term, then: Outcome, otherwise: Outcome): Outcome {
  const { f } = ctx;
  const allows = f.ite(cond, then.allows, otherwise.allows);
  const passes = f.ite(cond, then.passes, otherwise.passes);
  // Without assumptions the strict chain is the plain one (hash-consing would
  // find it too, at the price of building it twice).
  if (isClean(then) && isClean(otherwise)) return { allows, passes, strict: allows, passStrict: passes };
  return {
    allows,
    passes,
    strict: f.ite(cond, then.strict, otherwise.strict),
    passStrict: f.ite(cond, then.passStrict, otherwise.passStrict),
  };
}

function ruleOutcome(ctx: EncodeContext, action: RuleAction, assumption: string | undefined): Outcome {
  const { f } = ctx;
  const clean = f.bool(assumption === undefined);
  switch (action) {
    case 'allow':
      return { allows: f.TRUE, passes: f.FALSE, strict: clean, passStrict: f.FALSE };
    case 'deny':
      return { allows: f.FALSE, passes: f.FALSE, strict: f.FALSE, passStrict: f.FALSE };
    case 'pass':
      return { allows: f.FALSE, passes: f.TRUE, strict: f.FALSE, passStrict: clean };
  }
}

function encodeFirstMatch(ctx: EncodeContext, layer: Layer, filter: Filter, rules: Filter['rules']): FilterJudgement {
  const { f } = ctx;
  let out = defaultOutcome(ctx, layer, filter);
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i]!;
    const m = matchTerm(f, ctx.v, ctx.scene, rule.match);
    // Allow rules are not tracked: a proof never rests on them.
    const fires = rule.action === 'allow' ? m : f.and(ruleTracker(ctx, layer, filter, rule), m);
    out = chooseOutcome(ctx, fires, ruleOutcome(ctx, rule.action, rule.assumption), out);
  }
  return out;
}

function encodeUnion(ctx: EncodeContext, layer: Layer, filter: Filter, rules: Filter['rules']): FilterJudgement {
  const { f } = ctx;
  const allowRules = rules.filter((r) => r.action === 'allow');
  const fallthrough = defaultOutcome(ctx, layer, filter);
  const matches = allowRules.map((r) => matchTerm(f, ctx.v, ctx.scene, r.match));
  const anyAllow = (): Term => f.or(...matches);
  const allows = f.or(...matches, fallthrough.allows);
  // The evaluator credits the first allow rule that matches; without
  // assumptions that is `allows` itself (and the chain below would cost
  // quadratic time: each step flattens the disjunction before it).
  let strict = fallthrough.strict;
  if (allowRules.every((r) => r.assumption === undefined) && fallthrough.strict === fallthrough.allows) {
    strict = allows;
  } else {
    for (let i = allowRules.length - 1; i >= 0; i--) {
      strict = f.ite(matches[i]!, allowRules[i]!.assumption === undefined ? f.TRUE : f.FALSE, strict);
    }
  }
  const passing = filter.defaultAction === 'pass';
  return {
    allows,
    passes: passing ? f.and(f.not(anyAllow()), fallthrough.passes) : f.FALSE,
    strict,
    passStrict: passing ? f.and(f.not(anyAllow()), fallthrough.passStrict) : f.FALSE,
  };
}

export function encodeFilter(ctx: EncodeContext, layer: Layer, filter: Filter): FilterJudgement {
  const key = `filter:${filter.id}`;
  const hit = ctx.memo.get(key) as FilterJudgement | undefined;
  if (hit !== undefined) return hit;
  const rules = sliceRules(filter, ctx.space);
  for (const r of rules) if (r.assumption !== undefined) ctx.touchedAssumptions.add(r.assumption);
  const j =
    filter.kind === 'first-match' ? encodeFirstMatch(ctx, layer, filter, rules) : encodeUnion(ctx, layer, filter, rules);
  ctx.memo.set(key, j);
  return j;
}

/** Some filter allows; the evaluator credits the first filter that allows. */
function unionLayer(ctx: EncodeContext, judged: readonly FilterJudgement[]): Judgement {
  const { f } = ctx;
  const allows = f.or(...judged.map((x) => x.allows));
  if (judged.every((x) => x.strict === x.allows)) return { allows, strict: allows };
  let strict: Term = f.FALSE;
  for (let i = judged.length - 1; i >= 0; i--) strict = f.ite(judged[i]!.allows, judged[i]!.strict, strict);
  return { allows, strict };
}

/** The first filter that does not pass decides; all pass: the layer's empty action (tracked when deny). */
function chainLayer(ctx: EncodeContext, layer: Layer, judged: readonly FilterJudgement[], owner: () => Endpoint): Judgement {
  const { f } = ctx;
  const end =
    layer.emptyAction === 'allow'
      ? f.TRUE
      : f.not(ctx.trackers.literal(`chain-end:${layer.id}`, () => ({ kind: 'chain-end', layer, endpoint: owner() })));
  let allows = end;
  let strict = end;
  // Without assumptions, ite(p, and(p, s), a) is ite(p, s, a): strict is allows.
  const clean = judged.every((j) => j.strict === j.allows && j.passStrict === j.passes);
  for (let i = judged.length - 1; i >= 0; i--) {
    const j = judged[i]!;
    allows = f.ite(j.passes, allows, j.allows);
    if (clean) {
      strict = allows;
      continue;
    }
    // Every filter consulted counts: a pass that rests on an assumption is not strict.
    strict = f.ite(j.passes, f.and(j.passStrict, strict), j.strict);
  }
  return { allows, strict };
}

/** A layer's verdict, before any bypass; `owner` names the endpoint for an empty deny layer. */
export function encodeLayer(ctx: EncodeContext, layer: Layer, owner: () => Endpoint): Judgement {
  const key = `layer:${layer.id}`;
  const hit = ctx.memo.get(key);
  if (hit !== undefined) return hit;
  const { f } = ctx;
  let j: Judgement;
  if (layer.filterIds.length === 0) {
    const t =
      layer.emptyAction === 'allow'
        ? f.TRUE
        : f.not(ctx.trackers.literal(`empty:${layer.id}`, () => ({ kind: 'empty-layer', layer, endpoint: owner() })));
    j = { allows: t, strict: t };
  } else {
    const judged = layer.filterIds.map((id) => encodeFilter(ctx, layer, ctx.index.filter(id)));
    j = layer.combine === 'chain' ? chainLayer(ctx, layer, judged, owner) : unionLayer(ctx, judged);
  }
  ctx.memo.set(key, j);
  return j;
}
