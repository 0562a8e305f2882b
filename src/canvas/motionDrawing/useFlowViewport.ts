import { useStoreApi, type Viewport } from '@xyflow/react';
import { useCallback, useRef } from 'react';
import type { MotionDrawing } from './useMotionDrawing';

/**
 * React Flow's viewport, controlled (`viewport` and `onViewportChange` for `<ReactFlow>`): each step
 * goes to React Flow's store as React Flow itself would put it there, except while the view is
 * drawn on the motion canvas, where it is held until the move ends (MotionDrawing.hold).
 */
export function useFlowViewport(motionDrawing: MotionDrawing, initial: Viewport) {
  const flow = useStoreApi();
  // One object for the canvas's life, kept at the latest view: React Flow syncs its pan and zoom
  // to the `viewport` prop whenever it creates them, and must find the view there, not the first.
  const latest = useRef<Viewport>(null);
  latest.current ??= { ...initial };
  const viewport = latest.current;
  const onViewportChange = useCallback(
    (v: Viewport) => {
      Object.assign(viewport, v);
      if (motionDrawing.hold(v)) return;
      const [x, y, zoom] = flow.getState().transform;
      // React Flow calls this twice a step (from its zoom handler and its move callback).
      if (x !== v.x || y !== v.y || zoom !== v.zoom) flow.setState({ transform: [v.x, v.y, v.zoom] });
    },
    [flow, motionDrawing, viewport],
  );
  return { viewport, onViewportChange };
}
