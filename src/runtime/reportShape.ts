/**
 * The run's figures as the engine reports them (`Engine.metrics()`, `Engine.check()`): the shape the
 * command line prints with `--json`, which other tools depend on. Re-exported by api.ts.
 */

export interface Percentiles {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Metrics so far, in the exact shape the CLI prints with `--json` (less seed, until, events, hash). */
export interface Metrics {
  services: Record<
    string,
    {
      name: string;
      received: number;
      handled: number;
      failed: number;
      maxInbox: number;
      utilization: number;
      waitMs: Percentiles;
      latencyMs: Percentiles;
      /**
       * Time-averaged inbox length over the run (messages waiting for a slot): Lq in Little's law,
       * Lq = λ·Wq with λ = received ÷ run length and Wq = `waitMs.mean`.
       */
      meanInbox: number;
      /**
       * Time-averaged number in the service: inbox + occupied slots (handling, waiting on a sync
       * reply, reserved for a queue delivery on its way): L = λ·W with W = wait + `latencyMs.mean`.
       */
      meanInSystem: number;
    }
  >;
  channels: Record<
    string,
    {
      kind: 'queue' | 'topic';
      published: number;
      delivered: number;
      redelivered: number;
      deadLettered: number;
      dropped: number;
      maxDepth: number;
      depthAtEnd: number;
      waitMs: Percentiles;
      /** Time-averaged depth over the run (waiting in the broker): λ·`waitMs.mean`, λ = delivered ÷ run length. */
      meanDepth: number;
      /**
       * Time-averaged number the broker holds: waiting, or on the way to a consumer (a topic: its
       * held copies, as `meanDepth`).
       */
      meanInSystem: number;
    }
  >;
  edges: Record<
    string,
    {
      /** Attempts (or messages) sent; `failed` counts those that failed, so failed ≤ sent. */
      sent: number;
      failed: number;
      timedOut: number;
      retried: number;
      circuitOpened: number;
      /** Only on edges with a circuit breaker: calls failed fast by the open circuit, never sent. */
      shortCircuited?: number;
    }
  >;
  /** Every client's requests together (the sum of `clients`). */
  requests: { sent: number; succeeded: number; failed: number; timedOut: number; latencyMs: Percentiles };
  /**
   * Per client (entry point), keyed by service id: its own requests, as `requests` counts them all.
   * `sent` counts one request per outgoing edge it goes out on; succeeded + failed + timedOut ≤ sent
   * (the rest are still open).
   */
  clients: Record<
    string,
    {
      name: string;
      sent: number;
      succeeded: number;
      failed: number;
      timedOut: number;
      latencyMs: Percentiles;
    }
  >;
  /** started = completed + compensated + stuck + running (running: not ended yet, compensating included). */
  sagas: Record<
    string,
    { started: number; completed: number; compensated: number; stuck: number; running: number }
  >;
  duplicates: number;
  /**
   * Only when the diagram has async request-reply: per reply channel, how the producers'
   * pending-request tables took the replies (matched; duplicate or unmatched, discarded) and how many
   * requests can never be answered (the request or every reply to it was lost).
   */
  replies?: Record<string, { matched: number; duplicate: number; unmatched: number; unanswered: number }>;
}

export interface InvariantReport {
  conservation: boolean;
  sagas: boolean;
  violations: string[];
}
