import { describe, expect, it } from 'vitest';
import type { Diagram, Fault } from '../model/schema';
import { checkoutExample } from '../scenarios/checkout';
import { jobQueueExample } from '../scenarios/jobQueue';
import { orderSagaExample } from '../scenarios/orderSaga';
import { buildRequestSpans, type Span } from './spans';
import { collectRun } from './spansRun';

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
      'm0 client client "POST /orders" ok <> 136.9..505.6',
      'm0/in server gateway "POST /orders" ok <m0> 177.9..464.6',
      'm1 client gateway "POST /orders" ok <m0/in> 181.1..464.6',
      'm1/in server orders "POST /orders" ok <m1> 197.1..448.6',
      'm2 client orders "ChargeCard" ok <m1/in> 225.4..448.6',
      'm2/in server payment "ChargeCard" ok <m2> 240.6..433.4',
      'm3 client payment "POST /charges" ok <m2/in> 276.2..433.4',
      'm3/in server bank "POST /charges" ok <m3> 317.2..392.4',
      'm6 producer orders "OrderPlaced" ok <m1/in> 448.6..448.6',
      'm7 producer orders "OrderPlaced" ok <m1/in> 448.6..448.6',
      'm6/in consumer inventory "OrderPlaced" ok <m6> 448.6..472.4',
      'm7/in consumer email "OrderPlaced" ok <m7> 448.6..751.3',
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
    const spans = spansOf(slow, 'c3', 9000);
    const first = spans.find((s) => s.id === 'm32')!;
    expect(first).toMatchObject({ kind: 'client', service: 'orders', peer: 'payment', status: 'error' });
    expect(first.statusMessage).toBe('timed out');
    // Orders' timeout on the edge to Payment is 1,500 ms: the attempt ends exactly then.
    expect(first.end - first.start).toBeCloseTo(1500, 6);
    const callee = spans.find((s) => s.id === 'm32/in')!;
    expect(callee.status).toBe('ok');
    expect(callee.end).toBeGreaterThan(first.end);
    const backoff = spans.find((s) => s.name === 'backoff before attempt 2')!;
    const retry = spans.find((s) => s.id === 'm40')!;
    expect(retry.attempt).toBe(2);
    expect(backoff.start).toBe(first.end);
    expect(backoff.end).toBe(retry.start);
    expect(backoff.parentId).toBe('m31/in');
  });

  it('shows a down callee refusing at once, and the error going back up the chain', () => {
    const spans = spansOf(withFault(checkoutExample, { kind: 'down' }), 'c5', 6000);
    expect(outline(spans).map((l) => l.replace(/ [\d.]+\.\.[\d.]+$/, ''))).toEqual([
      'm42 client client "POST /orders" error(error reply) <>',
      'm42/in server gateway "POST /orders" error(downstream) <m42>',
      'm46 client gateway "POST /orders" error(error reply) <m42/in>',
      'm46/in server orders "POST /orders" error(downstream) <m46>',
      'm48 client orders "ChargeCard" error(error reply) <m46/in>',
      'm48/in server payment "ChargeCard" error(refused: down) <m48>',
    ]);
  });

  it('puts an orchestrated saga’s steps and its compensations, in reverse order, under the saga', () => {
    const spans = spansOf(orderSagaExample, 'c14', 6000);
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
    const spans = spansOf(jobQueueExample, 'c3', 3000);
    const deliveries = spans.filter((s) => s.kind === 'consumer' && s.messageId === 'm3');
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
