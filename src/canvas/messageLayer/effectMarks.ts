import type { Context2D } from '../../legend';
import { EFFECT_LEGEND, SHAPE_PAINT, traceMark } from '../../legend';
import { EFFECT_KINDS } from '../../playback';
import type { Box } from '../geometry';
import type { EdgeGeometry, NodeBoxLookup, ViewTransform } from './edgeGeometry';
import { DIMMED_ALPHA, isLit } from './dimming';
import type { DrawFrame, DrawOptions } from './renderer';

/** How long an effect's burst lasts, in wall milliseconds. */
export const EFFECT_WALL_MS = 700;
const EFFECT_SHAPES = EFFECT_KINDS.map((k) => EFFECT_LEGEND[k].shape);
const EFFECT_INDEX = new Map(EFFECT_KINDS.map((k, i) => [k, i]));

/** Draws the recent effects (refusals, timeouts, dead letters…) where they happened, on the message layer. */
export class EffectPainter {
  private readonly at: Box = { x: 0, y: 0, width: 0, height: 0 };
  private readonly box: Box = { x: 0, y: 0, width: 0, height: 0 };

  /** `geo`: the renderer's edge geometry, prepared for the frame before effects are drawn. */
  constructor(private readonly geo: EdgeGeometry) {}

  /**
   * Effects as short bursts: an expanding, fading ring with the effect's mark at its centre; with
   * reduced motion, the mark alone, steady, for as long.
   */
  draw(
    ctx: Context2D,
    frame: DrawFrame,
    view: ViewTransform,
    boxOf: NodeBoxLookup,
    o: DrawOptions,
    r: number,
  ): void {
    const horizon = EFFECT_WALL_MS * Math.max(frame.speed, 1e-6);
    const list = frame.effects;
    for (let i = list.length - 1; i >= 0; i--) {
      const fx = list[i]!;
      const age = frame.time - fx.at;
      if (age > horizon) break;
      if (age < 0) continue;
      if (!this.pointOf(fx.edgeId, fx.serviceId, boxOf)) continue;
      const x = this.at.x * view.zoom + view.x;
      const y = this.at.y * view.zoom + view.y;
      if (x < -40 || y < -40 || x > o.width + 40 || y > o.height + 40) continue;
      const k = EFFECT_INDEX.get(fx.kind) ?? 0;
      const color = o.palette.effects[k]!;
      const shape = EFFECT_SHAPES[k]!;
      const alpha = isLit(o.lit ?? null, fx.edgeId, fx.serviceId) ? 1 : DIMMED_ALPHA;
      ctx.strokeStyle = color;
      ctx.globalAlpha = alpha;
      if (!o.reducedMotion) {
        const life = age / horizon;
        ctx.globalAlpha = alpha * (1 - life);
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(x, y, r * (1.5 + life * 3), 0, Math.PI * 2);
        ctx.stroke();
      }
      ctx.beginPath();
      traceMark(ctx, shape, x, y, r * 1.3);
      if (SHAPE_PAINT[shape] === 'fill') {
        ctx.fillStyle = color;
        ctx.fill();
      } else {
        ctx.lineWidth = 2.5;
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
  }

  /** Puts where an effect happened (flow coordinates) into `this.at`. */
  private pointOf(edgeId: string | undefined, serviceId: string | undefined, boxOf: NodeBoxLookup): boolean {
    const geo = this.geo;
    const e = edgeId !== undefined ? geo.edgeIndex.get(edgeId) : undefined;
    if (e !== undefined && geo.curveOk[e]) {
      const t = serviceId === geo.to[e] ? 0.92 : serviceId === geo.from[e] ? 0.08 : 0.5;
      geo.point(e, t, this.at);
      return true;
    }
    if (serviceId !== undefined && boxOf(serviceId, this.box)) {
      this.at.x = this.box.x + this.box.width / 2;
      this.at.y = this.box.y;
      return true;
    }
    return false;
  }
}
