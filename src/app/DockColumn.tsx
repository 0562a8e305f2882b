import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useAppStore } from '../store';
import { useTraceDock } from './traceDockState';

/** The docks that open under the canvas, by the class of their root element. */
const DOCKS = { comparison: '.cmp', metrics: '.mx-panel', log: '.el-dock' } as const;
type DockId = keyof typeof DOCKS;
const DOCK_IDS = Object.keys(DOCKS) as DockId[];

/** The canvas keeps this much height; below it, the docks fold (as `.center > .stage` in styles.css). */
const CANVAS_MIN_PX = 240;
/** A dock narrower than this shows a header and a scrap of its body: then all but one fold to a header. */
const DOCK_USEFUL_PX = 200;

/** Which docks are open and taking room (a collapsed Metrics panel is a header already). */
function useOpenDocks(): DockId[] {
  const comparison = useAppStore((s) => s.comparison !== null);
  const metrics = useAppStore((s) => s.metricsPanel.open && !s.metricsPanel.collapsed);
  const log = useTraceDock((s) => s.open);
  return DOCK_IDS.filter((id) => ({ comparison, metrics, log })[id]);
}

/** Whether `open` docks can each have a useful height in a column `height` px tall. */
export function docksCrowded(height: number, open: number): boolean {
  return open >= 2 && (height - CANVAS_MIN_PX) / open < DOCK_USEFUL_PX;
}

/** The dock an event happened in, if any. */
function dockOf(target: EventTarget | null): DockId | null {
  if (!(target instanceof Element)) return null;
  return DOCK_IDS.find((id) => target.closest(DOCKS[id])) ?? null;
}

/**
 * The centre column: the canvas and, under it, the open docks. When the column is too short for every
 * open dock to be useful (three docks on a 720 px projector, two on a phone), one dock has the room
 * and the others fold to their header: the one opened last, or the one the person last clicked or
 * tabbed into. Shrinking all of them instead left each a header and a scrap (no rows, no chart).
 */
export function DockColumn({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const open = useOpenDocks();
  const [height, setHeight] = useState(0);
  const [active, setActive] = useState<DockId | null>(null);
  const previous = useRef<DockId[]>([]);
  useEffect(() => {
    const opened = open.find((id) => !previous.current.includes(id));
    previous.current = open;
    if (opened) setActive(opened);
  }, [open]);
  useEffect(() => {
    const column = ref.current;
    if (!column) return;
    const observer = new ResizeObserver(() => setHeight(column.clientHeight));
    observer.observe(column);
    return () => observer.disconnect();
  }, []);
  const crowded = docksCrowded(height, open.length);
  const shown = active && open.includes(active) ? active : open[open.length - 1];
  const take = (event: { target: EventTarget | null }) => {
    const dock = dockOf(event.target);
    if (dock) setActive(dock);
  };
  return (
    <div
      ref={ref}
      className="center"
      data-crowded={crowded || undefined}
      data-active-dock={crowded ? shown : undefined}
      onClickCapture={take}
      onFocusCapture={take}
    >
      {children}
    </div>
  );
}
