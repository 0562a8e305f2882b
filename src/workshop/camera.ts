import { getViewportForBounds, type ReactFlowInstance, type Viewport } from '@xyflow/react';
import { animate } from 'framer-motion';
import { motionMs } from '../canvas/motion';
import type { Camera } from './scenes';

/**
 * The closest the presenting camera goes when it fits a whole diagram: at 0.9 a service's name (20 px
 * in the presentation theme) is 18 px on the screen, readable from the back of a room.
 */
export const PRESENT_MIN_ZOOM = 0.9;
const PRESENT_MAX_ZOOM = 2;
/** How long the camera takes to travel to a scene. */
export const CAMERA_MS = 700;

/** The region `camera` (or the whole diagram, `bounds`) asks for, fitted to the presenting canvas. */
export function sceneViewport(
  camera: Camera | null,
  bounds: Camera,
  screen: { width: number; height: number },
): Viewport {
  const height = Math.max(1, screen.height);
  // A scene's own camera is the author's choice: fitted as it is. The whole diagram is fitted no
  // further out than the readable zoom (a large diagram then shows its middle at a readable size).
  if (camera) return getViewportForBounds(camera, screen.width, height, 0.05, 4, 0);
  const v = getViewportForBounds(bounds, screen.width, height, PRESENT_MIN_ZOOM, PRESENT_MAX_ZOOM, 0.06);
  // Too large for the screen at the readable zoom (a short stage under a scene's panels): centred,
  // the top row would be cut in half. The top-left corner shows instead, where a diagram's story
  // starts, and what is cut is cut at the far edges only.
  const margin = OVERFLOW_MARGIN_PX;
  if (bounds.width * v.zoom > screen.width - 2 * margin) v.x = margin - bounds.x * v.zoom;
  if (bounds.height * v.zoom > height - 2 * margin) v.y = margin - bounds.y * v.zoom;
  return v;
}

/** The room kept between the screen's edge and a diagram that does not fit it (an edge label above the top row included). */
const OVERFLOW_MARGIN_PX = 40;

/** The region of the diagram `viewport` shows on a canvas of `size`: what a scene keeps as its camera. */
export function cameraOf(viewport: Viewport, size: { width: number; height: number }): Camera {
  return {
    x: -viewport.x / viewport.zoom,
    y: -viewport.y / viewport.zoom,
    width: size.width / viewport.zoom,
    height: size.height / viewport.zoom,
  };
}

/** A point between two viewports: the zoom eases geometrically, so the travel looks even. */
export function between(a: Viewport, b: Viewport, t: number): Viewport {
  return {
    x: a.x + (b.x - a.x) * t,
    y: a.y + (b.y - a.y) * t,
    zoom: a.zoom * Math.pow(b.zoom / a.zoom, t),
  };
}

/**
 * Moves the canvas to `to` (with framer-motion; at once when the person asked for reduced motion) and
 * calls `done` when it is there. Returns a function that stops the travel.
 */
export function flyTo(flow: ReactFlowInstance, to: Viewport, done: () => void): () => void {
  const ms = motionMs(CAMERA_MS);
  const from = flow.getViewport();
  if (ms === 0) {
    void flow.setViewport(to);
    done();
    return () => {};
  }
  const travel = animate(0, 1, {
    duration: ms / 1000,
    ease: 'easeInOut',
    onUpdate: (t) => void flow.setViewport(between(from, to, t)),
    onComplete: done,
  });
  return () => travel.stop();
}
