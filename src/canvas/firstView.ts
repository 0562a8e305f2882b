import { getViewportForBounds, type Viewport } from '@xyflow/react';
import type { Box } from './geometry';

/** Where an empty canvas (or a diagram without a saved view) starts looking. */
export const START_VIEWPORT = { x: 40, y: 40, zoom: 1 };

/**
 * The margin round a fitted diagram, in pixels (so a wide diagram isn't shrunk further by a margin
 * proportional to it: every pixel of zoom is readability), a little more at the top for the legend
 * button.
 */
const MARGIN = { top: 44, right: 20, bottom: 20, left: 20 };
/** No closer than a little over life size. */
const MAX_ZOOM = 1.2;
/** As far out as the canvas goes (Canvas's minZoom). */
const MIN_ZOOM = 0.1;
/** Space kept between a card and a panel drawn over the canvas (the minimap, the zoom buttons). */
const GAP = 12;
/** A canvas this narrow is a phone's (the app's phone layout starts at 720 px). */
export const PHONE_CANVAS_WIDTH = 720;
/** The zoom at which a service's name (15 px) reads at 11 px or more on screen (11.25 px). */
export const READABLE_ZOOM = 0.75;

type Margin = typeof MARGIN;

/** React Flow's fitView options for the same margin: what "fit" commands use to show the whole. */
export const FIT = {
  padding: {
    top: `${MARGIN.top}px`,
    right: `${MARGIN.right}px`,
    bottom: `${MARGIN.bottom}px`,
    left: `${MARGIN.left}px`,
  },
  maxZoom: MAX_ZOOM,
} as const;

/**
 * How a diagram is first shown in a canvas: all of it, as large as fits, with no card under a panel
 * drawn over the canvas (`panels`, in canvas pixels). On a phone, where all of it would be too small
 * to read, it starts at the diagram's left (where requests enter) at a zoom where names are readable,
 * and the person pans to see the rest. `nodes` are the cards' boxes in flow coordinates.
 */
export function firstViewport(
  nodes: Box[],
  canvas: { width: number; height: number },
  panels: Box[],
): Viewport {
  if (nodes.length === 0) return START_VIEWPORT;
  const phone =
    canvas.width <= PHONE_CANVAS_WIDTH && fitBounds(boundsOf(nodes), canvas, MARGIN).zoom < READABLE_ZOOM;
  if (!phone) return fitViewport(nodes, canvas, panels);
  return clearOfPanels(nodes, canvas, panels, (margin) => readableStart(nodes, canvas, margin));
}

/**
 * The whole diagram, as large as fits, with no card under a panel drawn over the canvas: what the
 * Fit command shows (on a phone too, where the first view may show only the diagram's left).
 */
export function fitViewport(
  nodes: Box[],
  canvas: { width: number; height: number },
  panels: Box[],
): Viewport {
  if (nodes.length === 0) return START_VIEWPORT;
  const bounds = boundsOf(nodes);
  return clearOfPanels(nodes, canvas, panels, (margin) => fitBounds(bounds, canvas, margin));
}

/** `fit` with the plain margins, or, where that puts a card under a panel, with margins clear of it. */
function clearOfPanels(
  nodes: Box[],
  canvas: { width: number; height: number },
  panels: Box[],
  fit: (margin: Margin) => Viewport,
): Viewport {
  const covered = (v: Viewport) => nodes.some((n) => panels.some((p) => overlaps(onScreen(n, v), p)));
  const plain = fit(MARGIN);
  if (!covered(plain)) return plain;
  // A card under the minimap or the zoom buttons: keep their band free, above or beside them,
  // whichever leaves the diagram larger.
  const clear = [marginsClearOf(panels, canvas, 'vertical'), marginsClearOf(panels, canvas, 'horizontal')]
    .map(fit)
    .filter((v) => !covered(v))
    .sort((a, b) => b.zoom - a.zoom);
  return clear[0] ?? plain;
}

function fitBounds(bounds: Box, canvas: { width: number; height: number }, margin: Margin): Viewport {
  return getViewportForBounds(bounds, canvas.width, canvas.height, MIN_ZOOM, MAX_ZOOM, {
    top: `${margin.top}px`,
    right: `${margin.right}px`,
    bottom: `${margin.bottom}px`,
    left: `${margin.left}px`,
  });
}

/**
 * At the readable zoom, the diagram's left edge at the margin (a card cut off at the right says
 * there is more to pan to), centred on the height of the cards that fit across.
 */
function readableStart(nodes: Box[], canvas: { width: number; height: number }, margin: Margin): Viewport {
  const zoom = READABLE_ZOOM;
  const left = Math.min(...nodes.map((n) => n.x));
  const reach = left + (canvas.width - margin.left - margin.right) / zoom;
  const part = nodes.filter((n) => n.x < reach);
  const b = boundsOf(part);
  const room = canvas.height - margin.top - margin.bottom - b.height * zoom;
  return { zoom, x: margin.left - left * zoom, y: margin.top + Math.max(0, room / 2) - b.y * zoom };
}

/** The margins that keep every panel's band free: its rows (`vertical`) or its columns. */
function marginsClearOf(
  panels: Box[],
  canvas: { width: number; height: number },
  direction: 'vertical' | 'horizontal',
): Margin {
  const m = { ...MARGIN };
  for (const p of panels) {
    if (direction === 'vertical') {
      if (p.y + p.height / 2 > canvas.height / 2) m.bottom = Math.max(m.bottom, canvas.height - p.y + GAP);
      else m.top = Math.max(m.top, p.y + p.height + GAP);
    } else if (p.x + p.width / 2 > canvas.width / 2) m.right = Math.max(m.right, canvas.width - p.x + GAP);
    else m.left = Math.max(m.left, p.x + p.width + GAP);
  }
  return m;
}

function boundsOf(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

function onScreen(b: Box, v: Viewport): Box {
  return { x: b.x * v.zoom + v.x, y: b.y * v.zoom + v.y, width: b.width * v.zoom, height: b.height * v.zoom };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
