import { useStoreApi, type ReactFlowState, type Viewport } from '@xyflow/react';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { EdgeKind, ServiceKind } from '../../model/schema';
import { EDGE_KINDS, SERVICE_KINDS } from '../../model/schemaConstants';
import { useAppStore } from '../../store';
import { OVERVIEW_ZOOM } from '../detail';
import type { Routes } from '../edgeRoutes';
import type { Box } from '../geometry';
import type { LabelPlace } from '../labelPlacement';
import { followHeldView, nodesBox } from './heldChrome';
import { PannedBitmap } from './pannedBitmap';
import { buildMotionScene, type MotionColours, type MotionScene, type SceneNode } from './motionScene';

/** The class on the canvas's wrapper while the moving view is drawn here (styles.css hides the DOM). */
export const DRAWN_MOVING_CLASS = 'is-drawn-moving';

/** Starts and ends the drawn view of a move. */
export interface MotionDrawing {
  /** A move has stepped: from the next frame on, the view is drawn on a canvas until `end`. */
  begin(): void;
  /** The move has ended: the cards and edges are shown again, as they are. */
  end(): void;
  /**
   * A step of the view. While the view is drawn here it is held from React Flow's subscribers
   * (true: the caller must not hand it to React Flow); false when React Flow should take it.
   */
  hold(view: Viewport): boolean;
}

/**
 * While the view of a diagram of more than DRAWN_MOTION_NODES cards (the canvas decides) pans or
 * zooms, its cards and edges are drawn on one canvas and React Flow's DOM is hidden (`display:
 * none`): in this browser moving the view's transform over many cards re-layerizes and hit-tests
 * every card on every frame (README, issue 17). The
 * drawing is a snapshot taken at the move's first frame; when the move ends the DOM is shown again,
 * with everything it shows. Not while a card or edge has the keyboard focus (hiding would drop it).
 * Meanwhile the view's steps are held from React Flow's subscribers (`hold`, fed by the canvas's
 * controlled viewport) and handed to them once, when the move ends.
 */
export function useMotionDrawing(
  wrapper: RefObject<HTMLDivElement | null>,
  layout: EdgeLayout,
): MotionDrawing {
  const flow = useStoreApi();
  const layoutRef = useRef(layout);
  useEffect(() => {
    layoutRef.current = layout;
  });
  const drawing = useMemo(() => createMotionDrawing(wrapper, flow, () => layoutRef.current), [wrapper, flow]);
  useEffect(() => () => drawing.end(), [drawing]);
  return drawing;
}

type FlowStore = ReturnType<typeof useStoreApi>;

/** The canvas's edge routes and label places, as it drew them. */
export interface EdgeLayout {
  routes: Routes | null;
  labelPlaces: ReadonlyMap<string, LabelPlace> | null;
}

