// Reading fields of one Kubernetes object with diagnostics: every complaint
// names the file, the JSON pointer (its line is filled in later) and the
// object (`NetworkPolicy ns/name`). Readers never throw; a wrong type is an
// error diagnostic and the field reads as absent, and the object is marked failed.

import type { DiagnosticCode, DiagnosticSink } from '../../model/diagnostics.js';
import { DIAGNOSTIC_CODES } from '../../model/diagnostics.js';
import type { SourceLocation } from '../../model/provenance.js';
import type { InputDocument } from '../document.js';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class ObjectReader {
  /** True once an error was reported for this object. */
  failed = false;

  constructor(
    readonly doc: InputDocument,
    readonly sink: DiagnosticSink,
    /** How messages name the object, e.g. `NetworkPolicy default/web`. */
    readonly what: string,
  ) {}

  at(pointer: string): SourceLocation {
    return this.doc.at(pointer);
  }

  /** Reports at `pointer`, located at the nearest part of it the document has (a missing field points at its parent). */
  report(code: DiagnosticCode, pointer: string, message: string): void {
    if (DIAGNOSTIC_CODES[code].severity === 'error') this.failed = true;
    this.sink.report(code, `${this.doc.file}#${pointer}: ${this.what}: ${message}`, this.at(existingPrefix(this.doc.value, pointer)));
  }

  /** An object field; absent or null reads as undefined. */
  record(value: unknown, pointer: string): Json | undefined {
    if (value === undefined || value === null) return undefined;
    if (isRecord(value)) return value;
    this.report('input-invalid', pointer, `expected an object, found ${describe(value)}`);
    return undefined;
  }

  /** A list field; absent or null reads as undefined. */
  list(value: unknown, pointer: string): unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value;
    this.report('input-invalid', pointer, `expected a list, found ${describe(value)}`);
    return undefined;
  }

  string(value: unknown, pointer: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.report('input-invalid', pointer, `expected a string, found ${describe(value)}`);
    return undefined;
  }

  /** An integer in [min, max]; `code` names the diagnostic for a bad value. */
  integer(value: unknown, pointer: string, min: number, max: number, code: DiagnosticCode = 'input-invalid'): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.report(code, pointer, `expected an integer, found ${describe(value)}`);
      return undefined;
    }
    if (value < min || value > max) {
      this.report(code, pointer, `${value} is outside ${min}-${max}`);
      return undefined;
    }
    return value;
  }

  /** A map of string to string (labels); non-string values are errors. */
  stringMap(value: unknown, pointer: string, code: DiagnosticCode = 'input-invalid'): Record<string, string> {
    const out: Record<string, string> = {};
    const rec = this.record(value, pointer);
    if (rec === undefined) return out;
    for (const [k, v] of Object.entries(rec)) {
      if (typeof v === 'string') out[k] = v;
      else this.report(code, `${pointer}/${escapePointer(k)}`, `label "${k}" must have a string value, found ${describe(v)}`);
    }
    return out;
  }
}

export function escapePointer(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

/** The longest prefix of `pointer` that names a value present in `root`. */
export function existingPrefix(root: unknown, pointer: string): string {
  if (pointer === '') return pointer;
  const tokens = pointer.slice(1).split('/');
  let cur: unknown = root;
  let kept = '';
  for (const raw of tokens) {
    const t = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const next = Array.isArray(cur) ? cur[Number(t)] : isRecord(cur) ? cur[t] : undefined;
    if (next === undefined) return kept;
    cur = next;
    kept += `/${raw}`;
  }
  return kept;
}
