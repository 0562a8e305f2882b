import { describe, expect, it } from 'vitest';
import { makeFault } from '../model/defaults';
import { createEngine } from '../runtime/index';
import { SCENARIOS } from '../scenarios';
import { MAX_MARKERS, mergeMarkers, timelineMarkers } from './markers';

describe('timeline markers', () => {
  it("mark the bucket where the circuit opened after Payment went down, and keep earlier ones across a seek's shorter series", () => {
    const base = SCENARIOS.find((s) => s.id === 'checkout')!.diagram;
    const diagram = {
      ...base,
      faults: [makeFault({ id: 'f', kind: 'down', target: 'payment', atMs: 5_000 })],
    };
    const engine = createEngine(diagram, { seriesBucketMs: 250, untilMs: 40_000 });
    engine.advanceTo(40_000);
    const all = timelineMarkers(engine.series(), diagram);
    const opened = all.filter((m) => m.kind === 'circuit-opened');
    expect(opened.length).toBeGreaterThan(0);
    expect(opened[0]!.atMs).toBeGreaterThanOrEqual(5_000);
    expect(opened[0]!.label).toContain('ChargeCard');
    expect(opened[0]!.seekMs).toBe(opened[0]!.atMs + 250);
    expect(all.length).toBeLessThanOrEqual(MAX_MARKERS);
    const early = createEngine(diagram, { seriesBucketMs: 250, untilMs: 40_000 });
    early.advanceTo(4_000);
    expect(timelineMarkers(early.series(), diagram).filter((m) => m.kind === 'circuit-opened')).toEqual([]);
    expect(mergeMarkers(all, timelineMarkers(early.series(), diagram))).toEqual(all);
  });
});
