import { describe, expect, it } from 'vitest';
import { edgeCurve, pointAt, SERVICE_SIZE, type Box } from '../geometry';
import { resolvePalette } from '../../legend';
import { Playback } from '../../playback';
import { createInProcessHost } from '../../playback/sessionHosts';
import { FakeClock, createFakeEngine } from '../../playback/testing';
import { testDiagram } from '../../playback/testing';
import { EFFECT_LEGEND, MESSAGE_LEGEND } from '../../legend';
import { EFFECT_KINDS, MESSAGE_LOOKS, type PlaybackFrame } from '../../playback';
import { anchorBox } from './anchors';
import { edgeLanes, laneForIndex } from './lanes';
import { DIMMED_ALPHA } from './dimming';
import { MessageRenderer } from './renderer';

/** A 2D context that records which paints happen (Node has no canvas). */
function fakeContext() {
  const calls: string[] = [];
  /** The opacity of each fill and stroke, in order. */
  const paintAlphas: number[] = [];
  const ctx = new Proxy(
    {},
    {
      get: (_t, prop: string) =>
        prop in store
          ? store[prop]
          : (...args: unknown[]) => {
              if (prop === 'fill' || prop === 'stroke') paintAlphas.push(Number(store.globalAlpha ?? 1));
              calls.push(`${prop}(${args.length})`);
            },
      set: (_t, prop: string, value) => {
        store[prop] = value;
        return true;
      },
    },
  ) as unknown as CanvasRenderingContext2D;
  const store: Record<string, unknown> = {};
  return { ctx, calls, paintAlphas };
}

describe('edgeLanes', () => {
  it('fans parallel edges out 0, 1, -1, 2 and leaves others at 0', () => {
    const lanes = edgeLanes([
      { id: 'a', from: 'x', to: 'y' },
      { id: 'b', from: 'x', to: 'y' },
      { id: 'c', from: 'y', to: 'x' },
      { id: 'd', from: 'x', to: 'y' },
      { id: 'e', from: 'x', to: 'y' },
    ]);
    expect([...lanes.entries()]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 0],
      ['d', -1],
      ['e', 2],
    ]);
    expect(laneForIndex(4)).toBe(-2);
  });
});

