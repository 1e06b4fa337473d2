// Query files (YAML) to `Query` values. Accepts files and folders (every
// *.yaml / *.yml below a folder, recursively, in sorted order). Every problem
// becomes a `query-invalid` diagnostic carrying file and line; a query with
// any problem is left out, and nothing here throws on bad input. The format
// is documented in queries/README.md.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic } from '../model/diagnostics.js';
import type { IntervalSet } from '../model/intervals.js';
import type { SourceLocation } from '../model/provenance.js';
import { parseSelector } from './parse-selector.js';
import type { Expectation, Query, Selector, TenantException, TenantKey, TrafficSpec } from './query.js';
import { defaultAmong, parseTenantKey, TENANT_KEY_FORMS } from './tenant-key.js';
import { makeTraffic, parsePorts, parseProtocols, parseTrafficShorthand, splitList } from './traffic.js';

export { parseSelector } from './parse-selector.js';
export { parseTraffic } from './traffic.js';

export interface ParsedQueries {
  readonly queries: readonly Query[];
  readonly diagnostics: readonly Diagnostic[];
}

const QUERY_KEYS = ['name', 'description', 'from', 'to', 'traffic', 'expect', 'tenant', 'among', 'except'] as const;
/** Keys only a tenant-isolation query has. */
const TENANT_KEYS = ['tenant', 'among', 'except'] as const;
const TENANT_EXPECT = 'tenant-isolated';
const TRAFFIC_KEYS = ['protocols', 'protocol', 'ports', 'port'] as const;
const EXPECT_WORDS = 'isolated, reachable, tenant-isolated, or {only: [traffic, …]}';
const MAX_NAME_LENGTH = 200;

/** One file being read: where errors go and how offsets become lines. */
interface FileContext {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly diagnostics: Diagnostic[];
}

function locate(ctx: FileContext, node: Node | null | undefined): SourceLocation {
  const offset = node?.range?.[0];
  if (offset === undefined) return { file: ctx.file };
  return { file: ctx.file, line: ctx.lines.linePos(offset).line };
}

function report(ctx: FileContext, node: Node | null | undefined, message: string): undefined {
  ctx.diagnostics.push(diagnostic('query-invalid', message, locate(ctx, node)));
  return undefined;
}

/** Reports and answers `true`, for "something was bad" flags. */
function fail(ctx: FileContext, node: Node | null | undefined, message: string): true {
  report(ctx, node, message);
  return true;
}

/** Follows YAML aliases (`*anchor`) to the node they name. */
function deref(ctx: FileContext, node: unknown): Node | null {
  let n = node;
  for (let hops = 0; isAlias(n) && hops < 32; hops++) n = n.resolve(ctx.doc) ?? null;
  return isAlias(n) ? null : ((n as Node | null | undefined) ?? null);
}

function describeNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'nothing' : `${typeof node.value} ${JSON.stringify(node.value)}`;
  return 'an unsupported value';
}

/** The entries of a mapping as [key text, value node, key node]; reports non-text keys. */
function entries(ctx: FileContext, map: Node, where: string): [string, Node | null, Node][] {
  if (!isMap(map)) return [];
  const out: [string, Node | null, Node][] = [];
  for (const pair of map.items) {
    const key = deref(ctx, pair.key);
    if (!isScalar(key) || typeof key.value !== 'string') {
      report(ctx, key ?? map, `${where}: keys must be words, found ${describeNode(key)}`);
      continue;
    }
    out.push([key.value, deref(ctx, pair.value), key]);
  }
  return out;
}

function readText(ctx: FileContext, node: Node | null, where: string): string | undefined {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  return report(ctx, node, `${where} must be text, found ${describeNode(node)}`);
}

// ---------------------------------------------------------------- selectors

