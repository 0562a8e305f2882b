import type { EdgeKind } from '../../model/schema';
import type { Box } from '../geometry';
import { EDGE_STYLE } from '../icons';
import type { ViewTransform } from '../messageLayer/edgeGeometry';
import { flatten, inkShare, SMALLEST_DASH_PX, strokeInSight, type Polyline } from './edgeStrokes';
import {
  BADGE_FONT,
  LABEL_FONT,
  nameInset,
  type MotionCard,
  type MotionEdge,
  type MotionScene,
} from './motionScene';

const EDGE_KINDS = Object.keys(EDGE_STYLE) as EdgeKind[];
/** Below this many screen pixels a name is not drawn (the DOM still shows a grey smudge down to about 2 px). */
const SMALLEST_TEXT_PX = 1.5;
const CARD_RADIUS = 12;

/** The part of the flow in view, in flow coordinates, for a canvas `width` × `height` CSS pixels. */
function visibleBox(view: ViewTransform, width: number, height: number): Box {
  return {
    x: -view.x / view.zoom,
    y: -view.y / view.zoom,
    width: width / view.zoom,
    height: height / view.zoom,
  };
}

const meets = (a: Box, b: Box) =>
  a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;

/**
 * Draws the scene at `view` on a canvas of `width` × `height` CSS pixels at `pixelRatio`: edges,
 * notes, then cards with their kind stripe and name. Only what is in view is drawn.
 */
export function drawMotionScene(
  ctx: CanvasRenderingContext2D,
  scene: MotionScene,
  view: ViewTransform,
  size: { width: number; height: number; pixelRatio: number },
): void {
  const { width, height, pixelRatio } = size;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const scale = pixelRatio * view.zoom;
  ctx.setTransform(scale, 0, 0, scale, pixelRatio * view.x, pixelRatio * view.y);
  const seen = visibleBox(view, width, height);
  drawEdges(ctx, scene, seen, scale);
  drawEdgeEnds(ctx, scene, seen);
  ctx.fillStyle = scene.colours.note;
  for (const n of scene.notes) if (meets(n, seen)) ctx.fillRect(n.x, n.y, n.width, n.height);
  const cards = scene.cards.filter((c) => meets(c, seen));
  drawCards(ctx, scene, cards, scale);
  if (view.zoom * (scene.overview ? 17 : 15) >= SMALLEST_TEXT_PX) drawNames(ctx, scene, cards);
  drawLabels(ctx, scene, seen);
}

/** The mark at each edge's target, as the SVG markers draw it: a dot for a topic, else an arrow. */
function drawEdgeEnds(ctx: CanvasRenderingContext2D, scene: MotionScene, seen: Box) {
  for (const e of scene.edges) {
    if (!meets(e.box, seen)) continue;
    ctx.fillStyle = e.cut ? scene.colours.danger : scene.colours.edge[e.kind];
    ctx.beginPath();
    if (e.kind === 'topic') ctx.arc(e.end.x - 3, e.end.y, 3, 0, 2 * Math.PI);
    else {
      const { x, y, angle } = e.end;
      const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
      ctx.moveTo(x, y);
      ctx.lineTo(x - 9 * cos + 4.5 * sin, y - 9 * sin - 4.5 * cos);
      ctx.lineTo(x - 9 * cos - 4.5 * sin, y - 9 * sin + 4.5 * cos);
      ctx.closePath();
    }
    ctx.fill();
  }
}

/** Each edge's label pill: panel-coloured with the kind's border, its badge, then its text. */
function drawLabels(ctx: CanvasRenderingContext2D, scene: MotionScene, seen: Box) {
  const { colours } = scene;
  const family = scene.family;
  ctx.textBaseline = 'middle';
  for (const l of scene.labels) {
    if (!meets(l.box, seen)) continue;
    const { x, y, height } = l.box;
    const middle = y + height / 2;
    ctx.beginPath();
    ctx.roundRect(x, y, l.width, height, height / 2);
    ctx.fillStyle = colours.panel;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = colours.edge[l.kind];
    ctx.stroke();
    ctx.beginPath();
    ctx.roundRect(x + 3, middle - 8, l.badgeWidth, 16, 8);
    ctx.fillStyle = colours.edge[l.kind];
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.textAlign = 'center';
    ctx.font = BADGE_FONT(family);
    ctx.fillText(l.badge, x + 3 + l.badgeWidth / 2, middle);
    ctx.textAlign = 'left';
    ctx.font = LABEL_FONT(family);
    ctx.fillStyle = colours.text;
    ctx.fillText(l.text, x + 3 + l.badgeWidth + 4, middle);
  }
}

