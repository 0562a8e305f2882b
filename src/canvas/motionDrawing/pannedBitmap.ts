import type { ViewTransform } from '../messageLayer/edgeGeometry';
import { drawMotionScene } from './drawMotionScene';
import type { MotionScene } from './motionScene';

/** How far (CSS pixels) the view may pan either way before the bitmap is drawn again. */
const MARGIN = 320;

interface DrawnAt extends ViewTransform {
  width: number;
  height: number;
  pixelRatio: number;
  scene: MotionScene;
}

/**
 * The moving view's drawing kept as a bitmap a margin larger than the view: while the view pans at
 * one zoom, a frame copies it at an offset instead of drawing every card, edge and label again
 * (dashed curves and text are the slow part of a software-drawn canvas). A zoom, or a pan past the
 * margin, draws it again.
 */
export class PannedBitmap {
  private readonly bitmap = document.createElement('canvas');
  private at: DrawnAt | null = null;

  /** Paints `scene` at `view` on `ctx`, a canvas `size.width` × `size.height` CSS pixels. */
  paint(
    ctx: CanvasRenderingContext2D,
    scene: MotionScene,
    view: ViewTransform,
    size: { width: number; height: number; pixelRatio: number },
  ): void {
    const at = this.reusable(scene, view, size) ? this.at! : this.redraw(scene, view, size);
    if (!at) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    // Whole device pixels: a fractional offset would resample (blur) the whole bitmap every frame.
    const dx = Math.round((view.x - at.x - MARGIN) * size.pixelRatio);
    const dy = Math.round((view.y - at.y - MARGIN) * size.pixelRatio);
    ctx.drawImage(this.bitmap, dx, dy);
  }

  /** Lets the bitmap's memory go (at the end of a move). */
  release(): void {
    this.bitmap.width = this.bitmap.height = 0;
    this.at = null;
  }

  private reusable(
    scene: MotionScene,
    view: ViewTransform,
    size: { width: number; height: number; pixelRatio: number },
  ) {
    const at = this.at;
    return (
      !!at &&
      at.scene === scene &&
      at.zoom === view.zoom &&
      at.width === size.width &&
      at.height === size.height &&
      at.pixelRatio === size.pixelRatio &&
      Math.abs(view.x - at.x) <= MARGIN &&
      Math.abs(view.y - at.y) <= MARGIN
    );
  }

  private redraw(
    scene: MotionScene,
    view: ViewTransform,
    size: { width: number; height: number; pixelRatio: number },
  ) {
    const width = size.width + 2 * MARGIN;
    const height = size.height + 2 * MARGIN;
    this.bitmap.width = Math.round(width * size.pixelRatio);
    this.bitmap.height = Math.round(height * size.pixelRatio);
    const ctx = this.bitmap.getContext('2d');
    if (!ctx) return null;
    drawMotionScene(
      ctx,
      scene,
      { x: view.x + MARGIN, y: view.y + MARGIN, zoom: view.zoom },
      { ...size, width, height },
    );
    this.at = { ...view, ...size, scene };
    return this.at;
  }
}
