import { describe, expect, it } from 'vitest';
import { FakeEngine, createFakeEngine, heldRepliesSetup, testDiagram } from './testing';
import { createInProcessHost } from './sessionHosts';
import { Playback } from './playback';
import type { EngineFactory } from './types';

/**
 * The clock a person sees on a busy machine: engine replies that arrive late, after a pause, a
 * speed change or a new Play. Shown time (the clock and the canvas) never goes back except on a
 * reset or a seek, and a pause holds the run where it was when the person pressed it.
 */

/** Ids in flight, sorted. */
function inFlightIds(pb: Playback): string[] {
  const m = pb.frame().messages;
  const ids: string[] = [];
  for (let s = 0; s < m.highWater; s++) if (m.alive[s]) ids.push(m.ids[s]!);
  return ids.sort();
}

/** Records the clock and the drawn time after each call; both must never go back. */
function watcher(pb: Playback) {
  const clocks: number[] = [];
  const drawn: number[] = [];
  return {
    clocks,
    drawn,
    look() {
      clocks.push(pb.getSnapshot().now);
      drawn.push(pb.frame().time);
    },
    /** The first place a list goes back, or null. */
    wentBack(list: number[]) {
      const i = list.findIndex((t, k) => k > 0 && t < list[k - 1]!);
      return i < 0 ? null : { at: i, from: list[i - 1], to: list[i] };
    },
  };
}

