import { describe, expect, it } from 'vitest';
import { SERVICE_SIZE, type Box } from '../geometry';
import { resolvePalette } from '../../legend';
import { Playback } from '../../playback';
import { createInProcessHost } from '../../playback/sessionHosts';
import { FakeClock, createFakeEngine } from '../../playback/testing';
import type { ColumnsEvent } from '../../playback';
import { testDiagram } from '../../playback/testing';
import { LayerPainter, type FrameParams } from './painter';
import { MessageRenderer } from './renderer';

/** A 2D context that records every call with its arguments. */
function recorder() {
  const calls: string[] = [];
  const ctx = new Proxy({} as Record<string, unknown>, {
    get: (t, k: string) => (k in t ? t[k] : (...a: unknown[]) => calls.push(`${k}(${a.join(',')})`)),
    set: (t, k: string, v) => ((t[k] = v), true),
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, calls };
}

describe('LayerPainter', () => {
  const diagram = testDiagram();
  const boxes: Record<string, Box> = {
    a: { x: 0, y: 0, ...SERVICE_SIZE },
    b: { x: 400, y: 100, ...SERVICE_SIZE },
  };
  const boxOf = (id: string, out: Box) => (boxes[id] ? (Object.assign(out, boxes[id]), true) : false);

  it('draws from what it was told exactly what the page would draw itself', () => {
    const clock = new FakeClock();
    const pb = new Playback({
      host: createInProcessHost(createFakeEngine, { synchronous: true }),
      clock,
      scheduler: clock,
    });
    const painter = new LayerPainter();
    const events: ColumnsEvent[] = [];
    pb.onColumns((e) => events.push(e));
    pb.load(diagram);
    pb.seek(151);
    for (const event of events) painter.handle({ type: 'columns', event });
    painter.handle({ type: 'edges', edges: diagram.edges });
    painter.handle({
      type: 'boxes',
      ids: ['a', 'b'],
      boxes: Float64Array.from(
        ['a', 'b'].flatMap((id) => [boxes[id]!.x, boxes[id]!.y, SERVICE_SIZE.width, SERVICE_SIZE.height]),
      ),
    });
    const params: FrameParams = {
      time: pb.frame().time,
      speed: 1,
      view: { x: 10, y: 20, zoom: 1.2 },
      dpr: 2,
      options: {
        width: 800,
        height: 600,
        palette: resolvePalette('light'),
        highlightCorrelation: null,
        selectedMessageId: null,
      },
    };
    painter.handle({ type: 'frame', frame: params });
    const there = recorder();
    expect(painter.paint(there.ctx)).toBe(true);
    expect(painter.paint(there.ctx), 'nothing changed since').toBe(false);
    const here = recorder();
    here.ctx.setTransform(2, 0, 0, 2, 0, 0);
    new MessageRenderer().draw(here.ctx, pb.frame(), params.view, boxOf, params.options);
    expect(there.calls).toEqual(here.calls);
    expect(there.calls.some((c) => c.startsWith('arc('))).toBe(true);
    expect(painter.canvasSize()).toEqual({ width: 1600, height: 1200 });

    painter.handle({ type: 'columns', event: { kind: 'clear' } });
    const cleared = recorder();
    painter.paint(cleared.ctx);
    expect(cleared.calls.some((c) => c.startsWith('arc('))).toBe(false);
  });
});
