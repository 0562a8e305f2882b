import type { LitElements } from '../tracePath';
import type { Particles, PlaybackFrame } from '../../playback';
import { Bundler, MESSAGE_LOOKS } from '../../playback';
import type { Context2D, Palette } from '../../legend';
import { MESSAGE_LEGEND, SHAPE_PAINT, STEP_LOOKS, traceMark } from '../../legend';
import { DIMMED_ALPHA } from './dimming';
import { EffectPainter } from './effectMarks';
import {
  EdgeGeometry,
  type EdgeEnds,
  type EdgeRoutes,
  type NodeBoxLookup,
  type ViewTransform,
} from './edgeGeometry';

export type { NodeBoxLookup, ViewTransform };

/** What a frame draws: the playback's frame, or a copy of its parts kept in a drawing worker. */
export type DrawFrame = Pick<PlaybackFrame, 'time' | 'messages' | 'effects' | 'speed'> & {
  diagram: EdgeEnds | null;
};

export interface DrawOptions {
  /** CSS pixels. */
  width: number;
  height: number;
  palette: Palette;
  highlightCorrelation: string | null;
  selectedMessageId: string | null;
  /** The person asked for less motion: effects are still marks, not expanding, fading rings. */
  reducedMotion?: boolean;
  /**
   * Presenting to a room: marks are drawn larger and each lone message leaves a short trail behind
   * it, so people at the back can see where it is going.
   */
  presenting?: boolean;
  /**
   * The services and edges lit on the canvas (a request's path in the Trace view, a presenter's
   * spotlight): messages and effects elsewhere are drawn faint, as their edges are. Absent or null:
   * nothing is lit, everything is drawn as usual.
   */
  lit?: LitElements | null;
}

/** A single message's radius at zoom 1, in pixels: big enough to catch the eye on a first run. */
const BASE_RADIUS = 8;
/** Zoomed out, marks shrink no further than this share of BASE_RADIUS, so a message stays in sight. */
const MIN_MARK_SCALE = 0.75;
/** Which marks a drawing pass draws: those off the lit path, those on it, or all (nothing lit). */
const DIMMED = 1;
const LIT = 0;
const ALL = 2;
/** Presenting: how much larger marks are drawn (they must read from the back of a room). */
export const PRESENT_SCALE = 1.8;
/** Presenting: a trail reaches this share of its edge behind a message. */
const TRAIL_SHARE = 0.12;
/** Presenting: a trail is drawn as this many segments fading out behind the mark. */
const TRAIL_SEGMENTS = 4;
/** Marks that carry a step number are drawn larger, so the number can be read. */
const STEP_SCALE = 1.4;
/** How far a mark's halo reaches beyond it, in pixels (it parts a mark from a line of its colour). */
const HALO = 2;
/** Marks smaller than this (zoomed out) get no halo, unless there are only a few of them. */
const HALO_MIN_RADIUS = 6.5;
/** Up to this many marks always get halos: cheap, and they part a lone mark from its edge's line. */
const HALO_ALWAYS_UP_TO = 100;
/** Count labels per frame at most: text is the dearest thing to draw, and a bundle is sized by count anyway. */
const MAX_LABELS = 120;
/** Bundles smaller than this radius carry no count label. */
const LABEL_MIN_RADIUS = 8;
/**
 * About how many marks a frame may draw. A CPU-rasterized canvas pays ~4 µs per mark when the
 * frame is handed to the compositor; beyond this, busy edges bundle more (sized by count).
 */
const PARTICLE_BUDGET = 600;
const LOOK_SHAPES = MESSAGE_LOOKS.map((l) => MESSAGE_LEGEND[l].shape);
const HAS_STEP = Uint8Array.from(MESSAGE_LOOKS, (l) => (STEP_LOOKS.has(l) ? 1 : 0));

/**
 * Draws the messages in flight and the recent effects onto one 2D context, in screen space. Plain
 * TS (no React) so the benchmark and tests can drive it; MessageLayer calls it once per frame. The
 * hot loop allocates nothing: positions live in typed arrays and each look is one batched path.
 */
