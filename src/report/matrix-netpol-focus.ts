// `--focus <workload>`: narrows the netpol-analyzer rows to the pairs where a
// focus workload is one end. A workload is named `name`, `ns/name` or
// `ns/name[Kind]` (as netpol-analyzer's `--focusworkload` takes `name` or
// `ns/name`); several may be given, and a row is kept when either end is one
// of them. Names that match no workload are returned so the caller can say so.

import type { NetpolRow } from './matrix-netpol-rows.js';
import { splitPeerText } from './matrix-netpol-formats.js';

export interface FocusSpec {
  readonly text: string;
  readonly namespace?: string;
  readonly name: string;
  readonly kind?: string;
}

/** `ns/name[Kind]`, `ns/name` or `name`; undefined when the text is none of these. */
export function parseFocus(text: string): FocusSpec | undefined {
  const m = /^(?:([^/[\]\s]+)\/)?([^/[\]\s]+)(?:\[([A-Za-z]+)\])?$/.exec(text.trim());
  if (m === null) return undefined;
  const [, namespace, name, kind] = m;
  if (name === undefined) return undefined;
  return { text, name, ...(namespace === undefined ? {} : { namespace }), ...(kind === undefined ? {} : { kind }) };
}

/** Whether an internal peer text `ns/name[Kind]` is the focus workload. */
export function focusMatches(spec: FocusSpec, peerText: string): boolean {
  const { namespace, local } = splitPeerText(peerText);
  if (namespace === undefined) return false;
  const m = /^(.*)\[([^\]]*)\]$/.exec(local);
  const name = m?.[1] ?? local;
  const kind = m?.[2];
  if (name !== spec.name) return false;
  if (spec.namespace !== undefined && spec.namespace !== namespace) return false;
  return spec.kind === undefined || spec.kind === kind;
}

export interface FocusResult {
  readonly rows: NetpolRow[];
  /** Focus (and peer) names that match no internal peer of `peers`. */
  readonly unmatched: string[];
}

export interface FocusOptions {
  /** `egress`: only rows leaving a focus workload; `ingress`: only rows entering one. */
  readonly direction?: 'ingress' | 'egress';
  /** Only rows whose other end is one of these workloads (netpol-analyzer `--focus-workload-peer`). */
  readonly peers?: readonly FocusSpec[];
}

function hits(specs: readonly FocusSpec[], peer: { readonly text: string; readonly external: boolean }): boolean {
  return !peer.external && specs.some((s) => focusMatches(s, peer.text));
}

/** Whether a row has a focus workload at the end the options allow (and a focus peer at the other). */
export function rowInFocus(row: Pick<NetpolRow, 'src' | 'dst'>, specs: readonly FocusSpec[], options: FocusOptions = {}): boolean {
  const other = (p: NetpolRow['src']): boolean => options.peers === undefined || options.peers.length === 0 || hits(options.peers, p);
  const outgoing = options.direction !== 'ingress' && hits(specs, row.src) && other(row.dst);
  const incoming = options.direction !== 'egress' && hits(specs, row.dst) && other(row.src);
  return outgoing || incoming;
}

/**
 * The rows with a focus workload at one end. `peers` are every internal
 * peer text of the estate (so a workload that exists but talks to nobody is
 * not reported as unknown).
 */
export function focusRows(rows: readonly NetpolRow[], specs: readonly FocusSpec[], peers: Iterable<string>, options: FocusOptions = {}): FocusResult {
  const all = [...peers];
  const unmatched = [...specs, ...(options.peers ?? [])].filter((s) => !all.some((p) => focusMatches(s, p))).map((s) => s.text);
  return { rows: rows.filter((r) => rowInFocus(r, specs, options)), unmatched };
}
