// Finds the 1-based line of JSON values by JSON pointer in one pass over the
// text. Only the branches that lead to a wanted pointer are walked; every
// other value is skipped by jumping between quotes and brackets, and lines
// come from a table of line starts, so locating thousands of rules in a
// 50 MB file costs one linear pass.

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  wanted: boolean;
}

function newNode(): TrieNode {
  return { children: new Map(), wanted: false };
}

/** Splits an RFC 6901 pointer ("/a/0/b~1c") into unescaped tokens. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function buildTrie(pointers: Iterable<string>): TrieNode {
  const root = newNode();
  for (const p of pointers) {
    let node = root;
    for (const token of pointerTokens(p)) {
      let next = node.children.get(token);
      if (next === undefined) {
        next = newNode();
        node.children.set(token, next);
      }
      node = next;
    }
    node.wanted = true;
  }
  return root;
}

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

/** Offsets at which each line starts (line n starts at `starts[n - 1]`). */
function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Quotes and brackets: the only characters that matter when skipping a value. */
const STRUCTURAL = /["[\]{}]/g;

class Scanner {
  pos = 0;
  readonly found = new Map<string, number>();
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 32 && c !== 9 && c !== 13 && c !== NEWLINE) return;
      this.pos++;
    }
  }

  /** Reads a string starting at the opening quote; returns its decoded value. */
  private readString(): string {
    const start = this.pos;
    this.skipString();
    const raw = this.text.slice(start + 1, this.pos - 1);
    return raw.includes('\\') ? (JSON.parse(this.text.slice(start, this.pos)) as string) : raw;
  }

  /** Moves past the string whose opening quote is at `pos`. */
  private skipString(): void {
    const t = this.text;
    let i = this.pos + 1;
    for (;;) {
      const q = t.indexOf('"', i);
      if (q === -1) {
        this.pos = t.length;
        return;
      }
      let backslashes = 0;
      for (let k = q - 1; t.charCodeAt(k) === BACKSLASH; k--) backslashes++;
      if (backslashes % 2 === 0) {
        this.pos = q + 1;
        return;
      }
      i = q + 1;
    }
  }

  /** Skips one value of any kind without recording anything. */
  private skipValue(): void {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === QUOTE) {
      this.skipString();
      return;
    }
    if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
      while (this.pos < t.length) {
        const d = t.charCodeAt(this.pos);
        if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === 32 || d === 9 || d === 13 || d === NEWLINE) return;
        this.pos++;
      }
      return;
    }
    let depth = 0;
    for (;;) {
      STRUCTURAL.lastIndex = this.pos;
      const m = STRUCTURAL.exec(t);
      if (m === null) {
        this.pos = t.length;
        return;
      }
      this.pos = m.index;
      const d = t.charCodeAt(this.pos);
      if (d === QUOTE) {
        this.skipString();
        continue;
      }
      this.pos++;
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if (--depth === 0) return;
    }
  }

  /** Walks a value whose pointer is `pointer` and whose trie node is `node`. */
  value(node: TrieNode, pointer: string): void {
    this.skipSpace();
    if (node.wanted) this.found.set(pointer, lineOf(this.starts, this.pos));
    if (node.children.size === 0) {
      this.skipValue();
      return;
    }
    const c = this.text.charCodeAt(this.pos);
    if (c === OPEN_BRACE) this.object(node, pointer);
    else if (c === OPEN_BRACKET) this.array(node, pointer);
    else this.skipValue();
  }

  private object(node: TrieNode, pointer: string): void {
    this.pos++; // {
    for (;;) {
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === CLOSE_BRACE || this.pos >= this.text.length) {
        this.pos++;
        return;
      }
      if (c === COMMA) {
        this.pos++;
        continue;
      }
      const key = this.readString();
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) === COLON) this.pos++;
      const child = node.children.get(key);
      if (child === undefined) {
        this.skipSpace();
        this.skipValue();
      } else {
        this.value(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    }
  }

  private array(node: TrieNode, pointer: string): void {
    this.pos++; // [
    let index = 0;
    for (;;) {
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === CLOSE_BRACKET || this.pos >= this.text.length) {
        this.pos++;
        return;
      }
      if (c === COMMA) {
        this.pos++;
        index++;
        continue;
      }
      const child = node.children.get(String(index));
      if (child === undefined) this.skipValue();
      else this.value(child, `${pointer}/${index}`);
    }
  }
}

/**
 * Lines of the values at `pointers` in valid JSON `text`. Pointers that name
 * no value are absent from the result.
 */
export function locateJsonLines(text: string, pointers: Iterable<string>): Map<string, number> {
  const trie = buildTrie(pointers);
  const scanner = new Scanner(text);
  scanner.value(trie, '');
  return scanner.found;
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === NEWLINE) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
