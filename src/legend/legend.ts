import { EFFECT_KINDS, MESSAGE_LOOKS } from '../playback/types';
import type { Effect, MessageLook } from '../playback/types';
import { legendEntry, MESSAGE_LEGEND, type LegendEntry, type MarkShape, type Theme } from './entries';

export * from './entries';

/**
 * The one legend: how every message look and every effect is drawn, on the canvas and in the
 * legend panel alike (both call `traceMark`). Its own folder, so that src/canvas and src/panels
 * both import it and neither imports the other.
 */

/**
 * A 2D drawing context: a canvas's on the page or an OffscreenCanvas's in the render worker (which
 * compiles without the DOM library, so only this shape is named).
 */
export type Context2D = Omit<OffscreenCanvasRenderingContext2D, 'canvas'>;

/** Whether a shape is filled or stroked (so a batch of one look is one fill() or one stroke()). */
export const SHAPE_PAINT: Record<MarkShape, 'fill' | 'stroke'> = {
  dot: 'fill',
  donut: 'fill',
  retry: 'stroke',
  hexagon: 'fill',
  ring: 'stroke',
  cross: 'stroke',
  square: 'fill',
  diamond: 'fill',
  badge: 'fill',
  triangle: 'fill',
  burst: 'fill',
  clock: 'stroke',
  slash: 'stroke',
  double: 'stroke',
  bolt: 'stroke',
  check: 'stroke',
};

/** Every effect kind, in legend order. */
export const EFFECT_LEGEND: Record<Effect['kind'], LegendEntry> = {
  failed: legendEntry('failed', 'Failure', 'Handling failed here', 'burst', '#dc2626', '#f87171'),
  timeout: legendEntry('timeout', 'Timeout', 'The caller stopped waiting', 'clock', '#b45309', '#fcd34d'),
  refused: legendEntry(
    'refused',
    'Refused',
    'The service is down: refused at once',
    'slash',
    '#b91c1c',
    '#fca5a5',
  ),
  dropped: legendEntry(
    'dropped',
    'Dropped',
    'Lost: no durable subscription, hop limit, or at-most-once',
    'cross',
    '#57534e',
    '#a8a29e',
  ),
  'dead-lettered': legendEntry(
    'dead-lettered',
    'Dead-lettered',
    'Moved to the dead-letter queue',
    'triangle',
    '#44403c',
    '#d6d3d1',
  ),
  duplicate: legendEntry(
    'duplicate',
    'Duplicate',
    'A side effect applied twice (non-idempotent retry or redelivery)',
    'double',
    '#9333ea',
    '#c084fc',
  ),
  'circuit-open': legendEntry(
    'circuit-open',
    'Circuit open',
    'The breaker tripped: calls fail fast',
    'bolt',
    '#ca8a04',
    '#facc15',
  ),
  compensated: legendEntry(
    'compensated',
    'Compensated',
    'A saga step was undone',
    'check',
    '#db2777',
    '#f472b6',
  ),
};

/** A bundle: one particle standing for many messages of one look. */
export const BUNDLE_LEGEND = {
  label: 'Bundle',
  description: 'Many messages close together on a busy edge, sized by count',
};

/** Colours that are not marks: halo of the selected correlation, text on marks. */
export const INK: Record<Theme, { highlight: string; onMark: string; label: string; labelHalo: string }> = {
  light: { highlight: '#0f172a', onMark: '#ffffff', label: '#0f172a', labelHalo: 'rgba(255,255,255,0.9)' },
  dark: { highlight: '#f8fafc', onMark: '#0b1120', label: '#f8fafc', labelHalo: 'rgba(15,23,42,0.9)' },
};

/** Colours resolved for one theme, indexed like MESSAGE_LOOKS and EFFECT_KINDS. */
export interface Palette {
  theme: Theme;
  looks: string[];
  effects: string[];
  ink: (typeof INK)[Theme];
}

/** The palette for `theme`, with any `--ms-mark-*` CSS overrides found in `style`. */
export function resolvePalette(theme: Theme, style?: { getPropertyValue(name: string): string }): Palette {
  const pick = (e: LegendEntry) => style?.getPropertyValue(e.cssVar).trim() || e.color[theme];
  return {
    theme,
    looks: MESSAGE_LOOKS.map((l) => pick(MESSAGE_LEGEND[l])),
    effects: EFFECT_KINDS.map((k) => pick(EFFECT_LEGEND[k])),
    ink: INK[theme],
  };
}

/** The subset of the 2D context path API a mark needs (a CanvasRenderingContext2D or a Path2D). */
export type MarkPath = Pick<CanvasPath, 'moveTo' | 'lineTo' | 'arc' | 'rect' | 'closePath'>;

/** Looks that carry a saga step number on their mark. */
export const STEP_LOOKS: ReadonlySet<MessageLook> = new Set(['saga-action', 'compensation']);

/**
 * Adds the outline of `shape` centred at (x, y) with radius `r` to the current path, without
 * beginning or painting it, so a whole batch of one look becomes a single fill() or stroke().
 */
