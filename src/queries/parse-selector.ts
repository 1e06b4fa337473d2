// Selector text ("tag:tier=inference", "sg:web-sg", "cidr:10.0.0.0/16",
// "not:internet" …) to a `Selector`, and a `Selector` back to text. The text
// form is shared by the CLI and by query files.

import { parseCidr, parseIpv4 } from '../model/ip.js';
import { IntervalSet } from '../model/intervals.js';
import type { Selector } from './query.js';

export type SelectorParse = { ok: true; selector: Selector } | { ok: false; error: string };

export const SELECTOR_FORMS =
  'tag:Key=Value, tag:Key, name:glob, id:<eni-/i- id>, subnet:<id or Name>, sg:<id or name>, ' +
  'vpc:<id or Name>, cidr:a.b.c.d/n, internet, any, not:<selector>';

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
    case 'allOf':
      return `all(${s.of.map(formatSelector).join(', ')})`;
    case 'anyOf':
      return `any(${s.of.map(formatSelector).join(', ')})`;
    case 'not':
      return `not:${formatSelector(s.of)}`;
  }
}
