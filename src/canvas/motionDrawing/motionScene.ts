import type { Edge, EdgeKind, ServiceKind } from '../../model/schema';
import { edgeLabel } from '../edgeLabels';
import { edgeBadge } from '../icons';
import type { LabelPlace } from '../labelPlacement';
import type { Box, Curve } from '../geometry';
import type { AnchoredNode } from '../messageLayer/anchors';
import { anchorBox } from '../messageLayer/anchors';
import { edgeLanes } from '../messageLayer/lanes';
import { routeCurves, STRAIGHT, type Route } from '../routing';

/** A service card as the moving view draws it (flow coordinates). */
export interface MotionCard extends Box {
  kind: ServiceKind;
  /** The name as it wraps on the card: at most as many lines as the card shows. */
  lines: string[];
  selected: boolean;
  down: boolean;
}

/** An edge as the moving view draws it: its path in flow coordinates, the box round it, its end. */
export interface MotionEdge {
  kind: EdgeKind;
  path: Path2D;
  /** The curves `path` draws, flattened on demand when only part of the edge is in sight. */
  curves: Curve[];
  box: Box;
  cut: boolean;
  /** Where it meets its target, and the direction it arrives in (radians). */
  end: { x: number; y: number; angle: number };
}

/** An edge's label pill: centred on `x`, its bottom at `bottom`, with the kind's badge and the text. */
export interface MotionLabel {
  kind: EdgeKind;
  x: number;
  bottom: number;
  badge: string;
  badgeWidth: number;
  text: string;
  width: number;
  box: Box;
}

/** The theme's colours, read once when a move starts. */
export interface MotionColours {
  panel: string;
  border: string;
  text: string;
  accent: string;
  danger: string;
  note: string;
  kind: Record<ServiceKind, string>;
  edge: Record<EdgeKind, string>;
}

/** What the view draws while it moves: a snapshot of the diagram taken when the move starts. */
export interface MotionScene {
  cards: MotionCard[];
  notes: Box[];
  edges: MotionEdge[];
  labels: MotionLabel[];
  colours: MotionColours;
  /** Zoomed out (the cards show their name only, in a larger type). */
  overview: boolean;
  /** The type of the cards' names, and the page's font family. */
  font: string;
  family: string;
}

/** A node as React Flow holds it, with what the scene reads. */
export type SceneNode = AnchoredNode & { type?: string; data: unknown };

/** What the scene is made from: React Flow's nodes and the store's diagram, run state and selection. */
export interface SceneInput {
  nodes: ReadonlyMap<string, SceneNode>;
  services: ReadonlyArray<{ id: string; name: string; kind: ServiceKind }>;
  notes: ReadonlyArray<{ id: string }>;
  edges: readonly Edge[];
  routes: ReadonlyMap<string, Route> | null;
  /** Where the canvas placed each edge's label (none zoomed out, where the DOM shows none either). */
  labelPlaces: ReadonlyMap<string, LabelPlace> | null;
  selection: ReadonlySet<string>;
  isDown: (serviceId: string) => boolean;
  isCut: (edgeId: string) => boolean;
  colours: MotionColours;
  overview: boolean;
  font: string;
  /** The width of `text` in CSS `font`, in pixels. */
  measure: (text: string, font: string) => number;
}

/** The type of an edge label and of its sync badge (styles.css `.elabel`, `.elabel__proto`). */
export const LABEL_FONT = (family: string) => `500 10.5px ${family}`;
export const BADGE_FONT = (family: string) => `700 9px ${family}`;
/** A label pill's height: its 16 px badge and 2 px padding above and below. */
export const LABEL_PILL_HEIGHT = 20;

/** The name's type on a card: as styles.css sets `.svc__name` (larger when zoomed out). */
export function nameFont(overview: boolean, family: string): string {
  return overview ? `700 17px ${family}` : `600 15px ${family}`;
}

/**
 * Where a card's name starts, from its left side (styles.css): border and padding, then the 30 px
 * icon and the 8 px gap, or zoomed out (no icon) the name's own 8 px inset.
 */
export function nameInset(overview: boolean): number {
  return overview ? 19 : 49;
}

