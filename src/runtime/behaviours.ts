import type { EdgeKind, Fault, FaultKind } from '../model/schema';
import type { MessageKind as MessageKindName } from './api';
import type { Action, Service, Edge } from './entities';
import type { Call, CALL_OWNERS, Message } from './messages';
import type { Simulation } from './sim';

/**
 * The engine's kinds as typed registries. The simulation core (sim.ts, services.ts, calls.ts) knows
 * messages, slots and request/reply exchanges; everything particular to an edge kind, a message
 * kind, a call owner or a fault kind is a behaviour registered on the core (`Simulation.kinds`).
 * Behaviours call the core's verbs (arrive, start a job, reply, publish, schedule, record), never
 * each other; the core calls them only through these registries. Each registry is built with
 * `satisfies Record<Kind, …>` (engine.ts, faults.ts), so a kind without a behaviour is a compile error.
 */

/** What an edge kind does. Hooks run for every kind in registry order, so the order is part of the trace. */
export interface EdgeBehaviour {
  /** Adds the action a handled message triggers on `edge` to `actions` (or nothing: one per channel). */
  route(edge: Edge, actions: Action[], behaviour: EdgeBehaviour): void;
  /** A job performs its action; true when the job waits for an outcome (its slot stays held). */
  perform(sim: Simulation, job: Message, action: Action): boolean;
  /** A client sends one request on its action (`correlation` is the request's conversation). */
  sendFromClient(sim: Simulation, client: Service, action: Action, correlation: number): void;
  /** A service crashed (after its jobs were aborted and its inbox emptied). */
  serviceDown?(sim: Simulation, service: Service): void;
  /** A crashed service is back up. */
  serviceUp?(sim: Simulation, service: Service): void;
  /** A slot of `service` came free and its inbox is empty (queues are pulled: only the queue kind has this). */
  slotFreed?(sim: Simulation, service: Service): void;
  /** A cut edge (of any kind) is back. */
  edgeRestored?(sim: Simulation, edge: Edge): void;
  /** The run reached its end. */
  runEnded?(sim: Simulation): void;
}

/** What happens to a message of one kind at each point of its life. */
export interface MessageBehaviour {
  /** It reached the end of its current leg (its event came). */
  arrive(sim: Simulation, message: Message): void;
  /** Before its handler performs anything: false discards it (handled, acknowledged, nothing done). */
  accept?(sim: Simulation, message: Message, service: Service): boolean;
  /** Its handling ended (`reason` a `Word` when it failed): answer the caller, acknowledge the broker… */
  handled(sim: Simulation, message: Message, service: Service, ok: boolean, reason: number): void;
  /** It was waiting in the inbox of a service that crashed. */
  crashedInInbox(sim: Simulation, message: Message, service: Service): void;
}

/** Who waits for a call's outcome. */
export interface CallOwnerBehaviour {
  /** The call's final outcome. */
  done(sim: Simulation, call: Call, ok: boolean): void;
  /** The caller crashed: the call ended without an outcome. */
  abandoned(sim: Simulation, call: Call): void;
}

/** What a fault kind does to its target. */
export interface FaultBehaviour {
  /** The number its trace record carries (factor, rate), NaN when none. */
  traceNumber(fault: Fault): number;
  start(sim: Simulation, fault: Fault, service: Service | null, edge: Edge | null): void;
  end(sim: Simulation, fault: Fault, service: Service | null, edge: Edge | null): void;
}

export type CallOwnerName = (typeof CALL_OWNERS)[number];

/** Every registry, as the core reads them. */
export interface Behaviours {
  /** By edge kind, in hook order. */
  edges: Record<EdgeKind, EdgeBehaviour>;
  /** `edges` as a list, in hook order (the hot path iterates it). */
  edgeList: readonly EdgeBehaviour[];
  /** By `MessageKind` number. */
  messages: readonly MessageBehaviour[];
  /** By `CallOwner` number. */
  callOwners: readonly CallOwnerBehaviour[];
  faults: Record<FaultKind, FaultBehaviour>;
}

export type MessageBehaviours = Record<MessageKindName, MessageBehaviour>;
export type CallOwnerBehaviours = Record<CallOwnerName, CallOwnerBehaviour>;
