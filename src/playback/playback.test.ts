import { describe, expect, it } from 'vitest';
import { FakeClock, createFakeEngine, heldRepliesSetup, testDiagram } from './testing';
import { createInProcessHost } from './sessionHosts';
import { MessageColumns } from './columns';
import { Playback } from './playback';

function setup(options: { synchronous?: boolean; speed?: number } = {}) {
  const clock = new FakeClock(16);
  const host = createInProcessHost(createFakeEngine, { synchronous: options.synchronous ?? true });
  const pb = new Playback({ host, clock, scheduler: clock });
  const diagram = testDiagram();
  pb.load(diagram, { speed: options.speed ?? 1 });
  return { clock, pb, diagram };
}

/** Ids in flight, sorted. */
function inFlightIds(pb: Playback): string[] {
  const m = pb.frame().messages;
  const ids: string[] = [];
  for (let s = 0; s < m.highWater; s++) if (m.alive[s]) ids.push(m.ids[s]!);
  return ids.sort();
}

describe('Playback clock', () => {
  it('maps wall time to simulated time at the chosen speed', () => {
    const { clock, pb } = setup({ speed: 2 });
    pb.play();
    clock.advance(160);
    expect(pb.getSnapshot().status).toBe('playing');
    expect(pb.frame().time).toBeCloseTo(320, 0);
    expect(inFlightIds(pb).length).toBeGreaterThan(0);
  });

  it('keeps simulated time continuous when the speed changes mid-play', () => {
    const { clock, pb } = setup({ speed: 1 });
    pb.play();
    clock.advance(480);
    const before = pb.frame().time;
    pb.setSpeed(10);
    expect(pb.frame().time).toBeCloseTo(before, 6);
    clock.advance(32);
    expect(pb.frame().time).toBeCloseTo(before + 320, 0);
    pb.setSpeed(0.1);
    const mid = pb.frame().time;
    clock.advance(160);
    expect(pb.frame().time).toBeCloseTo(mid + 16, 0);
  });

  it('clamps speed to 0.1–100', () => {
    const { pb } = setup();
    pb.setSpeed(1000);
    expect(pb.getSnapshot().speed).toBe(100);
    pb.setSpeed(0);
    expect(pb.getSnapshot().speed).toBe(0.1);
  });

  it('stands still while paused and resumes where it stopped', () => {
    const { clock, pb } = setup();
    pb.play();
    clock.advance(320);
    pb.pause();
    const t = pb.frame().time;
    expect(pb.getSnapshot().status).toBe('paused');
    expect(pb.getSnapshot().now).toBeCloseTo(t, 6);
    clock.advance(1000);
    expect(pb.frame().time).toBe(t);
    pb.play();
    clock.advance(160);
    expect(pb.frame().time).toBeCloseTo(t + 160, 0);
  });

  it('steps to the next event only', () => {
    const { pb } = setup();
    pb.step(); // seed 1: edge 0 first sends at t = 1
    expect(pb.getSnapshot().status).toBe('paused');
    expect(pb.getSnapshot().now).toBe(1);
    expect(inFlightIds(pb)).toEqual(['m0']);
    pb.step(); // next send at 101
    expect(pb.getSnapshot().now).toBe(101);
    expect(pb.getSnapshot().events).toBe(2);
  });

  it('shows the whole run once it ends: figures and invariants at its end, not at the last refresh', () => {
    const { clock, pb } = setup({ speed: 10 });
    pb.play();
    while (pb.getSnapshot().status === 'playing') clock.advance(16);
    expect(pb.getSnapshot().status).toBe('ended');
    expect(pb.getSnapshot().invariants?.atMs).toBe(2_000);
  });

  it('ends at untilMs and plays again from the start', () => {
    const { clock, pb } = setup({ speed: 50 });
    pb.play();
    clock.advance(100); // 5,000 simulated ms asked, run is 2,000
    expect(pb.getSnapshot().status).toBe('ended');
    expect(pb.getSnapshot().now).toBe(2_000);
    expect(pb.frame().time).toBe(2_000);
    expect(clock.pending).toBe(0);
    pb.step();
    expect(pb.getSnapshot().now).toBe(2_000);
    pb.play();
    expect(pb.getSnapshot().status).toBe('playing');
    clock.advance(16);
    expect(pb.frame().time).toBeLessThan(1_000);
  });

  it('refreshes panel state at most about 10 times a second while playing', () => {
    const { clock, pb } = setup();
    let emits = 0;
    pb.subscribe(() => emits++);
    pb.play();
    clock.advance(1_000);
    expect(emits).toBeGreaterThanOrEqual(5);
    expect(emits).toBeLessThanOrEqual(12);
    const snap = pb.getSnapshot();
    expect(pb.getSnapshot()).toBe(snap);
  });
});