describe('MessageRenderer', () => {
  const diagram = testDiagram();
  const boxes: Record<string, Box> = {
    a: { x: 0, y: 0, ...SERVICE_SIZE },
    b: { x: 400, y: 100, ...SERVICE_SIZE },
  };
  const boxOf = (id: string, out: Box) => {
    const b = boxes[id];
    if (!b) return false;
    Object.assign(out, b);
    return true;
  };
  const options = {
    width: 2000,
    height: 1000,
    palette: resolvePalette('light'),
    highlightCorrelation: null,
    selectedMessageId: null,
  };

  function playbackAt(t: number, d = diagram) {
    const clock = new FakeClock();
    const pb = new Playback({
      host: createInProcessHost(createFakeEngine, { synchronous: true }),
      clock,
      scheduler: clock,
    });
    pb.load(d);
    pb.seek(t);
    return pb;
  }

  it('puts a message exactly on its edge curve, under pan and zoom, and hit-tests it', () => {
    const pb = playbackAt(151); // m0 left at 1, arrives at 301: halfway
    const r = new MessageRenderer();
    const { ctx, calls } = fakeContext();
    const view = { x: 30, y: -20, zoom: 1.5 };
    r.draw(ctx, pb.frame(), view, boxOf, options);
    // One fill for the halos, one for the marks: a batch per look, not a paint per message.
    expect(calls.filter((c) => c.startsWith('fill('))).toHaveLength(2);
    expect(calls.filter((c) => c.startsWith('stroke('))).toHaveLength(0);
    const at = pointAt(edgeCurve(boxes.a!, boxes.b!, 0), 0.5);
    const sx = at.x * view.zoom + view.x;
    const sy = at.y * view.zoom + view.y;
    expect(r.positionOf('m0')).toEqual({ x: expect.closeTo(sx, 3), y: expect.closeTo(sy, 3) });
    expect(r.hitTest(sx + 2, sy - 2)).toEqual({ messageId: 'm0', correlationId: 'c0' });
    expect(r.hitTest(sx + 40, sy)).toBeNull();
  });

  it('draws nothing for an edge whose service is gone', () => {
    const pb = playbackAt(151);
    const r = new MessageRenderer();
    const { ctx } = fakeContext();
    const missingB = (id: string, out: Box) => id !== 'b' && boxOf(id, out);
    r.draw(ctx, pb.frame(), { x: 0, y: 0, zoom: 1 }, missingB, options);
    expect(r.positionOf('m0')).toBeNull();
    expect(r.hitTest(0, 0)).toBeNull();
  });

  it('follows a dragged node', () => {
    const pb = playbackAt(151);
    const r = new MessageRenderer();
    const { ctx } = fakeContext();
    r.draw(ctx, pb.frame(), { x: 0, y: 0, zoom: 1 }, boxOf, options);
    const before = r.positionOf('m0')!;
    const moved = (id: string, out: Box) => boxOf(id, out) && (id !== 'b' || ((out.y += 200), true));
    r.draw(ctx, pb.frame(), { x: 0, y: 0, zoom: 1 }, moved, options);
    const after = r.positionOf('m0')!;
    expect(after.y - before.y).toBeCloseTo(100, 0);
  });

  it('presenting draws marks larger, each with a short trail behind it along its edge', () => {
    const pb = playbackAt(151);
    const draw = (presenting: boolean) => {
      const r = new MessageRenderer();
      const { ctx, calls } = fakeContext();
      r.draw(ctx, pb.frame(), { x: 0, y: 0, zoom: 1 }, boxOf, { ...options, presenting });
      const at = r.positionOf('m0')!;
      // The mark's reach: the largest distance at which a click still finds it.
      let reach = 0;
      while (r.hitTest(at.x + reach + 1, at.y, 0)) reach++;
      return { reach, strokes: calls.filter((c) => c.startsWith('stroke(')).length };
    };
    const plain = draw(false);
    const presenting = draw(true);
    expect(presenting.reach).toBeGreaterThanOrEqual(plain.reach * 1.7);
    // The trail: a few fading segments, drawn only when presenting.
    expect(plain.strokes).toBe(0);
    expect(presenting.strokes).toBeGreaterThanOrEqual(3);
  });
  it('draws effects as steady marks under reduced motion (no expanding ring)', () => {
    const d = testDiagram({ faults: [{ id: 'f', kind: 'down', target: 'b', atMs: 0, durationMs: 0 }] });
    const pb = playbackAt(302, d); // m0 refused at 301
    expect(pb.frame().effects.some((e) => e.kind === 'refused')).toBe(true);
    const arcs = (reducedMotion: boolean) => {
      const { ctx, calls } = fakeContext();
      new MessageRenderer().draw(ctx, pb.frame(), { x: 0, y: 0, zoom: 1 }, boxOf, {
        ...options,
        reducedMotion,
      });
      return { arcs: calls.filter((c) => c.startsWith('arc(')).length, alpha: ctx.globalAlpha };
    };
    const moving = arcs(false);
    const calm = arcs(true);
    expect(calm.arcs).toBe(moving.arcs - 1);
    expect(calm.alpha).toBe(1);
  });

  const paint = (frame: PlaybackFrame, lit: { services: string[]; edges: string[] } | null) => {
    const { ctx, paintAlphas } = fakeContext();
    const litSets = lit && { services: new Set(lit.services), edges: new Set(lit.edges) };
    new MessageRenderer().draw(ctx, frame, { x: 0, y: 0, zoom: 1 }, boxOf, { ...options, lit: litSets });
    return { alphas: [...new Set(paintAlphas)], after: Number(ctx.globalAlpha ?? 1) };
  };

  it('draws a message on an edge off the path as faint as the edge, and one on it in full', () => {
    const frame = playbackAt(151).frame(); // m0 halfway along e1
    expect(paint(frame, null).alphas).toEqual([1]);
    expect(paint(frame, { services: ['a', 'b'], edges: ['e1'] }).alphas).toEqual([1]);
    const off = paint(frame, { services: ['a'], edges: ['elsewhere'] });
    expect(off.alphas).toEqual([DIMMED_ALPHA]);
    // Whatever is drawn after the messages starts from full opacity again.
    expect(off.after).toBe(1);
  });

  it('draws an effect off the path faint too', () => {
    const d = testDiagram({ faults: [{ id: 'f', kind: 'down', target: 'b', atMs: 0, durationMs: 0 }] });
    const frame = playbackAt(302, d).frame(); // m0 refused at 301, on e1
    expect(frame.effects.some((e) => e.kind === 'refused' && e.edgeId === 'e1')).toBe(true);
    const on = paint(frame, { services: ['a', 'b'], edges: ['e1'] });
    const off = paint(frame, { services: [], edges: [] });
    expect(Math.max(...on.alphas)).toBeGreaterThan(DIMMED_ALPHA);
    expect(Math.max(...off.alphas)).toBeLessThanOrEqual(DIMMED_ALPHA);
    expect(off.after).toBe(1);
  });
});

describe('anchorBox', () => {
  it("puts a curve's ends exactly on React Flow's handle points", () => {
    // A 172×64 card at (100, 50) with 10×10 handles straddling its left and right sides.
    const node = {
      measured: { width: 172, height: 64 },
      internals: {
        positionAbsolute: { x: 100, y: 50 },
        handleBounds: {
          source: [{ x: 167, y: 27, width: 10, height: 10 }],
          target: [{ x: -5, y: 27, width: 10, height: 10 }],
        },
      },
    };
    const box: Box = { x: 0, y: 0, width: 0, height: 0 };
    anchorBox(node, box);
    const c = edgeCurve(box, box);
    // React Flow: source = right side of the out handle, target = left side of the in handle.
    expect(c.p0).toEqual({ x: 100 + 167 + 10, y: 50 + 27 + 5 });
    expect(c.p3).toEqual({ x: 100 - 5, y: 50 + 27 + 5 });
  });

  it('falls back to the card before handles are measured', () => {
    const box: Box = { x: 0, y: 0, width: 0, height: 0 };
    anchorBox({ measured: {}, internals: { positionAbsolute: { x: 3, y: 4 } } }, box);
    expect(box).toEqual({ x: 3, y: 4, ...SERVICE_SIZE });
  });
});

describe('the legend', () => {
  it('gives every message look its own shape, and every effect its own shape', () => {
    const looks = MESSAGE_LOOKS.map((l) => MESSAGE_LEGEND[l].shape);
    const effects = EFFECT_KINDS.map((k) => EFFECT_LEGEND[k].shape);
    expect(new Set(looks).size).toBe(looks.length);
    expect(new Set(effects).size).toBe(effects.length);
  });
});
