import { describe, expect, it } from 'vitest';
import { FakeClock, createFakeEngine, testDiagram } from './testing';
import { createInProcessHost } from './sessionHosts';
import { Playback } from './playback';

describe('Run detail while the page holds it', () => {
  it('asks the engine for no run state while held, and for all of it at the first refresh after', () => {
    const clock = new FakeClock(16);
    const inner = createInProcessHost(createFakeEngine, { synchronous: true });
    const asked: Array<boolean | 'live'> = [];
    const host = {
      ...inner,
      send: (cmd: Parameters<typeof inner.send>[0]) => {
        if (cmd.type === 'advance') asked.push(cmd.ui);
        inner.send(cmd);
      },
    };
    let held = false;
    const pb = new Playback({ host, clock, scheduler: clock, detailHeld: () => held });
    pb.load(testDiagram({ run: { seed: 1, speed: 1, untilMs: 60_000 } }), { speed: 1 });
    pb.play();
    clock.advance(1_000);
    const playing = asked.splice(0);
    expect(playing).toContain(true);
    expect(playing).toContain('live');
    held = true;
    clock.advance(1_000);
    const during = asked.splice(0);
    expect(during.length).toBeGreaterThan(20);
    expect(during.filter((ui) => ui !== false)).toEqual([]);
    const before = pb.getSnapshot().now;
    held = false;
    clock.advance(16);
    expect(asked.find((ui) => ui !== false)).toBe(true);
    // The run itself never waited: time went on while held.
    expect(pb.getSnapshot().now).toBeGreaterThan(before);
  });
});
