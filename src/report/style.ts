// Terminal styling for human reports: a picocolors palette that is either
// live or a no-op, so renderers never ask whether color is on.

import pc from 'picocolors';

export type Style = ReturnType<typeof pc.createColors>;

export function createStyle(enabled: boolean): Style {
  return pc.createColors(enabled);
}

/** A style that adds no escape codes (tests, JSON, pipes). */
export const PLAIN: Style = createStyle(false);

export interface ColorContext {
  /** False when the user passed --no-color. */
  readonly colorFlag: boolean;
  /** Whether stdout is a terminal. */
  readonly isTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Color is on for a terminal unless --no-color or NO_COLOR; FORCE_COLOR turns it on. */
export function colorWanted(ctx: ColorContext): boolean {
  if (!ctx.colorFlag) return false;
  const noColor = ctx.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  const force = ctx.env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return ctx.isTty;
}

const ANSI_SGR = /\u001b\[[0-9;]*m/g;

/** Text width as a terminal shows it: escape codes take no columns. */
export function visibleLength(text: string): number {
  return text.replace(ANSI_SGR, '').length;
}
