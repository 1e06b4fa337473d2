// One parsed input file: its value, and source locations for JSON pointers
// into it. Locations are handed out as objects whose `line` is filled in by
// `resolveLines()` after conversion, in a single pass over the text, so a large
// file is never re-scanned per rule.

import { LineCounter, parseAllDocuments, parseDocument, isNode, type Document } from 'yaml';
import type { Provenance, SourceLocation } from '../model/provenance.js';
import type { DiagnosticSink } from '../model/diagnostics.js';
import { lineAndColumn, locateJsonLines, pointerTokens } from './json-lines.js';

export type DocumentFormat = 'json' | 'yaml';

interface MutableLocation {
  file: string;
  pointer: string;
  line?: number;
}

export class InputDocument {
  private readonly requested: MutableLocation[] = [];

  constructor(
    /** The file as the user named it (or as found under a named folder). */
    readonly file: string,
    readonly format: DocumentFormat,
    readonly value: unknown,
    private readonly text: string,
    private readonly yamlLines?: (pointer: string) => number | undefined,
  ) {}

  /** A location for `pointer`; its line is filled in by `resolveLines()`. */
  at(pointer: string): SourceLocation {
    const loc: MutableLocation = { file: this.file, pointer };
    this.requested.push(loc);
    return loc;
  }

  /** Provenance at `pointer`; its line is filled in by `resolveLines()`. */
  provenance(pointer: string, vendorId: string, displayName: string): Provenance {
    const prov: MutableLocation & { vendorId: string; displayName: string } = {
      file: this.file,
      pointer,
      vendorId,
      displayName,
    };
    this.requested.push(prov);
    return prov;
  }

  /** Fills the line of every location handed out so far (one pass per file). */
  resolveLines(): void {
    if (this.requested.length === 0) return;
    const pending = this.requested.filter((l) => l.line === undefined);
    if (pending.length === 0) return;
    if (this.format === 'yaml') {
      for (const loc of pending) {
        const line = this.yamlLines?.(loc.pointer);
        if (line !== undefined) loc.line = line;
      }
      return;
    }
    const lines = locateJsonLines(
      this.text,
      pending.map((l) => l.pointer),
    );
    for (const loc of pending) {
      const line = lines.get(loc.pointer);
      if (line !== undefined) loc.line = line;
    }
  }
}

function looksLikeYaml(file: string, text: string): boolean {
  if (/\.ya?ml$/i.test(file)) return true;
  if (/\.json$/i.test(file)) return false;
  const first = /\S/.exec(text);
  return first !== null && first[0] !== '{' && first[0] !== '[';
}

/** Byte offset named by V8's JSON.parse message, or the end of the text. */
function jsonErrorOffset(message: string, text: string): number {
  const m = /at position (\d+)/.exec(message);
  return m ? Number(m[1]) : text.length;
}

function parseJson(file: string, text: string, sink: DiagnosticSink): InputDocument | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return new InputDocument(file, 'json', value, text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const { line, column } = lineAndColumn(text, jsonErrorOffset(message, text));
    const reason = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/^SyntaxError:\s*/, '');
    sink.report('input-malformed', `${file}:${line}:${column}: not valid JSON: ${reason}`, { file, line });
    return undefined;
  }
}

function parseYaml(file: string, text: string, sink: DiagnosticSink): InputDocument | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = first.linePos?.[0];
    const line = pos?.line ?? 1;
    const column = pos?.col ?? 1;
    const reason = first.message.split('\n')[0] ?? 'syntax error';
    sink.report('input-malformed', `${file}:${line}:${column}: not valid YAML: ${reason}`, { file, line });
    return undefined;
  }
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  const yamlLines = (pointer: string): number | undefined => {
    const path = pointerTokens(pointer).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
    const node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (!isNode(node) || node.range === undefined || node.range === null) return undefined;
    return lineCounter.linePos(node.range[0]).line;
  };
  return new InputDocument(file, 'yaml', value, text, yamlLines);
}

function yamlLineFinder(doc: Document, lineCounter: LineCounter): (pointer: string) => number | undefined {
  return (pointer: string): number | undefined => {
    const path = pointerTokens(pointer).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
    const node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (!isNode(node) || node.range === undefined || node.range === null) return undefined;
    return lineCounter.linePos(node.range[0]).line;
  };
}

/**
 * Every document of a multi-document YAML stream (`---` separated), each its
 * own InputDocument whose pointers start at that document's root; empty
 * documents are left out. A syntax error anywhere yields `input-malformed`
 * and no documents.
 */
function parseYamlStream(file: string, text: string, sink: DiagnosticSink): InputDocument[] | undefined {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs) {
    const first = doc.errors[0];
    if (first === undefined) continue;
    const pos = first.linePos?.[0];
    const line = pos?.line ?? 1;
    const column = pos?.col ?? 1;
    const reason = first.message.split('\n')[0] ?? 'syntax error';
    sink.report('input-malformed', `${file}:${line}:${column}: not valid YAML: ${reason}`, { file, line });
    return undefined;
  }
  const out: InputDocument[] = [];
  for (const doc of docs) {
    if (doc.contents === null) continue;
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue; // only comments, or an empty `---` section
    out.push(new InputDocument(file, 'yaml', value, text, yamlLineFinder(doc, lineCounter)));
  }
  return out;
}

/**
 * Like `parseInput`, but a YAML file may hold several documents (one
 * InputDocument each, in file order). JSON yields one document.
 */
export function parseInputDocuments(file: string, text: string, sink: DiagnosticSink): InputDocument[] | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksLikeYaml(file, body)) return parseYamlStream(file, body, sink);
  const doc = parseJson(file, body, sink);
  return doc === undefined ? undefined : [doc];
}

/**
 * Parses a file's text as JSON (by default) or YAML (`.yaml`/`.yml`, or text
 * that does not start with `{` or `[`). Malformed text yields an
 * `input-malformed` diagnostic with file:line:column and no document.
 */
export function parseInput(file: string, text: string, sink: DiagnosticSink): InputDocument | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return looksLikeYaml(file, body) ? parseYaml(file, body, sink) : parseJson(file, body, sink);
}
