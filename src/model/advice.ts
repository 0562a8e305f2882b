import {
  addClientFix,
  compensationFix,
  connectClientFix,
  instantCycleFix,
  orchestratorFix,
} from './adviceFixes';
import { checklistAdvice } from './checklist';
import { SERVICE_KIND_INFO } from './defaults';
import { sagas, servicesOnCycles, type SagaShape } from './graph';
import type { Diagram, Latency, Service } from './schema';

/** A remark about the diagram: a likely mistake or a trade-off worth seeing. */
export interface Advice {
  id: string;
  severity: 'warning' | 'info';
  message: string;
  /** The services and edges it is about (selecting them shows the spot). */
  targets: string[];
  /** A mechanical fix, applied as one undoable edit. */
  fix?: { label: string; apply: (d: Diagram) => Diagram };
}

/** Mean of a latency distribution, in ms. */
export function meanLatency(l: Latency): number {
  switch (l.dist) {
    case 'fixed':
      return l.ms;
    case 'uniform':
      return (l.min + l.max) / 2;
    case 'normal':
      return Math.max(0, l.mean);
    case 'exponential':
      return l.mean;
    case 'lognormal':
      return l.median * Math.exp((l.sigma * l.sigma) / 2);
  }
}

/**
 * Expected arrivals per second at each service, following every edge from the clients (an upper
 * bound: triggers and failures are ignored, cycles are counted once).
 */
export function expectedLoad(d: Diagram): Map<string, number> {
  const load = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const e of d.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  for (const c of d.services.filter((s) => s.kind === 'client')) {
    const rate = c.traffic.rate;
    const seen = new Set<string>([c.id]);
    let frontier = out.get(c.id) ?? [];
    while (frontier.length) {
      const next: string[] = [];
      for (const id of frontier) {
        load.set(id, (load.get(id) ?? 0) + rate);
        if (seen.has(id)) continue;
        seen.add(id);
        next.push(...(out.get(id) ?? []));
      }
      frontier = next;
    }
  }
  return load;
}

/**
 * Services on a cycle that takes no simulated time: every edge on it has 0 ms latency (and, for a
 * sync call, 0 ms serialization) and reaches a service whose handling takes 0 ms on average.
 */
export function instantCycle(d: Diagram, byId: ReadonlyMap<string, Service>): Set<string> {
  const edges = d.edges.filter((e) => {
    const to = byId.get(e.to);
    if (!to || e.latencyMs > 0 || meanLatency(to.latency) > 0) return false;
    return e.kind !== 'sync' || d.run.serializationMs[e.protocol] === 0;
  });
  return servicesOnCycles({ ...d, edges });
}

/**
 * A saga whose steps all leave one service that is not an orchestrator: nothing drives it as an
 * orchestrated saga, and it is no choreography either (a chain, each step leaving where the last
 * one arrived). The engine would run it from that service; the person most likely meant otherwise.
 */
function undrivenSaga(saga: SagaShape, byId: ReadonlyMap<string, Service>): Advice | null {
  const source = saga.orchestrator === undefined ? undefined : byId.get(saga.orchestrator);
  if (!source || source.kind === 'orchestrator') return null;
  const first = saga.steps[0]!;
  const target = byId.get(first.to)?.name ?? first.to;
  const kind = SERVICE_KIND_INFO[source.kind].label.toLowerCase();
  const what =
    saga.steps.length === 1
      ? `Saga "${saga.name}" is a single step from ${source.name} to ${target}, and ${source.name} is a ${kind}, not an orchestrator.`
      : `Every step of saga "${saga.name}" leaves ${source.name}, which is a ${kind}, not an orchestrator.`;
  const next =
    saga.steps.length === 1
      ? `, or make it choreographed: add step 2 from ${target}, each step leaving where the one before arrived.`
      : '.';
  return {
    id: `saga-driver-${saga.name}`,
    severity: 'warning',
    message:
      `${what} An orchestrated saga is driven by an orchestrator: make ${source.name} one (change its ` +
      `kind) or send the steps from one${next}`,
    targets: [source.id, ...saga.steps.map((s) => s.id)],
    fix: orchestratorFix(source),
  };
}

