import type { ArrowStyle, Sequence } from './sequence';

/** Mermaid's arrow for each style: solid for calls, dotted for replies, open for async, a cross for errors. */
const ARROWS: Record<ArrowStyle, string> = {
  request: '->>',
  reply: '-->>',
  error: '--x',
  async: '-)',
  ack: '--)',
  compensation: '->>',
};

/**
 * The sequence as Mermaid `sequenceDiagram` text, which Mermaid renders unchanged: one participant
 * per lifeline (a queue's broker named `… (queue)`), messages with their arrows, notes over a lifeline.
 * `title` becomes the diagram's title.
 */
export function sequenceToMermaid(sequence: Sequence, title?: string): string {
  const ids = new Map(sequence.lifelines.map((l, i) => [l.id, `p${i}`]));
  const lines = ['sequenceDiagram'];
  if (title) lines.push(`  title ${text(title)}`);
  for (const l of sequence.lifelines) {
    lines.push(
      `  participant ${ids.get(l.id)!} as ${text(l.kind === 'queue' ? `${l.label} (queue)` : l.label)}`,
    );
  }
  for (const step of sequence.steps) {
    if (step.kind === 'message') {
      lines.push(`  ${ids.get(step.from)!}${ARROWS[step.style]}${ids.get(step.to)!}: ${text(step.label)}`);
    } else {
      lines.push(`  Note over ${ids.get(step.over)!}: ${text(step.text)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * Text Mermaid reads literally: no line break, and the characters its grammar gives a meaning
 * (`;` ends a statement, `#` starts an entity, `:` starts a message's text, `%%` a comment, and
 * `-`/`>`/`+`/`,` in a participant name) written as entity codes.
 */
function text(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/[#;:%<>+,-]/g, (c) => `#${c.charCodeAt(0)};`)
    .trim();
}
