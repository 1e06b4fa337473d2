// Filters and layers as formulas. A first-match filter is a nested ite chain
// over its sliced rules ending in the default; an allow-union is a disjunction
// of its allow rules or the default; a layer allows iff some filter allows
// (no filters: the layer's empty action). Deny rules, deny defaults and empty
// deny layers carry proof trackers. Each filter is encoded once per query.

import type { Endpoint, Filter, Layer } from '../model/estate.js';
import type { EncodeContext, Judgement } from './context.js';
import { matchTerm } from './match.js';
import { canMatch } from './slice.js';
import type { Term } from './term.js';

function encodeFirstMatch(ctx: EncodeContext, layer: Layer, filter: Filter, rules: Filter['rules']): Judgement {
  const { f, trackers } = ctx;
  const fallthrough =
    filter.defaultAction === 'allow'
      ? f.TRUE
      : f.not(trackers.literal(`default:${filter.id}`, () => ({ kind: 'default', layer, filter })));
  let allows = fallthrough;
  let strict = fallthrough;
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i]!;
    const m = matchTerm(f, ctx.v, ctx.scene, rule.match);
    if (rule.action === 'allow') {
      allows = f.ite(m, f.TRUE, allows);
      strict = f.ite(m, rule.assumption === undefined ? f.TRUE : f.FALSE, strict);
    } else {
      const fires = f.and(trackers.literal(`rule:${rule.id}`, () => ({ kind: 'rule', layer, filter, rule })), m);
      allows = f.ite(fires, f.FALSE, allows);
      strict = f.ite(fires, f.FALSE, strict);
    }
  }
  return { allows, strict };
}

function encodeUnion(ctx: EncodeContext, layer: Layer, filter: Filter, rules: Filter['rules']): Judgement {
  const { f, trackers } = ctx;
  const allowRules = rules.filter((r) => r.action === 'allow');
  const fallthrough =
    filter.defaultAction === 'allow'
      ? f.TRUE
      : f.not(trackers.literal(`default:${filter.id}`, () => ({ kind: 'default', layer, filter })));
  const matches = allowRules.map((r) => matchTerm(f, ctx.v, ctx.scene, r.match));
  const allows = f.or(...matches, fallthrough);
  // The evaluator credits the first allow rule that matches.
  let strict = fallthrough;
  for (let i = allowRules.length - 1; i >= 0; i--) {
    strict = f.ite(matches[i]!, allowRules[i]!.assumption === undefined ? f.TRUE : f.FALSE, strict);
  }
  return { allows, strict };
}

export function encodeFilter(ctx: EncodeContext, layer: Layer, filter: Filter): Judgement {
  const key = `filter:${filter.id}`;
  const hit = ctx.memo.get(key);
  if (hit !== undefined) return hit;
  const rules = filter.rules.filter((r) => canMatch(r.match, ctx.space));
  for (const r of rules) if (r.assumption !== undefined) ctx.touchedAssumptions.add(r.assumption);
  const j =
    filter.kind === 'first-match' ? encodeFirstMatch(ctx, layer, filter, rules) : encodeUnion(ctx, layer, filter, rules);
  ctx.memo.set(key, j);
  return j;
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
    const allows = f.or(...judged.map((x) => x.allows));
    // The evaluator credits the first filter that allows.
    let strict: Term = f.FALSE;
    for (let i = judged.length - 1; i >= 0; i--) strict = f.ite(judged[i]!.allows, judged[i]!.strict, strict);
    j = { allows, strict };
  }
  ctx.memo.set(key, j);
  return j;
}
