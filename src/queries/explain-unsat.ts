// Which tracked items block, after an unsat check. Both ways try to do
// without whole kinds of tracked items (defaults, then empty layers, chain
// ends, rules, network gates), so a default shadowed by a deny rule that
// matches everything is not what blocks; the set kept is decided by
// satisfiability alone, never by which core the solver happened to return.
// - With few trackers the session assumes them: the first core tells which
//   kinds cannot matter, and each other trial assumes the kept ones.
// - With many (see MANY_TRACKERS) each trial is a sibling session with the
//   dropped trackers fixed off by facts at the base level, and the kept ones
//   assumed once they are few enough.
// Dropped trackers are off where switching them off can only let more
// traffic through (the same satisfiability as leaving them free), else free.

import type { Term } from '../encode/term.js';
import { offOnlyAllowsMore, type Trackers } from '../encode/trackers.js';
import { MANY_TRACKERS, type SolverSession } from '../solve/z3.js';
import { BLOCKING_KINDS, deletionOrder } from './proof.js';

/** Kinds an explanation tries to drop, in order (the last kind is always kept). */
const DROPPABLE_KINDS = BLOCKING_KINDS.slice(0, -1);

/** The core of the last unsat check of `session` (assuming all trackers), in reporting order. */
async function explainByAssumptions(session: SolverSession, trackers: Trackers): Promise<string[]> {
  let core = session.core();
  let available = new Set(trackers.names());
  for (const kind of DROPPABLE_KINDS) {
    const trial = new Set([...available].filter((n) => trackers.item(n)?.kind !== kind));
    if (trial.size === available.size) continue;
    // Without the kind, still unsat: known when the core has none of it.
    if (!core.some((n) => trackers.item(n)?.kind === kind)) {
      available = trial;
      continue;
    }
    if ((await session.checkAssuming(trial)) === 'unsat') {
      available = trial;
      core = session.core();
    }
  }
  return deletionOrder(core, trackers).reverse();
}

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
 * Like explainByAssumptions, for a session that fixes its trackers
 * (`asserts` is what it was given): each trial is a sibling session with the
 * dropped trackers off (or free) at the base level, and the kept ones assumed
 * once they are few (their core then spares later trials, as above), else
 * fixed on. Without a core by the end, one last check assumes the kept ones.
 */
async function explainByFacts(session: SolverSession, trackers: Trackers, asserts: readonly Term[]): Promise<string[]> {
  /** Whether the formula is unsat with only `kept` on, and its core when they were assumed. */
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
  let available: ReadonlySet<string> = new Set(trackers.names());
  let core: string[] | undefined;
  for (const kind of DROPPABLE_KINDS) {
    const without = new Set([...available].filter((n) => trackers.item(n)?.kind !== kind));
    if (without.size === available.size) continue;
    if (core !== undefined && !core.some((n) => trackers.item(n)?.kind === kind)) {
      available = without;
      continue;
    }
    const r = await trial(without, without.size <= MANY_TRACKERS);
    if (r.unsat) {
      available = without;
      core = r.core;
    }
  }
  core ??= (await trial(available, true)).core ?? [...available];
  return deletionOrder(core, trackers).reverse();
}

/** The blocking items after `session`'s first check came back unsat. */
export function explainUnsat(session: SolverSession, trackers: Trackers, asserts: readonly Term[]): Promise<string[]> {
  return session.fixesTrackers ? explainByFacts(session, trackers, asserts) : explainByAssumptions(session, trackers);
}
