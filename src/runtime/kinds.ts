import type { EdgeKind } from '../model/schema';
import type { MessageKind as MessageKindName } from './api';
import type {
  Behaviours,
  CallOwnerBehaviour,
  CallOwnerName,
  EdgeBehaviour,
  MessageBehaviour,
} from './behaviours';
import { clientCallOwner } from './client';
import { CALL_OWNERS, MESSAGE_KIND_NAMES } from './messages';
import { FAULT_BEHAVIOURS } from './faultKinds';
import { asyncReplyMessages, queueEdges, queueMessages } from './queue';
import { replyMessages, requestMessages } from './replies';
import { sagaActionOwner, sagaCompensationOwner, sagaEdges } from './saga';
import { jobCallOwner } from './services';
import { syncEdges } from './sync';
import { eventMessages, topicEdges } from './topic';

/*
 * The engine's registries, assembled: the one module that knows every kind. Adding a kind means
 * adding its behaviour here; `satisfies Record<…>` makes a missing one a compile error.
 */

/**
 * Edge kinds, in hook order (the order kinds react to a crash, a recovery or a restored edge is part
 * of the trace): client calls are abandoned before sagas are suspended before backlogs are dropped;
 * held subscriptions deliver before sagas resume before queues fill the free slots.
 */
const EDGE_BEHAVIOURS = {
  sync: syncEdges,
  topic: topicEdges,
  saga: sagaEdges,
  queue: queueEdges,
} satisfies Record<EdgeKind, EdgeBehaviour>;

const MESSAGE_BEHAVIOURS = {
  request: requestMessages,
  reply: replyMessages,
  event: eventMessages,
  queue: queueMessages,
  'async-reply': asyncReplyMessages,
} satisfies Record<MessageKindName, MessageBehaviour>;

const CALL_OWNER_BEHAVIOURS = {
  job: jobCallOwner,
  client: clientCallOwner,
  'saga-action': sagaActionOwner,
  'saga-compensation': sagaCompensationOwner,
} satisfies Record<CallOwnerName, CallOwnerBehaviour>;

/*
 * The core reads the registries as copies whose entries list every member in one order, present or
 * not: the entries of a registry then share one hidden class, and the calls the core makes through
 * them on every event (`messages[m.kind].arrive`, `action.behaviour.perform`, `callOwners[…].done`)
 * load the member monomorphically. Written as they are above, each entry has its own shape, and a
 * load over five shapes (the message kinds) goes megamorphic: a lookup in V8's stub cache per call.
 * Behaviours never use `this`, so a copy behaves as its original.
 */

/** An edge behaviour with every member, in one order. */
function edgeEntry(b: EdgeBehaviour): EdgeBehaviour {
  return {
    route: b.route,
    perform: b.perform,
    sendFromClient: b.sendFromClient,
    serviceDown: b.serviceDown,
    serviceUp: b.serviceUp,
    slotFreed: b.slotFreed,
    edgeRestored: b.edgeRestored,
    runEnded: b.runEnded,
  };
}

/** A message behaviour with every member, in one order. */
function messageEntry(b: MessageBehaviour): MessageBehaviour {
  return { arrive: b.arrive, accept: b.accept, handled: b.handled, crashedInInbox: b.crashedInInbox };
}

/** A call owner with every member, in one order. */
function callOwnerEntry(b: CallOwnerBehaviour): CallOwnerBehaviour {
  return { done: b.done, abandoned: b.abandoned };
}

/** `EDGE_BEHAVIOURS` as the core reads it, in the same (hook) order. */
const edges = Object.fromEntries(
  Object.entries(EDGE_BEHAVIOURS).map(([kind, b]) => [kind, edgeEntry(b)]),
) as Record<EdgeKind, EdgeBehaviour>;

/** Every registry, as the simulation core reads them. */
export const BEHAVIOURS: Behaviours = {
  edges,
  edgeList: Object.values(edges),
  messages: MESSAGE_KIND_NAMES.map((k) => messageEntry(MESSAGE_BEHAVIOURS[k])),
  callOwners: CALL_OWNERS.map((k) => callOwnerEntry(CALL_OWNER_BEHAVIOURS[k])),
  faults: FAULT_BEHAVIOURS,
};
