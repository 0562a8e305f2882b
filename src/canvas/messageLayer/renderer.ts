import type { Box } from '../geometry';
import { edgeCurve } from '../geometry';
import type { Diagram } from '../../model/schema';
import type { Particles, PlaybackFrame } from '../../playback';
import { Bundler, EFFECT_KINDS, MESSAGE_LOOKS } from '../../playback';
import type { Palette } from '../../playback/legend';
import { EFFECT_LEGEND, MESSAGE_LEGEND, SHAPE_PAINT, STEP_LOOKS, traceMark } from '../../playback/legend';
import { edgeLanes } from './lanes';

/** The flow's pan and zoom: screen = flow × zoom + (x, y). */
export interface ViewTransform {
  x: number;
  y: number;
  zoom: number;
}

/** Fills `out` with the box of node `id` in flow coordinates; false when there is no such node. */
export type NodeBoxLookup = (id: string, out: Box) => boolean;

export interface DrawOptions {
  /** CSS pixels. */
  width: number;
  height: number;
  palette: Palette;
  highlightCorrelation: string | null;
  selectedMessageId: string | null;
  /** The person asked for less motion: effects are still marks, not expanding, fading rings. */
  reducedMotion?: boolean;
}

/** How long an effect's burst lasts, in wall milliseconds. */
export const EFFECT_WALL_MS = 700;
const BASE_RADIUS = 6;
/** Marks that carry a step number are drawn larger, so the number can be read. */
const STEP_SCALE = 1.4;
const MAX_LABELS = 400;
const LOOK_SHAPES = MESSAGE_LOOKS.map((l) => MESSAGE_LEGEND[l].shape);
const HAS_STEP = Uint8Array.from(MESSAGE_LOOKS, (l) => (STEP_LOOKS.has(l) ? 1 : 0));
const EFFECT_SHAPES = EFFECT_KINDS.map((k) => EFFECT_LEGEND[k].shape);
const EFFECT_INDEX = new Map(EFFECT_KINDS.map((k, i) => [k, i]));

/**
 * Draws the messages in flight and the recent effects onto one 2D context, in screen space. Plain
 * TS (no React) so the benchmark and tests can drive it; MessageLayer calls it once per frame. The
 * hot loop allocates nothing: positions live in typed arrays and each look is one batched path.
 */
export class MessageRenderer {
  private diagram: Diagram | null = null;
  private from: string[] = [];
  private to: string[] = [];
  private lanes = new Float64Array(0);
  private edgeIndex = new Map<string, number>();
  /** Eight numbers per edge: p0..p3 of its curve. */
  private curves = new Float64Array(0);
  private curveOk = new Uint8Array(0);
  /** The boxes each cached curve was built from. */
  private curveKey = new Float64Array(0);
  private readonly bundler = new Bundler();
  private readonly sb: Box = { x: 0, y: 0, width: 0, height: 0 };
  private readonly tb: Box = { x: 0, y: 0, width: 0, height: 0 };
  /** Screen position and radius of each particle drawn last frame (NaN when culled), for hit tests. */
  private sx = new Float32Array(0);
  private sy = new Float32Array(0);
  private sr = new Float32Array(0);
  private particles: Particles | null = null;
  private slotIds: string[] = [];
  private slotCorrelations: string[] = [];

