import type { Advice } from './advice';
import { SERVICE_SIZE } from '../lib/box';
import { freeSpot } from '../lib/freeSpot';
import { addService, connect } from './edits';
import type { SagaShape } from './graph';
import type { Diagram, SagaEdge, Service } from './schema';

/*
 * One-click fixes for the advisor's remarks about the diagram's shape (issue 14): no client, a
 * client that sends nothing, a saga nobody drives, saga steps with nothing to undo them, a cycle where no time
 * passes. Each is a pure edit the store applies as one undoable step; a remark gets one only where
 * the right edit is plain from the diagram (otherwise its message says what to do by hand).
 */

type Fix = NonNullable<Advice['fix']>;

/**
 * Where an idle client should send: the one service the other clients call, or else the one
 * service nothing calls yet (the diagram's entry). Undefined when that is not a single service.
 */
function entryFor(d: Diagram, client: Service): Service | undefined {
  const byId = new Map(d.services.map((s) => [s.id, s]));
  const clients = new Set(d.services.filter((s) => s.kind === 'client').map((s) => s.id));
  const calledByClients = new Set(d.edges.filter((e) => clients.has(e.from)).map((e) => e.to));
  if (calledByClients.size === 1) return byId.get([...calledByClients][0]!);
  if (calledByClients.size > 1) return undefined;
  const called = new Set(d.edges.map((e) => e.to));
  const entries = d.services.filter((s) => s.id !== client.id && !clients.has(s.id) && !called.has(s.id));
  return entries.length === 1 ? entries[0] : undefined;
}

/** Connects a client that sends nothing to the diagram's entry with a sync call, when there is one. */
export function connectClientFix(d: Diagram, client: Service): Fix | undefined {
  const entry = entryFor(d, client);
  if (!entry) return undefined;
  return {
    label: `Connect it to ${entry.name}`,
    apply: (x) => connect(x, 'sync', client.id, entry.id)?.diagram ?? x,
  };
}

/**
 * A diagram with no client: one is added left of the one service nothing calls (its entry), calling
 * it. Undefined when the entry is not a single service.
 */
export function addClientFix(d: Diagram): Fix | undefined {
  const called = new Set(d.edges.map((e) => e.to));
  const entries = d.services.filter((s) => !called.has(s.id));
  if (entries.length !== 1) return undefined;
  const entry = entries[0]!;
  return {
    label: `Add a client calling ${entry.name}`,
    apply: (x) => {
      // Left of the entry, or the nearest spot there that no card or note covers.
      const want = { x: entry.position.x - 240, y: entry.position.y };
      const occupied = [
        ...x.services.map((s) => ({ ...s.position, ...SERVICE_SIZE })),
        ...x.notes.map((n) => ({ ...n.position, width: n.width, height: n.height })),
      ];
      const at = freeSpot({ size: SERVICE_SIZE, want, occupied, gap: 40 });
      const { diagram, service } = addService(x, 'client', at);
      return connect(diagram, 'sync', service.id, entry.id)?.diagram ?? diagram;
    },
  };
}

/** Makes the service every step of a saga leaves an orchestrator (not a client: that would stop its traffic). */
export function orchestratorFix(source: Service): Fix | undefined {
  if (source.kind === 'client') return undefined;
  return {
    label: `Make ${source.name} an orchestrator`,
    apply: (x) => ({
      ...x,
      services: x.services.map((s) => (s.id === source.id ? { ...s, kind: 'orchestrator' } : s)),
    }),
  };
}

/** What undoes a step, by the verb its action starts with ("ChargeCard" → "RefundCard"). */
const UNDO_VERBS: ReadonlyArray<[RegExp, string]> = [
  [/^charge/i, 'Refund'],
  [/^reserve/i, 'Release'],
  [/^(book|place|create|order)/i, 'Cancel'],
  [/^debit/i, 'Credit'],
  [/^credit/i, 'Debit'],
  [/^(ship|send)/i, 'Recall'],
  [/^(add|insert)/i, 'Remove'],
];

/** A name for the action that undoes `step`: its verb's opposite where known, else "Undo…". */
export function compensationName(step: SagaEdge): string {
  const action = (step.action || step.message || `Step ${step.step}`)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  for (const [verb, undo] of UNDO_VERBS) if (verb.test(action)) return action.replace(verb, undo);
  return `Undo${action}`;
}

/** Names a compensation for every step of `saga` that has none. */
export function compensationFix(saga: SagaShape): Fix {
  const missing = new Map(saga.steps.filter((s) => !s.compensation).map((s) => [s.id, compensationName(s)]));
  return {
    label: missing.size === 1 ? `Name it "${[...missing.values()][0]!}"` : 'Name a compensation for each',
    apply: (x) => ({
      ...x,
      edges: x.edges.map((e) =>
        e.kind === 'saga' && missing.has(e.id) && !e.compensation
          ? { ...e, compensation: missing.get(e.id)! }
          : e,
      ),
    }),
  };
}

/** Gives every 0 ms edge between the services of an instant cycle 1 ms, so the clock moves round it. */
export function instantCycleFix(services: ReadonlySet<string>): Fix {
  return {
    label: 'Give its edges 1 ms of latency',
    apply: (x) => ({
      ...x,
      edges: x.edges.map((e) =>
        services.has(e.from) && services.has(e.to) && e.latencyMs === 0 ? { ...e, latencyMs: 1 } : e,
      ),
    }),
  };
}
