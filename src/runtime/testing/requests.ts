import type { Diagram } from '../../model/schema';
import { buildRequestSpans, type Span } from '../spans';
import { collectRun } from '../spansRun';

/**
 * The spans of the first request of a whole run to `untilMs` that `wanted` accepts: tests pick a
 * request by what happened to it, not by its id, so they hold whatever the seed draws.
 */
export function firstRequestWhere(
  diagram: Diagram,
  untilMs: number,
  wanted: (spans: Span[]) => boolean,
): Span[] {
  const { collector, engine } = collectRun(diagram, { untilMs });
  for (const request of collector.all()) {
    const spans = buildRequestSpans(request, engine.now);
    if (wanted(spans)) return spans;
  }
  throw new Error('no request of the run is the one the test needs');
}

/** Orders' call to Payment timed out at the caller. */
export const timedOutAtOrders = (x: Span) =>
  x.service === 'orders' && x.peer === 'payment' && x.statusMessage === 'timed out';

/** A request whose call from Orders to Payment timed out and was tried again after a backoff. */
export const timedOutThenRetried = (all: Span[]) =>
  all.some(
    (x) =>
      timedOutAtOrders(x) && all.some((y) => y.name === `backoff before attempt ${(x.attempt ?? 1) + 1}`),
  );

/** Orders' call to Payment timed out while Payment was still working on it (the callee outlasts it). */
export const timedOutWhileCalleeWorked = (all: Span[]) => (x: Span) =>
  timedOutAtOrders(x) && all.some((y) => y.id === `${x.id}/in` && y.end > x.end);

/** A request with such a call, tried again after a backoff. */
export const timedOutWhileCalleeWorkedThenRetried = (all: Span[]) =>
  all.some(
    (x) =>
      timedOutWhileCalleeWorked(all)(x) &&
      all.some((y) => y.name === `backoff before attempt ${(x.attempt ?? 1) + 1}`),
  );

/** A request sent after `afterMs` that a down callee refused, and that nobody tried again. */
export const refusedOnceAfter = (afterMs: number) => (all: Span[]) =>
  all[0]!.start > afterMs &&
  all.some((x) => x.statusMessage === 'refused: down') &&
  !all.some((x) => x.name.startsWith('backoff before attempt'));

/** A request whose saga ended compensated. */
export const compensatedSaga = (all: Span[]) =>
  all.some((x) => x.kind === 'internal' && x.statusMessage === 'compensated');

/** A consumer's delivery that was nacked. */
export const nackedDelivery = (x: Span) => x.kind === 'consumer' && x.statusMessage === 'nacked';
