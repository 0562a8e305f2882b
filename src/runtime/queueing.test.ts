import { describe, expect, it } from 'vitest';
import { Diagram, type DiagramInput } from '../model/schema';
import { createEngine } from './index';
import { mmcDiagram as mmc } from './testing/queueingDiagrams';

/** Erlang C: probability an arrival waits, for c servers at offered load a = λ/μ. */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - a / c);
  return last / (sum + last);
}

/** Closed-form mean wait in queue (ms) for M/M/c. */
function mmcWaitMs(lambdaPerMs: number, meanServiceMs: number, c: number): number {
  const mu = 1 / meanServiceMs;
  return erlangC(c, lambdaPerMs / mu) / (c * mu - lambdaPerMs);
}

describe('queueing theory as an independent check', () => {
  it('M/M/1 mean wait matches ρ/(μ−λ) within 3%', () => {
    // λ = 0.7 per ms, mean service 1 ms: ρ = 0.7, Wq = 0.7/0.3 ≈ 2.333 ms.
    const engine = createEngine(mmc(700, 1, 1, 600_000));
    engine.advanceTo(engine.untilMs);
    const wait = engine.metrics().services.server!.waitMs.mean;
    const expected = mmcWaitMs(0.7, 1, 1);
    expect(Math.abs(wait - expected) / expected).toBeLessThan(0.03);
  });

  it('M/M/3 mean wait matches Erlang C within 4%', () => {
    // λ = 2.4 per ms, mean service 1 ms, 3 servers: ρ = 0.8.
    const engine = createEngine(mmc(2400, 1, 3, 300_000, 11));
    engine.advanceTo(engine.untilMs);
    const wait = engine.metrics().services.server!.waitMs.mean;
    const expected = mmcWaitMs(2.4, 1, 3);
    expect(Math.abs(wait - expected) / expected).toBeLessThan(0.04);
  });

  it("Little's law: the time-averaged number in the system equals throughput × time in the system", () => {
    // M/M/2 at ρ = 0.75. L is sampled from the engine's live state on a fixed grid; W comes from
    // each request's own end-to-end time. The two are measured independently of each other.
    const untilMs = 100_000;
    const engine = createEngine(mmc(1500, 1, 2, untilMs, 3));
    let samples = 0;
    let inSystem = 0;
    for (let t = 0.25; t < untilMs; t += 0.5) {
      engine.advanceTo(t);
      const s = engine.services().find((x) => x.id === 'server')!;
      inSystem += s.inbox + s.busy;
      samples++;
    }
    engine.advanceTo(untilMs);
    const L = inSystem / samples;
    const m = engine.metrics();
    const lambda = m.requests.succeeded / untilMs;
    const W = m.requests.latencyMs.mean;
    expect(Math.abs(L - lambda * W) / L).toBeLessThan(0.02);
    // And both agree with the closed form: L = λ/μ + Lq = 1.5 + λ·Wq.
    const theory = 1.5 + 1.5 * mmcWaitMs(1.5, 1, 2);
    expect(Math.abs(L - theory) / theory).toBeLessThan(0.04);
  });

  it('a queue edge gives the same M/M/1 wait, now measured as queue depth time', () => {
    const d = Diagram.parse({
      services: [
        { id: 'source', kind: 'client', traffic: { pattern: 'poisson', rate: 600 } },
        { id: 'worker', concurrency: 1, latency: { dist: 'exponential', mean: 1 } },
      ],
      edges: [{ id: 'q', kind: 'queue', from: 'source', to: 'worker', channel: 'jobs', latencyMs: 0 }],
      run: { seed: 5, untilMs: 400_000 },
    } satisfies DiagramInput);
    const engine = createEngine(d);
    engine.advanceTo(engine.untilMs);
    const wait = engine.metrics().channels.jobs!.waitMs.mean;
    const expected = mmcWaitMs(0.6, 1, 1);
    expect(Math.abs(wait - expected) / expected).toBeLessThan(0.04);
  });

  it("Little's law holds from the report's own time averages, for a service and for a queue", () => {
    // M/M/1 at ρ = 0.5: L = ρ/(1−ρ) = 1, Lq = ρ²/(1−ρ) = 0.5.
    const untilMs = 200_000;
    const m = createEngine(mmc(500, 1, 1, untilMs, 9));
    m.advanceTo(untilMs);
    const server = m.metrics().services.server!;
    const lambda = server.received / untilMs;
    const W = server.waitMs.mean + server.latencyMs.mean;
    expect(Math.abs(server.meanInSystem - lambda * W) / server.meanInSystem).toBeLessThan(0.01);
    expect(Math.abs(server.meanInbox - lambda * server.waitMs.mean) / server.meanInbox).toBeLessThan(0.01);
    expect(Math.abs(server.meanInSystem - 1) / 1).toBeLessThan(0.05);
    expect(Math.abs(server.meanInbox - 0.5) / 0.5).toBeLessThan(0.08);
    // The same load through a queue: the backlog is the channel's depth, the inbox stays empty.
    const q = createEngine(
      Diagram.parse({
        services: [
          { id: 'source', kind: 'client', traffic: { pattern: 'poisson', rate: 500 } },
          { id: 'worker', replicas: 1, concurrency: 1, latency: { dist: 'exponential', mean: 1 } },
        ],
        edges: [{ id: 'q', kind: 'queue', from: 'source', to: 'worker', channel: 'jobs', latencyMs: 0 }],
        run: { seed: 9, untilMs },
      } satisfies DiagramInput),
    );
    q.advanceTo(untilMs);
    const report = q.metrics();
    const jobs = report.channels.jobs!;
    const rate = jobs.delivered / untilMs;
    expect(Math.abs(jobs.meanDepth - rate * jobs.waitMs.mean) / jobs.meanDepth).toBeLessThan(0.01);
    expect(Math.abs(jobs.meanDepth - 0.5) / 0.5).toBeLessThan(0.08);
    // With no network leg, nothing is on the way to a consumer: in the broker's hands = waiting.
    expect(jobs.meanInSystem).toBe(jobs.meanDepth);
    expect(report.services.worker!.meanInbox).toBe(0);
  });
});