function createMotionDrawing(
  wrapper: RefObject<HTMLDivElement | null>,
  flow: FlowStore,
  layout: () => EdgeLayout,
): MotionDrawing {
  let pending = 0;
  let frame = 0;
  let canvas: HTMLCanvasElement | null = null;
  let scene: MotionScene | null = null;
  const bitmap = new PannedBitmap();
  let unsubscribe: (() => void) | null = null;
  /** The view's last step while it is drawn here, not yet handed to React Flow's subscribers. */
  let held: [number, number, number] | null = null;
  let nodes: Box | null = null;
  let revealing = 0;

  const draw = () => {
    frame = 0;
    const host = wrapper.current;
    if (!canvas || !host) return;
    const state = flow.getState();
    const [x, y, zoom] = state.transform;
    if (held) followHeldView(host, held, { nodes, width: state.width, height: state.height });
    if (!scene || scene.overview !== zoom < OVERVIEW_ZOOM) scene = takeScene(host, state, layout(), canvas);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const pixelRatio = window.devicePixelRatio || 1;
    const size = { width: state.width, height: state.height, pixelRatio };
    const pixels = [Math.round(size.width * pixelRatio), Math.round(size.height * pixelRatio)] as const;
    if (canvas.width !== pixels[0] || canvas.height !== pixels[1]) [canvas.width, canvas.height] = pixels;
    bitmap.paint(ctx, scene, { x, y, zoom }, size);
  };

  const start = () => {
    pending = 0;
    const host = wrapper.current;
    const flowRoot = host?.querySelector<HTMLElement>('.react-flow');
    if (!host || !flowRoot || hasFocusInside(host)) return;
    canvas ??= makeCanvas();
    if (canvas.parentElement !== flowRoot) flowRoot.append(canvas);
    canvas.hidden = false;
    scene = null;
    nodes = nodesBox(flow.getState());
    draw();
    host.classList.add(DRAWN_MOVING_CLASS);
    let last = flow.getState().transform;
    unsubscribe = flow.subscribe((state) => {
      if (state.transform === last) return;
      last = state.transform;
      if (!frame) frame = requestAnimationFrame(draw);
    });
  };

  /** Shows React Flow's cards, edges and labels again, and puts the drawing away. */
  const reveal = () => {
    cancelAnimationFrame(revealing);
    revealing = 0;
    scene = null;
    bitmap.release();
    wrapper.current?.classList.remove(DRAWN_MOVING_CLASS);
    if (canvas) {
      canvas.hidden = true;
      canvas.width = canvas.height = 0;
    }
  };

  return {
    begin() {
      // A move right after one ended: the last one's cards are shown first.
      if (revealing) reveal();
      if (pending || unsubscribe) return;
      // From the next frame: a move that starts and ends within one task (auto-pan, a set
      // viewport) never pays for a snapshot.
      pending = requestAnimationFrame(start);
    },
    hold(view) {
      if (!unsubscribe) return false;
      held = [view.x, view.y, view.zoom];
      // In place, so that whoever reads React Flow's state (the message layer's frames, the
      // minimap's drag, getViewport) reads where the view is, and no subscriber is told: told, React
      // Flow works out every card's and edge's visibility and re-renders its lists on every step
      // (at 1,000 services, frames of 40–250 ms).
      (flow.getState() as { transform: [number, number, number] }).transform = held;
      if (!frame) frame = requestAnimationFrame(draw);
      return true;
    },
    end() {
      cancelAnimationFrame(pending);
      cancelAnimationFrame(frame);
      pending = frame = 0;
      unsubscribe?.();
      unsubscribe = null;
      if (!held) return reveal();
      // A new array: every subscriber compares it with the view it last drew.
      flow.setState({ transform: [held[0], held[1], held[2]] });
      held = null;
      // React Flow places its cards at the new view while they are still skipped, and they are shown
      // a frame later: the two halves of the work are two frames, not one long one.
      revealing = requestAnimationFrame(reveal);
    },
  };
}

function makeCanvas(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.className = 'motion-drawing';
  canvas.dataset.testid = 'motion-drawing';
  canvas.setAttribute('aria-hidden', 'true');
  // Under React Flow's layer (4) and the messages, over the pane and its dots.
  canvas.style.cssText = 'position:absolute;inset:0;z-index:3;pointer-events:none';
  return canvas;
}

function hasFocusInside(host: HTMLElement): boolean {
  return (
    !!document.activeElement?.closest('.react-flow__nodes, .react-flow__edges') &&
    host.contains(document.activeElement)
  );
}

/** The snapshot: React Flow's nodes, the store's diagram, run state and selection, the theme's colours. */
function takeScene(host: HTMLElement, state: ReactFlowState, layout: EdgeLayout, canvas: HTMLCanvasElement) {
  const app = useAppStore.getState();
  const selection = new Set(app.selection);
  const family = getComputedStyle(host).fontFamily;
  const ctx = canvas.getContext('2d');
  return buildMotionScene({
    nodes: state.nodeLookup as unknown as ReadonlyMap<string, SceneNode>,
    services: app.diagram.services,
    notes: app.diagram.notes,
    edges: app.diagram.edges,
    routes: layout.routes,
    labelPlaces: layout.labelPlaces,
    selection,
    isDown: (id) => app.sim.services.get(id)?.status === 'down',
    isCut: (id) => app.sim.edges.get(id)?.cut ?? false,
    colours: readColours(host),
    overview: state.transform[2] < OVERVIEW_ZOOM,
    font: family,
    measure: (text, font) => {
      if (!ctx) return text.length * 7;
      ctx.font = font;
      return ctx.measureText(text).width;
    },
  });
}

function readColours(host: HTMLElement): MotionColours {
  const style = getComputedStyle(host);
  const read = (name: string) => style.getPropertyValue(name).trim() || '#888';
  const kind = {} as Record<ServiceKind, string>;
  for (const k of SERVICE_KINDS) kind[k] = read(`--kind-${k}`);
  const edge = {} as Record<EdgeKind, string>;
  for (const k of EDGE_KINDS) edge[k] = read(`--edge-${k}`);
  return {
    panel: read('--panel'),
    border: read('--border'),
    text: read('--text'),
    accent: read('--accent'),
    danger: read('--danger'),
    note: read('--note-yellow'),
    kind,
    edge,
  };
}
