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

/** Every registry, as the simulation core reads them. */
export const BEHAVIOURS: Behaviours = {
  edges: EDGE_BEHAVIOURS,
  edgeList: Object.values(EDGE_BEHAVIOURS),
  messages: MESSAGE_KIND_NAMES.map((k) => MESSAGE_BEHAVIOURS[k]),
  callOwners: CALL_OWNERS.map((k) => CALL_OWNER_BEHAVIOURS[k]),
  faults: FAULT_BEHAVIOURS,
};
