import type { Playback, PlaybackFrame } from '../../playback';
import type { Point } from '../geometry';
import type { AnchoredNode } from './anchors';
import type { EdgeRoutes } from './edgeGeometry';
import { anchorBox } from './anchors';
import { deviceSize, fitCanvas, type FrameParams, type LayerMessage } from './painter';
import type { NodeBoxLookup } from './renderer';
import { MessageRenderer } from './renderer';

/** Where the message layer's frames go: drawn right here, or handed to a drawing worker. */
export interface LayerSink {
  /** The renderer drawing on this thread, if it does (its last layout then serves hit tests). */
  readonly renderer: MessageRenderer | null;
  /** Draws `frame`; `nodes` is given when node boxes may have changed since the last call. */
  draw(
    frame: PlaybackFrame,
    params: FrameParams,
    boxOf: NodeBoxLookup,
    nodes: ReadonlyMap<string, AnchoredNode> | null,
  ): void;
  /** The edges' routes round cards changed. */
  setRoutes(routes: EdgeRoutes | null): void;
  dispose(): void;
}

/**
 * A worker drawing on the canvas (OffscreenCanvas) where the browser allows it, so rasterizing
 * the marks and handing the frame to the compositor happen off the page's thread; else this thread.
 */
export function createLayerSink(canvas: HTMLCanvasElement, playback: Playback): LayerSink {
  if (typeof canvas.transferControlToOffscreen === 'function' && typeof Worker !== 'undefined') {
    try {
      return workerSink(canvas, playback);
    } catch {
      // A page that forbids workers (or a second transfer) draws here instead.
    }
  }
  return inlineSink(canvas);
}

function inlineSink(canvas: HTMLCanvasElement): LayerSink {
  const ctx = canvas.getContext('2d');
  const renderer = new MessageRenderer();
  return {
    renderer,
    draw(frame, params, boxOf) {
      if (!ctx) return;
      fitCanvas(canvas, deviceSize(params));
      ctx.setTransform(params.dpr, 0, 0, params.dpr, 0, 0);
      renderer.draw(ctx, frame, params.view, boxOf, params.options);
    },
    setRoutes: (routes) => renderer.setRoutes(routes),
    dispose() {},
  };
}

function workerSink(canvas: HTMLCanvasElement, playback: Playback): LayerSink {
  const offscreen = canvas.transferControlToOffscreen();
  const worker = new Worker(new URL('./render.worker.ts', import.meta.url), { type: 'module' });
  worker.postMessage({ type: 'init', canvas: offscreen }, [offscreen]);
  const post = (m: LayerMessage) => worker.postMessage(m);
  const offColumns = playback.onColumns((event) => post({ type: 'columns', event }));
  let diagram: PlaybackFrame['diagram'] | undefined;
  let effectsEpoch = -1;
  let effectsAdded = 0;
  const box = { x: 0, y: 0, width: 0, height: 0 };
  return {
    renderer: null,
    draw(frame, params, _boxOf, nodes) {
      if (frame.diagram !== diagram) {
        diagram = frame.diagram;
        const edges = diagram?.edges.map(({ id, from, to }) => ({ id, from, to })) ?? null;
        post({ type: 'edges', edges });
      }
      if (nodes) {
        const ids = [...nodes.keys()];
        const boxes = new Float64Array(ids.length * 4);
        ids.forEach((id, i) => {
          anchorBox(nodes.get(id)!, box);
          boxes.set([box.x, box.y, box.width, box.height], i * 4);
        });
        worker.postMessage({ type: 'boxes', ids, boxes } satisfies LayerMessage, [boxes.buffer]);
      }
      // Only the effects added since the last frame travel (all of them after a fresh start).
      const fresh = frame.effectsEpoch !== effectsEpoch;
      const added = fresh ? frame.effects.length : frame.effectsAdded - effectsAdded;
      if (added > 0) {
        const effects = frame.effects.slice(Math.max(0, frame.effects.length - added));
        post({ type: 'effects', reset: fresh, effects });
      } else if (fresh) post({ type: 'effects', reset: true, effects: [] });
      effectsEpoch = frame.effectsEpoch;
      effectsAdded = frame.effectsAdded;
      post({ type: 'frame', frame: params });
    },
    setRoutes(routes) {
      // Only the routed edges travel: most edges take the plain curve.
      const routed: [string, Point[]][] = [];
      for (const [id, route] of routes ?? []) if (route.length) routed.push([id, [...route]]);
      post({ type: 'routes', routes: routed });
    },
    dispose() {
      offColumns();
      worker.terminate();
    },
  };
}