function readSelector(ctx: FileContext, node: Node | null, where: string): Selector | undefined {
  if (isScalar(node) && typeof node.value === 'string') {
    const p = parseSelector(node.value);
    return p.ok ? p.selector : report(ctx, node, `${where}: ${p.error}`);
  }
  if (isSeq(node)) {
    const parts = readSelectorList(ctx, node, where);
    return parts === undefined ? undefined : parts.length === 1 ? parts[0] : { kind: 'anyOf', of: parts };
  }
  if (isMap(node)) {
    const items = entries(ctx, node, where);
    if (items.length !== 1) {
      return report(ctx, node, `${where}: a selector mapping has exactly one key: all, any or not`);
    }
    const [key, value, keyNode] = items[0]!;
    if (key === 'not') {
      const inner = readSelector(ctx, value, `${where}.not`);
      return inner === undefined ? undefined : { kind: 'not', of: inner };
    }
    if (key === 'all' || key === 'any') {
      const parts = isSeq(value) ? readSelectorList(ctx, value, `${where}.${key}`) : readOneSelectorAsList(ctx, value, `${where}.${key}`);
      if (parts === undefined) return undefined;
      return { kind: key === 'all' ? 'allOf' : 'anyOf', of: parts };
    }
    return report(ctx, keyNode, `${where}: unknown selector key "${key}" (use all, any or not)`);
  }
  return report(ctx, node, `${where}: expected a selector (text, a list, or {all|any|not: …}), found ${describeNode(node)}`);
}

function readOneSelectorAsList(ctx: FileContext, node: Node | null, where: string): Selector[] | undefined {
  const one = readSelector(ctx, node, where);
  return one === undefined ? undefined : [one];
}

function readSelectorList(ctx: FileContext, node: Node, where: string): Selector[] | undefined {
  if (!isSeq(node)) return undefined;
  if (node.items.length === 0) return report(ctx, node, `${where}: the selector list is empty`);
  const out: Selector[] = [];
  let bad = false;
  node.items.forEach((item, i) => {
    const s = readSelector(ctx, deref(ctx, item), `${where}[${i}]`);
    if (s === undefined) bad = true;
    else out.push(s);
  });
  return bad ? undefined : out;
}

// ------------------------------------------------------------------ traffic

/** A scalar or a list of scalars as words; "tcp, udp" splits on commas. */
function readWords(ctx: FileContext, node: Node | null, where: string): string[] | undefined {
  const items = isSeq(node) ? node.items.map((n) => deref(ctx, n)) : [node];
  const out: string[] = [];
  for (const item of items) {
    if (isScalar(item) && typeof item.value === 'number' && Number.isInteger(item.value)) out.push(String(item.value));
    else if (isScalar(item) && typeof item.value === 'string') out.push(...splitList(item.value));
    else return report(ctx, item ?? node, `${where}: expected a word or number, found ${describeNode(item)}`);
  }
  if (out.length === 0) return report(ctx, node, `${where} is empty`);
  return out;
}

function readTraffic(ctx: FileContext, node: Node | null, where: string): TrafficSpec | undefined {
  if (isScalar(node) && typeof node.value === 'string') {
    const t = parseTrafficShorthand(node.value);
    return t.ok ? t.value : report(ctx, node, `${where}: ${t.error}`);
  }
  if (!isMap(node)) {
    return report(ctx, node, `${where}: expected {protocols: …, ports: …} or text like "tcp/443", found ${describeNode(node)}`);
  }
  let protocols: IntervalSet | undefined;
  let ports: IntervalSet | undefined;
  let seenProtocols = false;
  let seenPorts = false;
  let bad = false;
  for (const [key, value, keyNode] of entries(ctx, node, where)) {
    if (key === 'protocols' || key === 'protocol') {
      if (seenProtocols) bad = fail(ctx, keyNode, `${where}: protocols given twice`);
      seenProtocols = true;
      const words = readWords(ctx, value, `${where}.${key}`);
      const p = words === undefined ? undefined : parseProtocols(words);
      if (p === undefined) bad = true;
      else if (!p.ok) bad = fail(ctx, value, `${where}.${key}: ${p.error}`);
      else protocols = p.value;
    } else if (key === 'ports' || key === 'port') {
      if (seenPorts) bad = fail(ctx, keyNode, `${where}: ports given twice`);
      seenPorts = true;
      const words = readWords(ctx, value, `${where}.${key}`);
      const p = words === undefined ? undefined : parsePorts(words);
      if (p === undefined) bad = true;
      else if (!p.ok) bad = fail(ctx, value, `${where}.${key}: ${p.error}`);
      else ports = p.value;
    } else {
      bad = fail(ctx, keyNode, `${where}: unknown key "${key}" (allowed: ${TRAFFIC_KEYS.join(', ')})`);
    }
  }
  if (bad) return undefined;
  const t = makeTraffic(protocols, ports);
  return t.ok ? t.value : report(ctx, node, `${where}: ${t.error}`);
}

// -------------------------------------------------------------- expectation

