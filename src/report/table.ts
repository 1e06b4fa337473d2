// A small aligned text table for the terminal: left- or right-aligned
// columns padded to their widest cell (escape codes do not count), two spaces
// between columns, no trailing blanks.

import { visibleLength } from './style.js';

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

export interface TableOptions {
  /** Prefix of every line, e.g. two spaces of indentation. */
  readonly indent?: string;
  /** Print the header row (and a rule under it). Default true. */
  readonly header?: boolean;
  /** Styles the header cells (e.g. bold); receives the padded text. */
  readonly styleHeader?: (text: string) => string;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleLength(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Renders rows (missing cells are empty) under the columns; returns lines. */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string[] {
  const indent = options.indent ?? '';
  const showHeader = options.header ?? true;
  const widths = columns.map((c, i) =>
    Math.max(showHeader ? visibleLength(c.header) : 0, ...rows.map((r) => visibleLength(r[i] ?? ''))),
  );
  const render = (cells: readonly string[], style?: (t: string) => string): string => {
    const parts = columns.map((c, i) => {
      const last = i === columns.length - 1;
      const align = c.align ?? 'left';
      const cell = cells[i] ?? '';
      const padded = last && align === 'left' ? cell : pad(cell, widths[i] ?? 0, align);
      return style ? style(padded) : padded;
    });
    return (indent + parts.join('  ')).trimEnd();
  };
  const lines: string[] = [];
  if (showHeader) {
    lines.push(render(columns.map((c) => c.header), options.styleHeader));
    lines.push(indent + widths.map((w) => '─'.repeat(w)).join('  '));
  }
  for (const row of rows) lines.push(render(row));
  return lines;
}
