// Proofs: which tracked rules, defaults, empty layers and gates block, from an
// unsat core (or, for a formula that folded to false without the solver, from
// greedy refolding), described the way a console shows them.

import type { Direction, Estate, Layer } from '../model/estate.js';
import type { Term } from '../encode/term.js';
import { KleeneEvaluator } from '../encode/kleene.js';
import { offOnlyAllowsMore, type TrackedItem, type Trackers } from '../encode/trackers.js';
import type { BlockingItem } from './answer.js';
import type { TrafficSpec } from './query.js';
import { formatTraffic } from './traffic.js';

/** What a 'pass' hands the packet to: the next filter of a chain layer. */
function nextTier(layer: Layer): string {
  return layer.combine === 'chain' ? 'the next policy tier' : `the rest of ${layer.displayName}`;
}

function directionWord(d: Direction): string {
  return d === 'ingress' ? 'inbound' : 'outbound';
}

export function describeBlocking(item: TrackedItem, traffic: TrafficSpec | undefined, estate: Estate): BlockingItem {
  switch (item.kind) {
    case 'rule': {
      const passes = item.rule.action === 'pass' ? `, which passes it on to ${nextTier(item.layer)}` : '';
      return {
        layer: item.layer.id,
        filter: item.filter.id,
        rule: item.rule,
        provenance: item.rule.provenance,
        description: `${item.filter.displayName} ${directionWord(item.filter.direction)}: ${item.rule.provenance.displayName}${passes}`,
      };
    }
    case 'default': {
      const what = traffic === undefined ? 'this traffic' : formatTraffic(traffic);
      const dflt = item.filter.defaultProvenance.displayName;
      const fallback = item.filter.defaultAction === 'pass' ? `, so it passes on to ${nextTier(item.layer)}` : '';
      const label = dflt ? ` (${dflt})` : item.filter.defaultAction === 'pass' ? '' : ' (default deny)';
      const verb = item.filter.defaultAction === 'pass' ? 'decides' : 'allows';
      return {
        layer: item.layer.id,
        filter: item.filter.id,
        provenance: item.filter.defaultProvenance,
        description: `${item.filter.displayName} ${directionWord(item.filter.direction)}: no rule ${verb} ${what}${label}${fallback}`,
      };
    }
    case 'chain-end': {
      const what = traffic === undefined ? 'this traffic' : formatTraffic(traffic);
      return {
        layer: item.layer.id,
        filter: '',
        provenance: item.endpoint.provenance,
        description: `${item.layer.displayName}: every policy tier passes ${what} for ${item.endpoint.name} without deciding, and the layer then denies`,
      };
    }
    case 'empty-layer':
      return {
        layer: item.layer.id,
        filter: '',
        provenance: item.endpoint.provenance,
        description: `${item.layer.displayName}: ${item.endpoint.name} has no ${directionWord(item.layer.direction)} policy, which denies`,
      };
    case 'internet-gate': {
      const reasons = item.endpoint.internet.reasons;
      return {
        layer: 'internet',
        filter: '',
        provenance: item.endpoint.provenance,
        description: `${item.endpoint.name} has no ${item.direction} internet access${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`,
      };
    }
    case 'network-gate':
      return {
        layer: 'network',
        filter: '',
        provenance: item.endpoint.provenance,
        description: `no route (peering or transit link) between networks ${item.networks.join(', ')}`,
      };
  }
}

export function blockingFromCore(
  names: readonly string[],
  trackers: Trackers,
  traffic: TrafficSpec | undefined,
  estate: Estate,
): BlockingItem[] {
  const out: BlockingItem[] = [];
  for (const n of names) {
    const item = trackers.item(n);
    if (item !== undefined) out.push(describeBlocking(item, traffic, estate));
  }
  return out;
}

/**
 * For assertions that are false with every tracker on (three-valued
 * evaluation, as `isFalseWith`): a minimal set of the trackers they mention
 * that keeps them false, found by switching trackers off one by one in
 * deletion order (a pass rule, whose switching off is not monotone, is left
 * free instead). Each step re-evaluates only what the tracker reaches.
 */
export function coreByFolding(asserts: readonly Term[], trackers: Trackers): string[] {
  const evaluator = new KleeneEvaluator(asserts, trackers.allTrue());
  const names = trackers.names().filter((n) => evaluator.mentions(n));
  const kept = new Set(names);
  for (const n of deletionOrder(names, trackers)) {
    evaluator.set(n, offOnlyAllowsMore(trackers.item(n)!) ? false : undefined);
    if (evaluator.isFalse()) kept.delete(n);
    else evaluator.set(n, true);
  }
  return names.filter((n) => kept.has(n));
}

/**
 * Groups of tracked items, least fundamental first: explanations drop them in
 * this order. Rules come in two groups, egress first: where the source's
 * egress and the destination's ingress both block, a proof names the
 * destination's own policy, the same one in every run.
 */
export const BLOCKING_GROUPS = ['default', 'empty-layer', 'chain-end', 'egress-rule', 'rule', 'network-gate', 'internet-gate'] as const;
export type BlockingGroup = (typeof BLOCKING_GROUPS)[number];

/** The group of a tracked item. */
export function blockingGroup(item: TrackedItem): BlockingGroup {
  return item.kind === 'rule' && item.filter.direction === 'egress' ? 'egress-rule' : item.kind;
}

/**
 * The order in which core minimization tries to drop trackers (first dropped
 * is least reported): by group, then in encoding order, so a core is listed
 * the same way whatever order the solver gave it in.
 */
export function deletionOrder(names: readonly string[], trackers: Trackers): string[] {
  const groupRank = (n: string): number => {
    const item = trackers.item(n);
    return item === undefined ? -1 : BLOCKING_GROUPS.indexOf(blockingGroup(item));
  };
  return [...names].sort((a, b) => groupRank(a) - groupRank(b) || trackers.rank(a) - trackers.rank(b));
}
