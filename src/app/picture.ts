import type { ReactFlowInstance } from '@xyflow/react';
import { createElement } from 'react';
import { edgeLabel } from '../canvas/edgeLabels';
import { SERVICE_SIZE, type Point } from '../canvas/geometry';
import { routeDiagram } from '../canvas/edgeRoutes';
import { curvesPath, pointAlong, routeCurves, STRAIGHT } from '../canvas/routing';
import { edgeBadge, EDGE_STYLE, ServiceIcon } from '../canvas/icons';
import { placeEdgeLabels } from '../canvas/edgeLabels';
import { edgeLanes } from '../canvas/messageLayer/lanes';
import { subtitle } from '../canvas/nodes/ServiceNode';
import type { Diagram, ServiceKind } from '../model/schema';
import type { Badge, Rect, Scene, SceneEdge, SceneService } from '../share/svg';
import type { ServiceView, SimView } from '../store/simulationSlice';

/** What a picture shows: the diagram alone, or also the paused run's state (badges, queues, circuits). */
export type PictureContent = 'diagram' | 'running';

/** The value of a CSS custom property of the page (the current theme's colour). */
function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** The kind icons as SVG markup, rendered once from the same component the canvas draws. */
async function iconMarkup(): Promise<Record<ServiceKind, string>> {
  const { renderToStaticMarkup } = await import('react-dom/server');
  const kinds: ServiceKind[] = ['client', 'gateway', 'service', 'database', 'external', 'orchestrator'];
  const out = {} as Record<ServiceKind, string>;
  for (const kind of kinds) {
    out[kind] = renderToStaticMarkup(createElement(ServiceIcon, { kind })).replace(
      /^<svg[^>]*>|<\/svg>$/g,
      '',
    );
  }
  return out;
}

