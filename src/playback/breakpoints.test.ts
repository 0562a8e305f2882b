import { describe, expect, it } from 'vitest';
import type { Breakpoint, Diagram } from '../model/schema';
import { createEngine } from '../runtime/index';
import { paymentDownFrom5s } from '../runtime/testing/faults';
import type { TraceRecord } from '../runtime/trace';
import { checkoutExample } from '../scenarios';
import { createInProcessHost } from './sessionHosts';
import { Playback } from './playback';
import type { HostCommand, HostReply, Snapshot } from './protocol';
import { EngineSession } from './session';
import { FakeClock } from './testing';

const bp = (kind: Breakpoint['kind'], value = 0, target = ''): Breakpoint => ({
  id: `b-${kind}`,
  kind,
  enabled: true,
  target,
  value,
});

/** Checkout with Payment down from 5 s, and these breakpoints. */
const checkout = (breakpoints: Breakpoint[]): Diagram => ({
  ...paymentDownFrom5s(checkoutExample),
  breakpoints,
});

let seq = 0;
type Command = HostCommand extends infer C ? (C extends HostCommand ? Omit<C, 'seq'> : never) : never;
function send(s: EngineSession, cmd: Command): Snapshot {
  const r: HostReply | null = s.handle({ ...cmd, seq: ++seq } as HostCommand);
  if (r?.type !== 'snapshot') throw new Error(`expected a snapshot, got ${JSON.stringify(r)}`);
  return r.snapshot;
}

/** Plays in 100 ms frames, as the app does, until a breakpoint stops it or `untilMs`. */
function playUntilHit(s: EngineSession, untilMs: number): Snapshot {
  let snap = send(s, { type: 'advance', t: 0, ui: false });
  for (let t = 100; t <= untilMs && !snap.breakHit; t += 100)
    snap = send(s, { type: 'advance', t, ui: false });
  return snap;
}

function firstRecord(diagram: Diagram, untilMs: number, match: (r: TraceRecord) => boolean): TraceRecord {
  let found: TraceRecord | undefined;
  const e = createEngine(diagram, { untilMs, onRecord: (r) => (found ??= match(r) ? r : undefined) });
  e.advanceTo(untilMs);
  return found!;
}

describe('the run pauses at breakpoints while it plays', () => {
  it('a circuit opening pauses it at the exact event, with the whole run state in the reply', () => {
    const diagram = checkout([bp('circuit-open')]);
    const open = firstRecord(diagram, 20_000, (r) => r.type === 'circuit' && r.detail === 'open');
    for (const spacing of [undefined, 2_000]) {
      const s = new EngineSession(createEngine, spacing);
      send(s, { type: 'load', diagram, seed: diagram.run.seed, untilMs: 20_000 });
      const snap = playUntilHit(s, 20_000);
      expect(snap.breakHit).toMatchObject({
        breakpointId: 'b-circuit-open',
        atMs: open.t,
        edgeId: open.edge,
      });
      expect(snap.now).toBe(open.t);
      expect(snap.run && 'metrics' in snap.run).toBe(true);
    }
  });

  it('"at a time" pauses at that simulated time exactly, once; a seek past it does not stop', () => {
    const diagram = checkout([bp('time', 7_345.5)]);
    const s = new EngineSession(createEngine);
    send(s, { type: 'load', diagram, seed: 1, untilMs: 20_000 });
    const snap = playUntilHit(s, 20_000);
    expect(snap.breakHit).toMatchObject({ kind: 'time', atMs: 7_345.5 });
    expect(snap.now).toBe(7_345.5);
    expect(send(s, { type: 'advance', t: 7_400, ui: false }).breakHit).toBeUndefined();
    send(s, { type: 'seek', t: 0, ui: false });
    expect(send(s, { type: 'seek', t: 9_000, ui: false }).now).toBe(9_000);
  });

  it('a breakpoint turned off (an adopted diagram) no longer pauses the run', () => {
    const on = checkout([bp('circuit-open')]);
    const s = new EngineSession(createEngine);
    send(s, { type: 'load', diagram: on, seed: 1, untilMs: 20_000 });
    s.handle({
      type: 'adopt',
      seq: ++seq,
      diagram: { ...on, breakpoints: [{ ...bp('circuit-open'), enabled: false }] },
    });
    expect(playUntilHit(s, 20_000).breakHit).toBeUndefined();
  });

  it('a missed objective pauses at the end of the window that missed it', () => {
    const diagram = checkout([bp('objective-missed', 0, 'client')]);
    diagram.services = diagram.services.map((x) =>
      x.id === 'client' ? { ...x, objective: { windowMs: 2_000, percentile: 'p99', latencyMs: 1 } } : x,
    );
    const s = new EngineSession(createEngine);
    send(s, { type: 'load', diagram, seed: 1, untilMs: 20_000 });
    const snap = playUntilHit(s, 20_000);
    expect(snap.breakHit).toMatchObject({ kind: 'objective-missed', atMs: 2_000, serviceId: 'client' });
  });

  it('the playback pauses where the engine stopped and says which breakpoint did it; play goes on', () => {
    const diagram = checkout([bp('time', 1_234)]);
    const clock = new FakeClock(16);
    const pb = new Playback({
      host: createInProcessHost(createEngine, { synchronous: true }),
      clock,
      scheduler: clock,
    });
    pb.load(diagram, { speed: 10 });
    pb.play();
    for (let i = 0; i < 200 && pb.getSnapshot().status === 'playing'; i++) clock.advance(16);
    expect(pb.getSnapshot()).toMatchObject({ status: 'paused', now: 1_234, breakHit: { kind: 'time' } });
    expect(pb.frame().time).toBe(1_234);
    pb.play();
    expect(pb.getSnapshot().breakHit).toBeNull();
    clock.advance(160);
    expect(pb.getSnapshot().now).toBeGreaterThan(1_234);
  });
});