export function traceMark(p: MarkPath, shape: MarkShape, x: number, y: number, r: number): void {
  switch (shape) {
    case 'dot':
    case 'ring':
      p.moveTo(x + r, y);
      p.arc(x, y, r, 0, Math.PI * 2);
      return;
    case 'donut':
      // The hole is traced the other way round, so a plain (non-zero) fill leaves it empty.
      p.moveTo(x + r * 1.1, y);
      p.arc(x, y, r * 1.1, 0, Math.PI * 2);
      p.moveTo(x + r * 0.45, y);
      p.arc(x, y, r * 0.45, 0, Math.PI * 2, true);
      return;
    case 'retry': {
      // A circular arrow: most of a circle, with a head at its open end.
      const a0 = -Math.PI * 0.35;
      const a1 = Math.PI * 1.3;
      p.moveTo(x + Math.cos(a0) * r, y + Math.sin(a0) * r);
      p.arc(x, y, r, a0, a1);
      const hx = x + Math.cos(a1) * r;
      const hy = y + Math.sin(a1) * r;
      p.moveTo(hx - r * 0.6, hy - r * 0.15);
      p.lineTo(hx, hy);
      p.lineTo(hx + r * 0.1, hy - r * 0.65);
      return;
    }
    case 'hexagon': {
      const h = r * 1.35;
      for (let i = 0; i < 6; i++) {
        const a = (i / 6) * Math.PI * 2;
        if (i === 0) p.moveTo(x + Math.cos(a) * h, y + Math.sin(a) * h);
        else p.lineTo(x + Math.cos(a) * h, y + Math.sin(a) * h);
      }
      p.closePath();
      return;
    }
    case 'double':
      p.moveTo(x + r, y);
      p.arc(x, y, r, 0, Math.PI * 2);
      p.moveTo(x + r * 0.55, y);
      p.arc(x, y, r * 0.55, 0, Math.PI * 2);
      return;
    case 'cross': {
      const d = r * 0.8;
      p.moveTo(x - d, y - d);
      p.lineTo(x + d, y + d);
      p.moveTo(x + d, y - d);
      p.lineTo(x - d, y + d);
      return;
    }
    case 'square':
      p.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      return;
    case 'diamond':
      p.moveTo(x, y - r * 1.15);
      p.lineTo(x + r * 1.15, y);
      p.lineTo(x, y + r * 1.15);
      p.lineTo(x - r * 1.15, y);
      p.closePath();
      return;
    case 'badge': {
      // A rounded square roomy enough for a step number.
      const h = r * 1.25;
      const c = r * 0.45;
      p.moveTo(x - h + c, y - h);
      p.lineTo(x + h - c, y - h);
      p.arc(x + h - c, y - h + c, c, -Math.PI / 2, 0);
      p.lineTo(x + h, y + h - c);
      p.arc(x + h - c, y + h - c, c, 0, Math.PI / 2);
      p.lineTo(x - h + c, y + h);
      p.arc(x - h + c, y + h - c, c, Math.PI / 2, Math.PI);
      p.lineTo(x - h, y - h + c);
      p.arc(x - h + c, y - h + c, c, Math.PI, Math.PI * 1.5);
      p.closePath();
      return;
    }
    case 'triangle':
      p.moveTo(x, y + r * 1.1);
      p.lineTo(x + r * 1.1, y - r * 0.8);
      p.lineTo(x - r * 1.1, y - r * 0.8);
      p.closePath();
      return;
    case 'burst': {
      const points = 8;
      for (let i = 0; i <= points * 2; i++) {
        const a = (i / (points * 2)) * Math.PI * 2 - Math.PI / 2;
        const rr = i % 2 === 0 ? r * 1.3 : r * 0.55;
        if (i === 0) p.moveTo(x + Math.cos(a) * rr, y + Math.sin(a) * rr);
        else p.lineTo(x + Math.cos(a) * rr, y + Math.sin(a) * rr);
      }
      p.closePath();
      return;
    }
    case 'clock':
      p.moveTo(x + r, y);
      p.arc(x, y, r, 0, Math.PI * 2);
      p.moveTo(x, y);
      p.lineTo(x, y - r * 0.65);
      p.moveTo(x, y);
      p.lineTo(x + r * 0.5, y);
      return;
    case 'slash':
      p.moveTo(x + r, y);
      p.arc(x, y, r, 0, Math.PI * 2);
      p.moveTo(x - r * 0.7, y + r * 0.7);
      p.lineTo(x + r * 0.7, y - r * 0.7);
      return;
    case 'bolt':
      p.moveTo(x + r * 0.3, y - r * 1.2);
      p.lineTo(x - r * 0.5, y + r * 0.1);
      p.lineTo(x + r * 0.5, y - r * 0.1);
      p.lineTo(x - r * 0.3, y + r * 1.2);
      return;
    case 'check':
      p.moveTo(x - r * 0.9, y);
      p.lineTo(x - r * 0.2, y + r * 0.7);
      p.lineTo(x + r * 0.9, y - r * 0.8);
      return;
  }
}

/** Draws one mark on its own (legend swatches, highlights): fills or strokes as its shape wants. */
export function paintMark(
  ctx: Context2D,
  shape: MarkShape,
  x: number,
  y: number,
  r: number,
  color: string,
  label?: string,
  labelColor = '#ffffff',
): void {
  ctx.beginPath();
  traceMark(ctx, shape, x, y, r);
  if (SHAPE_PAINT[shape] === 'fill') {
    ctx.fillStyle = color;
    ctx.fill();
  } else {
    ctx.strokeStyle = color;
    ctx.lineWidth = Math.max(1.5, r * 0.4);
    ctx.stroke();
  }
  if (label) {
    ctx.fillStyle = labelColor;
    ctx.font = `700 ${Math.round(r * 1.5)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, x, y + 0.5);
  }
}
