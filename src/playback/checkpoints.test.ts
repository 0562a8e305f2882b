import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeLiveFault } from '../model/defaults';
import { parseDiagram } from '../model/parse';
import type { Diagram } from '../model/schema';
import { createEngine } from '../runtime/index';
import { SCENARIOS } from '../scenarios';
import type { HostCommand, HostReply, Snapshot } from './protocol';
import { MAX_CHECKPOINTS } from './checkpoints';
import { EngineSession } from './session';
import type { Engine, EngineFactory } from './types';

/** A session over the real engine that keeps every engine it makes, to read its trace hash. */
function session(checkpointEvents?: number): { s: EngineSession; engines: Engine[]; built: () => number } {
  const engines: Engine[] = [];
  const factory: EngineFactory = (d, o) => {
    const e = createEngine(d, o);
    engines.push(e);
    return e;
  };
  return { s: new EngineSession(factory, checkpointEvents), engines, built: () => engines.length };
}

let seq = 0;
type Command = HostCommand extends infer C ? (C extends HostCommand ? Omit<C, 'seq'> : never) : never;
function send(s: EngineSession, cmd: Command): Snapshot {
  const r: HostReply | null = s.handle({ ...cmd, seq: ++seq } as HostCommand);
  if (r?.type !== 'snapshot') throw new Error(`expected a snapshot, got ${JSON.stringify(r)}`);
  if (r.snapshot.error) throw new Error(r.snapshot.error);
  return r.snapshot;
}

/** Everything a snapshot says about the run, plus the trace hash: equal strings, equal runs. */
function state(snap: Snapshot, engine: Engine): string {
  const inFlight = engine.inFlight().sort((a, b) => a.id.localeCompare(b.id));
  const series = (_: string, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v);
  const { now, events, inFlight: count, ended, overloaded, run } = snap;
  return JSON.stringify(
    { hash: engine.traceHash(), now, events, count, ended, overloaded, inFlight, run },
    series,
  );
}

/** Equal, or the first place they differ (the whole state is too long to print). */
function expectSame(actual: string, expected: string): void {
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  expect(actual.slice(Math.max(0, i - 300), i + 100)).toBe(expected.slice(Math.max(0, i - 300), i + 100));
}

/** The run straight from 0 to `t` in frames of `frameMs`, with `faults` in its script. */
function straight(diagram: Diagram, t: number, frameMs: number): string {
  const { s, engines } = session(Infinity);
  send(s, { type: 'load', diagram, seed: diagram.run.seed });
  for (let at = frameMs; at < t; at += frameMs) send(s, { type: 'advance', t: at, ui: false });
  const snap = send(s, { type: 'advance', t, ui: true });
  return state(snap, engines.at(-1)!);
}

const reference = (): Diagram => {
  const r = parseDiagram(JSON.parse(readFileSync('bench/diagrams/reference-20.json', 'utf8')));
  if (!r.ok) throw new Error('reference diagram');
  return r.diagram;
};

describe('seeking from checkpoints', () => {
  const cases: Array<[string, () => Diagram]> = [
    ...SCENARIOS.map((x): [string, () => Diagram] => [x.id, () => x.diagram]),
    ['reference-20', reference],
  ];
  it.each(cases)('%s: a seek back gives exactly the state of a straight run', (_, make) => {
    const diagram = make();
    const { s, engines, built } = session(200);
    send(s, { type: 'load', diagram, seed: diagram.run.seed });
    for (let at = 97; at < 40_000; at += 97) send(s, { type: 'advance', t: at, ui: false });
    expect(s.checkpoints.stats.count).toBeGreaterThan(2);
    let now = 40_000 - 1;
    for (const t of [31_234.5, 12_000, 2_500, 39_000, 38_000]) {
      const before = built();
      const snap = send(s, { type: 'seek', t, ui: true });
      expectSame(state(snap, engines.at(-1)!), straight(diagram, t, 211));
      // The canvas gets everything in flight at that moment, not a diff against the later state.
      if (t < now) expect(snap.diff.full).toBe(true);
      if (t < now) expect(snap.diff.ids.length).toBe(snap.inFlight);
      now = t;
      // Restored from a checkpoint, not rebuilt from 0 (except before the first checkpoint).
      if (t >= s.checkpoints.stats.times[0]!) expect(built()).toBe(before);
    }
  });

  it('keeps live faults and their ends across a seek back, as a replay of the recorded run', () => {
    const diagram = SCENARIOS[0]!.diagram;
    const { s, engines, built } = session(50);
    send(s, { type: 'load', diagram, seed: 7 });
    send(s, { type: 'advance', t: 8_000, ui: false });
    expect(s.checkpoints.stats.count).toBeGreaterThan(2);
    const target = diagram.services.find((x) => x.kind !== 'client')!.id;
    send(s, { type: 'inject', t: 8_000, fault: makeLiveFault({ id: 'live-1', kind: 'down', target }) });
    send(s, { type: 'advance', t: 14_000, ui: false });
    send(s, { type: 'endFault', t: 14_000, faultId: 'live-1' });
    send(s, { type: 'advance', t: 30_000, ui: false });
    // Back before the fault, then again after it: both from checkpoints, both the recorded run.
    const recorded = send(s, { type: 'seek', t: 30_000, ui: true }).run!.faults;
    const replay: Diagram = { ...diagram, faults: recorded };
    const ours = built();
    for (const t of [5_000, 11_000, 25_000]) {
      const snap = send(s, { type: 'seek', t, ui: true });
      expect(built()).toBe(ours);
      const { s: other, engines: theirs } = session(Infinity);
      send(other, { type: 'load', diagram: replay, seed: 7 });
      const expected = state(send(other, { type: 'advance', t, ui: true }), theirs.at(-1)!);
      expectSame(state(snap, engines.at(-1)!), expected);
    }
  });

  it('keeps memory bounded: at most MAX_CHECKPOINTS, thinned as the run grows', () => {
    const diagram = reference();
    const { s } = session(500);
    send(s, { type: 'load', diagram, seed: 1 });
    send(s, { type: 'advance', t: 120_000, ui: false });
    const { count, spacing } = s.checkpoints.stats;
    expect(count).toBeLessThanOrEqual(MAX_CHECKPOINTS);
    expect(spacing).toBeGreaterThan(500);
  });
});

describe('step back', () => {
  it('goes back exactly one event, to the state a run stepped that far has', () => {
    const diagram = SCENARIOS[0]!.diagram;
    const { s, engines } = session(50);
    send(s, { type: 'load', diagram, seed: 3 });
    const at = send(s, { type: 'advance', t: 6_000, ui: false });
    expect(s.checkpoints.stats.count).toBeGreaterThan(0);
    const back = send(s, { type: 'stepBack', ui: true });
    expect(back.events).toBe(at.events - 1);
    const again = send(s, { type: 'stepBack', ui: true });
    expect(again.events).toBe(at.events - 2);
    const { s: other, engines: theirs } = session(Infinity);
    send(other, { type: 'load', diagram, seed: 3 });
    let stepped = send(other, { type: 'step', ui: false });
    while (stepped.events < again.events) stepped = send(other, { type: 'step', ui: false });
    stepped = send(other, { type: 'advance', t: stepped.now, ui: true });
    expectSame(state(again, engines.at(-1)!), state(stepped, theirs.at(-1)!));
  });
});
