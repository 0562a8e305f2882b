import { describe, expect, it, vi } from 'vitest';
import { Playback } from '../playback';
import { createInProcessHost } from '../playback/sessionHosts';
import { FakeClock } from '../playback/testing';
import { createEngine } from '../runtime';
import { checkoutExample, choreographyExample } from '../scenarios';
import { createAppStore } from '../store';
import { connectPlayback } from './run';
import { makeFault } from '../model/defaults';
import { HOLD_MS, holdRunMarks, releaseRunMarks } from '../store/markHold';

function setup() {
  const clock = new FakeClock(16);
  // Replies on a microtask, as a worker's come later: the realistic case for command ordering.
  const p = new Playback({ host: createInProcessHost(createEngine), clock, scheduler: clock });
  const store = createAppStore();
  store.getState().replaceDiagram(checkoutExample, { undoable: false });
  const off = connectPlayback(store, p);
  /** Lets `ms` of wall time pass, frame by frame, with the engine's replies in between. */
  const wait = async (ms: number) => {
    for (let t = 0; t < ms; t += 16) {
      clock.advance(16);
      for (let i = 0; i < 4; i++) await Promise.resolve();
    }
  };
  return { clock, p, store, off, wait };
}

describe('connectPlayback', () => {
  it('keeps time moving after a live fault, records it, and shows its effects', async () => {
    const { p, store, wait, off } = setup();
    await wait(16);
    p.setSpeed(10);
    p.play();
    await wait(500);
    const before = p.getSnapshot().now;
    expect(before).toBeGreaterThan(3_000);
    store.getState().liveFault({ kind: 'down', target: 'payment' });
    await wait(1_000);
    const s = p.getSnapshot();
    expect(s.status).toBe('playing');
    // 1 s of wall time at 10× is 10 s simulated (less whatever the engine lagged).
    expect(s.now).toBeGreaterThan(before + 5_000);
    const live = store.getState().diagram.faults.filter((f) => f.source === 'live');
    expect(live).toMatchObject([{ kind: 'down', target: 'payment', durationMs: 0 }]);
    expect(live[0]!.atMs).toBeGreaterThanOrEqual(before);
    expect(store.getState().sim.services.get('payment')?.status).toBe('down');
    expect(s.metrics!.edges['e-orders-payment']!.failed).toBeGreaterThan(0);
    off();
  });

  it('brings a service back and keeps going; pause and play still work after faults', async () => {
    const { p, store, wait, off } = setup();
    await wait(16);
    p.setSpeed(10);
    p.play();
    await wait(300);
    store.getState().liveFault({ kind: 'down', target: 'payment' });
    await wait(300);
    store.getState().liveFault({ clear: true, kinds: ['down'], target: 'payment' });
    await wait(300);
    expect(store.getState().sim.services.get('payment')?.status).toBe('up');
    const [fault] = store.getState().diagram.faults.filter((f) => f.source === 'live');
    expect(fault!.durationMs).toBeGreaterThan(0);
    p.pause();
    await wait(32);
    const paused = p.getSnapshot().now;
    await wait(200);
    expect(p.getSnapshot().now).toBe(paused);
    p.play();
    await wait(300);
    expect(p.getSnapshot().now).toBeGreaterThan(paused + 1_000);
    off();
  });

  it("plays each opened diagram at its own default speed; editing that speed doesn't restart the run", async () => {
    const { p, store, wait, off } = setup();
    await wait(16);
    expect(p.getSnapshot().speed).toBe(checkoutExample.run.speed);
    p.setSpeed(3);
    store.getState().replaceDiagram(choreographyExample, { undoable: true, label: 'Open example' });
    expect(p.getSnapshot().speed).toBe(choreographyExample.run.speed);
    p.play();
    await wait(200);
    const runId = p.getSnapshot().runId;
    store.getState().edit('Default speed', (d) => ({ ...d, run: { ...d.run, speed: 2 } }));
    expect(p.getSnapshot()).toMatchObject({ speed: 2, status: 'playing', runId });
    off();
  });

  it('forgets the picked message when a new run starts', async () => {
    const { p, store, wait, off } = setup();
    await wait(16);
    p.play();
    await wait(200);
    store.getState().selectMessage('m1');
    p.reset();
    await wait(16);
    expect(store.getState().selectedMessage).toBeNull();
    off();
  });

  it('brings back a service the fault script took down, from where the run was', async () => {
    const { p, store, wait, off } = setup();
    store.getState().edit('Script', (d) => ({
      ...d,
      faults: [makeFault({ id: 'f1', kind: 'down', target: 'payment', atMs: 1_000 })],
    }));
    await wait(16);
    p.setSpeed(10);
    p.play();
    await wait(400);
    expect(store.getState().sim.services.get('payment')?.status).toBe('down');
    const t = p.getSnapshot().now;
    store.getState().liveFault({ clear: true, kinds: ['down'], target: 'payment' });
    await wait(160);
    const s = p.getSnapshot();
    expect(s.status).toBe('playing');
    expect(s.now).toBeGreaterThan(t);
    expect(store.getState().sim.services.get('payment')?.status).toBe('up');
    const [f] = store.getState().diagram.faults;
    expect(f!.durationMs).toBeGreaterThan(0);
    expect(f!.durationMs).toBeLessThanOrEqual(t - 1_000 + 1);
    off();
  });

  it("puts the run's series in the store as they arrive, and clears them with a reset, a seek back replays them", async () => {
    const { p, store, wait, off } = setup();
    await wait(16);
    p.setSpeed(10);
    p.play();
    await wait(600);
    const first = store.getState().series;
    expect(first).not.toBeNull();
    expect(first!.bucketMs).toBe(1000);
    expect(first!.endMs).toBeGreaterThan(1_000);
    const sent = (s: typeof first) => s!.clients['client']!.sent.reduce((a, b) => a + b, 0);
    expect(sent(first)).toBeGreaterThan(0);
    await wait(300);
    // Refreshed while it plays: a new object further on.
    const later = store.getState().series!;
    expect(later).not.toBe(first);
    expect(later.endMs).toBeGreaterThan(first!.endMs);
    // Back to the start: nothing until the fresh run sends its own.
    p.reset();
    expect(store.getState().series).toBeNull();
    await wait(16);
    expect(store.getState().series!.endMs).toBe(0);
    // A seek back replays: the series are those of a straight run to that moment.
    p.seek(4_000);
    await wait(32);
    p.seek(2_500);
    await wait(32);
    const replayed = store.getState().series!;
    expect(replayed.endMs).toBe(2_500);
    const straight = createEngine(store.getState().diagram, { seriesBucketMs: 1000 });
    straight.advanceTo(2_500);
    expect(replayed).toEqual(straight.series());
    // An edit restarts the run, and the series with it.
    store.getState().edit('Rate', (d) => ({
      ...d,
      services: d.services.map((x) =>
        x.kind === 'client' ? { ...x, traffic: { ...x.traffic, rate: 1 } } : x,
      ),
    }));
    expect(store.getState().series).toBeNull();
    off();
  });
  it("holds the run's marks while the view moves, and takes the latest state once the hold lapses, even paused", async () => {
    // The hold reads performance.now() and ends on a timer: both faked, so nothing depends on speed.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const { p, store, wait, off } = setup();
      await wait(16);
      p.setSpeed(10);
      p.play();
      await wait(300);
      holdRunMarks(performance.now());
      const held = store.getState().sim;
      store.getState().liveFault({ kind: 'down', target: 'payment' });
      await wait(300);
      // The run went on (and took the fault), the marks did not move.
      expect(p.getSnapshot().now).toBeGreaterThan(3_000);
      expect(store.getState().sim).toBe(held);
      expect(held.services.get('payment')?.status).toBe('up');
      p.pause();
      await wait(32);
      const pausedAt = p.getSnapshot().now;
      vi.advanceTimersByTime(HOLD_MS - 1);
      expect(store.getState().sim).toBe(held);
      // Paused, nothing more comes from the run: the lapse alone brings the latest state.
      vi.advanceTimersByTime(1);
      expect(store.getState().sim.services.get('payment')?.status).toBe('down');
      expect(store.getState().diagram.faults.filter((f) => f.source === 'live')).toHaveLength(1);
      expect(p.getSnapshot().now).toBe(pausedAt);
      off();
    } finally {
      releaseRunMarks();
      vi.useRealTimers();
    }
  });
});