function readExpectation(ctx: FileContext, node: Node | null, where: string): Expectation | undefined {
  if (isScalar(node) && typeof node.value === 'string') {
    const word = node.value.trim();
    if (word === 'isolated' || word === 'reachable') return { kind: word };
    if (word === 'only') return report(ctx, node, `${where}: "only" needs the allowed traffic, e.g. {only: [tcp/443]}`);
    return report(ctx, node, `${where}: "${word}" is not an expectation (use ${EXPECT_WORDS})`);
  }
  if (isMap(node)) {
    const items = entries(ctx, node, where);
    const [first] = items;
    if (items.length !== 1 || first === undefined || first[0] !== 'only') {
      return report(ctx, node, `${where}: a mapping expectation has exactly one key, "only"`);
    }
    const value = first[1];
    const list = isSeq(value) ? value.items.map((n) => deref(ctx, n)) : [value];
    const allowed: TrafficSpec[] = [];
    let bad = false;
    list.forEach((item, i) => {
      const t = readTraffic(ctx, item, `${where}.only[${i}]`);
      if (t === undefined) bad = true;
      else allowed.push(t);
    });
    return bad ? undefined : { kind: 'only', allowed };
  }
  return report(ctx, node, `${where}: expected ${EXPECT_WORDS}, found ${describeNode(node)}`);
}

// ---------------------------------------------------------- tenant queries

function readTenantKey(ctx: FileContext, node: Node | null, where: string): TenantKey | undefined {
  if (isScalar(node) && typeof node.value === 'string') {
    const p = parseTenantKey(node.value);
    return p.ok ? p.key : report(ctx, node, `${where}: ${p.error}`);
  }
  if (isMap(node)) {
    const items = entries(ctx, node, where);
    const [first] = items;
    if (items.length !== 1 || first === undefined) return report(ctx, node, `${where}: ${TENANT_KEY_FORMS}`);
    const [key, value, keyNode] = first;
    if (key === 'namespace') {
      if (isScalar(value) && value.value === true) return { kind: 'namespace' };
      return report(ctx, value ?? keyNode, `${where}.namespace: write {namespace: true}`);
    }
    if (key === 'label' || key === 'tag' || key === 'nslabel') {
      const text = readText(ctx, value, `${where}.${key}`)?.trim();
      if (text === undefined) return undefined;
      const p = parseTenantKey(`${key}:${text}`);
      return p.ok ? p.key : report(ctx, value, `${where}: ${p.error}`);
    }
    return report(ctx, keyNode, `${where}: unknown key "${key}" (${TENANT_KEY_FORMS})`);
  }
  return report(ctx, node, `${where}: ${TENANT_KEY_FORMS}; found ${describeNode(node)}`);
}

const EXCEPTION_KEYS = ['from', 'to', 'traffic'] as const;

function readException(ctx: FileContext, node: Node | null, where: string): TenantException | undefined {
  if (!isMap(node)) return report(ctx, node, `${where}: an exception is a mapping with from, to and/or traffic; found ${describeNode(node)}`);
  const before = ctx.diagnostics.length;
  const out: { -readonly [K in keyof TenantException]: TenantException[K] } = { location: locate(ctx, node) };
  const items = entries(ctx, node, where);
  for (const [key, value, keyNode] of items) {
    if (key === 'from' || key === 'to') {
      const s = readSelector(ctx, value, `${where}.${key}`);
      if (s !== undefined) out[key] = s;
    } else if (key === 'traffic') {
      const t = readTraffic(ctx, value, `${where}.traffic`);
      if (t !== undefined) out.traffic = t;
    } else {
      report(ctx, keyNode, `${where}: unknown key "${key}" (allowed: ${EXCEPTION_KEYS.join(', ')})`);
    }
  }
  if (items.length === 0) report(ctx, node, `${where}: an exception needs from, to and/or traffic (an empty one would excuse everything)`);
  return ctx.diagnostics.length > before ? undefined : out;
}

function readExceptions(ctx: FileContext, node: Node | null, where: string): TenantException[] | undefined {
  if (isScalar(node) && node.value === null) return [];
  const list = isSeq(node) ? node.items.map((n) => deref(ctx, n)) : [node];
  const out: TenantException[] = [];
  let bad = false;
  list.forEach((item, i) => {
    const x = readException(ctx, item, isSeq(node) ? `${where}[${i}]` : where);
    if (x === undefined) bad = true;
    else out.push(x);
  });
  return bad ? undefined : out;
}

