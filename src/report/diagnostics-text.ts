// Diagnostics for a person, compiler style: `file:line: error code: message`.
// Errors are always listed in full; warnings are listed up to a few per code
// and infos summarised one line per code, unless verbose.

import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode, type Severity } from '../model/diagnostics.js';
import { formatWhere, plural } from './describe.js';
import { PLAIN, type Style } from './style.js';

export interface DiagnosticsTextOptions {
  readonly style?: Style;
  /** List every warning and info. */
  readonly verbose?: boolean;
  /** Warnings listed per code before the rest is counted. Default 3. */
  readonly warningsPerCode?: number;
}

function severityText(s: Severity, style: Style): string {
  if (s === 'error') return style.red(style.bold('error'));
  if (s === 'warning') return style.yellow('warning');
  return style.cyan('info');
}

/**
 * Where a diagnostic points, and its message without a leading copy of that
 * place (loaders often start messages with `file:line:col: `; a column there
 * is kept, being more precise than the location's line).
 */
export function splitLocation(d: Diagnostic): { readonly where: string; readonly message: string } {
  if (d.location === undefined) return { where: '', message: d.message };
  const where = formatWhere(d.location);
  if (!d.message.startsWith(d.location.file)) return { where, message: d.message };
  const cut = d.message.indexOf(': ', d.location.file.length);
  if (cut < 0) return { where, message: d.message };
  const token = d.message.slice(0, cut);
  const finer = token.startsWith(where) && /^:\d+$/.test(token.slice(where.length));
  return { where: finer ? token : where, message: d.message.slice(cut + 2) };
}

/** One diagnostic on one line. */
export function formatDiagnostic(d: Diagnostic, style: Style = PLAIN): string {
  const { where, message } = splitLocation(d);
  return `${where === '' ? '' : `${where}: `}${severityText(d.severity, style)} ${d.code}: ${message}`;
}

function byCode(diags: readonly Diagnostic[]): Map<DiagnosticCode, Diagnostic[]> {
  const groups = new Map<DiagnosticCode, Diagnostic[]>();
  for (const d of diags) {
    const g = groups.get(d.code);
    if (g === undefined) groups.set(d.code, [d]);
    else g.push(d);
  }
  return groups;
}

/** Lines for stderr: errors first, then warnings, then infos. */
export function formatDiagnostics(diags: readonly Diagnostic[], options: DiagnosticsTextOptions = {}): string[] {
  const style = options.style ?? PLAIN;
  const verbose = options.verbose ?? false;
  const perCode = options.warningsPerCode ?? 3;
  const lines: string[] = [];
  for (const d of diags.filter((x) => x.severity === 'error')) lines.push(formatDiagnostic(d, style));
  for (const [code, group] of byCode(diags.filter((x) => x.severity === 'warning'))) {
    const shown = verbose ? group : group.slice(0, perCode);
    for (const d of shown) lines.push(formatDiagnostic(d, style));
    if (shown.length < group.length) {
      lines.push(style.dim(`  … and ${plural(group.length - shown.length, `more ${code} warning`)} (--verbose lists them)`));
    }
  }
  for (const [code, group] of byCode(diags.filter((x) => x.severity === 'info'))) {
    if (verbose || group.length === 1) {
      for (const d of group) lines.push(formatDiagnostic(d, style));
    } else {
      lines.push(`${severityText('info', style)} ${code}: ${DIAGNOSTIC_CODES[code].title} (${group.length} times; --verbose lists them)`);
    }
  }
  return lines;
}

/** `1 error, 2 warnings, 3 infos`, or the empty string when there are none. */
export function diagnosticsTally(diags: readonly Diagnostic[]): string {
  const n = (s: Severity): number => diags.filter((d) => d.severity === s).length;
  const parts: string[] = [];
  if (n('error') > 0) parts.push(plural(n('error'), 'error'));
  if (n('warning') > 0) parts.push(plural(n('warning'), 'warning'));
  if (n('info') > 0) parts.push(plural(n('info'), 'info'));
  return parts.join(', ');
}
