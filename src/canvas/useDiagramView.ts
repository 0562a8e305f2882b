import { useNodesInitialized, useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Viewport } from '../model/schema';
import { useAppStore } from '../store';
import { FIT, firstViewport, fitViewport, START_VIEWPORT } from './firstView';
import type { Box } from './geometry';
import { motionMs } from './motion';

export { FIT, START_VIEWPORT } from './firstView';

/**
 * Shows a diagram when one arrives: a diagram without a saved view, a link whose author's view
 * doesn't show all of it in this window, and a diagram that replaced the previous one get the first
 * view (`firstViewport`: whole and clear of the minimap, or readable on a phone).
 */
export function useDiagramView(wrapper: RefObject<HTMLDivElement | null>) {
  const flow = useReactFlow();
  const initialized = useNodesInitialized();
  // An empty canvas keeps its starting view: fitting the first card dropped on it would jump to it.
  const shown = useRef(isEmpty());
  // Before the first paint of the measured cards, so the diagram never shows at the starting view.
  useLayoutEffect(() => {
    if (!initialized || shown.current || !wrapper.current) return;
    shown.current = true;
    const st = useAppStore.getState();
    const saved = st.diagram.viewport;
    // A link opened in a smaller window than its author's: keep their view only if all of it shows.
    const check = st.checkFirstView;
    if (check) useAppStore.setState({ checkFirstView: false });
    const box = wrapper.current.getBoundingClientRect();
    if (!saved || (check && !showsWhole(flow, saved, box))) void showDiagram(flow, wrapper.current);
  }, [initialized, flow, wrapper]);
  const loads = useAppStore((s) => s.loads);
  const firstLoads = useRef(loads);
  useEffect(() => {
    // A diagram that replaced the previous one (example, link, file, new) is shown whole.
    if (loads === firstLoads.current) return;
    const d = useAppStore.getState().diagram;
    const t = window.setTimeout(() => {
      const element = wrapper.current;
      if (!element) return;
      const box = element.getBoundingClientRect();
      // The author's view where it shows the whole diagram in this window too; else the first view.
      if (d.viewport && showsWhole(flow, d.viewport, box)) void flow.setViewport(d.viewport);
      // An empty canvas gets the plain starting view: a queued fit would jump to the first drop.
      else if (isEmpty()) void flow.setViewport(START_VIEWPORT);
      else void showDiagram(flow, element, motionMs(200));
    }, 60);
    return () => window.clearTimeout(t);
  }, [loads, flow, wrapper]);
}

function isEmpty(): boolean {
  const d = useAppStore.getState().diagram;
  return d.services.length + d.notes.length === 0;
}

/** Moves the canvas in `element` to the first view of the diagram on it. */
function showDiagram(flow: ReactFlowInstance, element: HTMLElement, duration = 0): Promise<boolean> {
  return moveTo(flow, element, firstViewport, duration);
}

/**
 * Fits the whole diagram in the canvas, with no card under the minimap or the zoom buttons (the Fit
 * and Tidy up commands). `element` is the canvas; by default the page's.
 */
export function fitDiagram(
  flow: ReactFlowInstance,
  duration = 0,
  element = document.querySelector<HTMLElement>('[data-testid="canvas"]'),
): Promise<boolean> {
  if (!element) return flow.fitView({ ...FIT, duration });
  return moveTo(flow, element, fitViewport, duration);
}

type Place = (nodes: Box[], canvas: { width: number; height: number }, panels: Box[]) => Viewport;

/** Moves the canvas in `element` to where `place` puts the cards, given the panels over it. */
function moveTo(flow: ReactFlowInstance, element: HTMLElement, place: Place, duration: number) {
  const box = element.getBoundingClientRect();
  const nodes: Box[] = [];
  for (const n of flow.getNodes()) {
    const internal = flow.getInternalNode(n.id);
    if (!internal) continue;
    const { x, y } = internal.internals.positionAbsolute;
    nodes.push({ x, y, width: internal.measured.width ?? 0, height: internal.measured.height ?? 0 });
  }
  // The panels drawn over the canvas that a card shouldn't be under.
  const panels: Box[] = [];
  for (const panel of element.querySelectorAll('.react-flow__minimap, .react-flow__controls')) {
    const r = panel.getBoundingClientRect();
    if (r.width > 0 && r.height > 0)
      panels.push({ x: r.x - box.x, y: r.y - box.y, width: r.width, height: r.height });
  }
  return flow.setViewport(place(nodes, box, panels), { duration });
}

/** Whether `v` shows every node inside a canvas of `box`'s size. */
function showsWhole(flow: ReactFlowInstance, v: Viewport, box: DOMRect): boolean {
  const nodes = flow.getNodes();
  if (nodes.length === 0) return true;
  // The instance's own: React Flow's standalone getNodesBounds warns on every call.
  const b = flow.getNodesBounds(nodes);
  const left = b.x * v.zoom + v.x;
  const top = b.y * v.zoom + v.y;
  return (
    left >= 0 && top >= 0 && left + b.width * v.zoom <= box.width && top + b.height * v.zoom <= box.height
  );
}
