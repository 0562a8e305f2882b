import type * as z from 'zod/mini';
import type { DiagramInput, QueueEdge, SyncEdge, TopicEdge } from '../model/schema';

/** Short builders for the gallery's diagrams: each writes one element of a `DiagramInput`. */
type ServiceInput = NonNullable<DiagramInput['services']>[number];
type EdgeInput = NonNullable<DiagramInput['edges']>[number];

/** A client sending `rate` requests per second (Poisson unless `pattern` says otherwise). */
export function client(
  id: string,
  name: string,
  x: number,
  y: number,
  rate: number,
  extra: Partial<ServiceInput> = {},
): ServiceInput {
  return {
    id,
    name,
    kind: 'client',
    position: { x, y },
    concurrency: 1000,
    latency: { dist: 'fixed', ms: 0 },
    traffic: { pattern: 'poisson', rate },
    ...extra,
  };
}

/** A service with a fixed handling time (so what a run shows is the pattern, not the noise). */
export function service(
  id: string,
  name: string,
  x: number,
  y: number,
  ms: number,
  extra: Partial<ServiceInput> = {},
): ServiceInput {
  return {
    id,
    name,
    kind: 'service',
    position: { x, y },
    concurrency: 16,
    latency: { dist: 'fixed', ms },
    ...extra,
  };
}

/** A sync call without retries (a scenario turns on what it shows). */
export function call(
  id: string,
  from: string,
  to: string,
  message: string,
  extra: Partial<z.input<typeof SyncEdge>> = {},
): EdgeInput {
  return { id, kind: 'sync', from, to, message, latencyMs: 20, timeoutMs: 5_000, retries: 0, ...extra };
}

/** A queue edge on `channel`. */
export function queue(
  id: string,
  from: string,
  to: string,
  message: string,
  channel: string,
  extra: Partial<z.input<typeof QueueEdge>> = {},
): EdgeInput {
  return { id, kind: 'queue', from, to, message, channel, latencyMs: 40, ...extra };
}

/** A topic subscription edge on `topic`. */
export function topic(
  id: string,
  from: string,
  to: string,
  message: string,
  name: string,
  extra: Partial<z.input<typeof TopicEdge>> = {},
): EdgeInput {
  return { id, kind: 'topic', from, to, message, topic: name, latencyMs: 30, ...extra };
}
