import type { Box } from '../geometry';
import type { ColumnsEvent, Effect } from '../../playback';
import { MAX_EFFECTS, MessageColumns } from '../../playback';
import type { EdgeEnds, ViewTransform } from './edgeGeometry';
import type { Point } from '../geometry';
import type { Context2D } from '../../legend';
import type { DrawFrame, DrawOptions } from './renderer';
import { MessageRenderer } from './renderer';

/** Everything a frame is drawn with, besides the messages, effects and geometry. */
export interface FrameParams {
  time: number;
  speed: number;
  view: ViewTransform;
  /** Device pixels per CSS pixel. */
  dpr: number;
  options: DrawOptions;
}

/** What the page tells the drawing side (in a worker, as messages; in the page, as calls). */
export type LayerMessage =
  | { type: 'columns'; event: ColumnsEvent }
  | { type: 'effects'; reset: boolean; effects: Effect[] }
  | { type: 'edges'; edges: EdgeEnds['edges'] | null }
  /** Anchor boxes (see anchorBox) of the nodes, four numbers per id. */
  | { type: 'boxes'; ids: string[]; boxes: Float64Array }
  /** The routed edges' waypoints (edges not listed take the plain curve). */
  | { type: 'routes'; routes: [string, Point[]][] }
  | { type: 'frame'; frame: FrameParams };

/**
 * The message layer's drawing side when it runs apart from the page (in a worker, on an
 * OffscreenCanvas): it keeps a copy of the messages in flight, the recent effects, the edges and
 * the node boxes, and draws the latest frame with the same MessageRenderer the page uses.
 */
export class LayerPainter {
  private readonly columns = new MessageColumns();
  private effects: Effect[] = [];
  private diagram: EdgeEnds | null = null;
  private boxIndex = new Map<string, number>();
  private boxes: Float64Array = new Float64Array(0);
  private params: FrameParams | null = null;
  private dirty = false;
  private readonly renderer = new MessageRenderer();
  private readonly frame: DrawFrame = {
    time: 0,
    speed: 1,
    messages: this.columns,
    effects: this.effects,
    diagram: null,
  };

  /** Takes one message from the page. */
  handle(m: LayerMessage): void {
    this.dirty = true;
    switch (m.type) {
      case 'columns':
        if (m.event.kind === 'clear') this.columns.clear();
        else this.columns.apply(m.event.diff);
        return;
      case 'effects':
        if (m.reset) this.effects.length = 0;
        for (const fx of m.effects) this.effects.push(fx);
        if (this.effects.length > MAX_EFFECTS) this.effects.splice(0, this.effects.length - MAX_EFFECTS);
        return;
      case 'edges':
        // A new object, so the renderer rebuilds its geometry.
        this.diagram = m.edges ? { edges: m.edges } : null;
        return;
      case 'boxes':
        this.boxIndex = new Map(m.ids.map((id, i) => [id, i * 4]));
        this.boxes = m.boxes;
        return;
      case 'routes':
        this.renderer.setRoutes(new Map(m.routes));
        return;
      case 'frame':
        this.params = m.frame;
        return;
    }
  }

  /** The size the canvas should have, in device pixels (null before the first frame). */
  canvasSize(): { width: number; height: number } | null {
    return this.params ? deviceSize(this.params) : null;
  }

  /** Draws the latest frame if anything changed since the last; false when there was nothing to do. */
  paint(ctx: Context2D): boolean {
    const p = this.params;
    if (!p || !this.dirty) return false;
    this.dirty = false;
    const f = this.frame;
    f.time = p.time;
    f.speed = p.speed;
    f.effects = this.effects;
    f.diagram = this.diagram;
    ctx.setTransform(p.dpr, 0, 0, p.dpr, 0, 0);
    this.renderer.draw(ctx, f, p.view, this.boxOf, p.options);
    return true;
  }

  private readonly boxOf = (id: string, out: Box): boolean => {
    const k = this.boxIndex.get(id);
    if (k === undefined) return false;
    out.x = this.boxes[k]!;
    out.y = this.boxes[k + 1]!;
    out.width = this.boxes[k + 2]!;
    out.height = this.boxes[k + 3]!;
    return true;
  };
}

/** The canvas size for `p`, in device pixels. */
export function deviceSize(p: FrameParams): { width: number; height: number } {
  return {
    width: Math.max(1, Math.round(p.options.width * p.dpr)),
    height: Math.max(1, Math.round(p.options.height * p.dpr)),
  };
}

/** Gives `canvas` the size `size` asks for (resizing clears it, so only when it changes). */
export function fitCanvas(
  canvas: { width: number; height: number },
  size: { width: number; height: number },
) {
  if (canvas.width !== size.width || canvas.height !== size.height) {
    canvas.width = size.width;
    canvas.height = size.height;
  }
}