export class MessageRenderer {
  private readonly geo = new EdgeGeometry();
  private readonly effects = new EffectPainter(this.geo);
  private halos = true;
  private readonly bundler = new Bundler();
  private readonly at = { x: 0, y: 0 };
  /** Screen position and radius of each particle drawn last frame (NaN when culled), for hit tests. */
  private sx = new Float32Array(0);
  private sy = new Float32Array(0);
  private sr = new Float32Array(0);
  private particles: Particles | null = null;
  /** Per particle drawn last frame: 1 when it rides an edge off the lit path. */
  private dimmed = new Uint8Array(0);
  /** Per edge of the frame's geometry: 1 when it is on the lit path. */
  private onPath = new Uint8Array(0);
  /** Which marks the current pass draws (DIMMED, LIT or ALL), and at what opacity. */
  private pass = ALL;
  private alpha = 1;
  private slotIds: string[] = [];
  private slotCorrelations: string[] = [];

  /** The edges' routes round cards, as the canvas draws them (messages ride the same paths). */
  setRoutes(routes: EdgeRoutes | null): void {
    this.geo.setRoutes(routes);
  }

  /**
   * Where every particle of `frame` goes on screen (for drawing, and for hit tests where another
   * thread draws); returns the base mark radius, 0 when there is nothing to place.
   */
  layout(frame: DrawFrame, view: ViewTransform, boxOf: NodeBoxLookup, o: DrawOptions): number {
    this.particles = null;
    if (!frame.diagram) return 0;
    const geo = this.geo;
    geo.prepare(frame.diagram, boxOf);
    const z = view.zoom;
    const r = BASE_RADIUS * Math.min(1.5, Math.max(MIN_MARK_SCALE, z)) * (o.presenting ? PRESENT_SCALE : 1);
    const room = geo.capacity(view, o.width, o.height, r);
    const p = this.bundler.run(
      frame.messages,
      frame.time,
      geo.count,
      o.highlightCorrelation,
      room,
      PARTICLE_BUDGET,
    );
    this.particles = p;
    this.slotIds = frame.messages.ids;
    this.slotCorrelations = frame.messages.correlations;
    if (this.sx.length < p.n) {
      this.sx = new Float32Array(p.n * 2);
      this.sy = new Float32Array(p.n * 2);
      this.sr = new Float32Array(p.n * 2);
      this.dimmed = new Uint8Array(p.n * 2);
    }
    const { sx, sy, sr, at } = this;
    const w = o.width;
    const h = o.height;
    for (let i = 0; i < p.n; i++) {
      const e = p.edge[i]!;
      if (!geo.curveOk[e]) {
        sx[i] = NaN;
        continue;
      }
      geo.point(e, p.pos[i]!, at);
      const x = at.x * z + view.x;
      const y = at.y * z + view.y;
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
    return r;
  }

  /** Draws one frame. */
  draw(ctx: Context2D, frame: DrawFrame, view: ViewTransform, boxOf: NodeBoxLookup, o: DrawOptions): void {
    ctx.clearRect(0, 0, o.width, o.height);
    const r = this.layout(frame, view, boxOf, o);
    if (r === 0) return;
    const p = this.particles!;
    // Halos are for telling a mark from the line under it; small marks on a zoomed-out view are
    // told apart by colour and shape alone, and skipping them halves the rasterizing.
    this.halos = r >= HALO_MIN_RADIUS || p.n <= HALO_ALWAYS_UP_TO;
    // Marks off the lit path first, faint, so the path's own marks are drawn over them.
    if (this.markDimmed(p, o.lit ?? null)) {
      this.setPass(ctx, DIMMED, DIMMED_ALPHA);
      this.drawMarks(ctx, frame, view, p, o, r);
      this.setPass(ctx, LIT, 1);
    } else this.setPass(ctx, ALL, 1);
    this.drawMarks(ctx, frame, view, p, o, r);
    this.effects.draw(ctx, frame, view, boxOf, o, r);
  }

  /** Every message mark of the current pass: trails, lone marks, bundles, the highlight, steps. */
  private drawMarks(
    ctx: Context2D,
    frame: DrawFrame,
    view: ViewTransform,
    p: Particles,
    o: DrawOptions,
    r: number,
  ): void {
    if (o.presenting) this.drawTrails(ctx, frame, view, p, o, r);
    this.drawSingles(ctx, p, o, false);
    this.drawBundles(ctx, p, o);
    if (o.highlightCorrelation !== null) this.drawSingles(ctx, p, o, true);
    this.drawStepLabels(ctx, p, o, r);
  }

  /** Marks which particles ride edges off the lit path; true when any does. */
  private markDimmed(p: Particles, lit: LitElements | null): boolean {
    if (!lit) return false;
    // Reused from frame to frame: the draw loop allocates nothing.
    if (this.onPath.length < this.geo.count) this.onPath = new Uint8Array(this.geo.count * 2);
    const onPath = this.onPath.fill(0);
    for (const id of lit.edges) {
      const e = this.geo.edgeIndex.get(id);
      if (e !== undefined) onPath[e] = 1;
    }
    let any = false;
    for (let i = 0; i < p.n; i++) {
      const off = onPath[p.edge[i]!] ? 0 : 1;
      this.dimmed[i] = off;
      if (off) any = true;
    }
    return any;
  }

  private setPass(ctx: Context2D, pass: number, alpha: number): void {
    this.pass = pass;
    this.alpha = alpha;
    ctx.globalAlpha = alpha;
  }

  /** Whether particle `i` is left out of the current pass (or was culled). */
  private skips(i: number): boolean {
    return Number.isNaN(this.sx[i]!) || (this.pass !== ALL && this.dimmed[i] !== this.pass);
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

  /** One batched path per look: every unbundled particle of that look, filled or stroked at once. */
  private drawSingles(ctx: Context2D, p: Particles, o: DrawOptions, highlighted: boolean): void {
    const { sx, sy, sr } = this;
    const want = highlighted ? 1 : 0;
    // Strokes are what a CPU canvas rasterizes slowest, so the halo that makes a mark stand out on
    // an edge of any colour is a fill: the same marks, a little larger, in the background colour.
    for (let pass = this.halos ? 0 : 1; pass < 2; pass++) {
      const halo = pass === 0;
      for (let look = 0; look < LOOK_SHAPES.length; look++) {
        const shape = LOOK_SHAPES[look]!;
        const filled = SHAPE_PAINT[shape] === 'fill';
        let any = false;
        ctx.beginPath();
        for (let i = 0; i < p.n; i++) {
          if (p.look[i] !== look || p.count[i] !== 1 || p.highlighted[i] !== want || this.skips(i)) continue;
          const x = sx[i]!;
          // A stroked mark's halo is a disc behind it.
          if (halo && !filled) traceMark(ctx, 'dot', x, sy[i]!, sr[i]! + 2);
          else traceMark(ctx, shape, x, sy[i]!, halo ? sr[i]! + HALO : sr[i]!);
          any = true;
        }
        if (!any) continue;
        if (halo) {
          ctx.fillStyle = o.palette.ink.labelHalo;
          ctx.fill();
        } else if (filled) {
          ctx.fillStyle = o.palette.looks[look]!;
          ctx.fill();
        } else {
          ctx.strokeStyle = o.palette.looks[look]!;
          ctx.lineWidth = 2;
          ctx.stroke();
        }
      }
    }
    if (!highlighted) return;
    // The selected correlation: a halo round each of its messages, a stronger one round the selected.
    ctx.strokeStyle = o.palette.ink.highlight;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let i = 0; i < p.n; i++) {
      if (!p.highlighted[i] || this.skips(i)) continue;
      const rr = sr[i]! + 4;
      ctx.moveTo(sx[i]! + rr, sy[i]!);
      ctx.arc(sx[i]!, sy[i]!, rr, 0, Math.PI * 2);
    }
    ctx.stroke();
    if (o.selectedMessageId !== null && this.pass !== DIMMED) {
      const at = this.positionOf(o.selectedMessageId);
      if (at) {
        ctx.lineWidth = 3;
        ctx.beginPath();
        ctx.arc(at.x, at.y, BASE_RADIUS + 9, 0, Math.PI * 2);
        ctx.stroke();
      }
    }
  }

  /**
   * Presenting: a short fading trail behind each lone message, along its edge and back towards where
   * it came from (a reply's trail points back down the edge it returns on).
   */
  private drawTrails(
    ctx: Context2D,
    frame: DrawFrame,
    view: ViewTransform,
    p: Particles,
    o: DrawOptions,
    r: number,
  ): void {
    const cols = frame.messages;
    const { at, geo } = this;
    ctx.lineCap = 'round';
    for (let i = 0; i < p.n; i++) {
      if (p.count[i] !== 1 || this.skips(i)) continue;
      const slot = p.slot[i]!;
      const from = cols.fromT[slot] ?? 0;
      const to = cols.toT[slot] ?? 1;
      const pos = p.pos[i]!;
      // Never behind where the message started on this edge.
      const reach = Math.min(TRAIL_SHARE, Math.abs(pos - from));
      if (reach <= 0) continue;
      const back = to >= from ? -1 : 1;
      let x0 = this.sx[i]!;
      let y0 = this.sy[i]!;
      ctx.strokeStyle = o.palette.looks[p.look[i]!]!;
      for (let k = 1; k <= TRAIL_SEGMENTS; k++) {
        geo.point(p.edge[i]!, pos + (back * reach * k) / TRAIL_SEGMENTS, at);
        const x1 = at.x * view.zoom + view.x;
        const y1 = at.y * view.zoom + view.y;
        ctx.globalAlpha = this.alpha * 0.45 * (1 - (k - 1) / TRAIL_SEGMENTS);
        ctx.lineWidth = r * (1.1 - (0.8 * k) / TRAIL_SEGMENTS);
        ctx.beginPath();
        ctx.moveTo(x0, y0);
        ctx.lineTo(x1, y1);
        ctx.stroke();
        x0 = x1;
        y0 = y1;
      }
    }
    ctx.globalAlpha = this.alpha;
    ctx.lineCap = 'butt';
  }

  /** Bundles: a disc in the look's colour sized by count, ringed, with the count written on it. */
  private drawBundles(ctx: Context2D, p: Particles, o: DrawOptions): void {
    const { sx, sy, sr } = this;
    let labels = 0;
    // One halo disc under every bundle (a fill: see drawSingles), then each look's discs.
    if (this.halos) {
      let any = false;
      ctx.beginPath();
      for (let i = 0; i < p.n; i++) {
        if (p.count[i] === 1 || this.skips(i)) continue;
        ctx.moveTo(sx[i]! + sr[i]! + HALO, sy[i]!);
        ctx.arc(sx[i]!, sy[i]!, sr[i]! + HALO, 0, Math.PI * 2);
        any = true;
      }
      if (!any) return;
      ctx.fillStyle = o.palette.ink.labelHalo;
      ctx.fill();
    }
    for (let look = 0; look < LOOK_SHAPES.length; look++) {
      let any = false;
      ctx.beginPath();
      for (let i = 0; i < p.n; i++) {
        if (p.look[i] !== look || p.count[i] === 1 || this.skips(i)) continue;
        ctx.moveTo(sx[i]! + sr[i]!, sy[i]!);
        ctx.arc(sx[i]!, sy[i]!, sr[i]!, 0, Math.PI * 2);
        any = true;
      }
      if (!any) continue;
      ctx.fillStyle = o.palette.looks[look]!;
      ctx.fill();
    }
    ctx.fillStyle = o.palette.ink.onMark;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = '700 10px system-ui, sans-serif';
    for (let i = 0; i < p.n && labels < MAX_LABELS; i++) {
      if (p.count[i] === 1 || this.skips(i) || sr[i]! < LABEL_MIN_RADIUS) continue;
      ctx.fillText(String(p.count[i]), sx[i]!, sy[i]! + 0.5);
      labels++;
    }
  }

  /** Step numbers on saga actions and compensations. */
  private drawStepLabels(ctx: Context2D, p: Particles, o: DrawOptions, r: number): void {
    if (r < 4) return;
    ctx.fillStyle = o.palette.ink.onMark;
    ctx.font = `700 ${Math.round(r * 1.5 * STEP_SCALE)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    let labels = 0;
    for (let i = 0; i < p.n && labels < MAX_LABELS; i++) {
      const step = p.step[i]!;
      if (step === 0 || p.count[i] !== 1 || !HAS_STEP[p.look[i]!] || this.skips(i)) continue;
      ctx.fillText(String(step), this.sx[i]!, this.sy[i]! + 0.5);
      labels++;
    }
  }
}
