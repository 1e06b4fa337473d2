// The seam between the generic loader and each vendor: an adapter claims the
// documents it understands and assembles an Estate from them. Kubernetes,
// Azure and GCP plug in here later without touching the loader.

import type { DiagnosticSink } from '../model/diagnostics.js';
import type { Estate } from '../model/estate.js';
import type { InputDocument } from './document.js';

export type ClaimResult =
  /** The document belongs to this vendor. */
  | { readonly claimed: true }
  /** Not this vendor's. `hint` explains a near miss for the unrecognized warning. */
  | { readonly claimed: false; readonly hint?: string };

export interface VendorAdapter {
  readonly vendor: string;
  claim(doc: InputDocument): ClaimResult;
  /** Builds the estate from every claimed document; reports, never throws on odd input. */
  assemble(docs: readonly InputDocument[], sink: DiagnosticSink): Estate;
}