/** `tenant`, `among` and `except` of a tenant-isolation query. */
function readTenantQuery(ctx: FileContext, fields: Map<string, Node | null>, label: string): { among: Selector; expect: Expectation } | undefined {
  if (!fields.has('tenant')) return undefined;
  const tenant = readTenantKey(ctx, fields.get('tenant') ?? null, `${label}: tenant`);
  const among = fields.has('among') ? readSelector(ctx, fields.get('among') ?? null, `${label}: among`) : undefined;
  const exceptions = fields.has('except') ? readExceptions(ctx, fields.get('except') ?? null, `${label}: except`) : [];
  if (tenant === undefined || exceptions === undefined || (fields.has('among') && among === undefined)) return undefined;
  return { among: among ?? defaultAmong(tenant), expect: { kind: 'tenant-isolated', tenant, exceptions } };
}

// ------------------------------------------------------------------ queries

function readQuery(ctx: FileContext, node: Node | null, where: string): Query | undefined {
  if (!isMap(node)) return report(ctx, node, `${where}: a query is a mapping with name, from, to and expect; found ${describeNode(node)}`);
  const before = ctx.diagnostics.length;
  const fields = new Map<string, Node | null>();
  for (const [key, value, keyNode] of entries(ctx, node, where)) {
    if (!(QUERY_KEYS as readonly string[]).includes(key)) {
      report(ctx, keyNode, `${where}: unknown key "${key}" (allowed: ${QUERY_KEYS.join(', ')})`);
    } else {
      fields.set(key, value);
    }
  }
  let label = where;
  let name: string | undefined;
  if (!fields.has('name')) report(ctx, node, `${where}: missing "name"`);
  else {
    name = readText(ctx, fields.get('name') ?? null, `${where}: name`)?.trim();
    if (name !== undefined) {
      if (name.length === 0 || name.length > MAX_NAME_LENGTH || /[\r\n]/.test(name)) {
        report(ctx, fields.get('name'), `${where}: a name is one line of 1-${MAX_NAME_LENGTH} characters`);
        name = undefined;
      } else {
        label = `query "${name}"`;
      }
    }
  }
  const expectNode = fields.get('expect') ?? null;
  const isTenant = isScalar(expectNode) && typeof expectNode.value === 'string' && expectNode.value.trim() === TENANT_EXPECT;
  const required = isTenant ? (['expect', 'tenant'] as const) : (['from', 'to', 'expect'] as const);
  for (const key of required) {
    if (!fields.has(key)) report(ctx, node, `${label}: missing "${key}"`);
  }
  const description = fields.has('description')
    ? readText(ctx, fields.get('description') ?? null, `${label}: description`)?.trim()
    : undefined;
  let from: Selector | undefined;
  let to: Selector | undefined;
  let expect: Expectation | undefined;
  if (isTenant) {
    for (const key of ['from', 'to'] as const) {
      if (fields.has(key)) report(ctx, fields.get(key), `${label}: a tenant-isolation query has no "${key}" (use "among" to limit the endpoints)`);
    }
    const tenant = readTenantQuery(ctx, fields, label);
    if (tenant !== undefined) {
      from = tenant.among;
      to = tenant.among;
      expect = tenant.expect;
    }
  } else {
    for (const key of TENANT_KEYS) {
      if (fields.has(key)) report(ctx, fields.get(key), `${label}: "${key}" belongs to tenant-isolation queries (expect: ${TENANT_EXPECT})`);
    }
    from = fields.has('from') ? readSelector(ctx, fields.get('from') ?? null, `${label}: from`) : undefined;
    to = fields.has('to') ? readSelector(ctx, fields.get('to') ?? null, `${label}: to`) : undefined;
    expect = fields.has('expect') ? readExpectation(ctx, expectNode, `${label}: expect`) : undefined;
  }
  const traffic = fields.has('traffic') ? readTraffic(ctx, fields.get('traffic') ?? null, `${label}: traffic`) : undefined;
  if (ctx.diagnostics.length > before || name === undefined || from === undefined || to === undefined || expect === undefined) {
    return undefined;
  }
  const query: { -readonly [K in keyof Query]: Query[K] } = { name, from, to, expect, location: locate(ctx, node) };
  if (description !== undefined && description.length > 0) query.description = description;
  if (traffic !== undefined) query.traffic = traffic;
  return query;
}

