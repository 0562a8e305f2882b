import { Diagram, type DiagramInput } from '../model/schema';
import { createEngine, type EngineOptions } from './engine';
import type { TraceRecord } from './trace';

/** Runs a hand-written diagram to its end and returns the engine and every trace record (for tests). */
export function runAll(input: DiagramInput, options: EngineOptions = {}) {
  const records: TraceRecord[] = [];
  const engine = createEngine(Diagram.parse(input), { ...options, onRecord: (r) => records.push(r) });
  engine.advanceTo(engine.untilMs);
  return { engine, records, metrics: engine.metrics() };
}

/** A client service with id `client` sending `rate` requests per second. */
export const client = (rate: number, pattern: 'steady' | 'poisson' = 'steady') => ({
  id: 'client',
  kind: 'client' as const,
  traffic: { pattern, rate },
});
