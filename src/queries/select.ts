// Selector resolution: which internal endpoints and which internet addresses
// a `Selector` names in one estate. Composition is set algebra over the two
// universes (internal endpoints, `estate.internet`); `not` complements within
// each of them.

import type { Endpoint, Estate } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { labelsMatch } from './label-expression.js';
import type { Selector } from './query.js';

export interface Selection {
  /** Internal endpoints chosen (by Endpoint.index order). */
  readonly endpoints: readonly Endpoint[];
  /** Internet addresses chosen (empty when the selector does not name the internet). */
  readonly internet: IntervalSet;
}

/** Endpoint indexes (as a set) plus internet addresses. */
interface Chosen {
  readonly indexes: IntervalSet;
  readonly internet: IntervalSet;
}

/** Compiles a `*`/`?` glob to an anchored, case-sensitive regular expression. */
export function globToRegExp(pattern: string): RegExp {
  let src = '';
  for (const ch of pattern) {
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else src += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 's');
}

/** "train-gpu-1[10.20.10.11]" → "train-gpu-1". */
export function baseName(displayName: string): string {
  return displayName.replace(/\s*\[[^\]]*\]$/, '');
}

function nameCandidates(e: Endpoint): string[] {
  const out = [baseName(e.name), e.name];
  const tagName = e.labels['Name'];
  if (tagName !== undefined) out.push(tagName);
  return out;
}

/** Matches a scope (subnet, vpc) by id, or by the name `estate.scopeNames` gives that id. */
function scopeMatches(estate: Estate, e: Endpoint, scope: string, ref: string): boolean {
  const id = e.scopes[scope];
  return id !== undefined && (id === ref || estate.scopeNames[id] === ref);
}

function groupMatches(estate: Estate, e: Endpoint, ref: string): boolean {
  return e.groups.some((g) => g === ref || estate.scopeNames[g] === ref);
}

/** `ns/name[Kind]` (optionally followed by a placement suffix) → its parts. */
const WORKLOAD_ID = /^([^/[\]]+)\/([^/[\]]+)\[([^\]]+)\]/;

interface WorkloadParts {
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
}

/** The workload an endpoint stands for: scope `workload`, else its id, when shaped `ns/name[Kind]`. */
function workloadOf(e: Endpoint): WorkloadParts | undefined {
  const m = WORKLOAD_ID.exec(e.scopes['workload'] ?? e.id);
  return m === null ? undefined : { namespace: m[1]!, name: m[2]!, kind: m[3]! };
}

function workloadMatches(s: Extract<Selector, { kind: 'workload' }>, e: Endpoint): boolean {
  const w = workloadOf(e);
  if (w === undefined) return false;
  if (s.workloadKind !== undefined && s.workloadKind.toLowerCase() !== w.kind.toLowerCase()) return false;
  if (s.namespace !== undefined && !globToRegExp(s.namespace).test(w.namespace)) return false;
  return globToRegExp(s.name).test(w.name);
}

function scopeGlobMatches(e: Endpoint, scope: string, glob: RegExp | undefined): boolean {
  const value = e.scopes[scope];
  return value !== undefined && glob !== undefined && glob.test(value);
}

/** Whether an atomic (non-composite, non-address) selector picks an endpoint. */
function atomMatches(estate: Estate, s: Selector, e: Endpoint, glob: RegExp | undefined): boolean {
  switch (s.kind) {
    case 'any':
      return true;
    case 'tag':
      return s.value === undefined ? Object.hasOwn(e.labels, s.key) : e.labels[s.key] === s.value;
    case 'name':
      return glob !== undefined && nameCandidates(e).some((n) => glob.test(n));
    case 'id':
      return e.id === s.id || e.scopes['instance'] === s.id;
    case 'subnet':
      return scopeMatches(estate, e, 'subnet', s.ref);
    case 'vpc':
      return scopeMatches(estate, e, 'vpc', s.ref);
    case 'securityGroup':
      return groupMatches(estate, e, s.ref);
    case 'cidr':
      return e.addresses.overlaps(s.range);
    case 'namespace':
      return scopeGlobMatches(e, 'namespace', glob);
    case 'cluster':
      return scopeGlobMatches(e, 'cluster', glob);
    case 'label':
      return labelsMatch(s.requirements, e.labels);
    case 'namespaceLabel': {
      const nsLabels = e.scopeLabels?.['namespace'];
      return nsLabels !== undefined && labelsMatch(s.requirements, nsLabels);
    }
    case 'workload':
      return workloadMatches(s, e);
    default:
      return false;
  }
}

function allIndexes(estate: Estate): IntervalSet {
  return estate.endpoints.length === 0 ? IntervalSet.EMPTY : IntervalSet.range(0, estate.endpoints.length - 1);
}

function choose(estate: Estate, s: Selector): Chosen {
  switch (s.kind) {
    case 'internet':
      return { indexes: IntervalSet.EMPTY, internet: estate.internet };
    case 'allOf':
      return s.of.reduce<Chosen>(
        (acc, part) => {
          const c = choose(estate, part);
          return { indexes: acc.indexes.intersect(c.indexes), internet: acc.internet.intersect(c.internet) };
        },
        { indexes: allIndexes(estate), internet: estate.internet },
      );
    case 'anyOf':
      return s.of.reduce<Chosen>(
        (acc, part) => {
          const c = choose(estate, part);
          return { indexes: acc.indexes.union(c.indexes), internet: acc.internet.union(c.internet) };
        },
        { indexes: IntervalSet.EMPTY, internet: IntervalSet.EMPTY },
      );
    case 'not': {
      const c = choose(estate, s.of);
      return { indexes: allIndexes(estate).subtract(c.indexes), internet: estate.internet.subtract(c.internet) };
    }
    default: {
      const glob = s.kind === 'name' || s.kind === 'namespace' || s.kind === 'cluster' ? globToRegExp(s.pattern) : undefined;
      const picked = estate.endpoints.filter((e) => atomMatches(estate, s, e, glob)).map((e) => e.index);
      const internet = s.kind === 'cidr' ? estate.internet.intersect(s.range) : IntervalSet.EMPTY;
      return { indexes: IntervalSet.points(picked), internet };
    }
  }
}

/** The endpoints and internet addresses a selector names in `estate`. */
export function resolveSelector(estate: Estate, s: Selector): Selection {
  const c = choose(estate, s);
  const endpoints: Endpoint[] = [];
  for (const r of c.indexes.ranges) {
    for (let i = r.lo; i <= r.hi; i++) {
      const e = estate.endpoints[i];
      if (e !== undefined) endpoints.push(e);
    }
  }
  return { endpoints, internet: c.internet };
}

/** True when the selection names nothing at all. */
export function isEmptySelection(s: Selection): boolean {
  return s.endpoints.length === 0 && s.internet.isEmpty();
}

