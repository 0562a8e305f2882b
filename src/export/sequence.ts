import type { Span } from '../runtime/index';

/** One line of a sequence diagram, in the order things happened. */
export type SequenceStep =
  | { kind: 'message'; t: number; from: string; to: string; label: string; style: ArrowStyle }
  | { kind: 'note'; t: number; over: string; text: string; tone: 'waiting' | 'error' | 'info' };

/**
 * How an arrow is drawn: a sync request, its reply (ok or error), an async send, a queue's
 * acknowledgement, an error back (nack, refusal), a compensation.
 */
export type ArrowStyle = 'request' | 'reply' | 'error' | 'async' | 'ack' | 'compensation';

/** A lifeline: a service, or a queue's broker (named by its channel). */
export interface Lifeline {
  id: string;
  label: string;
  kind: 'service' | 'queue';
}

/** A request as a sequence diagram: lifelines left to right in order of appearance, then the steps. */
export interface Sequence {
  lifelines: Lifeline[];
  steps: SequenceStep[];
}

/**
 * Turns one request's spans into the steps of a sequence diagram like the article's: a sync call's
 * request, "Waiting…" over the caller, the reply (or the caller's timeout, or a refusal); a queue
 * message to its broker and the broker's 202 Accepted, then each delivery to a consumer (a nack going
 * back); a topic's events fanning out to every subscriber; saga steps, and compensations going back.
 */
export function requestSequence(spans: readonly Span[], nameOf: (serviceId: string) => string): Sequence {
  const lifelines = new Map<string, Lifeline>();
  const lifeline = (id: string, kind: Lifeline['kind'] = 'service') => {
    if (!lifelines.has(id))
      lifelines.set(id, { id, label: kind === 'queue' ? id.slice(6) : nameOf(id), kind });
    return id;
  };
  const steps: (SequenceStep & { order: number })[] = [];
  const push = (step: SequenceStep) => steps.push({ ...step, order: steps.length });
  const byId = new Map(spans.map((s) => [s.id, s]));
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.kind === 'internal' && span.saga) sagaNotes(span, lifeline, push);
    else if (span.kind === 'client') callSteps(span, spans, lifeline, push);
    else if (span.kind === 'consumer') deliverySteps(span, byId, lifeline, push);
  }
  // At one instant a caller's timeout comes before what it then sends back.
  const rank = (s: SequenceStep) => (s.kind === 'note' && s.text.startsWith('timed out') ? 0 : 1);
  steps.sort((a, b) => a.t - b.t || rank(a) - rank(b) || a.order - b.order);
  return { lifelines: [...lifelines.values()], steps: steps.map(({ order: _order, ...step }) => step) };
}

type LifelineOf = (id: string, kind?: Lifeline['kind']) => string;
type Push = (step: SequenceStep) => void;

function sagaNotes(span: Span, lifeline: LifelineOf, push: Push): void {
  const over = lifeline(span.service);
  push({ kind: 'note', t: span.start, over, text: `${span.name} started`, tone: 'info' });
  if (span.ended)
    push({
      kind: 'note',
      t: span.end,
      over,
      text: `${span.name} ${span.statusMessage ?? 'completed'}`,
      tone: span.status === 'error' ? 'error' : 'info',
    });
}

function callSteps(span: Span, spans: readonly Span[], lifeline: LifelineOf, push: Push): void {
  const from = lifeline(span.service);
  const callee = spans.find((s) => s.parentId === span.id && s.kind === 'server');
  const to = lifeline(span.peer ?? callee?.service ?? span.service);
  const compensation = span.saga?.compensation === true;
  const step = span.saga?.step === undefined ? '' : ` (step ${span.saga.step})`;
  const attempt = span.attempt !== undefined && span.attempt > 1 ? ` (attempt ${span.attempt})` : '';
  const label = compensation ? `undo: ${span.name}${step}` : `${span.name}${step}${attempt}`;
  push({ kind: 'message', t: span.start, from, to, label, style: compensation ? 'compensation' : 'request' });
  push({ kind: 'note', t: span.start, over: from, text: 'Waiting…', tone: 'waiting' });
  if (callee?.statusMessage?.startsWith('refused')) {
    push({ kind: 'message', t: callee.start, from: to, to: from, label: 'refused: down', style: 'error' });
  }
  const back = span.parts.find((p) => p.name === 'network back');
  if (span.statusMessage === 'timed out') {
    push({
      kind: 'note',
      t: span.end,
      over: from,
      text: `timed out after ${ms(span.end - span.start)}`,
      tone: 'error',
    });
  } else if (back && !callee?.statusMessage?.startsWith('refused')) {
    const ok = span.status !== 'error';
    const label = ok ? `${compensation ? 'undone' : 'OK'} ${span.name}` : `error: ${span.name}`;
    push({ kind: 'message', t: back.start, from: to, to: from, label, style: ok ? 'reply' : 'error' });
  } else if (span.status === 'error' && !callee?.statusMessage?.startsWith('refused')) {
    push({ kind: 'note', t: span.end, over: from, text: span.statusMessage ?? 'failed', tone: 'error' });
  }
  for (const event of span.events)
    if (event.name.startsWith('late reply'))
      push({
        kind: 'message',
        t: event.t,
        from: to,
        to: from,
        label: 'late reply (nobody waits)',
        style: 'reply',
      });
}

/** An async message: a topic copy goes straight to its subscriber; a queue message via its broker. */
function deliverySteps(span: Span, byId: Map<string, Span>, lifeline: LifelineOf, push: Push): void {
  const producer = byId.get(span.links[0] ?? '');
  const from = lifeline(producer?.service ?? span.peer ?? span.service);
  const consumer = lifeline(span.service);
  const queued = span.parts.some((p) => p.name === 'queue wait');
  const first = span.id.endsWith('/in');
  if (!queued) {
    push({
      kind: 'message',
      t: span.start,
      from,
      to: consumer,
      label: `${span.name} (event)`,
      style: 'async',
    });
  } else {
    const broker = lifeline(`queue:${span.channel ?? span.edgeId ?? 'queue'}`, 'queue');
    if (first && span.parts[0]?.name === 'to broker') {
      push({ kind: 'message', t: span.start, from, to: broker, label: span.name, style: 'async' });
      push({ kind: 'message', t: span.start, from: broker, to: from, label: '202 Accepted', style: 'ack' });
    }
    const toConsumer = span.parts.find((p) => p.name === 'to consumer');
    if (toConsumer) {
      const delivery = first ? '' : ` (delivery ${span.id.slice(span.id.indexOf('/in') + 3)})`;
      push({
        kind: 'message',
        t: toConsumer.start,
        from: broker,
        to: consumer,
        label: `${span.name}${delivery}`,
        style: 'async',
      });
    }
    if (span.statusMessage === 'nacked')
      push({ kind: 'message', t: span.end, from: consumer, to: broker, label: 'nack', style: 'error' });
    if (span.statusMessage === 'dead-lettered')
      push({ kind: 'note', t: span.end, over: broker, text: 'dead-lettered', tone: 'error' });
  }
  if (span.status === 'error' && span.statusMessage !== 'nacked' && span.statusMessage !== 'dead-lettered')
    push({ kind: 'note', t: span.end, over: consumer, text: span.statusMessage ?? 'failed', tone: 'error' });
}

/** A duration as people read it: 1500 → "1,500 ms", 2.5 → "2.5 ms". */
export function ms(value: number): string {
  const rounded = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded.toLocaleString('en-US')} ms`;
}