/** Takes the snapshot: every card and note where React Flow has it, every edge as it is drawn. */
export function buildMotionScene(input: SceneInput): MotionScene {
  const font = nameFont(input.overview, input.font);
  const cards: MotionCard[] = [];
  for (const s of input.services) {
    const node = input.nodes.get(s.id);
    if (!node) continue;
    const box = cardBox(node);
    const textWidth = box.width - nameInset(input.overview) - 11;
    cards.push({
      ...box,
      kind: s.kind,
      lines: wrapText(input.measure, s.name, textWidth, font, input.overview ? 3 : 2),
      selected: input.selection.has(s.id),
      down: input.isDown(s.id),
    });
  }
  const notes: Box[] = [];
  for (const n of input.notes) {
    const node = input.nodes.get(n.id);
    if (node) notes.push(cardBox(node));
  }
  return {
    cards,
    notes,
    edges: sceneEdges(input),
    labels: input.overview ? [] : sceneLabels(input),
    colours: input.colours,
    overview: input.overview,
    font,
    family: input.font,
  };
}

/** Each placed label as the DOM shows it: badge (protocol, saga step or kind glyph) and text. */
function sceneLabels(input: SceneInput): MotionLabel[] {
  const out: MotionLabel[] = [];
  const labelFont = LABEL_FONT(input.font);
  const badgeFont = BADGE_FONT(input.font);
  for (const e of input.edges) {
    const place = input.labelPlaces?.get(e.id);
    if (!place) continue;
    const badge = edgeBadge(e);
    const badgeWidth = e.kind === 'sync' ? input.measure(badge, badgeFont) + 10 : 16;
    const [text] = wrapText(input.measure, edgeLabel(e), 200 - badgeWidth, labelFont, 1);
    const width = Math.min(220, 3 + badgeWidth + 4 + input.measure(text!, labelFont) + 7 + 2);
    const x = place.box.x + place.box.width / 2;
    const bottom = place.box.y + place.box.height;
    const box = { x: x - width / 2, y: bottom - LABEL_PILL_HEIGHT, width, height: LABEL_PILL_HEIGHT };
    out.push({ kind: e.kind, x, bottom, badge, badgeWidth, text: text!, width, box });
  }
  return out;
}

/** Greedy word wrap into at most `maxLines` lines; the last line ends in "…" if the text goes on. */
export function wrapText(
  measure: (text: string, font: string) => number,
  text: string,
  width: number,
  font: string,
  maxLines: number,
): string[] {
  const fits = (line: string) => measure(line, font) <= width;
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i]!;
    if (fits(next) || !line) {
      line = next;
      continue;
    }
    lines.push(line);
    if (lines.length === maxLines - 1) {
      line = words.slice(i).join(' ');
      break;
    }
    line = words[i]!;
  }
  if (line || lines.length === 0) lines.push(line);
  const last = lines.length - 1;
  if (!fits(lines[last]!)) {
    let cut = lines[last]!;
    while (cut.length > 1 && !fits(`${cut}…`)) cut = cut.slice(0, -1);
    lines[last] = `${cut}…`;
  }
  return lines;
}

function cardBox(node: SceneNode): Box {
  const at = node.internals.positionAbsolute;
  return {
    x: at.x,
    y: at.y,
    width: node.measured.width ?? node.width ?? 0,
    height: node.measured.height ?? node.height ?? 0,
  };
}

/** Each edge's curves as KindEdge draws them: handle to handle, in its lane, round its waypoints. */
function sceneEdges(input: SceneInput): MotionEdge[] {
  const lanes = edgeLanes(input.edges);
  const source: Box = { x: 0, y: 0, width: 0, height: 0 };
  const target: Box = { x: 0, y: 0, width: 0, height: 0 };
  const out: MotionEdge[] = [];
  for (const e of input.edges) {
    const from = input.nodes.get(e.from);
    const to = input.nodes.get(e.to);
    if (!from || !to) continue;
    anchorBox(from, source);
    anchorBox(to, target);
    const curves = routeCurves(
      { x: source.x + source.width, y: source.y + source.height / 2 },
      { x: target.x, y: target.y + target.height / 2 },
      lanes.get(e.id) ?? 0,
      input.routes?.get(e.id) ?? STRAIGHT,
    );
    const path = new Path2D();
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    path.moveTo(curves[0]!.p0.x, curves[0]!.p0.y);
    for (const c of curves) {
      path.bezierCurveTo(c.p1.x, c.p1.y, c.p2.x, c.p2.y, c.p3.x, c.p3.y);
      for (const p of [c.p0, c.p1, c.p2, c.p3]) {
        minX = Math.min(minX, p.x);
        minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x);
        maxY = Math.max(maxY, p.y);
      }
    }
    const box = { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
    const last = curves[curves.length - 1]!;
    const angle = Math.atan2(last.p3.y - last.p2.y, last.p3.x - last.p2.x);
    out.push({ kind: e.kind, path, curves, box, cut: input.isCut(e.id), end: { ...last.p3, angle } });
  }
  return out;
}
