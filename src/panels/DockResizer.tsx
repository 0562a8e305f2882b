import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactElement,
  type RefObject,
} from 'react';
import './dockResizer.css';

/** The canvas keeps at least this many pixels above a dock being resized. */
const CANVAS_KEEPS = 140;
/** One arrow key press on the separator; Page Up / Page Down move four steps. */
const KEY_STEP = 24;

/** How a dock under the canvas is resized from its top edge, and where its height is remembered. */
export interface DockResizeOptions {
  /** The dock's root element (its parent is the column it shares with the canvas). */
  panel: RefObject<HTMLElement | null>;
  /** The remembered height; null while the dock keeps its stylesheet height. */
  height: number | null;
  /** The smallest height a drag or a key can give it. */
  min: number;
  /** The separator's accessible name, e.g. "Resize the metrics panel". */
  label: string;
  testId?: string;
  /** Remembers the height a drag ended on, or a key chose. */
  commit: (height: number) => void;
}

/**
 * A dock's height while it is being dragged or remembered, and the separator on its top edge that
 * changes it: drag it, or focus it and use the arrow keys, Page Up / Page Down, Home and End (the
 * ARIA window-splitter pattern). The canvas always keeps CANVAS_KEEPS pixels.
 */
export function useDockResize(options: DockResizeOptions): {
  height: number | null;
  separator: ReactElement;
} {
  const { panel, height, min, commit } = options;
  const [dragHeight, setDragHeight] = useState<number | null>(null);
  const drag = useRef<{ pointer: number; startY: number; startH: number } | null>(null);
  const maxHeight = () => Math.max(min, (panel.current?.parentElement?.clientHeight ?? 800) - CANVAS_KEEPS);
  const clamp = (h: number) => Math.round(Math.min(maxHeight(), Math.max(min, h)));
  const current = () => dragHeight ?? height ?? panel.current?.offsetHeight ?? min;
  const measured = useMeasuredHeights(panel);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = {
      pointer: e.pointerId,
      startY: e.clientY,
      startH: panel.current?.offsetHeight ?? current(),
    };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d?.pointer === e.pointerId) setDragHeight(clamp(d.startH + d.startY - e.clientY));
  };
  const onPointerEnd = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointer !== e.pointerId) return;
    drag.current = null;
    if (dragHeight !== null) commit(dragHeight);
    setDragHeight(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const to = keyTarget(e.key, current(), min, maxHeight());
    if (to === null) return;
    e.preventDefault();
    commit(clamp(to));
  };
  const separator = (
    <div
      className="dock-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label={options.label}
      aria-valuemin={min}
      aria-valuemax={Math.max(min, (measured?.column ?? 800) - CANVAS_KEEPS)}
      aria-valuenow={Math.round(dragHeight ?? height ?? measured?.dock ?? min)}
      tabIndex={0}
      data-testid={options.testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onKeyDown={onKeyDown}
    />
  );
  return { height: dragHeight ?? height, separator };
}

/**
 * The dock's and its column's heights, kept by a ResizeObserver: the separator's ARIA values are
 * read from them, so rendering the dock (many times a second while a run plays) never forces a layout.
 */
function useMeasuredHeights(panel: RefObject<HTMLElement | null>): { dock: number; column: number } | null {
  const [heights, setHeights] = useState<{ dock: number; column: number } | null>(null);
  const observed = useRef<{ dock: HTMLElement; observer: ResizeObserver } | null>(null);
  // After every render, as the dock may only exist while it is open: (re)observe when it changed.
  useEffect(() => {
    const dock = panel.current;
    if (observed.current?.dock === dock) return;
    observed.current?.observer.disconnect();
    observed.current = null;
    const column = dock?.parentElement;
    if (!dock || !column) return;
    // A ResizeObserver reports once when it starts observing, then on every change.
    const observer = new ResizeObserver(() =>
      setHeights({ dock: dock.offsetHeight, column: column.clientHeight }),
    );
    observer.observe(dock);
    observer.observe(column);
    observed.current = { dock, observer };
  });
  useEffect(() => () => observed.current?.observer.disconnect(), []);
  return heights;
}

/** The height a key on the separator asks for, or null for a key it does not handle. */
function keyTarget(key: string, height: number, min: number, max: number): number | null {
  if (key === 'Home') return min;
  if (key === 'End') return max;
  const step = { ArrowUp: KEY_STEP, ArrowDown: -KEY_STEP, PageUp: KEY_STEP * 4, PageDown: -KEY_STEP * 4 }[
    key
  ];
  return step === undefined ? null : height + step;
}
