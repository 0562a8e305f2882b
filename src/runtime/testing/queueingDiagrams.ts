import { Diagram, type DiagramInput } from '../../model/schema';

/**
 * M/M/c as a diagram: a Poisson client into `servers` exponential servers over a sync edge with no
 * network or serialization cost and a timeout no run reaches, so the inbox wait is the queueing wait.
 * The theory tests, the series tests and bench:engine share it.
 */
export function mmcDiagram(
  lambdaPerSec: number,
  meanServiceMs: number,
  servers: number,
  untilMs: number,
  seed = 7,
): Diagram {
  const input: DiagramInput = {
    name: `M/M/${servers}`,
    services: [
      { id: 'source', kind: 'client', traffic: { pattern: 'poisson', rate: lambdaPerSec } },
      {
        id: 'server',
        kind: 'service',
        replicas: 1,
        concurrency: servers,
        latency: { dist: 'exponential', mean: meanServiceMs },
      },
    ],
    edges: [
      {
        id: 'call',
        kind: 'sync',
        from: 'source',
        to: 'server',
        latencyMs: 0,
        timeoutMs: 3_600_000,
        retries: 0,
      },
    ],
    run: { seed, untilMs, serializationMs: { rest: 0, grpc: 0 } },
  };
  return Diagram.parse(input);
}
