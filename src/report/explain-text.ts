// The fate of one concrete packet (`netproof explain`) as text: the packet,
// who sends and receives it, every layer in path order with its deciding
// rule, the overall verdict, and for TCP whether the reply gets back.

import type { Assumption } from '../model/estate.js';
import { reversePacket } from '../model/packet.js';
import type { Witness } from '../queries/answer.js';
import { formatParty, formatAssumptions } from './answer-text.js';
import { formatPacket } from './describe.js';
import { describeBlock, formatPathLines } from './path-text.js';
import { PLAIN, type Style } from './style.js';

/** A replayed packet: the same shape as a query witness, plus what it assumes. */
export interface Explanation extends Witness {
  readonly assumptions: readonly Assumption[];
}

function labelled(label: string, text: string): string {
  return `${label.padEnd(10)}${text}`.trimEnd();
}

export function formatExplanation(e: Explanation, style: Style = PLAIN): string[] {
  const lines = [
    labelled('packet', style.bold(formatPacket(e.packet))),
    labelled('from', formatParty(e.src)),
    labelled('to', formatParty(e.dst)),
    '',
    ...formatPathLines(e.path, { style, indent: '  ' }),
    '',
    labelled(
      'verdict',
      e.path.allowed
        ? style.green(style.bold('ALLOWED')) + ': every layer lets it through'
        : `${style.red(style.bold('DENIED'))} at ${describeBlock(e.path) ?? 'a layer'}`,
    ),
  ];
  if (e.reply !== undefined && e.path.allowed) {
    if (e.reply.layers.length === 0) {
      lines.push(labelled('reply', 'allowed (only stateful layers on the path, which admit replies)'));
    } else {
      lines.push(
        labelled(
          'reply',
          e.reply.allowed
            ? `${style.green('allowed')}: ${formatPacket(reversePacket(e.packet))} passes every stateless layer`
            : `${style.red(style.bold('blocked'))} at ${describeBlock(e.reply) ?? 'a layer'}: the connection cannot complete`,
        ),
      );
      lines.push(...formatPathLines(e.reply, { style, indent: '  ' }));
    }
  }
  if (e.assumptions.length > 0) {
    lines.push(labelled('assumes', ''));
    lines.push(...formatAssumptions(e.assumptions, '  '));
  }
  return lines;
}