describe('Playback seek and reset', () => {
  it('seeks backwards deterministically: the same in-flight set as a straight run', () => {
    const a = setup();
    a.pb.seek(1_234);
    const straight = inFlightIds(a.pb);
    const b = setup();
    b.pb.play();
    b.clock.advance(1_600);
    b.pb.pause();
    expect(b.pb.getSnapshot().now).toBeGreaterThan(1_234);
    b.pb.seek(1_234);
    expect(b.pb.getSnapshot().now).toBe(1_234);
    expect(b.pb.frame().time).toBe(1_234);
    expect(inFlightIds(b.pb)).toEqual(straight);
  });

  it('a seek in a run not yet played pauses it at that time: the status says paused, not ready', () => {
    const { clock, pb } = setup();
    pb.seek(700);
    expect(pb.getSnapshot()).toMatchObject({ status: 'paused', now: 700 });
    clock.advance(500);
    expect(pb.frame().time).toBe(700);
    pb.seek(0);
    expect(pb.getSnapshot()).toMatchObject({ status: 'paused', now: 0 });
    pb.play();
    clock.advance(96);
    expect(pb.frame().time).toBeCloseTo(96, 0);
  });

  it('a seek back from the end of a run pauses it there', () => {
    const { clock, pb } = setup({ speed: 50 });
    pb.play();
    clock.advance(100);
    expect(pb.getSnapshot().status).toBe('ended');
    pb.seek(300);
    expect(pb.getSnapshot()).toMatchObject({ status: 'paused', now: 300 });
  });

  it('seeks while playing and keeps playing from the new time', () => {
    const { clock, pb } = setup();
    pb.play();
    clock.advance(800);
    pb.seek(200);
    expect(pb.getSnapshot().status).toBe('playing');
    clock.advance(96);
    expect(pb.frame().time).toBeCloseTo(296, 0);
  });

  it('resets to time 0 with nothing in flight', () => {
    const { clock, pb } = setup();
    pb.play();
    clock.advance(500);
    pb.reset();
    expect(pb.getSnapshot().status).toBe('idle');
    expect(pb.getSnapshot().now).toBe(0);
    expect(inFlightIds(pb)).toEqual([]);
    expect(pb.frame().time).toBe(0);
  });

  it('records a live fault at the current time and replays it after seeking back', () => {
    const { clock, pb } = setup();
    pb.play();
    clock.advance(400);
    pb.inject({ kind: 'down', target: 'b' });
    clock.advance(400);
    pb.pause();
    const faults = pb.getSnapshot().faults;
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ kind: 'down', target: 'b', source: 'live' });
    expect(faults[0]!.atMs).toBeGreaterThan(350);
    expect(faults[0]!.atMs).toBeLessThan(450);
    const refusedBefore = pb.frame().effects.filter((e) => e.kind === 'refused').length;
    expect(refusedBefore).toBeGreaterThan(0);
    pb.seek(100);
    pb.seek(800);
    expect(pb.frame().effects.filter((e) => e.kind === 'refused').length).toBe(refusedBefore);
    pb.reset();
    pb.seek(800);
    expect(pb.frame().effects.filter((e) => e.kind === 'refused')).toHaveLength(0);
  });

  it('loads an edited diagram cleanly, even mid-run with an edge removed', () => {
    const { clock, pb, diagram } = setup();
    const two = { ...diagram, edges: [...diagram.edges, { ...diagram.edges[0]!, id: 'e2' }] };
    pb.load(two, { speed: 1 });
    pb.play();
    clock.advance(500);
    const smaller = { ...two, services: two.services.filter((s) => s.id !== 'b'), edges: [] };
    pb.load(smaller);
    expect(pb.getSnapshot().status).toBe('idle');
    expect(pb.frame().diagram).toBe(smaller);
    pb.play();
    clock.advance(200);
    expect(inFlightIds(pb)).toEqual([]);
    expect(pb.getSnapshot().error).toBeNull();
  });

  it('works with replies that arrive later (as from a worker)', async () => {
    const { clock, pb } = setup({ synchronous: false });
    await Promise.resolve();
    pb.play();
    for (let i = 0; i < 30; i++) {
      clock.advance(16);
      await Promise.resolve();
    }
    pb.pause();
    await Promise.resolve();
    expect(pb.getSnapshot().now).toBeCloseTo(480, 0);
    expect(pb.frame().time).toBeCloseTo(480, 0);
    const env = await pb.envelope(inFlightIds(pb)[0]!);
    expect(env?.correlationId).toMatch(/^c\d+$/);
  });
});

