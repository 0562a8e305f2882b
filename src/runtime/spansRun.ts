import type { Diagram } from '../model/schema';
import type { Engine } from './api';
import { createEngine } from './engine';
import { RequestCollector, type CollectOptions } from './spansCollect';

/** What `collectRun` gives: the engine where it stopped and the requests it collected. */
export interface CollectedRun {
  engine: Engine;
  collector: RequestCollector;
}

/**
 * Runs `diagram` from the start to `untilMs` (its own run length by default) and collects whole
 * requests (all, the first `maxRequests`, or `only` some). The engine is deterministic, so a replay
 * to the moment a person looks at gives exactly the trace the run on screen had.
 */
export function collectRun(
  diagram: Diagram,
  options: CollectOptions & { untilMs?: number; seed?: number } = {},
): CollectedRun {
  const ref: { engine?: Engine } = {};
  const collector = new RequestCollector((id) => ref.engine?.messageFacts?.(id), options);
  const engine = createEngine(diagram, {
    onRecord: (r) => collector.add(r),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  ref.engine = engine;
  engine.advanceTo(options.untilMs ?? engine.untilMs);
  return { engine, collector };
}
