import type { MessageLook } from '../playback/types';

/**
 * The legend's entries for message looks: what each is called, its shape and its colours. Apart from
 * the drawing (legend.ts) because the canvas's first draw needs only the colours (the edges' mark
 * colours as CSS properties), and the code that draws the marks loads with the message layer
 * (issue 10). legend.ts re-exports everything here: it is still the one legend.
 */

export type Theme = 'light' | 'dark';

/** Shapes a mark can take; each is drawn by `traceMark` and painted as `SHAPE_PAINT` says. */
export type MarkShape =
  | 'dot'
  | 'donut'
  | 'retry'
  | 'hexagon'
  | 'ring'
  | 'cross'
  | 'square'
  | 'diamond'
  | 'badge'
  | 'triangle'
  | 'burst'
  | 'clock'
  | 'slash'
  | 'double'
  | 'bolt'
  | 'check';

export interface LegendEntry {
  label: string;
  description: string;
  shape: MarkShape;
  color: Record<Theme, string>;
  /** A CSS custom property that, when set on the canvas or an ancestor, overrides the colour. */
  cssVar: string;
}

/** An entry of the legend; its colour can be overridden by the CSS property `--ms-mark-<key>`. */
export const legendEntry = (
  key: string,
  label: string,
  description: string,
  shape: MarkShape,
  light: string,
  dark: string,
): LegendEntry => ({ label, description, shape, color: { light, dark }, cssVar: `--ms-mark-${key}` });

/** Every message look, in legend order. */
export const MESSAGE_LEGEND: Record<MessageLook, LegendEntry> = {
  request: legendEntry(
    'request',
    'Request',
    'A sync call travelling to the callee',
    'dot',
    '#2563eb',
    '#60a5fa',
  ),
  'reply-ok': legendEntry(
    'reply-ok',
    'Reply (ok)',
    'A successful reply travelling back (a disc with a hole)',
    'donut',
    '#16a34a',
    '#4ade80',
  ),
  'reply-error': legendEntry(
    'reply-error',
    'Reply (error)',
    'A failed reply travelling back',
    'cross',
    '#dc2626',
    '#f87171',
  ),
  queue: legendEntry(
    'queue',
    'Queue message',
    'Sent to a queue; waits there for one consumer',
    'square',
    '#d97706',
    '#fbbf24',
  ),
  event: legendEntry(
    'event',
    'Event',
    'Published to a topic; every subscriber gets a copy',
    'diamond',
    '#7c3aed',
    '#a78bfa',
  ),
  'saga-action': legendEntry(
    'saga-action',
    'Saga action',
    'A saga step, with its step number',
    'badge',
    '#0d9488',
    '#2dd4bf',
  ),
  compensation: legendEntry(
    'compensation',
    'Compensation',
    'Undoes a completed step, in reverse order (a hexagon with the step it undoes)',
    'hexagon',
    '#db2777',
    '#f472b6',
  ),
  retry: legendEntry(
    'retry',
    'Retry',
    'The same request sent again after a backoff',
    'retry',
    '#ea580c',
    '#fb923c',
  ),
  'dead-letter': legendEntry(
    'dead-letter',
    'Dead letter',
    'Gave up after max deliveries; parked in the DLQ',
    'triangle',
    '#44403c',
    '#d6d3d1',
  ),
};