  /** Draws one frame. */
  draw(
    ctx: CanvasRenderingContext2D,
    frame: PlaybackFrame,
    view: ViewTransform,
    boxOf: NodeBoxLookup,
    o: DrawOptions,
  ): void {
    ctx.clearRect(0, 0, o.width, o.height);
    this.particles = null;
    if (!frame.diagram) return;
    this.prepareEdges(frame.diagram, boxOf);
    const edgeCount = this.from.length;
    const p = this.bundler.run(frame.messages, frame.time, edgeCount, o.highlightCorrelation);
    this.particles = p;
    this.slotIds = frame.messages.ids;
    this.slotCorrelations = frame.messages.correlations;
    if (this.sx.length < p.n) {
      this.sx = new Float32Array(p.n * 2);
      this.sy = new Float32Array(p.n * 2);
      this.sr = new Float32Array(p.n * 2);
    }
    const z = view.zoom;
    const r = BASE_RADIUS * Math.min(1.5, Math.max(0.6, z));
    const { curves, curveOk, sx, sy, sr } = this;
    const w = o.width;
    const h = o.height;
    for (let i = 0; i < p.n; i++) {
      const e = p.edge[i]!;
      if (!curveOk[e]) {
        sx[i] = NaN;
        continue;
      }
      const t = p.pos[i]!;
      const u = 1 - t;
      const a = u * u * u;
      const b = 3 * u * u * t;
      const d = 3 * u * t * t;
      const f = t * t * t;
      const k = e * 8;
      const x = (a * curves[k]! + b * curves[k + 2]! + d * curves[k + 4]! + f * curves[k + 6]!) * z + view.x;
      const y =
        (a * curves[k + 1]! + b * curves[k + 3]! + d * curves[k + 5]! + f * curves[k + 7]!) * z + view.y;
      const c = p.count[i]!;
      let rad = c > 1 ? r * Math.min(4, 1.1 + Math.log2(c) * 0.45) : r;
      if (c === 1 && HAS_STEP[p.look[i]!]) rad *= STEP_SCALE;
      if (c === 1 && p.highlighted[i]) rad *= 1.3;
      if (x < -rad || y < -rad || x > w + rad || y > h + rad) {
        sx[i] = NaN;
        continue;
      }
      sx[i] = x;
      sy[i] = y;
      sr[i] = rad;
    }
    this.drawSingles(ctx, p, o, false);
    this.drawBundles(ctx, p, o);
    if (o.highlightCorrelation !== null) this.drawSingles(ctx, p, o, true);
    this.drawStepLabels(ctx, p, o, r);
    this.drawEffects(ctx, frame, view, boxOf, o, r);
  }