describe('Shown time with late engine replies', () => {
  it('never goes back when replies from before a pause arrive after Play at a faster speed', () => {
    const { pb, clock, held, deliverAll, deliverSome } = heldRepliesSetup();
    pb.load(testDiagram({ run: { seed: 1, speed: 1, untilMs: 60_000 } }));
    deliverAll();
    const w = watcher(pb);
    pb.play();
    clock.advance(16); // an advance is asked for
    clock.advance(2_400); // and not answered for 2.4 s: the worker is starved
    w.look();
    pb.pause();
    w.look();
    clock.advance(400);
    w.look();
    pb.setSpeed(50);
    pb.play();
    // The old replies land now, one a frame, while the run plays at 50×.
    while (held.length) {
      clock.advance(16);
      deliverSome(1);
      w.look();
    }
    for (let i = 0; i < 40; i++) {
      clock.advance(16);
      deliverAll();
      w.look();
    }
    pb.pause();
    w.look();
    deliverAll();
    w.look();
    expect(w.wentBack(w.clocks)).toBeNull();
    expect(w.wentBack(w.drawn)).toBeNull();
    expect(pb.getSnapshot().status).toBe('paused');
    // 640 wall ms at 50×: well over 5 simulated seconds.
    expect(w.clocks.at(-1)! - w.clocks[1]!).toBeGreaterThan(5_000);
  });

  it('pauses where the canvas was at 77× with late replies, and the engine never runs on to the end', () => {
    const { pb, clock, held, deliverAll, deliverSome } = heldRepliesSetup();
    const diagram = testDiagram({ run: { seed: 1, speed: 77, untilMs: 10_000 } });
    pb.load(diagram);
    deliverAll();
    pb.play();
    clock.advance(16); // asks for 1,232 ms
    clock.advance(224); // its reply is late: the clock runs far ahead of the engine
    deliverSome(1);
    clock.advance(16); // the next advance reaches only as far as the canvas may draw ahead
    expect(held).toHaveLength(1);
    const drawn = pb.frame().time;
    expect(drawn).toBeLessThan(6_000);
    pb.pause();
    const pausedAt = pb.getSnapshot().now;
    // At most one stride (100 wall ms of simulated time) past what was drawn.
    expect(pausedAt).toBeGreaterThanOrEqual(drawn);
    expect(pausedAt - drawn).toBeLessThanOrEqual(77 * 100);
    while (held.length) {
      deliverSome(1);
      expect(pb.getSnapshot()).toMatchObject({ status: 'paused', now: pausedAt });
      expect(pb.frame().time).toBe(pausedAt);
    }
    // The engine is where the pause is: the same messages as a run straight there.
    const straight = new Playback({ host: createInProcessHost(createFakeEngine, { synchronous: true }) });
    straight.load(diagram);
    straight.seek(pausedAt);
    expect(inFlightIds(pb)).toEqual(inFlightIds(straight));
    expect(pb.getSnapshot().events).toBe(straight.getSnapshot().events);
    // And it plays on from there.
    pb.play();
    clock.advance(16);
    deliverAll();
    clock.advance(16);
    expect(pb.frame().time).toBeGreaterThan(pausedAt);
  });

  it('a step still on its way when the person plays and pauses again does not move the paused clock', () => {
    const { pb, clock, held, deliverAll, deliverSome } = heldRepliesSetup();
    const diagram = testDiagram({ run: { seed: 1, speed: 1, untilMs: 10_000 } });
    pb.load(diagram);
    deliverAll();
    pb.step(); // the engine goes to the first event (t = 1); the reply is late
    pb.play();
    pb.pause(); // at once: the canvas still shows time 0
    const pausedAt = pb.getSnapshot().now;
    expect(pausedAt).toBe(0);
    clock.advance(100);
    while (held.length) {
      deliverSome(1);
      expect(pb.getSnapshot()).toMatchObject({ status: 'paused', now: pausedAt });
      expect(pb.frame().time).toBe(pausedAt);
    }
    // Brought back to the pause: nothing has happened yet at time 0.
    expect(pb.getSnapshot().events).toBe(0);
    expect(inFlightIds(pb)).toEqual([]);
  });

  it('sees every message a person could watch when replies are slow: the engine strides a little at a time', () => {
    // Requests every 150 ms that fly 120 ms, and replies that take 192 wall ms (a starved worker).
    const shortHops: EngineFactory = (d, { seed, untilMs }) => new FakeEngine(d, seed, untilMs, 150, 120);
    const { pb, clock, held, deliverAll } = heldRepliesSetup(shortHops);
    pb.load(testDiagram({ run: { seed: 1, speed: 1, untilMs: 10_000 } }));
    deliverAll();
    pb.play();
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      for (let f = 0; f < 12; f++) {
        clock.advance(16);
        pb.frame(); // the canvas draws every frame
      }
      deliverAll();
      for (const id of inFlightIds(pb)) seen.add(id);
    }
    expect(held).toHaveLength(0);
    const reached = pb.getSnapshot().now;
    const requests = [...seen].filter((id) => !id.endsWith('r')).length;
    expect(reached).toBeGreaterThan(800);
    // Every request sent before the last one was in flight at some reply: none skipped.
    expect(requests).toBeGreaterThanOrEqual(Math.floor(reached / 150) - 1);
  });

  it('keeps the drawn time when slowing down while the engine is behind, and moves on from it', () => {
    const { pb, clock, deliverAll, deliverSome } = heldRepliesSetup();
    pb.load(testDiagram({ run: { seed: 1, speed: 100, untilMs: 60_000 } }));
    deliverAll();
    const w = watcher(pb);
    pb.play();
    clock.advance(16);
    clock.advance(96); // the reply is late; the canvas draws a little past the engine
    w.look();
    deliverSome(1);
    w.look();
    pb.setSpeed(0.1);
    w.look();
    const slowFrom = pb.frame().time;
    for (let i = 0; i < 60; i++) {
      clock.advance(16);
      deliverAll();
      w.look();
    }
    expect(w.wentBack(w.drawn)).toBeNull();
    expect(w.wentBack(w.clocks)).toBeNull();
    // 960 wall ms at 0.1×: about 96 simulated ms on from where it was.
    expect(pb.frame().time).toBeGreaterThan(slowFrom + 50);
    expect(pb.frame().time).toBeLessThan(slowFrom + 150);
  });

  it('a pause always wins, and shown time only goes back on a seek or reset, in any order of events', () => {
    // A seeded shuffle of what a person and a busy machine do, many times over.
    for (let seed = 1; seed <= 40; seed++) {
      let x = seed;
      const random = () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
      const { pb, clock, deliverSome, deliverAll } = heldRepliesSetup();
      pb.load(testDiagram({ run: { seed: 1, speed: 1, untilMs: 30_000 } }));
      deliverAll();
      const speeds = [0.1, 0.5, 1, 5, 20, 77, 100];
      let last = { now: 0, drawn: 0 };
      let held: { now: number; drawn: number } | null = null;
      for (let i = 0; i < 150; i++) {
        const r = random();
        const before = pb.getSnapshot().status;
        // Play after the end restarts the run.
        let jumped = r < 0.12 && before === 'ended';
        if (r < 0.12) pb.play();
        else if (r < 0.24) pb.pause();
        else if (r < 0.32) pb.setSpeed(speeds[Math.floor(random() * speeds.length)]!);
        else if (r < 0.36) pb.step();
        else if (r < 0.38) {
          pb.seek(random() * 30_000);
          jumped = true;
        } else if (r < 0.7) clock.advance(16 * (1 + Math.floor(random() * 20)));
        else deliverSome(1 + Math.floor(random() * 3));
        const s = pb.getSnapshot();
        const seen = { now: s.now, drawn: pb.frame().time };
        const where = `seed ${seed}, action ${i}`;
        if (!jumped) {
          expect(seen.now, where).toBeGreaterThanOrEqual(last.now);
          expect(seen.drawn, where).toBeGreaterThanOrEqual(last.drawn);
        }
        // Paused by the person: nothing moves until they play, step or seek.
        if (before === 'playing' && r >= 0.12 && r < 0.24) held = seen;
        else if (r < 0.12 || (r >= 0.32 && r < 0.38)) held = null;
        if (held) {
          // (Paused at the very end, the run ends there once the engine says so.)
          const atEnd = held.now === s.untilMs;
          expect(s.status, where).toMatch(atEnd ? /^(paused|ended)$/ : /^paused$/);
          expect(seen, where).toEqual(held);
        }
        last = seen;
      }
    }
  });
});