/** Measures text with the page's own font, as the canvas lays it out. */
function textMeasurer(font: string): Scene['measure'] {
  const ctx = document.createElement('canvas').getContext('2d');
  const cache = new Map<string, number>();
  return (text, size, weight) => {
    const key = `${size}|${weight}|${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      if (ctx) {
        ctx.font = `${weight} ${size}px ${font}`;
        w = ctx.measureText(text).width;
      } else w = text.length * size * 0.56;
      cache.set(key, w);
    }
    return w;
  };
}

/** Where an edge leaves or enters a node: the handle React Flow measured, else the card's side. */
function handlePoint(flow: ReactFlowInstance, id: string, type: 'source' | 'target'): Point | null {
  const node = flow.getInternalNode(id);
  if (!node) return null;
  const { x, y } = node.internals.positionAbsolute;
  const h = node.internals.handleBounds?.[type]?.[0];
  if (h) return { x: x + h.x + (type === 'source' ? h.width : 0), y: y + h.y + h.height / 2 };
  const width = node.measured.width ?? SERVICE_SIZE.width;
  const height = node.measured.height ?? SERVICE_SIZE.height;
  return { x: type === 'source' ? x + width : x, y: y + height / 2 };
}

function serviceBadges(v: ServiceView | undefined): Badge[] {
  if (!v) return [];
  const c = (name: string, fallback: string) => cssVar(name, fallback);
  const badges: Badge[] = [];
  if (v.status === 'down') badges.push({ text: 'down', fill: c('--danger', '#dc2626'), color: '#fff' });
  else if (v.waiting > 0)
    badges.push({ text: 'Waiting…', fill: c('--accent-soft', '#eef0ff'), color: c('--accent', '#4f46e5') });
  if (v.slowFactor > 1) badges.push({ text: `×${v.slowFactor} slow`, fill: '#fef3c7', color: '#92400e' });
  if (v.injectedErrorRate > 0)
    badges.push({
      text: `${Math.round(v.injectedErrorRate * 100)}% fail`,
      fill: '#fee2e2',
      color: '#991b1b',
    });
  else if (v.failing) badges.push({ text: 'failing', fill: '#fee2e2', color: '#991b1b', stroke: '#fca5a5' });
  if (v.inbox > 0)
    badges.push({
      text: `${v.inbox} queued`,
      fill: c('--panel-2', '#f1f3f9'),
      color: c('--text', '#1c2033'),
      stroke: c('--border', '#e2e5ee'),
    });
  return badges;
}

function edgeMarks(sim: SimView, id: string): Badge[] {
  const marks: Badge[] = [];
  const channel = sim.channelsByEdge.get(id);
  if (channel && (channel.kind === 'queue' || channel.depth > 0 || channel.depthHistory.some((d) => d > 0))) {
    const color = cssVar(channel.kind === 'queue' ? '--mark-queue' : '--mark-event', '#d97706');
    const dead = channel.deadLettered > 0 ? ` ▼${channel.deadLettered}` : '';
    marks.push({
      text: `${channel.depth} waiting${dead}`,
      fill: cssVar('--panel', '#fff'),
      color: channel.depth > 20 ? cssVar('--danger', '#dc2626') : color,
      stroke: cssVar('--border', '#e2e5ee'),
    });
  }
  const circuit = sim.edges.get(id)?.circuit ?? 'closed';
  if (circuit !== 'closed')
    marks.push({
      text: circuit === 'open' ? 'CIRCUIT OPEN' : 'HALF-OPEN',
      fill: cssVar(circuit === 'open' ? '--danger' : '--warning', '#dc2626'),
      color: '#fff',
    });
  return marks;
}

/** Everything the picture draws, measured from the canvas as it is now. */
export async function buildScene(
  diagram: Diagram,
  flow: ReactFlowInstance,
  sim: SimView,
  content: PictureContent,
): Promise<Scene> {
  const running = content === 'running';
  const font = cssVar('--font', 'system-ui, sans-serif');
  const measure = textMeasurer(font);
  const icons = await iconMarkup();
  const boxOf = (id: string): Rect | null => {
    const node = flow.getInternalNode(id);
    if (!node) return null;
    const { x, y } = node.internals.positionAbsolute;
    return {
      x,
      y,
      width: node.measured.width ?? SERVICE_SIZE.width,
      height: node.measured.height ?? SERVICE_SIZE.height,
    };
  };
  const services: SceneService[] = [];
  for (const s of diagram.services) {
    const box = boxOf(s.id);
    if (!box) continue;
    const v = sim.services.get(s.id);
    services.push({
      box,
      name: s.name,
      subtitle: subtitle(s),
      color: cssVar(`--kind-${s.kind}`, '#4f46e5'),
      icon: icons[s.kind],
      ...(running && v
        ? {
            badges: serviceBadges(v),
            load: Math.min(1, (v.busy + v.waiting) / Math.max(1, v.capacity)),
            down: v.status === 'down',
            slow: v.slowFactor > 1,
          }
        : {}),
    });
  }
  const notes = diagram.notes.map((note) => ({
    box: boxOf(note.id) ?? { ...note.position, width: note.width, height: note.height },
    text: note.text,
    fill: cssVar(`--note-${note.color}`, '#fef3c7'),
  }));
  const lanes = edgeLanes(diagram.edges);
  // The labels stand where the canvas placed them (off the cards and each other), not at midpoints.
  const sizes = new Map<string, { width: number; height: number }>();
  for (const s of diagram.services) {
    const box = boxOf(s.id);
    if (box) sizes.set(s.id, { width: box.width, height: box.height });
  }
  // The same routes round cards as the canvas draws (the same cards, sizes and router).
  const routes = routeDiagram(diagram.services, diagram.notes, diagram.edges, sizes);
  const places = placeEdgeLabels(diagram.services, diagram.notes, diagram.edges, sizes, routes);
  const edges: SceneEdge[] = [];
  for (const e of diagram.edges) {
    const from = handlePoint(flow, e.from, 'source');
    const to = handlePoint(flow, e.to, 'target');
    if (!from || !to) continue;
    const curves = routeCurves(from, to, lanes.get(e.id) ?? 0, routes.get(e.id) ?? STRAIGHT);
    const place = places.get(e.id);
    const anchor = pointAlong(curves, place?.t ?? 0.5);
    const labelAt = place
      ? { x: anchor.x + place.dx, y: anchor.y + place.dy, room: place.box.width }
      : { x: anchor.x, y: anchor.y - 4, room: Math.max(90, Math.hypot(to.x - from.x, to.y - from.y) - 14) };
    const style = EDGE_STYLE[e.kind];
    const tag = edgeBadge(e);
    edges.push({
      path: curvesPath(curves),
      labelAt,
      kind: e.kind,
      color: cssVar(`--edge-${e.kind}`, '#4f46e5'),
      width: style.width,
      dash: style.dash,
      tag,
      text: edgeLabel(e),
      ...(running ? { marks: edgeMarks(sim, e.id), cut: sim.edges.get(e.id)?.cut ?? false } : {}),
    });
  }
  return {
    bounds: sceneBounds([...services, ...notes].map((x) => x.box)),
    padding: 32,
    services,
    notes,
    edges,
    measure,
    palette: {
      background: cssVar('--canvas', '#ffffff'),
      panel: cssVar('--panel', '#ffffff'),
      border: cssVar('--border', '#e2e5ee'),
      text: cssVar('--text', '#1c2033'),
      muted: cssVar('--muted', '#687089'),
      noteText: cssVar('--note-text', '#3b3320'),
      danger: cssVar('--danger', '#dc2626'),
      warning: cssVar('--warning', '#d97706'),
      success: cssVar('--success', '#059669'),
      track: cssVar('--panel-2', '#f1f3f9'),
      font,
    },
  };
}

/** The box round every card and note (as React Flow's bounds; edge labels sit between cards). */
function sceneBounds(boxes: Rect[]): Rect {
  if (boxes.length === 0) return { x: 0, y: 0, width: 1, height: 1 };
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