describe('Playback with live faults and edits', () => {
  it('keeps time moving after adopting a diagram (adopt is never answered)', async () => {
    const { clock, pb, diagram } = setup({ synchronous: false });
    await Promise.resolve();
    pb.play();
    clock.advance(160);
    await Promise.resolve();
    pb.adopt({ ...diagram, name: 'renamed' });
    for (let i = 0; i < 40; i++) {
      clock.advance(16);
      await Promise.resolve();
    }
    // 800 wall ms at 1×; the panel state trails by at most one refresh.
    expect(pb.getSnapshot().now).toBeGreaterThan(650);
  });

  it('drops a live fault removed from the adopted script when seeking back', () => {
    const { clock, pb, diagram } = setup();
    pb.play();
    clock.advance(300);
    pb.inject({ kind: 'down', target: 'b', id: 'live-1' });
    clock.advance(300);
    pb.pause();
    const fault = pb.getSnapshot().faults[0]!;
    pb.adopt({ ...diagram, faults: [fault] });
    pb.adopt({ ...diagram, faults: [] });
    pb.seek(100);
    pb.seek(600);
    expect(pb.frame().effects.filter((e) => e.kind === 'refused')).toHaveLength(0);
  });

  it('shows a reset run at once, before the engine answers: no events, nothing in flight', () => {
    const { pb, clock, held, deliverAll } = heldRepliesSetup();
    pb.load(testDiagram(), { speed: 1 });
    deliverAll();
    pb.play();
    clock.advance(480);
    deliverAll();
    pb.pause();
    deliverAll();
    expect(pb.getSnapshot().events).toBeGreaterThan(0);
    pb.reset();
    // The reset's reply has not arrived: what the run bar shows (and a step counts from) is already 0.
    expect(held.length).toBeGreaterThan(0);
    expect(pb.getSnapshot()).toMatchObject({ status: 'idle', now: 0, events: 0, inFlight: 0 });
    pb.step();
    deliverAll();
    expect(pb.getSnapshot().events).toBe(1);
  });

  it('ignores in-flight replies from before a load (their edges belong to the old diagram)', () => {
    const { pb, clock, held, deliver } = heldRepliesSetup();
    const diagram = testDiagram();
    pb.load(diagram, { speed: 1 });
    deliver(held.shift()!);
    pb.play();
    clock.advance(480); // one advance asked, its reply not heard yet
    pb.load({ ...diagram, edges: [] });
    deliver(held.shift()!); // the advance: messages on edge 0 of the old diagram
    expect(pb.frame().messages.count).toBe(0);
    deliver(held.shift()!);
    expect(pb.frame().messages.count).toBe(0);
    expect(held).toHaveLength(0);
  });

  it('stands still from the moment of a pause, whatever replies were still on their way', () => {
    const { pb, clock, held, deliver } = heldRepliesSetup();
    pb.load(testDiagram(), { speed: 1 });
    deliver(held.shift()!);
    pb.play();
    clock.advance(480); // an advance asked, its reply not heard yet
    const drawnBefore = pb.frame().time;
    pb.pause();
    const pausedAt = pb.getSnapshot().now;
    // The canvas could only draw a little past the engine's last word (time 0): the pause holds there.
    expect(drawnBefore).toBeGreaterThan(0);
    expect(pausedAt).toBe(drawnBefore);
    const clocks: number[] = [];
    const drawn: number[] = [pb.frame().time];
    while (held.length) {
      deliver(held.shift()!);
      clocks.push(pb.getSnapshot().now);
      drawn.push(pb.frame().time);
    }
    // The clock shows the pause time throughout; the drawing catches up to it and never goes back.
    expect(clocks.every((t) => t === pausedAt)).toBe(true);
    expect(drawn.at(-1)).toBe(pausedAt);
    expect(drawn.every((t, i) => i === 0 || t >= drawn[i - 1]!)).toBe(true);
  });

  it('counts fresh runs so a picked message from an earlier one can be forgotten', () => {
    const { pb } = setup();
    const first = pb.getSnapshot().runId;
    pb.seek(500);
    expect(pb.getSnapshot().runId).toBe(first);
    pb.reset();
    expect(pb.getSnapshot().runId).toBe(first + 1);
  });

  it('tells a copy of the columns everything, so it ends up holding the same messages', () => {
    const { clock, pb } = setup();
    pb.play();
    clock.advance(200);
    const copy = new MessageColumns();
    pb.onColumns((e) => (e.kind === 'clear' ? copy.clear() : copy.apply(e.diff)));
    clock.advance(300);
    const ids = (c: MessageColumns) =>
      [...c.ids.keys()]
        .filter((s) => c.alive[s])
        .map((s) => c.ids[s])
        .sort();
    expect(ids(copy)).toEqual(inFlightIds(pb));
    const epoch = pb.frame().effectsEpoch;
    pb.reset();
    expect(copy.count).toBe(0);
    expect(pb.frame().effectsEpoch).toBe(epoch + 1);
    expect(pb.frame().effectsAdded).toBe(0);
  });
});

describe('Playback step back and rewind', () => {
  it('steps back one event while playing: paused, shown time goes back to that event, then rewinds to 0', () => {
    const { clock, pb } = setup();
    pb.play();
    clock.advance(800);
    const before = pb.getSnapshot();
    pb.stepBack();
    const back = pb.getSnapshot();
    expect(back.status).toBe('paused');
    expect(back.events).toBe(before.events - 1);
    expect(back.now).toBeLessThanOrEqual(before.now);
    pb.stepBack();
    pb.stepBack();
    expect(pb.getSnapshot().events).toBe(before.events - 3);
    expect(pb.getSnapshot().now).toBeLessThan(before.now);
    expect(pb.frame().time).toBe(pb.getSnapshot().now);
    pb.rewind();
    expect(pb.getSnapshot().now).toBe(0);
    expect(pb.getSnapshot().status).toBe('paused');
    expect(inFlightIds(pb)).toEqual([]);
  });
});
