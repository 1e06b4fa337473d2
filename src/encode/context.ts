// What every encoding step of one query shares: the factory, the variables,
// the scene, the sliced query space, the proof trackers, and the assumptions
// the encoded rules and gates rest on.

import type { EstateIndex } from './estate-index.js';
import type { TermFactory } from './factory.js';
import type { Scene } from './scene.js';
import type { QuerySpace } from './slice.js';
import type { Term } from './term.js';
import type { Trackers } from './trackers.js';
import type { FormulaVars } from './variables.js';

export interface EncodeContext {
  readonly f: TermFactory;
  readonly v: FormulaVars;
  readonly scene: Scene;
  readonly index: EstateIndex;
  readonly space: QuerySpace;
  readonly trackers: Trackers;
  /** Assumption ids of every encoded rule and gate (filled while encoding). */
  readonly touchedAssumptions: Set<string>;
  /** Memo of filter and layer judgements by id. */
  readonly memo: Map<string, Judgement>;
}

/**
 * A verdict as two formulas: `allows` is the model's semantics; `strict`
 * additionally requires that the deciding rules and gates rest on no
 * assumption, the way the concrete evaluator reports them.
 */
export interface Judgement {
  readonly allows: Term;
  readonly strict: Term;
}
