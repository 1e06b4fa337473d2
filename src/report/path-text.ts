// A replayed path (PathVerdict from the concrete evaluator) as lines of text:
// one row per layer in the order the packet meets them (SG egress, NACL
// egress, the internet or routing gate, NACL ingress, SG ingress), each with
// its verdict, file:line, and the deciding rule as the console shows it.
// Shared by `check`, `query` and `explain`.

import type { Filter, Layer } from '../model/estate.js';
import type { FilterDecision, GateTrace, LayerTrace, PathVerdict } from '../semantics/evaluate.js';
import { formatWhere } from './describe.js';
import { PLAIN, type Style } from './style.js';
import { formatTable } from './table.js';

const VENDOR_KIND_LABELS: Readonly<Record<string, string>> = {
  'aws-sg': 'SG',
  'aws-nacl': 'NACL',
  'aws-route-table': 'route',
  'k8s-np': 'NetworkPolicy',
  'k8s-policy-chain': 'Kubernetes',
  'azure-nsg': 'NSG',
  'gcp-fw': 'firewall',
};

/** Words of a display name that the layer label already says ("security group", "network ACL"). */
const REDUNDANT_NAME_PREFIXES: Readonly<Record<string, RegExp>> = {
  'aws-sg': /^security groups? /,
  'aws-nacl': /^network ACL /,
  'aws-route-table': /^route table /,
};

/** `SG egress`, `NACL ingress`: what kind of layer, and which way. */
export function layerLabel(layer: Layer): string {
  return `${VENDOR_KIND_LABELS[layer.vendorKind] ?? layer.vendorKind} ${layer.direction}`;
}

function shortName(vendorKind: string, displayName: string): string {
  const prefix = REDUNDANT_NAME_PREFIXES[vendorKind];
  return prefix === undefined ? displayName : displayName.replace(prefix, '');
}

/** The layer's name without the kind its label already gives: `sg-0abc (web-sg)`. */
export function layerName(layer: Layer): string {
  return shortName(layer.vendorKind, layer.displayName);
}

function filterName(f: Filter): string {
  return shortName(f.vendorKind, f.displayName);
}

/**
 * The rule (or default) that decided a filter, as the console shows it,
 * prefixed with the filter's name unless the display already names it:
 * `acl-0abc (db-nacl) rule 90 TCP 22 0.0.0.0/0 DENY`,
 * `sg-0abc (db-sg) inbound TCP 5432 from 10.0.1.0/24`.
 */
export function decisionText(d: FilterDecision): { readonly text: string; readonly where: string } {
  const prov = d.rule?.provenance ?? d.filter.defaultProvenance;
  const named = prov.displayName.includes(d.filter.provenance.vendorId);
  const kind = d.rule === undefined ? 'default rule' : 'rule';
  const text = named ? prov.displayName : `${filterName(d.filter)} ${kind} ${prov.displayName}`;
  return { text: d.rule === undefined && named ? `default: ${text}` : text, where: formatWhere(prov) };
}

function gateLabel(gate: GateTrace): string {
  return gate.kind === 'internet' ? 'internet gate' : 'network route';
}

export interface PathTextOptions {
  readonly style?: Style;
  readonly indent?: string;
}

function verdictCell(verdict: 'allow' | 'deny' | 'bypassed', style: Style): string {
  if (verdict === 'allow') return style.green(verdict);
  if (verdict === 'deny') return style.red(style.bold(verdict));
  return style.dim(verdict);
}

function layerRows(t: LayerTrace, style: Style): string[][] {
  const head = [layerLabel(t.layer), verdictCell(t.verdict, style)];
  if (t.verdict === 'bypassed') {
    return [[...head, '', style.dim(`${layerName(t.layer)}: not crossed (same ${t.layer.bypassWithinScope ?? 'scope'})`)]];
  }
  if (t.decisions.length === 0) return [[...head, '', `${layerName(t.layer)}: no filters, ${t.layer.emptyAction}`]];
  return t.decisions.map((d, i) => {
    const { text, where } = decisionText(d);
    return [...(i === 0 ? head : ['', '']), style.dim(where), text];
  });
}

/** One row per reason, so a long list stays readable. */
function gateRows(g: GateTrace, style: Style): string[][] {
  const head = [gateLabel(g), verdictCell(g.verdict, style)];
  const reasons = g.reasons.length === 0 ? [''] : g.reasons;
  return reasons.map((r, i) => [...(i === 0 ? head : ['', '']), '', r]);
}

/** Rows in path order: source layers, then the gate, then destination layers. */
export function formatPathLines(path: PathVerdict, options: PathTextOptions = {}): string[] {
  const style = options.style ?? PLAIN;
  const rows: string[][] = [];
  for (const t of path.layers.filter((l) => l.side === 'source')) rows.push(...layerRows(t, style));
  if (path.gate !== undefined) rows.push(...gateRows(path.gate, style));
  for (const t of path.layers.filter((l) => l.side === 'destination')) rows.push(...layerRows(t, style));
  if (rows.length === 0) return [`${options.indent ?? ''}(no layers on this path)`];
  return formatTable([{ header: 'layer' }, { header: 'verdict' }, { header: 'source' }, { header: 'decided by' }], rows, {
    indent: options.indent ?? '',
    header: false,
  });
}

function denyPhrase(t: LayerTrace): string {
  const first = t.decisions[0];
  const by = first === undefined ? `${layerName(t.layer)}: no filters, ${t.layer.emptyAction}` : decisionText(first).text;
  return `${layerLabel(t.layer)} (${by})`;
}

/** Where a denied path stops, in one phrase; undefined when the path is allowed. */
export function describeBlock(path: PathVerdict): string | undefined {
  if (path.allowed) return undefined;
  const blocked: string[] = [];
  for (const t of path.layers.filter((l) => l.side === 'source' && l.verdict === 'deny')) blocked.push(denyPhrase(t));
  if (path.gate?.verdict === 'deny') blocked.push(`the ${gateLabel(path.gate)} (${path.gate.reasons.join('; ')})`);
  for (const t of path.layers.filter((l) => l.side === 'destination' && l.verdict === 'deny')) blocked.push(denyPhrase(t));
  return blocked.length === 0 ? 'a layer' : blocked.join(' and ');
}
