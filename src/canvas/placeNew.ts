import type { Diagram, Position } from '../model/schema';
import { freeSpot } from '../lib/freeSpot';
import { SERVICE_SIZE, type Box } from './geometry';

/** Measured card sizes by service id (a Map: ids are typed text, `constructor` included). */
type Sizes = ReadonlyMap<string, { width: number; height: number }>;

/** Room left for an edge and its label between a selected card and the one added next to it. */
const BESIDE_GAP = 120;

/** Every service and note on the canvas as a box in flow coordinates. */
export function occupiedBoxes(d: Diagram, measured: Sizes): Box[] {
  return [
    ...d.services.map((s) => ({ ...s.position, ...(measured.get(s.id) ?? SERVICE_SIZE) })),
    ...d.notes.map((n) => ({ ...n.position, width: n.width, height: n.height })),
  ];
}

/**
 * Where a card of `size` added from the palette goes: to the right of the selected service when
 * there is one, else the middle of `view`; moved to the nearest free spot in view so it never lands
 * on another card.
 */
export function paletteSpot(
  d: Diagram,
  measured: Sizes,
  selection: readonly string[],
  view: Box,
  size: { width: number; height: number },
): Position {
  const selected = d.services.filter((s) => selection.includes(s.id)).at(-1);
  const box = selected && { ...selected.position, ...(measured.get(selected.id) ?? SERVICE_SIZE) };
  const want = box
    ? { x: box.x + box.width + BESIDE_GAP, y: box.y + box.height / 2 - size.height / 2 }
    : { x: view.x + view.width / 2 - size.width / 2, y: view.y + view.height / 2 - size.height / 2 };
  // A little inside the view's edges, and with room round it for the edges to come.
  const inset = Math.min(view.width, view.height) * 0.05;
  const inner = {
    x: view.x + inset,
    y: view.y + inset,
    width: view.width - 2 * inset,
    height: view.height - 2 * inset,
  };
  return freeSpot({ size, want, occupied: occupiedBoxes(d, measured), view: inner, gap: 40 });
}

/** Where a card dropped with its top-left at `want` goes: there, or the nearest free spot. */
export function dropSpot(
  d: Diagram,
  measured: Sizes,
  want: Position,
  size: { width: number; height: number },
) {
  return freeSpot({ size, want, occupied: occupiedBoxes(d, measured), gap: 8 });
}
