import { describe, expect, it } from 'vitest';
import type { Fault } from '../model/schema';
import { checkoutExample } from '../scenarios';
import { handleTraceRequest, type TraceAsk } from './traceWork';

const down = {
  id: 'f',
  kind: 'down',
  target: 'payment',
  atMs: 2000,
  durationMs: 0,
  source: 'live',
} as Fault;

let id = 0;
const ask = (atMs: number, what: TraceAsk, faults: Fault[] = [down]) =>
  handleTraceRequest({ id: ++id, runKey: 'run', diagram: checkoutExample, faults, atMs, ask: what });

describe('the trace worker', () => {
  it('pages the event log of the run replayed to the moment asked, and moves it on as the run goes', () => {
    const early = ask(1000, { kind: 'rows', filter: {}, offset: -1, limit: 20 });
    expect(early.atMs).toBe(1000);
    expect(early.page!.rows.at(-1)!.t).toBeLessThanOrEqual(1000);
    const later = ask(6000, { kind: 'rows', filter: { errorsOnly: true }, offset: 0, limit: 5 });
    expect(later.page!.seen).toBeGreaterThan(early.page!.seen);
    expect(later.page!.rows[0]!.t).toBeGreaterThanOrEqual(2000);
    expect(later.page!.rows.every((r) => r.error && r.correlationId)).toBe(true);
  });

  it('names the slowest request and a failed one, and builds the failed one’s trace', () => {
    const failed = ask(6000, { kind: 'pick', which: 'failed' }).picked!;
    expect(failed).toMatch(/^c\d+$/);
    expect(ask(6000, { kind: 'pick', which: 'slowest' }).picked).toMatch(/^c\d+$/);
    const trace = ask(6000, { kind: 'trace', correlationId: failed }).trace!;
    expect(trace.correlationId).toBe(failed);
    expect(trace.spans.some((s) => s.status === 'error')).toBe(true);
    // Before the fault nothing has failed.
    expect(ask(1500, { kind: 'pick', which: 'failed' }, []).picked).toBeNull();
  });
});
