// Label selectors (metav1.LabelSelector): parsing with validation, the
// predicate they stand for, and a kubectl-style printer.

import type { Labels, LabelSelector, SelectorRequirement } from './types.js';
import type { SourceLocation } from '../../model/provenance.js';
import { describe, escapePointer, type ObjectReader } from './reader.js';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/** The selector that selects everything, for a field the API defaults to `{}`. */
export function emptySelector(location: SourceLocation): LabelSelector {
  return { matchLabels: {}, matchExpressions: [], location };
}

function parseRequirement(r: ObjectReader, value: unknown, pointer: string): SelectorRequirement | undefined {
  const rec = r.record(value, pointer);
  if (rec === undefined) {
    if (value === undefined || value === null) r.report('k8s-invalid-selector', pointer, 'empty match expression');
    return undefined;
  }
  const key = rec['key'];
  if (typeof key !== 'string' || key === '') {
    r.report('k8s-invalid-selector', `${pointer}/key`, `match expression needs a non-empty key, found ${describe(key)}`);
    return undefined;
  }
  const op = rec['operator'];
  if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) {
    r.report('k8s-invalid-selector', `${pointer}/operator`, `operator ${describe(op)} is not one of ${OPERATORS.join(', ')}`);
    return undefined;
  }
  const rawValues = rec['values'];
  const values = rawValues === undefined || rawValues === null ? [] : rawValues;
  if (!Array.isArray(values)) {
    r.report('k8s-invalid-selector', `${pointer}/values`, `values must be a list, found ${describe(values)}`);
    return undefined;
  }
  const bad = values.findIndex((v) => typeof v !== 'string');
  if (bad >= 0) {
    r.report('k8s-invalid-selector', `${pointer}/values/${bad}`, `values must be strings, found ${describe(values[bad])}`);
    return undefined;
  }
  const strings = values as string[];
  if (op === 'In' || op === 'NotIn') {
    if (strings.length === 0) {
      r.report('k8s-invalid-selector', pointer, `operator ${op} needs at least one value`);
      return undefined;
    }
    return { key, operator: op, values: strings };
  }
  if (strings.length > 0) {
    r.report('k8s-invalid-selector', `${pointer}/values`, `operator ${op} takes no values`);
    return undefined;
  }
  return { key, operator: op as 'Exists' | 'DoesNotExist' };
}

/**
 * Parses a selector at `pointer`. Absent (undefined/null) gives undefined; a
 * malformed one reports `k8s-invalid-selector` and gives undefined.
 */
export function parseLabelSelector(r: ObjectReader, value: unknown, pointer: string): LabelSelector | undefined {
  if (value === undefined || value === null) return undefined;
  const rec = r.record(value, pointer);
  if (rec === undefined) return undefined;
  const before = r.failed;
  r.failed = false;
  const known = new Set(['matchLabels', 'matchExpressions']);
  for (const k of Object.keys(rec)) {
    if (!known.has(k)) r.report('k8s-invalid-selector', `${pointer}/${escapePointer(k)}`, `unknown selector field "${k}" (expected matchLabels, matchExpressions)`);
  }
  const matchLabels = r.stringMap(rec['matchLabels'], `${pointer}/matchLabels`, 'k8s-invalid-selector');
  const matchExpressions: SelectorRequirement[] = [];
  const exprs = r.list(rec['matchExpressions'], `${pointer}/matchExpressions`);
  (exprs ?? []).forEach((e, i) => {
    const req = parseRequirement(r, e, `${pointer}/matchExpressions/${i}`);
    if (req !== undefined) matchExpressions.push(req);
  });
  const failedHere = r.failed;
  r.failed = before || failedHere;
  if (failedHere) return undefined;
  return { matchLabels, matchExpressions, location: r.at(pointer) };
}

function requirementHolds(req: SelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(labels[req.key]!);
    case 'NotIn':
      return !has || !req.values.includes(labels[req.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** True iff the selector selects an object with these labels (the empty selector selects all). */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) {
    if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false;
  }
  return selector.matchExpressions.every((req) => requirementHolds(req, labels));
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

function formatRequirement(req: SelectorRequirement): string {
  switch (req.operator) {
    case 'In':
      return `${req.key} in (${req.values.join(',')})`;
    case 'NotIn':
      return `${req.key} notin (${req.values.join(',')})`;
    case 'Exists':
      return req.key;
    case 'DoesNotExist':
      return `!${req.key}`;
  }
}

/** kubectl style: `app=web,env in (prod,qa),!debug`; the empty selector prints as `{}` (all). */
export function formatSelector(selector: LabelSelector): string {
  const parts = [
    ...Object.entries(selector.matchLabels)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`),
    ...selector.matchExpressions.map(formatRequirement),
  ];
  return parts.length === 0 ? '{}' : parts.join(',');
}
