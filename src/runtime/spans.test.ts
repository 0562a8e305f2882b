import { describe, expect, it } from 'vitest';
import type { Diagram, Fault } from '../model/schema';
import { checkoutExample } from '../scenarios/checkout';
import { jobQueueExample } from '../scenarios/jobQueue';
import { orderSagaExample } from '../scenarios/orderSaga';
import { buildRequestSpans, type Span } from './spans';
import { collectRun } from './spansRun';
import {
  compensatedSaga,
  firstRequestWhere,
  nackedDelivery,
  refusedOnceAfter,
  timedOutWhileCalleeWorked,
  timedOutWhileCalleeWorkedThenRetried,
} from './testing/requests';

function withFault(diagram: Diagram, fault: Partial<Fault>): Diagram {
  const f = {
    id: 'f1',
    kind: 'down',
    target: 'payment',
    atMs: 2000,
    durationMs: 0,
    source: 'live',
    ...fault,
  };
  return { ...diagram, faults: [f as Fault] };
}

function spansOf(diagram: Diagram, correlationId: string, untilMs: number): Span[] {
  const { collector, engine } = collectRun(diagram, { untilMs, only: new Set([correlationId]) });
  const request = collector.get(correlationId);
  if (!request) throw new Error(`no request ${correlationId}`);
  return buildRequestSpans(request, engine.now);
}

/** One line per span: kind, service, name, status, parent or link, rounded times. */
function outline(spans: Span[]): string[] {
  return spans.map(
    (s) =>
      `${s.id} ${s.kind} ${s.service} "${s.name}" ${s.status}${s.statusMessage ? `(${s.statusMessage})` : ''}` +
      ` <${s.parentId ?? s.links.join(',')}> ${s.start.toFixed(1)}..${s.end.toFixed(1)}`,
  );
}

describe('spans of one request', () => {
  it('follows the Checkout chain hop by hop: client and server spans, network each way, then the fan-out', () => {
    const spans = spansOf(checkoutExample, 'c0', 3000);
    expect(outline(spans)).toEqual([
      'm0 client client "POST /orders" ok <> 7.9..360.5',
      'm0/in server gateway "POST /orders" ok <m0> 48.9..319.5',
      'm1 client gateway "POST /orders" ok <m0/in> 51.5..319.5',
      'm1/in server orders "POST /orders" ok <m1> 67.5..303.5',
      'm2 client orders "ChargeCard" ok <m1/in> 96.5..303.5',
      'm2/in server payment "ChargeCard" ok <m2> 111.7..288.3',
      'm3 client payment "POST /charges" ok <m2/in> 152.3..288.3',
      'm3/in server bank "POST /charges" ok <m3> 193.3..247.3',
      'm6 producer orders "OrderPlaced" ok <m1/in> 303.5..303.5',
      'm7 producer orders "OrderPlaced" ok <m1/in> 303.5..303.5',
      'm6/in consumer inventory "OrderPlaced" ok <m6> 303.5..344.0',
      'm7/in consumer email "OrderPlaced" ok <m7> 303.5..326.2',
    ]);
    const call = spans.find((s) => s.id === 'm1')!;
    expect(call.parts.map((p) => [p.name, p.end - p.start])).toEqual([
      ['network out', 16],
      ['network back', 16],
    ]);
    // The latency the caller sees is network both ways plus the callee's whole handling.
    const callee = spans.find((s) => s.id === 'm1/in')!;
    expect(call.end - call.start).toBeCloseTo(16 + (callee.end - callee.start) + 16, 6);
    expect(spans.find((s) => s.id === 'm6/in')!.links).toEqual(['m6']);
  });

  it('puts a timeout at the caller, keeps the callee working, and shows the retry after its backoff', () => {
    const slow = withFault(checkoutExample, { kind: 'slow', factor: 80 });
    const spans = firstRequestWhere(slow, 9000, timedOutWhileCalleeWorkedThenRetried);
    const first = spans.find(timedOutWhileCalleeWorked(spans))!;
    expect(first).toMatchObject({ kind: 'client', service: 'orders', peer: 'payment', status: 'error' });
    // Orders' timeout on the edge to Payment is 1,500 ms: the attempt ends exactly then.
    expect(first.end - first.start).toBeCloseTo(1500, 6);
    const callee = spans.find((x) => x.id === `${first.id}/in`)!;
    expect(callee.status).toBe('ok');
    expect(callee.end).toBeGreaterThan(first.end);
    const next = (first.attempt ?? 1) + 1;
    const backoff = spans.find((x) => x.name === `backoff before attempt ${next}`)!;
    const retry = spans.find((x) => x.kind === 'client' && x.service === 'orders' && x.attempt === next)!;
    expect(backoff.start).toBe(first.end);
    expect(backoff.end).toBe(retry.start);
    expect(backoff.parentId).toBe(first.parentId);
  });

  it('shows a down callee refusing at once, and the error going back up the chain', () => {
    const down = withFault(checkoutExample, { kind: 'down' });
    // A request sent after Payment went down (at 2 s), not one it crashed under, and not retried.
    const spans = firstRequestWhere(down, 6000, refusedOnceAfter(2000));
    // Each span's parent is the one before it: the chain, without ids or times.
    spans.slice(1).forEach((x, i) => expect(x.parentId).toBe(spans[i]!.id));
    expect(spans.map((x) => `${x.kind} ${x.service} "${x.name}" ${x.status}(${x.statusMessage})`)).toEqual([
      'client client "POST /orders" error(error reply)',
      'server gateway "POST /orders" error(downstream)',
      'client gateway "POST /orders" error(error reply)',
      'server orders "POST /orders" error(downstream)',
      'client orders "ChargeCard" error(error reply)',
      'server payment "ChargeCard" error(refused: down)',
    ]);
  });

  it('puts an orchestrated saga’s steps and its compensations, in reverse order, under the saga', () => {
    const spans = firstRequestWhere(orderSagaExample, 6000, compensatedSaga);
    const saga = spans.find((s) => s.kind === 'internal')!;
    expect(saga).toMatchObject({ name: 'saga order', status: 'error', statusMessage: 'compensated' });
    const steps = spans.filter((s) => s.parentId === saga.id).map((s) => `${s.name} ${s.status}`);
    expect(steps).toEqual([
      'ChargeCard ok',
      'ReserveStock ok',
      'BookCourier error',
      'ReleaseStock ok',
      'RefundCard ok',
    ]);
    expect(spans.filter((s) => s.kind === 'client' && s.saga?.compensation).map((s) => s.saga!.step)).toEqual(
      [2, 1],
    );
    expect(saga.events.map((e) => e.name)).toContain('compensation 1 done');
  });

  it('gives a queue message one consumer span per delivery, a nack ending the first', () => {
    const spans = firstRequestWhere(jobQueueExample, 3000, (all) => all.some(nackedDelivery));
    const message = spans.find(nackedDelivery)!.messageId;
    const deliveries = spans.filter((s) => s.kind === 'consumer' && s.messageId === message);
    expect(deliveries.map((s) => `${s.status} ${s.statusMessage ?? ''}`.trim())).toEqual([
      'error nacked',
      'ok',
    ]);
    expect(deliveries[0]!.parts.map((p) => p.name)).toEqual([
      'to broker',
      'queue wait',
      'to consumer',
      'inbox',
      'handling',
    ]);
    // The thumbnail job it queued is caused by the second delivery's handling.
    const thumbnail = spans.find((s) => s.kind === 'producer' && s.name === 'StoreThumbnail')!;
    expect(thumbnail.parentId).toBe(deliveries[1]!.id);
  });
});
