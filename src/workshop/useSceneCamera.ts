import { useReactFlow, type Viewport } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { playback, reloadRun } from '../app/run';
import { flyTo, sceneViewport } from './camera';
import { usePresentation } from './presentation';

/**
 * Each time a scene shows (`shown` counts the shows): its run from the start, the camera travelling
 * to the scene's view of `stage`, then the run playing to the scene's stop.
 */
export function useSceneCamera(stage: RefObject<HTMLDivElement | null>, shown: number) {
  const flow = useReactFlow();
  useEffect(() => {
    const d = usePresentation.getState().scenes[usePresentation.getState().index];
    if (!d) return;
    const p = playback();
    // The scene's run from its start, at the scene's own seed and speed.
    reloadRun(d.diagram);
    let stop = () => {};
    let frame = 0;
    /** Where the camera was sent; null while it travels. */
    let aimed: Viewport | null = null;
    const target = () => {
      const box = stage.current?.getBoundingClientRect();
      if (!box) return null;
      const bounds = flow.getNodesBounds(flow.getNodes());
      return sceneViewport(d.camera, bounds, { width: box.width, height: box.height });
    };
    // Two frames: the scene's cards are on the page and measured before the camera is aimed.
    frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        const to = target();
        if (!to) return;
        stop = flyTo(flow, to, () => {
          // The stage may have changed size during the travel: the last step lands where it is now.
          aimed = target() ?? to;
          if (!sameViewport(aimed, to)) void flow.setViewport(aimed);
          p.play();
        });
      });
    });
    // The stage changes size when the scene's panels arrive (they load lazily) or the window is
    // resized: the camera aims again, unless the presenter has moved the view meanwhile.
    const resized = new ResizeObserver(() => {
      if (!aimed || !sameViewport(flow.getViewport(), aimed)) return;
      aimed = target();
      if (aimed) void flow.setViewport(aimed);
    });
    if (stage.current) resized.observe(stage.current);
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      stop();
    };
  }, [shown, flow, stage]);
}

function sameViewport(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-3;
}
