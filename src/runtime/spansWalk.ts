import type { MessageFacts } from './api';
import type { Span, SpanPartName } from './spans';
import type { CorrelatedRecord } from './spansCollect';

/** A span made from one message, with its role: the sender's side, a sync callee, an async receiver. */
export interface WalkedSpan {
  role: 'sender' | 'callee' | 'receiver';
  span: Span;
}

/**
 * Turns one message's records into its spans. A request gives the caller's client span (network out,
 * then back with its reply; or its timeout) and the callee's server span (inbox, handling). An event,
 * queue message or async reply gives a producer span (the moment it is sent) and one consumer span
 * per delivery (to broker, queue wait, to consumer, inbox, handling), a nack or dead letter ending it.
 */
export function walkMessage(
  facts: MessageFacts,
  records: readonly CorrelatedRecord[],
  reply: readonly CorrelatedRecord[],
  correlationId: string,
  last: number,
): WalkedSpan[] {
  const sync = facts.kind === 'request';
  const first = records[0]!;
  const base = (id: string, kind: Span['kind'], service: string): Span => ({
    id,
    links: [],
    kind,
    name: facts.type,
    service,
    edgeId: facts.edgeId,
    messageId: facts.id,
    correlationId,
    start: first.t,
    end: last,
    ended: false,
    status: 'unset',
    parts: [],
    events: [],
    ...(facts.saga === undefined
      ? {}
      : { saga: { name: facts.saga, step: facts.step, compensation: facts.compensation } }),
    ...(sync ? { attempt: Math.max(1, facts.attempt) } : {}),
  });
  const sender = base(facts.id, sync ? 'client' : 'producer', facts.source);
  if (!sync) {
    sender.end = sender.start;
    sender.ended = true;
    sender.status = 'ok';
  }
  const out: WalkedSpan[] = [{ role: 'sender', span: sender }];
  let receiver: Span | undefined;
  let open: { name: SpanPartName; start: number } | undefined;
  let deliveries = 0;
  let previous = '';
  const close = (t: number) => {
    if (open) (open.name === 'network out' ? sender : receiver!).parts.push({ ...open, end: t });
    open = undefined;
  };
  const newReceiver = (t: number) => {
    deliveries++;
    receiver = base(`${facts.id}/in${deliveries > 1 ? deliveries : ''}`, sync ? 'server' : 'consumer', '');
    receiver.start = t;
    receiver.peer = facts.source;
    out.push({ role: sync ? 'callee' : 'receiver', span: receiver });
  };
  const end = (span: Span, t: number, ok: boolean, message?: string) => {
    span.end = t;
    span.ended = true;
    span.status = ok ? 'ok' : 'error';
    if (message !== undefined) span.statusMessage = message;
  };
  for (const r of records) {
    const t = r.t;
    if (
      r.service !== undefined &&
      receiver &&
      receiver.service === '' &&
      r.type !== 'sent' &&
      r.type !== 'published'
    )
      receiver.service = r.service;
    switch (r.type) {
      case 'published':
        if (r.detail !== undefined) sender.channel = r.detail;
        break;
      case 'sent':
        close(t);
        if (!receiver && !sync) newReceiver(t);
        open = { name: sync ? 'network out' : partAfter(facts, previous), start: t };
        break;
      case 'enqueued':
        close(t);
        open = { name: 'queue wait', start: t };
        break;
      case 'delivered':
        close(t);
        break;
      case 'arrived':
        close(t);
        if (sync) {
          newReceiver(t);
          sender.peer = r.service;
        }
        receiver!.service = r.service ?? receiver!.service;
        open = { name: 'inbox', start: t };
        break;
      case 'held':
        close(t);
        open = { name: 'held', start: t };
        break;
      case 'started':
        close(t);
        open = { name: 'handling', start: t };
        break;
      case 'handled':
        close(t);
        if (receiver) end(receiver, t, true);
        break;
      case 'failed':
        close(t);
        if (receiver) end(receiver, t, false, r.detail ?? 'failed');
        break;
      case 'refused':
        close(t);
        if (sync) newReceiver(t);
        sender.peer = r.service;
        receiver!.service = r.service ?? '';
        end(receiver!, t, false, 'refused: down');
        break;
      case 'dropped':
        close(t);
        end(receiver ?? sender, t, false, `dropped: ${r.detail ?? ''}`.trim());
        if (sync) end(sender, t, false, `dropped: ${r.detail ?? ''}`.trim());
        break;
      case 'nacked':
        receiver?.events.push({ t, name: `nacked (delivery ${r.n ?? deliveries})` });
        if (receiver) end(receiver, t, false, 'nacked');
        newReceiver(t);
        break;
      case 'dead-lettered':
        close(t);
        if (receiver) end(receiver, t, false, 'dead-lettered');
        break;
      case 'timed-out':
        // The caller gives up; the callee's part goes on (work nobody waits for).
        sender.events.push({ t, name: 'timed out' });
        end(sender, t, false, 'timed out');
        break;
      default:
        (receiver ?? sender).events.push({ t, name: r.detail ? `${r.type} (${r.detail})` : r.type });
    }
    previous = r.type;
  }
  // Still on its way, waiting or being handled: show the part so far.
  if (open) close(last);
  if (sync) addReply(sender, reply, last);
  for (const w of out) {
    if (w.span.service === '') w.span.service = w.span.peer ?? facts.source;
    if (sender.channel !== undefined && w.role === 'receiver') w.span.channel = sender.channel;
  }
  return out;
}

/** Which stretch an async message's send is: a topic copy's delivery, or a queue message's leg. */
function partAfter(facts: MessageFacts, previous: string): SpanPartName {
  if (facts.kind === 'event') return 'delivery';
  return previous === 'delivered' ? 'to consumer' : 'to broker';
}

/** Adds the reply's way back to a client span, and ends it with the reply's outcome. */
function addReply(sender: Span, reply: readonly CorrelatedRecord[], last: number): void {
  const sent = reply.find((r) => r.type === 'sent');
  if (!sent) return;
  const arrived = reply.find((r) => r.type === 'arrived' || r.type === 'late-reply' || r.type === 'dropped');
  const ok = sent.detail !== 'reply-error';
  if (arrived?.type === 'late-reply') {
    sender.events.push({ t: arrived.t, name: 'late reply: nobody waits any more' });
    return;
  }
  if (sender.ended && sender.status === 'error') return; // timed out before the reply came
  sender.parts.push({ name: 'network back', start: sent.t, end: arrived?.t ?? last });
  if (!arrived) return;
  if (arrived.type === 'dropped') {
    sender.end = arrived.t;
    sender.ended = true;
    sender.status = 'error';
    sender.statusMessage = `reply dropped: ${arrived.detail ?? ''}`.trim();
    return;
  }
  sender.end = arrived.t;
  sender.ended = true;
  sender.status = ok ? 'ok' : 'error';
  if (!ok) sender.statusMessage = 'error reply';
}
