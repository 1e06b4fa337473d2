// The variables of a reachability formula: the packet header (names and
// widths from the header table) and the identity of each side (its class).

import { HEADER_FIELDS, HEADER_FIELD_NAMES, type HeaderField } from '../model/packet.js';
import type { TermFactory } from './factory.js';
import type { Scene } from './scene.js';
import type { Term } from './term.js';

export interface SideVars {
  /** The side's class; addresses, scopes and networks of internal classes follow from it. */
  readonly cls: Term;
}

export interface FormulaVars {
  readonly header: { readonly [F in HeaderField]: Term };
  readonly src: SideVars;
  readonly dst: SideVars;
}

function sideVars(f: TermFactory, scene: Scene, prefix: 'src' | 'dst'): SideVars {
  return { cls: f.bvVar(`${prefix}Class`, scene.classWidth) };
}

export function makeVars(f: TermFactory, scene: Scene): FormulaVars {
  const header = Object.fromEntries(HEADER_FIELD_NAMES.map((n) => [n, f.bvVar(n, HEADER_FIELDS[n])])) as {
    [F in HeaderField]: Term;
  };
  return { header, src: sideVars(f, scene, 'src'), dst: sideVars(f, scene, 'dst') };
}