/**
 * What to know before a saga step leaves `fromId`, or null: an orchestrator drives a saga; from
 * any other service a step makes sense only as a link of a choreographed chain, so the first step
 * there (no saga step arrives at it yet) gets a word of explanation where the kind is picked.
 */
export function sagaStepNote(d: Diagram, fromId: string): string | null {
  const from = d.services.find((s) => s.id === fromId);
  if (!from || from.kind === 'orchestrator') return null;
  if (d.edges.some((e) => e.kind === 'saga' && e.to === fromId)) return null;
  return `${from.name} is no orchestrator: a step from it starts a choreographed chain.`;
}

/** Everything the advisor has to say about a diagram, warnings first. */
export function advise(d: Diagram): Advice[] {
  const out: Advice[] = [];
  const byId = new Map(d.services.map((s) => [s.id, s]));
  const name = (id: string) => byId.get(id)?.name ?? id;
  if (d.services.length === 0)
    return [
      { id: 'empty', severity: 'info', message: 'Drag services from the palette to start.', targets: [] },
    ];
  const clients = d.services.filter((s) => s.kind === 'client');
  if (clients.length === 0)
    out.push({
      id: 'no-client',
      severity: 'info',
      message: 'No client: add one to generate traffic, or nothing will happen when you press play.',
      targets: [],
      fix: addClientFix(d),
    });
  const senders = new Set(d.edges.map((e) => e.from));
  for (const c of clients) {
    if (!senders.has(c.id))
      out.push({
        id: `idle-${c.id}`,
        severity: 'warning',
        message: `${c.name} sends nothing: connect it to a service (drag from its right handle).`,
        targets: [c.id],
        fix: connectClientFix(d, c),
      });
  }
  const connected = new Set(d.edges.flatMap((e) => [e.from, e.to]));
  for (const s of d.services) {
    if (!connected.has(s.id) && s.kind !== 'client')
      out.push({
        id: `alone-${s.id}`,
        severity: 'info',
        message: `${s.name} has no edges, so it never receives anything: connect a caller to it (drag from the caller's right handle), or delete it if it is not needed.`,
        targets: [s.id],
      });
  }
  const cycle = servicesOnCycles(d);
  if (cycle.size) {
    out.push({
      id: 'cycle',
      severity: 'warning',
      // Which edge to break is the person's call (it depends on what the calls mean): no fix button.
      message:
        `${[...cycle].map(name).join(', ')} form a cycle. Messages around it stop after ${d.run.hopLimit} hops. ` +
        'If it is not meant, delete one of its edges; if it is, make one a queue or topic, so no call waits on itself.',
      targets: [...cycle],
    });
  }
  const instant = instantCycle(d, byId);
  if (instant.size) {
    out.push({
      id: 'instant-cycle',
      severity: 'warning',
      message:
        `${[...instant].map(name).join(', ')} form a cycle where no time passes (0 ms edges, services that take ` +
        `0 ms): messages go round it up to ${d.run.hopLimit} times in one instant, and a run that makes too much ` +
        'work that way stops as overloaded. Give an edge or a service on it some latency.',
      targets: [...instant],
      fix: instantCycleFix(instant),
    });
  }
  /** Remarks about a shared channel or topic already made (one per consumer, not one per edge). */
  const sharedSaid = new Set<string>();
  for (const e of d.edges) {
    const to = byId.get(e.to);
    if (!to) continue;
    if (e.kind === 'sync' && e.retries > 0 && !to.idempotent) {
      out.push({
        id: `retry-${e.id}`,
        severity: 'warning',
        message: `Retries of "${e.message || 'calls'}" to ${to.name}, which is not idempotent, can apply a side effect twice: make ${to.name} deduplicate by idempotency key.`,
        targets: [e.id, to.id],
        fix: makeIdempotent(to),
      });
    }
    // Edges that share a channel or topic are one queue or topic: one remark per consumer, not per edge.
    if (e.kind === 'queue' && e.delivery === 'at-least-once' && !to.idempotent) {
      const id = `alo-${to.id}-${e.channel}`;
      if (sharedSaid.has(id)) continue;
      sharedSaid.add(id);
      out.push({
        id,
        severity: 'info',
        message: `${to.name} is not idempotent: redelivered "${e.channel}" messages will be processed twice. Make it deduplicate by idempotency key.`,
        targets: [e.id, to.id],
        fix: makeIdempotent(to),
      });
    }
    if (e.kind === 'topic' && !e.durable) {
      const id = `nd-${to.id}-${e.topic}`;
      if (sharedSaid.has(id)) continue;
      sharedSaid.add(id);
      out.push({
        id,
        severity: 'info',
        message: `${to.name}'s subscription to "${e.topic}" is not durable: events published while it is down are lost.`,
        targets: [e.id],
        fix: {
          label: 'Make it durable',
          apply: (x) => ({
            ...x,
            edges: x.edges.map((y) =>
              y.kind === 'topic' && y.to === to.id && y.topic === e.topic ? { ...y, durable: true } : y,
            ),
          }),
        },
      });
    }
  }
  for (const saga of sagas(d)) {
    const driver = undrivenSaga(saga, byId);
    if (driver) out.push(driver);
    // Steps with one number are a stage (parallel reactions): the stages are numbered 1, 2, 3…
    saga.stages.forEach((stage, i) => {
      if (stage[0]!.step !== i + 1)
        out.push({
          id: `gap-${saga.name}-${i}`,
          severity: 'warning',
          message: `Saga "${saga.name}" has no step ${i + 1}: steps should be numbered 1, 2, 3…`,
          targets: stage.map((s) => s.id),
          fix: { label: 'Renumber its steps', apply: (x) => renumberSaga(x, saga) },
        });
    });
    if (saga.steps.some((s) => !s.compensation))
      out.push({
        id: `comp-${saga.name}`,
        severity: 'warning',
        message: `A step of saga "${saga.name}" has no compensation: when a later step fails, what it did stays done. Name the action that undoes it.`,
        targets: saga.steps.filter((s) => !s.compensation).map((s) => s.id),
        fix: compensationFix(saga),
      });
  }
  const load = expectedLoad(d);
  for (const [id, rate] of load) {
    const s = byId.get(id) as Service | undefined;
    if (!s || s.kind === 'client') continue;
    // A queue's consumers share its messages: the checklist's keep-up remark judges them per queue.
    if (d.edges.filter((e) => e.to === id).every((e) => e.kind === 'queue')) continue;
    const capacity = (s.replicas * s.concurrency * 1000) / Math.max(0.001, meanLatency(s.latency));
    if (rate >= capacity) {
      const replicas = Math.min(1000, Math.ceil((s.replicas * rate * 1.25) / capacity));
      out.push({
        id: `sat-${id}`,
        severity: 'warning',
        message: `${s.name} can handle about ${fmt(capacity)}/s but may receive up to ${fmt(rate)}/s: its backlog will grow.`,
        targets: [id],
        fix: {
          label: `Give it ${replicas} replicas`,
          apply: (x) => ({ ...x, services: x.services.map((y) => (y.id === id ? { ...y, replicas } : y)) }),
        },
      });
    }
  }
  out.push(...checklistAdvice(d));
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1));
}

/** The fix that marks a service idempotent (it deduplicates by the envelope's idempotency key). */
function makeIdempotent(s: Service): NonNullable<Advice['fix']> {
  return {
    label: `Make ${s.name} idempotent`,
    apply: (x) => ({
      ...x,
      services: x.services.map((y) => (y.id === s.id ? { ...y, idempotent: true } : y)),
    }),
  };
}

/** A saga's steps numbered 1, 2, 3… in their present order. */
function renumberSaga(d: Diagram, saga: SagaShape): Diagram {
  // Steps that shared a number still do: a parallel stage stays one.
  const step = new Map(saga.stages.flatMap((stage, i) => stage.map((s) => [s.id, i + 1] as const)));
  return {
    ...d,
    edges: d.edges.map((e) => (e.kind === 'saga' && step.has(e.id) ? { ...e, step: step.get(e.id)! } : e)),
  };
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toString() : n.toFixed(1));
