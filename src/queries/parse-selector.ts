// Selector text ("tag:tier=inference", "sg:web-sg", "cidr:10.0.0.0/16",
// "namespace:team-*", "label:app in (a,b)", "workload:ns/api[Deployment]",
// "not:internet" …) to a `Selector`, and a `Selector` back to text. The text
// form is shared by the CLI and by query files.

import { parseCidr, parseIpv4 } from '../model/ip.js';
import { IntervalSet } from '../model/intervals.js';
import { formatLabelExpression, parseLabelExpression } from './label-expression.js';
import type { Selector } from './query.js';

export type SelectorParse = { ok: true; selector: Selector } | { ok: false; error: string };

export const SELECTOR_FORMS =
  'tag:Key=Value, tag:Key, name:glob, id:<eni-/i- id>, subnet:<id or Name>, sg:<id or name>, ' +
  'vpc:<id or Name>, cidr:a.b.c.d/n, namespace:glob, label:<expr>, nslabel:<expr>, ' +
  'workload:[ns/]name[Kind], cluster:glob, internet, any, not:<selector>';

function fail(error: string): SelectorParse {
  return { ok: false, error };
}

function ok(selector: Selector): SelectorParse {
  return { ok: true, selector };
}

/** A `cidr:` argument: a CIDR block with no host bits, or a single address (a /32). */
function parseCidrSelector(arg: string): SelectorParse {
  const ip = parseIpv4(arg);
  if (ip !== undefined) return ok({ kind: 'cidr', text: `${arg}/32`, range: IntervalSet.point(ip) });
  const c = parseCidr(arg);
  if (!c.ok) return fail(`cidr: ${c.reason}`);
  return ok({ kind: 'cidr', text: arg, range: c.range });
}

/** `workload:name`, `workload:ns/name`, either with a `[Kind]` suffix; globs in ns and name. */
function parseWorkloadSelector(t: string, arg: string): SelectorParse {
  let rest = arg;
  let workloadKind: string | undefined;
  const kind = /\[([^\][]*)\]$/.exec(rest);
  if (kind !== null) {
    workloadKind = kind[1]!.trim();
    rest = rest.slice(0, kind.index).trim();
    if (workloadKind.length === 0) return fail(`"${t}": the workload kind in [ ] is empty`);
  }
  if (/[[\]]/.test(rest)) return fail(`"${t}": use workload:<ns>/<name>[Kind], with the kind in brackets at the end`);
  const slash = rest.indexOf('/');
  const namespace = slash < 0 ? undefined : rest.slice(0, slash).trim();
  const name = (slash < 0 ? rest : rest.slice(slash + 1)).trim();
  if (namespace !== undefined && namespace.length === 0) return fail(`"${t}": the namespace before "/" is empty`);
  if (name.length === 0) return fail(`"${t}": the workload name is empty`);
  if (name.includes('/')) return fail(`"${t}": use workload:<ns>/<name> with one "/"`);
  return ok({
    kind: 'workload',
    name,
    ...(namespace === undefined ? {} : { namespace }),
    ...(workloadKind === undefined ? {} : { workloadKind }),
  });
}

/**
 * Parses one text selector. Prefixes are case-insensitive; what follows them
 * (tag keys, values, names, ids) is kept exactly, minus surrounding blanks.
 */
export function parseSelector(text: string): SelectorParse {
  const t = text.trim();
  if (t.length === 0) return fail(`empty selector (use one of: ${SELECTOR_FORMS})`);
  const lower = t.toLowerCase();
  if (lower === 'any') return ok({ kind: 'any' });
  if (lower === 'internet') return ok({ kind: 'internet' });
  const colon = t.indexOf(':');
  if (colon < 0) return fail(`"${t}" is not a selector (use one of: ${SELECTOR_FORMS})`);
  const prefix = t.slice(0, colon).trim().toLowerCase();
  const arg = t.slice(colon + 1).trim();
  if (prefix === 'not') {
    const inner = parseSelector(arg);
    return inner.ok ? ok({ kind: 'not', of: inner.selector }) : inner;
  }
  if (arg.length === 0) return fail(`"${t}": nothing follows "${prefix}:"`);
  switch (prefix) {
    case 'tag': {
      const eq = arg.indexOf('=');
      const key = (eq < 0 ? arg : arg.slice(0, eq)).trim();
      if (key.length === 0) return fail(`"${t}": the tag key is empty`);
      return eq < 0 ? ok({ kind: 'tag', key }) : ok({ kind: 'tag', key, value: arg.slice(eq + 1).trim() });
    }
    case 'name':
      return ok({ kind: 'name', pattern: arg });
    case 'id':
      return ok({ kind: 'id', id: arg });
    case 'subnet':
      return ok({ kind: 'subnet', ref: arg });
    case 'sg':
      return ok({ kind: 'securityGroup', ref: arg });
    case 'vpc':
      return ok({ kind: 'vpc', ref: arg });
    case 'cidr':
      return parseCidrSelector(arg);
    case 'namespace':
      return ok({ kind: 'namespace', pattern: arg });
    case 'cluster':
      return ok({ kind: 'cluster', pattern: arg });
    case 'label':
    case 'nslabel': {
      const e = parseLabelExpression(arg);
      if (!e.ok) return fail(`"${t}": ${e.error}`);
      return ok({ kind: prefix === 'label' ? 'label' : 'namespaceLabel', requirements: e.requirements });
    }
    case 'workload':
      return parseWorkloadSelector(t, arg);
    default:
      return fail(`"${t}": unknown selector kind "${prefix}:" (use one of: ${SELECTOR_FORMS})`);
  }
}

/** The text form of a selector; composites print as all(…), any(…), not:… */
export function formatSelector(s: Selector): string {
  switch (s.kind) {
    case 'any':
    case 'internet':
      return s.kind;
    case 'tag':
      return s.value === undefined ? `tag:${s.key}` : `tag:${s.key}=${s.value}`;
    case 'name':
      return `name:${s.pattern}`;
    case 'id':
      return `id:${s.id}`;
    case 'subnet':
      return `subnet:${s.ref}`;
    case 'securityGroup':
      return `sg:${s.ref}`;
    case 'vpc':
      return `vpc:${s.ref}`;
    case 'cidr':
      return `cidr:${s.text}`;
    case 'namespace':
      return `namespace:${s.pattern}`;
    case 'cluster':
      return `cluster:${s.pattern}`;
    case 'label':
      return `label:${formatLabelExpression(s.requirements)}`;
    case 'namespaceLabel':
      return `nslabel:${formatLabelExpression(s.requirements)}`;
    case 'workload':
      return `workload:${s.namespace === undefined ? '' : `${s.namespace}/`}${s.name}${s.workloadKind === undefined ? '' : `[${s.workloadKind}]`}`;
    case 'allOf':
      return `all(${s.of.map(formatSelector).join(', ')})`;
    case 'anyOf':
      return `any(${s.of.map(formatSelector).join(', ')})`;
    case 'not':
      return `not:${formatSelector(s.of)}`;
  }
}