/** The query nodes of one document: `queries: [...]` or a bare list. */
function queryNodes(ctx: FileContext, root: Node): Node[] | undefined {
  if (isSeq(root)) return root.items.map((n) => deref(ctx, n) ?? root);
  if (isMap(root)) {
    let list: Node[] | undefined;
    let found = false;
    for (const [key, value, keyNode] of entries(ctx, root, ctx.file)) {
      if (key !== 'queries') {
        report(ctx, keyNode, `unknown top-level key "${key}" (a query file has "queries:" or is a list of queries)`);
        continue;
      }
      found = true;
      if (isSeq(value)) list = value.items.map((n) => deref(ctx, n) ?? value);
      else if (isScalar(value) && value.value === null) list = [];
      else report(ctx, value ?? keyNode, `"queries" must be a list, found ${describeNode(value)}`);
    }
    if (!found) report(ctx, root, 'a query file has a top-level "queries:" list (or is a list of queries)');
    return list;
  }
  return report(ctx, root, `a query file has a top-level "queries:" list (or is a list of queries), found ${describeNode(root)}`);
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/** Parses the text of one query file; `file` is used for locations only. */
export function parseQueryText(file: string, text: string): ParsedQueries {
  const diagnostics: Diagnostic[] = [];
  const queries: Query[] = [];
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  let sawContent = false;
  for (const doc of list) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const line = e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line;
        diagnostics.push(diagnostic('query-invalid', `not valid YAML: ${firstLine(e.message)}`, { file, line }));
      }
      sawContent = true;
      continue;
    }
    const ctx: FileContext = { file, doc, lines, diagnostics };
    const root = deref(ctx, doc.contents);
    if (root === null || (isScalar(root) && root.value === null)) continue;
    sawContent = true;
    const nodes = queryNodes(ctx, root);
    nodes?.forEach((n, i) => {
      const q = readQuery(ctx, n, `query #${i + 1}`);
      if (q !== undefined) queries.push(q);
    });
  }
  if (!sawContent) diagnostics.push(diagnostic('query-invalid', 'the query file is empty', { file, line: 1 }));
  return { queries, diagnostics };
}

// -------------------------------------------------------------------- files

function isQueryFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** Every *.yaml/*.yml below `dir` (hidden entries skipped), sorted by path. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entriesHere = await readdir(dir, { withFileTypes: true });
  for (const e of entriesHere) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile() && isQueryFile(e.name)) out.push(full);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function errorText(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES') return 'cannot be read (permission denied)';
  return `cannot be read (${typeof code === 'string' ? code : String(err)})`;
}

async function collectFiles(paths: readonly string[], diagnostics: Diagnostic[]): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (f: string): void => {
    const key = path.resolve(f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
    }
  };
  for (const p of paths) {
    try {
      const st = await stat(p);
      if (st.isDirectory()) {
        const found = await walk(p);
        if (found.length === 0) {
          diagnostics.push(diagnostic('input-empty', `no *.yaml or *.yml query files under ${p}`, { file: p }));
        }
        found.forEach(add);
      } else {
        add(p);
      }
    } catch (err) {
      diagnostics.push(diagnostic('input-not-found', `query path ${p} ${errorText(err)}`, { file: p }));
    }
  }
  if (paths.length === 0) diagnostics.push(diagnostic('input-empty', 'no query files were given'));
  return files;
}

/**
 * Files or folders (*.yaml|*.yml, recursive, sorted). Errors carry file and
 * line. Query names must be unique across all files. Never throws on bad input.
 */
export async function parseQueryFiles(paths: readonly string[]): Promise<ParsedQueries> {
  const diagnostics: Diagnostic[] = [];
  const queries: Query[] = [];
  const byName = new Map<string, Query>();
  for (const file of await collectFiles(paths, diagnostics)) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      diagnostics.push(diagnostic('input-not-found', `query file ${file} ${errorText(err)}`, { file }));
      continue;
    }
    const parsed = parseQueryText(file, text);
    diagnostics.push(...parsed.diagnostics);
    for (const q of parsed.queries) {
      const first = byName.get(q.name);
      if (first !== undefined) {
        const at = first.location === undefined ? '' : ` (first defined at ${first.location.file}:${first.location.line ?? '?'})`;
        diagnostics.push(diagnostic('query-invalid', `duplicate query name "${q.name}"${at}`, q.location));
        continue;
      }
      byName.set(q.name, q);
      queries.push(q);
    }
  }
  return { queries, diagnostics };
}
