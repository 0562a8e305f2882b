import { useNodesInitialized, useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import type { Viewport } from '../model/schema';
import { useAppStore } from '../store';
import { motionMs } from './motion';

/** Where an empty canvas (or a diagram without a saved view) starts looking. */
export const START_VIEWPORT = { x: 40, y: 40, zoom: 1 };

/**
 * How the canvas fits a diagram: a small margin round it (in pixels, so a wide diagram isn't shrunk
 * further by a margin proportional to it: every pixel of zoom is readability), a little more at the
 * top for the legend button, and no closer than a little over life size.
 */
export const FIT = {
  padding: { top: '44px', bottom: '20px', left: '20px', right: '20px' },
  maxZoom: 1.2,
} as const;

/**
 * Keeps the whole diagram in view when one arrives: a link's author's view stays only if all of the
 * diagram shows in this window, and a diagram that replaced the previous one is fitted.
 */
export function useDiagramView(wrapper: RefObject<HTMLDivElement | null>) {
  const flow = useReactFlow();
  const initialized = useNodesInitialized();
  useEffect(() => {
    // A link opened in a smaller window than its author's: keep their view only if all of it shows.
    if (!initialized || !useAppStore.getState().checkFirstView) return;
    useAppStore.setState({ checkFirstView: false });
    const box = wrapper.current?.getBoundingClientRect();
    if (box && !showsWhole(flow, flow.getViewport(), box)) void flow.fitView(FIT);
  }, [initialized, flow, wrapper]);
  const loads = useAppStore((s) => s.loads);
  const firstLoads = useRef(loads);
  useEffect(() => {
    // A diagram that replaced the previous one (example, link, file, new) is shown whole.
    if (loads === firstLoads.current) return;
    const d = useAppStore.getState().diagram;
    const t = window.setTimeout(() => {
      const box = wrapper.current?.getBoundingClientRect();
      // The author's view where it shows the whole diagram in this window too; else fit it.
      if (d.viewport && box && showsWhole(flow, d.viewport, box)) void flow.setViewport(d.viewport);
      // An empty canvas gets the plain starting view: a queued fit would jump to the first drop.
      else if (d.services.length + d.notes.length === 0) void flow.setViewport(START_VIEWPORT);
      else void flow.fitView({ ...FIT, duration: motionMs(200) });
    }, 60);
    return () => window.clearTimeout(t);
  }, [loads, flow, wrapper]);
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
