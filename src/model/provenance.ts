// Where a rule, filter or endpoint came from, so every answer points at the
// line a person must change.

export interface SourceLocation {
  /** File as the user named it (relative or absolute as given on the command line). */
  readonly file: string;
  /** RFC 6901 JSON pointer into the document, for JSON input. */
  readonly pointer?: string;
  /** 1-based line, when known (YAML input, or JSON located by pointer). */
  readonly line?: number;
}

export interface Provenance extends SourceLocation {
  /** The vendor's identifier of the object (acl-0abc…, sg-0abc…, eni-…). */
  readonly vendorId: string;
  /** How the vendor's console shows it, e.g. "100 TCP 443 10.0.0.0/8 ALLOW". */
  readonly displayName: string;
}

export function formatLocation(loc: SourceLocation): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.pointer !== undefined) s += `#${loc.pointer}`;
  return s;
}

export function jsonPointer(...parts: (string | number)[]): string {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