/** Edges by kind, so each kind's colour and dash are set once. */
function drawEdges(ctx: CanvasRenderingContext2D, scene: MotionScene, seen: Box, scale: number) {
  ctx.lineCap = 'round';
  for (const kind of EDGE_KINDS) {
    const style = EDGE_STYLE[kind];
    const dash = style.dash ? style.dash.split(' ').map(Number) : [];
    const period = dash.reduce((sum, length) => sum + length, 0);
    const dashed = dash.length > 0 && period * scale >= SMALLEST_DASH_PX;
    ctx.lineWidth = style.width;
    ctx.setLineDash(dashed ? dash : []);
    ctx.globalAlpha = dash.length > 0 && !dashed ? inkShare(dash, style.width) : 1;
    for (const cut of [false, true]) {
      ctx.strokeStyle = cut ? scene.colours.danger : scene.colours.edge[kind];
      for (const e of scene.edges) {
        if (e.kind !== kind || e.cut !== cut || !meets(e.box, seen)) continue;
        // Only a dashed edge pays for the part out of sight (see strokeInSight).
        if (!dashed || contains(seen, e.box)) ctx.stroke(e.path);
        else strokeInSight(ctx, polylineOf(e), seen);
      }
    }
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
}

const polylines = new WeakMap<MotionEdge, Polyline>();

/** The edge's curves flattened, once per snapshot. */
function polylineOf(edge: MotionEdge): Polyline {
  let line = polylines.get(edge);
  if (!line) polylines.set(edge, (line = flatten(edge.curves)));
  return line;
}

const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/** Card faces in one path, borders in another, then the kind stripes. */
function drawCards(ctx: CanvasRenderingContext2D, scene: MotionScene, cards: MotionCard[], scale: number) {
  const { colours } = scene;
  // Corners under a device pixel are not seen, and square ones draw at half the cost.
  const outline =
    CARD_RADIUS * scale >= 1
      ? (c: MotionCard) => ctx.roundRect(c.x, c.y, c.width, c.height, CARD_RADIUS)
      : (c: MotionCard) => ctx.rect(c.x, c.y, c.width, c.height);
  ctx.beginPath();
  for (const c of cards) outline(c);
  ctx.fillStyle = colours.panel;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = colours.border;
  ctx.stroke();
  for (const [flag, colour] of [
    ['down', colours.danger],
    ['selected', colours.accent],
  ] as const) {
    ctx.beginPath();
    for (const c of cards) if (c[flag]) outline(c);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2.5;
    ctx.stroke();
  }
  const stripe = scene.overview ? 7 : 3;
  const inset = scene.overview ? 10 : 12;
  for (const c of cards) {
    ctx.fillStyle = colours.kind[c.kind];
    ctx.fillRect(c.x - 1.5, c.y + inset, stripe, c.height - 2 * inset);
    if (!scene.overview) {
      // The icon's tinted square; the icon itself is left out while the view moves.
      ctx.globalAlpha = 0.13;
      ctx.beginPath();
      ctx.roundRect(c.x + 11, c.y + c.height / 2 - 15, 30, 30, 9);
      ctx.fill();
      ctx.globalAlpha = 1;
    }
  }
}

/** Each card's name, centred on the card as its text block is (the sub line left out). */
function drawNames(ctx: CanvasRenderingContext2D, scene: MotionScene, cards: MotionCard[]) {
  const size = scene.overview ? 17 : 15;
  const lineHeight = size * 1.25;
  // The sub line (12 px, 2 px below) shares the centre with the name when the card shows it.
  const below = scene.overview ? 0 : 12 * 1.2 + 2;
  ctx.font = scene.font;
  ctx.fillStyle = scene.colours.text;
  ctx.textBaseline = 'middle';
  const inset = nameInset(scene.overview);
  for (const c of cards) {
    const block = c.lines.length * lineHeight + below;
    let y = c.y + c.height / 2 - block / 2 + lineHeight / 2;
    for (const line of c.lines) {
      ctx.fillText(line, c.x + inset, y);
      y += lineHeight;
    }
  }
}
