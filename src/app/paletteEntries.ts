import type { ReactFlowInstance } from '@xyflow/react';
import { edgeLabel } from '../canvas/edgeLabels';
import { motionMs } from '../canvas/motion';
import type { Diagram } from '../model/schema';
import type { AppState } from '../store';
import { allowedHere, COMMANDS, type Command } from './commands';
import { formatKey } from './keys';
import type { PaletteEntry } from './paletteMatch';

/** One line of the command palette: a command to run, or an element of the diagram to go to. */
export type PaletteItem = PaletteEntry & { id: string; detail: string } & (
    | { type: 'command'; command: Command; enabled: boolean }
    | { type: 'service' | 'edge' | 'note'; elementId: string; nodeIds: string[] }
  );

/** Every command allowed here (but the palette itself) and every service, edge and note, in that order. */
export function paletteItems(st: AppState): PaletteItem[] {
  const commands = COMMANDS.filter((c) => c.id !== 'palette' && allowedHere(c, st)).map((c): PaletteItem => ({
    type: 'command',
    id: `command-${c.id}`,
    label: c.label,
    keywords: `${c.group} command`,
    detail: c.keys?.[0] ? formatKey(c.keys[0]) : '',
    command: c,
    enabled: c.enabled ? c.enabled(st) : true,
  }));
  return [...commands, ...elementItems(st.diagram)];
}

function elementItems(d: Diagram): PaletteItem[] {
  const names = new Map(d.services.map((s) => [s.id, s.name]));
  const services = d.services.map((s): PaletteItem => ({
    type: 'service',
    id: `service-${s.id}`,
    label: s.name,
    keywords: `${s.kind} service`,
    detail: s.kind === 'external' ? 'external API' : s.kind,
    elementId: s.id,
    nodeIds: [s.id],
  }));
  const edges = d.edges.map((e): PaletteItem => ({
    type: 'edge',
    id: `edge-${e.id}`,
    label: `${names.get(e.from) ?? e.from} → ${names.get(e.to) ?? e.to}`,
    keywords: `${e.kind} edge ${edgeLabel(e)} ${e.message}`,
    detail: `${e.kind} · ${edgeLabel(e)}`,
    elementId: e.id,
    nodeIds: [e.from, e.to],
  }));
  const notes = d.notes.map((n): PaletteItem => {
    const firstLine = n.text.trim().split('\n')[0] ?? '';
    return {
      type: 'note',
      id: `note-${n.id}`,
      label: firstLine ? (firstLine.length > 60 ? `${firstLine.slice(0, 59)}…` : firstLine) : 'Empty note',
      keywords: `note ${n.text}`,
      detail: 'note',
      elementId: n.id,
      nodeIds: [n.id],
    };
  });
  return [...services, ...edges, ...notes];
}

/** The zoom an element is brought into view at, if the view is further out: its text is readable. */
const READABLE_ZOOM = 0.8;

/**
 * Moves the view so the nodes `ids` show in the middle of the canvas, at a zoom where they read;
 * nodes too big for that are fitted instead.
 */
export function bringIntoView(flow: ReactFlowInstance, ids: readonly string[]): void {
  const nodes = ids.map((id) => flow.getNode(id)).filter((n) => n !== undefined);
  if (nodes.length === 0) return;
  const b = flow.getNodesBounds(nodes);
  const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
  const zoom = Math.max(flow.getZoom(), READABLE_ZOOM);
  const duration = motionMs(250);
  if (canvas && (b.width * zoom > canvas.width * 0.9 || b.height * zoom > canvas.height * 0.9)) {
    void flow.fitView({ nodes: nodes.map((n) => ({ id: n.id })), padding: 0.15, duration });
    return;
  }
  void flow.setCenter(b.x + b.width / 2, b.y + b.height / 2, { zoom, duration });
}