  /** The message under screen point (x, y) drawn last frame: its id and correlation, or null. */
  hitTest(x: number, y: number, slop = 4): { messageId: string; correlationId: string } | null {
    const p = this.particles;
    if (!p) return null;
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < p.n; i++) {
      const px = this.sx[i]!;
      if (Number.isNaN(px)) continue;
      const dx = px - x;
      const dy = this.sy[i]! - y;
      const d = dx * dx + dy * dy;
      const reach = this.sr[i]! + slop;
      if (d <= reach * reach && d < bestD) {
        best = i;
        bestD = d;
      }
    }
    if (best < 0) return null;
    const slot = p.slot[best]!;
    const messageId = this.slotIds[slot];
    const correlationId = this.slotCorrelations[slot];
    return messageId !== undefined && correlationId !== undefined ? { messageId, correlationId } : null;
  }

  /** The screen point where the particle of message `messageId` was drawn, if it was. */
  positionOf(messageId: string): { x: number; y: number } | null {
    const p = this.particles;
    if (!p) return null;
    for (let i = 0; i < p.n; i++) {
      if (this.slotIds[p.slot[i]!] === messageId && !Number.isNaN(this.sx[i]!))
        return { x: this.sx[i]!, y: this.sy[i]! };
    }
    return null;
  }

  private prepareEdges(diagram: Diagram, boxOf: NodeBoxLookup): void {
    if (diagram !== this.diagram) {
      this.diagram = diagram;
      const n = diagram.edges.length;
      this.from = diagram.edges.map((e) => e.from);
      this.to = diagram.edges.map((e) => e.to);
      const lanes = edgeLanes(diagram.edges);
      this.lanes = Float64Array.from(diagram.edges, (e) => lanes.get(e.id) ?? 0);
      this.edgeIndex = new Map(diagram.edges.map((e, i) => [e.id, i]));
      this.curves = new Float64Array(n * 8);
      this.curveOk = new Uint8Array(n);
      this.curveKey = new Float64Array(n * 8).fill(NaN);
    }
    const { sb, tb, curveKey: key } = this;
    for (let i = 0; i < this.from.length; i++) {
      if (!boxOf(this.from[i]!, sb) || !boxOf(this.to[i]!, tb)) {
        this.curveOk[i] = 0;
        continue;
      }
      const k = i * 8;
      if (
        key[k] === sb.x &&
        key[k + 1] === sb.y &&
        key[k + 2] === sb.width &&
        key[k + 3] === sb.height &&
        key[k + 4] === tb.x &&
        key[k + 5] === tb.y &&
        key[k + 6] === tb.width &&
        key[k + 7] === tb.height &&
        this.curveOk[i]
      ) {
        continue;
      }
      key[k] = sb.x;
      key[k + 1] = sb.y;
      key[k + 2] = sb.width;
      key[k + 3] = sb.height;
      key[k + 4] = tb.x;
      key[k + 5] = tb.y;
      key[k + 6] = tb.width;
      key[k + 7] = tb.height;
      const c = edgeCurve(sb, tb, this.lanes[i]!);
      this.curves.set([c.p0.x, c.p0.y, c.p1.x, c.p1.y, c.p2.x, c.p2.y, c.p3.x, c.p3.y], k);
      this.curveOk[i] = 1;
    }
  }

  /** One batched path per look: every unbundled particle of that look, filled or stroked at once. */
  private drawSingles(
    ctx: CanvasRenderingContext2D,
    p: Particles,
    o: DrawOptions,
    highlighted: boolean,
  ): void {
    const { sx, sy, sr } = this;
    const want = highlighted ? 1 : 0;
    for (let look = 0; look < LOOK_SHAPES.length; look++) {
      const shape = LOOK_SHAPES[look]!;
      const color = o.palette.looks[look]!;
      let any = false;
      ctx.beginPath();
      for (let i = 0; i < p.n; i++) {
        if (p.look[i] !== look || p.count[i] !== 1 || p.highlighted[i] !== want) continue;
        const x = sx[i]!;
        if (Number.isNaN(x)) continue;
        traceMark(ctx, shape, x, sy[i]!, sr[i]!);
        any = true;
      }
      if (!any) continue;
      // A thin halo in the background colour first, so a mark stands out on an edge of any colour.
      ctx.strokeStyle = o.palette.ink.labelHalo;
      if (SHAPE_PAINT[shape] === 'fill') {
        ctx.lineWidth = 2.5;
        ctx.stroke();
        ctx.fillStyle = color;
        ctx.fill();
      } else {
        ctx.lineWidth = 4.5;
        ctx.stroke();
        ctx.strokeStyle = color;
        ctx.lineWidth = 2;
        ctx.stroke();
      }
    }
    if (!highlighted) return;
    // The selected correlation: a halo round each of its messages, a stronger one round the selected.
    ctx.strokeStyle = o.palette.ink.highlight;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let i = 0; i < p.n; i++) {
      if (!p.highlighted[i] || Number.isNaN(sx[i]!)) continue;
      const rr = sr[i]! + 4;
      ctx.moveTo(sx[i]! + rr, sy[i]!);
      ctx.arc(sx[i]!, sy[i]!, rr, 0, Math.PI * 2);
    }
    ctx.stroke();
    if (o.selectedMessageId !== null) {
      const at = this.positionOf(o.selectedMessageId);
      if (at) {
        ctx.lineWidth = 3;
        ctx.beginPath();
        ctx.arc(at.x, at.y, BASE_RADIUS + 9, 0, Math.PI * 2);
        ctx.stroke();
      }
    }
  }

  /** Bundles: a disc in the look's colour sized by count, ringed, with the count written on it. */
  private drawBundles(ctx: CanvasRenderingContext2D, p: Particles, o: DrawOptions): void {
    const { sx, sy, sr } = this;
    let labels = 0;
    for (let look = 0; look < LOOK_SHAPES.length; look++) {
      let any = false;
      ctx.beginPath();
      for (let i = 0; i < p.n; i++) {
        if (p.look[i] !== look || p.count[i] === 1 || Number.isNaN(sx[i]!)) continue;
        ctx.moveTo(sx[i]! + sr[i]!, sy[i]!);
        ctx.arc(sx[i]!, sy[i]!, sr[i]!, 0, Math.PI * 2);
        any = true;
      }
      if (!any) continue;
      ctx.fillStyle = o.palette.looks[look]!;
      ctx.globalAlpha = 0.85;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.strokeStyle = o.palette.ink.labelHalo;
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    ctx.fillStyle = o.palette.ink.onMark;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = '700 10px system-ui, sans-serif';
    for (let i = 0; i < p.n && labels < MAX_LABELS; i++) {
      if (p.count[i] === 1 || Number.isNaN(sx[i]!) || sr[i]! < 7) continue;
      ctx.fillText(String(p.count[i]), sx[i]!, sy[i]! + 0.5);
      labels++;
    }
  }

  /** Step numbers on saga actions and compensations. */
  private drawStepLabels(ctx: CanvasRenderingContext2D, p: Particles, o: DrawOptions, r: number): void {
    if (r < 4) return;
    ctx.fillStyle = o.palette.ink.onMark;
    ctx.font = `700 ${Math.round(r * 1.5 * STEP_SCALE)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    let labels = 0;
    for (let i = 0; i < p.n && labels < MAX_LABELS; i++) {
      const step = p.step[i]!;
      if (step === 0 || p.count[i] !== 1 || !HAS_STEP[p.look[i]!] || Number.isNaN(this.sx[i]!)) continue;
      ctx.fillText(String(step), this.sx[i]!, this.sy[i]! + 0.5);
      labels++;
    }
  }

  /**
   * Effects as short bursts: an expanding, fading ring with the effect's mark at its centre; with
   * reduced motion, the mark alone, steady, for as long.
   */
  private drawEffects(
    ctx: CanvasRenderingContext2D,
    frame: PlaybackFrame,
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
      if (!this.effectPoint(fx.edgeId, fx.serviceId, boxOf)) continue;
      const x = this.sb.x * view.zoom + view.x;
      const y = this.sb.y * view.zoom + view.y;
      if (x < -40 || y < -40 || x > o.width + 40 || y > o.height + 40) continue;
      const k = EFFECT_INDEX.get(fx.kind) ?? 0;
      const color = o.palette.effects[k]!;
      const shape = EFFECT_SHAPES[k]!;
      ctx.strokeStyle = color;
      if (!o.reducedMotion) {
        const life = age / horizon;
        ctx.globalAlpha = 1 - life;
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

  /** Puts where an effect happened (flow coordinates) into `this.sb.x/y`. */
  private effectPoint(
    edgeId: string | undefined,
    serviceId: string | undefined,
    boxOf: NodeBoxLookup,
  ): boolean {
    const e = edgeId !== undefined ? this.edgeIndex.get(edgeId) : undefined;
    if (e !== undefined && this.curveOk[e]) {
      const t = serviceId === this.to[e] ? 0.92 : serviceId === this.from[e] ? 0.08 : 0.5;
      const u = 1 - t;
      const k = e * 8;
      const c = this.curves;
      const a = u * u * u;
      const b = 3 * u * u * t;
      const d = 3 * u * t * t;
      const f = t * t * t;
      this.sb.x = a * c[k]! + b * c[k + 2]! + d * c[k + 4]! + f * c[k + 6]!;
      this.sb.y = a * c[k + 1]! + b * c[k + 3]! + d * c[k + 5]! + f * c[k + 7]!;
      return true;
    }
    if (serviceId !== undefined && boxOf(serviceId, this.tb)) {
      this.sb.x = this.tb.x + this.tb.width / 2;
      this.sb.y = this.tb.y;
      return true;
    }
    return false;
  }
}
