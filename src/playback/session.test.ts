import { describe, expect, it } from 'vitest';
import { Diagram } from '../model/schema';
import { createEngine, DENSE_EVENTS } from '../runtime/index';
import { createFakeEngine, testDiagram } from './testing';
import { transferables, type HostReply, type Snapshot } from './protocol';
import type { RunState } from './types';
import { EngineSession } from './session';
import { makeLiveFault } from '../model/defaults';

function snap(r: HostReply | null): Snapshot {
  if (r?.type !== 'snapshot') throw new Error(`expected a snapshot, got ${JSON.stringify(r)}`);
  return r.snapshot;
}

describe('EngineSession', () => {
  it('sends each message once, then only arrivals and departures', () => {
    const s = new EngineSession(createFakeEngine);
    const first = snap(s.handle({ type: 'load', seq: 1, diagram: testDiagram(), seed: 1 }));
    expect(first.diff.full).toBe(true);
    const a = snap(s.handle({ type: 'advance', seq: 2, t: 50, ui: false }));
    expect(a.diff.ids).toEqual(['m0']);
    expect(a.run).toBeUndefined();
    const b = snap(s.handle({ type: 'advance', seq: 3, t: 60, ui: true }));
    expect(b.diff.ids).toEqual([]);
    expect(b.diff.removed.length).toBe(0);
    expect(b.run?.services).toHaveLength(2);
    const c = snap(s.handle({ type: 'advance', seq: 4, t: 310, ui: false }));
    // m0 arrived at 301 and its reply left; m1 (sent at 101) and m2 (at 201) are still going.
    expect(c.diff.ids.sort()).toEqual(['m0r', 'm1', 'm2', 'm3']);
    expect([...c.diff.removed]).toEqual([a.diff.slots[0]]);
    expect(c.inFlight).toBe(4);
  });

  it('records a live fault on whole milliseconds: its start and, once ended, its duration', () => {
    const s = new EngineSession(createEngine);
    s.handle({ type: 'load', seq: 1, diagram: testDiagram(), seed: 1 });
    const fault = makeLiveFault({ id: 'live-1', kind: 'down', target: 'b' });
    // Times as the wall clock gives them: fractions of a millisecond, with float noise.
    s.handle({ type: 'inject', seq: 2, t: 179.840000000014, fault });
    s.handle({ type: 'endFault', seq: 3, t: 1339.286000000014, faultId: 'live-1' });
    const run = snap(s.handle({ type: 'advance', seq: 4, t: 1400, ui: true })).run!;
    const recorded = run.faults.find((f) => f.id === 'live-1')!;
    expect(recorded.atMs).toBe(180);
    expect(recorded.durationMs).toBe(1160);
  });

  it('reports a failing engine as an error reply, not a crash', () => {
    const s = new EngineSession(() => {
      throw new Error('bad diagram');
    });
    const r = s.handle({ type: 'load', seq: 1, diagram: testDiagram(), seed: 1 });
    expect(r).toEqual({ type: 'error', seq: 1, message: 'bad diagram' });
    expect(s.handle({ type: 'advance', seq: 2, t: 10, ui: false })?.type).toBe('error');
  });

  it("sends the canvas's part of the run state ('live') without the heavy parts", () => {
    const s = new EngineSession(createFakeEngine);
    s.handle({ type: 'load', seq: 1, diagram: testDiagram(), seed: 1 });
    const live = snap(s.handle({ type: 'advance', seq: 2, t: 50, ui: 'live' }));
    expect(Object.keys(live.run!).sort()).toEqual(['channels', 'edges', 'faults', 'services']);
    const full = snap(s.handle({ type: 'advance', seq: 3, t: 60, ui: true }));
    expect(full.run).toHaveProperty('metrics');
    expect(full.run).toHaveProperty('recentTrace');
    expect(full.run).toHaveProperty('sagaInstances');
  });

  it('sends the time series with full-detail snapshots only, as transferable buffers', () => {
    const s = new EngineSession(createEngine);
    s.handle({ type: 'load', seq: 1, diagram: testDiagram(), seed: 1 });
    const plain = snap(s.handle({ type: 'advance', seq: 2, t: 500, ui: false }));
    const live = snap(s.handle({ type: 'advance', seq: 3, t: 600, ui: 'live' }));
    expect(transferables(plain)).toHaveLength(4);
    expect(live.run).not.toHaveProperty('series');
    const full = snap(s.handle({ type: 'advance', seq: 4, t: 1_500, ui: true }));
    const series = (full.run as RunState).series!;
    expect(series.endMs).toBe(1_500);
    expect(Array.from(series.t)).toEqual([0, 1000]);
    const buffers = transferables(full);
    // The diff's four, and one holding `t` and every array of every client, service, channel, saga and edge.
    expect(buffers).toHaveLength(5);
    expect(buffers).toContain(series.t.buffer);
    expect(new Set(buffers).size).toBe(buffers.length);
    // Each snapshot's series are fresh arrays: transferring one never detaches what the engine keeps.
    const again = snap(s.handle({ type: 'advance', seq: 5, t: 1_600, ui: true }));
    expect((again.run as RunState).series!.t.buffer).not.toBe(series.t.buffer);
  });

  it('ends a run the work guard stops, with its message, and does no more work after it', () => {
    // Bursts of 10,000 every millisecond: far more work per simulated millisecond than a run can hold.
    const diagram = Diagram.parse({
      services: [
        {
          id: 'c',
          kind: 'client',
          traffic: { pattern: 'bursts', rate: 0, burstSize: 10_000, burstEveryMs: 1 },
        },
        { id: 'a', concurrency: 10_000, latency: { dist: 'fixed', ms: 0 } },
      ],
      edges: [{ id: 'e', kind: 'sync', from: 'c', to: 'a', latencyMs: 0 }],
    });
    const s = new EngineSession(createEngine);
    s.handle({ type: 'load', seq: 1, diagram, seed: 1 });
    const stopped = snap(s.handle({ type: 'advance', seq: 2, t: 60_000, ui: false }));
    expect(stopped.ended).toBe(true);
    expect(stopped.overloaded).toMatch(/^Overloaded at \d+ ms: 500,000 events in \d+ ms of simulated time/);
    expect(stopped.events).toBeLessThanOrEqual(2 * DENSE_EVENTS);
    expect(stopped.now).toBeLessThan(1_000);
    const after = snap(s.handle({ type: 'advance', seq: 3, t: 60_000, ui: false }));
    expect(after.events).toBe(stopped.events);
  }, 120_000);
});
