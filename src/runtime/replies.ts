import type { MessageBehaviour } from './behaviours';
import { attemptResult } from './calls';
import { type Service } from './entities';
import { Look, MessageKind, MessageState, type Message } from './messages';
import { arriveAtService } from './services';
import { EffectCode, Word, type Simulation } from './sim';
import { TraceCode } from './trace';

/*
 * The core's request and reply messages. How a sync call flows, in order:
 *   calls.ts     startCall → attempt → newRequest, launched on the edge (a timeout armed)
 *   replies.ts   requestMessages.arrive: a down callee refuses, else arriveAtService
 *   services.ts  arriveAtService → startJob (a slot, or the inbox until freeSlot) → onHandleDone
 *                → continueJob (its own calls first, each suspends the job) → finishJob
 *   replies.ts   requestMessages.handled → sendReply, launched back along the edge
 *                replyMessages.arrive → attemptResult
 *   calls.ts     attemptResult → (retry after backoff, or) endCall → the owner's `done`:
 *                a job resumes in continueJob, a client counts its request.
 */

/** A request reaches its callee: a down callee refuses at once, otherwise it is handled. */
function onRequestArrive(sim: Simulation, m: Message): void {
  const callee = m.target;
  if (callee.down > 0) {
    sim.record(TraceCode.refused, m.id, callee.index, m.edge.index, -1, NaN);
    sim.effect(EffectCode.refused, callee.index, m.edge.index, m.id);
    sim.setState(m, MessageState.Delivered);
    sendReply(sim, m, false);
    return;
  }
  sim.record(TraceCode.arrived, m.id, callee.index, m.edge.index, -1, NaN);
  arriveAtService(sim, callee, m);
}

/** The callee answers along the same edge, back the way the request came. */
export function sendReply(sim: Simulation, req: Message, ok: boolean): void {
  const e = req.edge;
  const r = sim.newMessage(
    MessageKind.Reply,
    req.type,
    req.correlation,
    req.id,
    req.hop,
    e,
    req.target,
    req.source,
    ok ? Look.ReplyOk : Look.ReplyError,
  );
  r.call = req.call;
  r.token = req.token;
  sim.remember(r);
  if (req.call!.local) sim.launch(r, req.toHalf, req.fromHalf, 0);
  else if (e.cut > 0) sim.drop(r, 'partition');
  else sim.launch(r, req.toHalf, req.fromHalf, e.latencyMs + req.call!.exchange.serializationMs);
}

/** A reply reaches the caller: it settles the attempt, or is discarded if the caller gave up. */
function onReplyArrive(sim: Simulation, r: Message): void {
  sim.setState(r, MessageState.Delivered);
  const call = r.call!;
  if (call.pending && call.token === r.token) {
    sim.record(TraceCode.arrived, r.id, r.target.index, r.edge.index, -1, NaN);
    const ok = r.look !== Look.ReplyError;
    attemptResult(sim, call, ok, ok ? -1 : Word['error reply']);
  } else sim.record(TraceCode['late-reply'], r.id, r.target.index, r.edge.index, -1, NaN);
}

/** Requests: handled by their callee, answered back along their edge (or, in a choreography, settled there). */
export const requestMessages: MessageBehaviour = {
  arrive: onRequestArrive,
  handled(sim: Simulation, m: Message, service: Service, ok: boolean, reason: number): void {
    const call = m.call!;
    if (ok && ++call.calleeSuccesses > 1 && !service.idempotent) sim.duplicate(m, service);
    sim.setState(m, MessageState.Delivered);
    if (call.outcomeAtCallee) settleAtCallee(sim, m, ok, reason);
    else sendReply(sim, m, ok);
  },
  // The connection is reset: the caller gets an error reply at once.
  crashedInInbox(sim: Simulation, m: Message, service: Service): void {
    service.refused++;
    sim.record(TraceCode.refused, m.id, service.index, m.edge.index, -1, NaN);
    sim.setState(m, MessageState.Delivered);
    sendReply(sim, m, false);
  },
};

/**
 * A choreographed step was handled: its outcome is settled where it happened, and the participant
 * goes on at once (the next step's event, or the compensation of the step before) — no reply travels
 * back first. An outcome the sender already gave up on (timed out) changes nothing.
 */
function settleAtCallee(sim: Simulation, m: Message, ok: boolean, reason: number): void {
  const call = m.call!;
  if (!call.pending || call.token !== m.token) return;
  call.settledAtCallee = true;
  attemptResult(sim, call, ok, ok ? -1 : reason);
}

/** Replies: they settle their call's attempt where they arrive; nobody handles them. */
export const replyMessages: MessageBehaviour = {
  arrive: onReplyArrive,
  handled: neverHandled,
  crashedInInbox: neverHandled,
};

function neverHandled(_sim: Simulation, m: Message): void {
  throw new Error(`m${m.id} is a reply: replies are never handled by a service`);
}
