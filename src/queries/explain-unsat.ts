// Which tracked items block, after an unsat check. The explanation tries to
// do without whole groups of tracked items (defaults, then empty layers,
// chain ends, egress rules, the other rules, network gates), so a default
// shadowed by a deny rule that matches everything is not what blocks, and
// where both sides' rules block, the destination's are named; the set kept is
// decided by satisfiability alone, never by which core the solver happened to
// return. A trial that comes back unsat with the kept trackers assumed gives
// a core, and a later group that core does not mention is dropped without a
// check.
// - With few trackers the session assumes them: its first core starts, and
//   each trial assumes the kept ones.
// - With many (see MANY_TRACKERS) each trial is a sibling session with the
//   dropped trackers fixed off by facts at the base level, and the kept ones
//   assumed once they are few enough, else fixed on (no core).
// Dropped trackers are off where switching them off can only let more
// traffic through (the same satisfiability as leaving them free), else free.

import type { Term } from '../encode/term.js';
import { offOnlyAllowsMore, type Trackers } from '../encode/trackers.js';
import { MANY_TRACKERS, type SolverSession } from '../solve/z3.js';
import { BLOCKING_GROUPS, blockingGroup, deletionOrder, type BlockingGroup } from './proof.js';

/** Groups an explanation tries to drop, in order (the last group is always kept). */
const DROPPABLE_GROUPS = BLOCKING_GROUPS.slice(0, -1);

/** Whether the obligation is unsat with only `kept` on, and its core among them when known. */
type Trial = (kept: ReadonlySet<string>) => Promise<{ readonly unsat: boolean; readonly core?: string[] }>;

/** The kept trackers on (or left to assumptions), the others off where monotone, else free. */
function facts(trackers: Trackers, kept: ReadonlySet<string>, keptOn: boolean): Map<string, boolean> {
  const values = new Map<string, boolean>();
  for (const n of trackers.names()) {
    if (kept.has(n)) {
      if (keptOn) values.set(n, true);
    } else if (offOnlyAllowsMore(trackers.item(n)!)) values.set(n, false);
  }
  return values;
}

/**
 * The trackers kept once groups are dropped greedily, and the core of the
 * last unsat check among them when one is known (`core`: that of all trackers).
 */
async function dropGroups(trackers: Trackers, trial: Trial, core: string[] | undefined): Promise<{ kept: ReadonlySet<string>; core?: string[] }> {
  let available: ReadonlySet<string> = new Set(trackers.names());
  const inGroup = (n: string, group: BlockingGroup): boolean => {
    const item = trackers.item(n);
    return item !== undefined && blockingGroup(item) === group;
  };
  for (const group of DROPPABLE_GROUPS) {
    const without = new Set([...available].filter((n) => !inGroup(n, group)));
    if (without.size === available.size) continue;
    // Still unsat without the group: known when the core has none of it.
    if (core !== undefined && !core.some((n) => inGroup(n, group))) {
      available = without;
      continue;
    }
    const r = await trial(without);
    if (r.unsat) {
      available = without;
      core = r.core;
    }
  }
  return core === undefined ? { kept: available } : { kept: available, core };
}

/** The blocking items after `session`'s first check came back unsat (`asserts`: what it was given), in reporting order. */
export async function explainUnsat(session: SolverSession, trackers: Trackers, asserts: readonly Term[]): Promise<string[]> {
  let core: string[];
  if (!session.fixesTrackers) {
    const trial: Trial = async (kept) => ((await session.checkAssuming(kept)) === 'unsat' ? { unsat: true, core: session.core() } : { unsat: false });
    const r = await dropGroups(trackers, trial, session.core());
    core = r.core ?? [...r.kept];
  } else {
    const trial = async (kept: ReadonlySet<string>, assume: boolean): Promise<{ unsat: boolean; core?: string[] }> => {
      const sibling = session.sibling();
      try {
        sibling.add(asserts);
        sibling.fixTrackers(facts(trackers, kept, !assume));
        const unsat = (await (assume ? sibling.checkAssuming(kept) : sibling.check())) === 'unsat';
        return unsat && assume ? { unsat, core: sibling.core() } : { unsat };
      } finally {
        sibling.release();
      }
    };
    const r = await dropGroups(trackers, (kept) => trial(kept, kept.size <= MANY_TRACKERS), undefined);
    // No trial gave a core: one last check assumes the kept trackers.
    core = r.core ?? (await trial(r.kept, true)).core ?? [...r.kept];
  }
  return deletionOrder(core, trackers).reverse();
}
