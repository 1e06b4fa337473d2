// Label expressions in kubectl's `-l` syntax, for the `label:` and `nslabel:`
// selectors: `app=web`, `app==web`, `app!=web`, `app in (a,b)`,
// `app notin (a,b)`, `app` (the key exists), `!app` (it does not), joined by
// commas (AND). As in Kubernetes, `!=` and `notin` also match labels without
// the key. Parsing never throws: a bad expression is an error text.

export type LabelRequirement =
  | { readonly key: string; readonly op: 'eq' | 'ne'; readonly value: string }
  | { readonly key: string; readonly op: 'in' | 'notin'; readonly values: readonly string[] }
  | { readonly key: string; readonly op: 'exists' | 'absent' };

export type LabelExpressionParse =
  | { readonly ok: true; readonly requirements: readonly LabelRequirement[] }
  | { readonly ok: false; readonly error: string };

/** Characters that end a key or a value (besides blanks). */
const KEY_STOP = /[\s=!,()<>]/;
const VALUE_STOP = /[,()=!<>]/;

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  skipBlanks(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  atEnd(): boolean {
    this.skipBlanks();
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  /** Consumes `s` if the text continues with it (after blanks). */
  eat(s: string): boolean {
    this.skipBlanks();
    if (!this.text.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }

  /** A run of characters up to a stop character, trimmed. */
  run(stop: RegExp): string {
    this.skipBlanks();
    const start = this.pos;
    while (this.pos < this.text.length && !stop.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos).trim();
  }

  /** The next word (for `in`/`notin`), without consuming it. */
  peekWord(): string {
    this.skipBlanks();
    const m = /^[A-Za-z]+/.exec(this.text.slice(this.pos));
    return m?.[0] ?? '';
  }
}

type Step<T> = { ok: true; value: T } | { ok: false; error: string };

function set(sc: Scanner, key: string, op: 'in' | 'notin'): Step<LabelRequirement> {
  if (!sc.eat('(')) return { ok: false, error: `"${key} ${op}" needs a list of values in parentheses, e.g. ${key} ${op} (a,b)` };
  const values: string[] = [];
  for (;;) {
    const v = sc.run(VALUE_STOP);
    if (v.length === 0) return { ok: false, error: `an empty value in the list of "${key} ${op} (…)"` };
    if (/\s/.test(v)) return { ok: false, error: `"${v}" in "${key} ${op} (…)" is not one value (separate values by commas)` };
    values.push(v);
    if (sc.eat(')')) break;
    if (!sc.eat(',')) {
      return { ok: false, error: sc.atEnd() ? `"${key} ${op} (…" is missing its ")"` : `unexpected "${sc.peek()}" in "${key} ${op} (…)"` };
    }
  }
  return { ok: true, value: { key, op, values } };
}

function requirement(sc: Scanner): Step<LabelRequirement> {
  if (sc.eat('!')) {
    const key = sc.run(KEY_STOP);
    if (key.length === 0) return { ok: false, error: '"!" must be followed by a label key, e.g. !app' };
    return { ok: true, value: { key, op: 'absent' } };
  }
  const key = sc.run(KEY_STOP);
  if (key.length === 0) {
    return { ok: false, error: sc.atEnd() ? 'a label requirement is empty' : `expected a label key, found "${sc.peek()}"` };
  }
  if (sc.eat('!=')) return value(sc, key, 'ne');
  if (sc.eat('==') || sc.eat('=')) return value(sc, key, 'eq');
  if (sc.eat('<') || sc.eat('>')) return { ok: false, error: `"${key}": the < and > operators are not supported (use =, !=, in, notin, or a bare key)` };
  const word = sc.peekWord();
  if (word === 'in' || word === 'notin') {
    sc.eat(word);
    return set(sc, key, word);
  }
  return { ok: true, value: { key, op: 'exists' } };
}

function value(sc: Scanner, key: string, op: 'eq' | 'ne'): Step<LabelRequirement> {
  const v = sc.run(VALUE_STOP);
  if (!sc.atEnd() && sc.peek() !== ',') {
    return { ok: false, error: `unexpected "${sc.peek()}" after "${key}${op === 'eq' ? '=' : '!='}${v}"` };
  }
  if (/\s/.test(v)) return { ok: false, error: `"${v}" is not one label value (requirements are separated by commas)` };
  return { ok: true, value: { key, op, value: v } };
}

/** Parses a whole expression: requirements separated by commas. */
export function parseLabelExpression(text: string): LabelExpressionParse {
  const sc = new Scanner(text);
  if (sc.atEnd()) return { ok: false, error: 'the label expression is empty' };
  const requirements: LabelRequirement[] = [];
  for (;;) {
    const r = requirement(sc);
    if (!r.ok) return { ok: false, error: r.error };
    requirements.push(r.value);
    if (sc.atEnd()) break;
    if (!sc.eat(',')) return { ok: false, error: `unexpected "${sc.peek()}" after "${formatRequirement(r.value)}" (join requirements with commas)` };
  }
  return { ok: true, requirements };
}

function matchesOne(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = has ? labels[r.key] : undefined;
  switch (r.op) {
    case 'eq':
      return v === r.value;
    case 'ne':
      return v !== r.value;
    case 'in':
      return v !== undefined && r.values.includes(v);
    case 'notin':
      return v === undefined || !r.values.includes(v);
    case 'exists':
      return has;
    case 'absent':
      return !has;
  }
}

/** Whether `labels` satisfy every requirement. */
export function labelsMatch(requirements: readonly LabelRequirement[], labels: Readonly<Record<string, string>>): boolean {
  return requirements.every((r) => matchesOne(r, labels));
}

export function formatRequirement(r: LabelRequirement): string {
  switch (r.op) {
    case 'eq':
      return `${r.key}=${r.value}`;
    case 'ne':
      return `${r.key}!=${r.value}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.op} (${r.values.join(',')})`;
    case 'exists':
      return r.key;
    case 'absent':
      return `!${r.key}`;
  }
}

/** The canonical text of an expression (parses back to the same requirements). */
export function formatLabelExpression(requirements: readonly LabelRequirement[]): string {
  return requirements.map(formatRequirement).join(',');
}
