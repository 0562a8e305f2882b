import type { Diagram, Edge } from '../model/schema';
import { SERVICE_SIZE, type Box } from './geometry';
import { placeLabels, type LabelPlace, type LabelRequest } from './labelPlacement';
import { edgeLanes } from './messageLayer/lanes';
import { routeCurves, STRAIGHT, type Route } from './routing';

type Sizes = ReadonlyMap<string, { width: number; height: number }>;

/** The short label an edge carries: protocol, channel, topic or saga step. */
export function edgeLabel(e: Edge): string {
  switch (e.kind) {
    case 'sync':
      return e.message || 'call';
    case 'queue':
      return e.channel;
    case 'topic':
      return e.topic;
    case 'saga':
      return `${e.saga} · ${e.action || e.message}`;
  }
}

/** The widest a label gets; a longer text ends in an ellipsis (the full text is in its tooltip). */
const MAX_LABEL_WIDTH = 220;
/** One row of label: a 16 px badge, padding and border. */
const LABEL_HEIGHT = 22;
/** The queue's mark drawn above a queue edge's label during a run (stack, count, sparkline). */
const CHANNEL_ROW = { width: 120, height: 23 };
/** The circuit breaker's state ("CIRCUIT OPEN") above a sync edge's label during a run. */
const CIRCUIT_ROW = { width: 96, height: 20 };

/**
 * The box an edge's annotations need, in flow pixels: its label (10.5 px text, a badge, padding),
 * plus room for what a run stacks above it, so a run never pushes a tag onto a card.
 */
export function labelSize(e: Edge): { width: number; height: number } {
  const badge = e.kind === 'sync' ? 36 : 20;
  let width = Math.min(MAX_LABEL_WIDTH, Math.ceil(badge + edgeLabel(e).length * 6.6 + 16));
  let height = LABEL_HEIGHT;
  if (e.kind === 'queue') {
    width = Math.max(width, CHANNEL_ROW.width);
    height += CHANNEL_ROW.height;
  }
  if (e.kind === 'sync' && e.breaker.enabled) {
    width = Math.max(width, CIRCUIT_ROW.width);
    height += CIRCUIT_ROW.height;
  }
  return { width, height };
}

/**
 * Where every edge's label goes for this diagram: off the cards (services and notes) and off each
 * other, along each edge's route (see routing.ts). Run when the diagram or the cards' sizes change,
 * never per frame.
 */
export function placeEdgeLabels(
  services: Diagram['services'],
  notes: Diagram['notes'],
  edges: Diagram['edges'],
  measured: Sizes,
  routes?: ReadonlyMap<string, Route>,
): Map<string, LabelPlace> {
  const boxes = new Map<string, Box>();
  for (const s of services) boxes.set(s.id, { ...s.position, ...(measured.get(s.id) ?? SERVICE_SIZE) });
  const cards = [
    ...boxes.values(),
    ...notes.map((n) => ({ ...n.position, width: n.width, height: n.height })),
  ];
  const lanes = edgeLanes(edges);
  const requests: LabelRequest[] = [];
  for (const e of edges) {
    const from = boxes.get(e.from);
    const to = boxes.get(e.to);
    if (!from || !to) continue;
    const path = routeCurves(
      { x: from.x + from.width, y: from.y + from.height / 2 },
      { x: to.x, y: to.y + to.height / 2 },
      lanes.get(e.id) ?? 0,
      routes?.get(e.id) ?? STRAIGHT,
    );
    requests.push({ id: e.id, path, ...labelSize(e) });
  }
  return placeLabels(cards, requests);
}
