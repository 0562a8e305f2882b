import { expectedLoad, meanLatency, type Advice } from './advice';
import { makeBreakpoint } from './breakpointEdits';
import { changeEdgeKind, deleteElements } from './edits';
import { listIn, queuesByChannel } from './graph';
import type { Diagram, Edge, QueueEdge, Service, SyncEdge } from './schema';

/*
 * The checklist items about the shape of the communication (issue 14): over-engineered
 * two-service calls, background work done synchronously, several reactors called directly, events
 * without a type, processes without a saga, calls without a real timeout, and queues nobody
 * watches or whose consumers can't keep up. Each remark names the elements it is about; where the
 * fix is mechanical it is one undoable edit.
 */

/** A timeout this long (or longer) waits as good as forever: the call has no real timeout. */
export const NO_TIMEOUT_MS = 60_000;

/** Words in a service's or a message's name that mean work nobody needs to wait for. */
const BACKGROUND_WORDS = [
  'mail',
  'notif',
  'newsletter',
  'sms',
  'report',
  'thumbnail',
  'image',
  'resize',
  'pdf',
  'export',
  'video',
  'transcod',
];

/** A message that writes something (the steps of a business process). */
const WRITE =
  /^(post|put|patch|delete)\b|charge|reserve|book|ship|create|cancel|refund|debit|credit|transfer|place/i;

/** Whether a name reads as background work (email, reports, image processing…). */
export function isBackgroundWork(name: string): boolean {
  const lower = name.toLowerCase();
  return BACKGROUND_WORDS.some((w) => lower.includes(w));
}

/** What a service handles per second, all replicas and slots busy (its mean handling time). */
export function capacityPerSecond(s: Service): number {
  return (s.replicas * s.concurrency * 1000) / Math.max(0.001, meanLatency(s.latency));
}

/** kebab-case of a message or a name ("OrderPlaced" → "order-placed"). */
const kebab = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase() || 'events';

/** PascalCase of a channel or topic name ("order-events" → "OrderEvents"). */
const pascal = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('') || 'Event';

const label = (e: Edge) => e.message || 'Calls';

/**
 * Two services that talk only to each other, request and response, through something heavier than
 * a sync REST call: a queue with a reply channel, a one-service saga, or gRPC from a client.
 */
function overEngineered(d: Diagram, byId: ReadonlyMap<string, Service>): Advice[] {
  const out: Advice[] = [];
  // Each service's edges, in and out, indexed once: filtering every edge for every edge was
  // quadratic (about 30 ms of the advisor's 140 at 1,000 services).
  const touchingById = new Map<string, Edge[]>();
  for (const e of d.edges)
    for (const id of e.from === e.to ? [e.from] : [e.from, e.to]) listIn(touchingById, id).push(e);
  const touching = (id: string) => touchingById.get(id) ?? [];
  for (const e of d.edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to || e.from === e.to) continue;
    const pair = [...touching(e.from), ...touching(e.to)];
    if (pair.some((x) => ![e.from, e.to].includes(x.from) || ![e.from, e.to].includes(x.to))) continue;
    const heavy =
      (e.kind === 'queue' && e.replyChannel !== '') ||
      (e.kind === 'saga' && e.from === from.id) ||
      (e.kind === 'sync' && e.protocol === 'grpc' && from.kind === 'client');
    if (!heavy) continue;
    const how =
      e.kind === 'queue'
        ? `a queue with a reply channel`
        : e.kind === 'saga'
          ? 'a saga'
          : 'gRPC from a client';
    const replies = d.edges.filter((x) => x.from === e.to && x.to === e.from).map((x) => x.id);
    out.push({
      id: `overkill-${e.id}`,
      severity: 'info',
      message:
        `${from.name} and ${to.name} only ask and answer each other, yet use ${how}: for a simple ` +
        'request-response between two services a sync REST call is simpler to run and debug.',
      targets: [e.id, ...replies],
      fix: {
        label: 'Make it a sync REST call',
        apply: (x) => {
          const sync = changeEdgeKind(deleteElements(x, replies), e.id, 'sync');
          return {
            ...sync,
            edges: sync.edges.map((y) =>
              y.id === e.id && y.kind === 'sync'
                ? { ...y, protocol: 'rest', message: e.message || y.message }
                : y,
            ),
          };
        },
      },
    });
  }
  return out;
}

/** Sync calls to background work (email, reports, images): the caller waits for nothing it needs. */
function backgroundSync(e: SyncEdge, to: Service): Advice | null {
  if (!isBackgroundWork(to.name) && !isBackgroundWork(e.message)) return null;
  return {
    id: `background-${e.id}`,
    severity: 'warning',
    message:
      `"${label(e)}" to ${to.name} is background work done as a sync call: the caller waits for it, and ` +
      `fails when ${to.name} is slow or down. Put it on a queue.`,
    targets: [e.id],
    fix: { label: 'Put it on a queue', apply: (x) => changeEdgeKind(x, e.id, 'queue') },
  };
}

/** A service telling several others the same thing through direct calls: a topic decouples them. */
function directReactors(d: Diagram, byId: ReadonlyMap<string, Service>): Advice[] {
  const out: Advice[] = [];
  const callsFrom = new Map<string, SyncEdge[]>();
  for (const e of d.edges) if (e.kind === 'sync') listIn(callsFrom, e.from).push(e);
  for (const s of d.services) {
    const calls = callsFrom.get(s.id) ?? [];
    const groups = new Map<string, SyncEdge[]>();
    for (const e of calls) {
      if (e.message) groups.set(e.message, [...(groups.get(e.message) ?? []), e]);
    }
    for (const [key, edges] of groups) {
      const targets = new Set(edges.map((e) => e.to));
      if (targets.size < 2) continue;
      const names = [...targets].map((t) => byId.get(t)?.name ?? t).join(', ');
      const topic = kebab(key);
      out.push({
        id: `reactors-${s.id}-${kebab(key)}`,
        severity: 'warning',
        message:
          `${names} all react to ${s.name}'s "${key}" through direct calls: ` +
          `${s.name} must know every one and waits for each. Publish it on a topic they subscribe to.`,
        targets: edges.map((e) => e.id),
        fix: {
          label: `Publish on topic "${topic}"`,
          apply: (x) => {
            let next = x;
            for (const e of edges) next = changeEdgeKind(next, e.id, 'topic');
            const ids = new Set(edges.map((e) => e.id));
            const message = new Map(edges.map((e) => [e.id, e.message]));
            return {
              ...next,
              edges: next.edges.map((y) =>
                ids.has(y.id) && y.kind === 'topic'
                  ? { ...y, topic, message: message.get(y.id) || y.message }
                  : y,
              ),
            };
          },
        },
      });
    }
  }
  return out;
}

/** Queue and topic edges whose event has no type: consumers can neither route nor version it. */
function untypedEvent(e: Edge): Advice | null {
  if ((e.kind !== 'queue' && e.kind !== 'topic') || e.message.trim() !== '') return null;
  const type = pascal(e.kind === 'queue' ? e.channel : e.topic);
  return {
    id: `event-type-${e.id}`,
    severity: 'info',
    message:
      `The ${e.kind === 'queue' ? 'messages on queue' : 'events on topic'} "${e.kind === 'queue' ? e.channel : e.topic}" ` +
      'have no type: the envelope carries id, version, timestamp and correlation id, but consumers need ' +
      'a type to route and version them by.',
    targets: [e.id],
    fix: {
      label: `Name the event "${type}"`,
      apply: (x) => ({ ...x, edges: x.edges.map((y) => (y.id === e.id ? { ...y, message: type } : y)) }),
    },
  };
}

/**
 * A business process through sync writes spanning 3 or more services with no saga among them: a
 * failure half-way leaves the earlier writes done. Judged once per process, from where it starts.
 */
function processWithoutSaga(d: Diagram, byId: ReadonlyMap<string, Service>): Advice[] {
  const writes = d.edges.filter(
    (e): e is SyncEdge =>
      e.kind === 'sync' && WRITE.test(e.message) && byId.get(e.to)?.kind !== 'database' && e.from !== e.to,
  );
  const inSaga = new Set(d.edges.filter((e) => e.kind === 'saga').flatMap((e) => [e.from, e.to]));
  const out: Advice[] = [];
  for (const start of d.services) {
    if (start.kind === 'client') continue;
    if (writes.some((e) => e.to === start.id && byId.get(e.from)?.kind !== 'client')) continue;
    const reached = new Set([start.id]);
    const used: string[] = [];
    for (let frontier = [start.id]; frontier.length;) {
      const next: string[] = [];
      for (const e of writes.filter((w) => frontier.includes(w.from))) {
        used.push(e.id);
        if (!reached.has(e.to)) next.push(e.to);
        reached.add(e.to);
      }
      frontier = next;
    }
    if (reached.size < 3 || [...reached].some((id) => inSaga.has(id))) continue;
    out.push({
      id: `no-saga-${start.id}`,
      severity: 'info',
      message:
        `${[...reached].map((id) => byId.get(id)?.name ?? id).join(', ')} write in one process through sync ` +
        'calls, with no saga: when a later step fails, the earlier writes stay done. Make it a saga with a ' +
        'compensation for each step (the decision guide applies one).',
      targets: used,
    });
  }
  return out;
}

/** A sync call whose timeout is so long it is none: a hung callee holds the caller's slot for good. */
function noTimeout(e: SyncEdge, to: Service): Advice | null {
  if (e.timeoutMs < NO_TIMEOUT_MS) return null;
  // Long enough for the callee's usual answer, short enough to free the caller.
  const proposed = Math.max(1_000, Math.ceil((meanLatency(to.latency) * 4 + e.latencyMs * 2) / 100) * 100);
  return {
    id: `no-timeout-${e.id}`,
    severity: 'warning',
    message:
      `"${label(e)}" to ${to.name} waits up to ${e.timeoutMs / 1000} s: as good as no timeout, so a hung ` +
      `${to.name} holds every caller's slot.`,
    targets: [e.id],
    fix: {
      label: `Set its timeout to ${proposed} ms`,
      apply: (x) => ({
        ...x,
        edges: x.edges.map((y) => (y.id === e.id && y.kind === 'sync' ? { ...y, timeoutMs: proposed } : y)),
      }),
    },
  };
}

/** Arrivals per second on a channel: what its producers send (each message to one consumer). */
function channelRate(d: Diagram, edges: QueueEdge[], load: ReadonlyMap<string, number>): number {
  const producers = new Set(edges.map((e) => e.from));
  let rate = 0;
  for (const id of producers) {
    const s = d.services.find((x) => x.id === id);
    rate += s?.kind === 'client' ? s.traffic.rate : (load.get(id) ?? 0);
  }
  return rate;
}

/** Queues nobody watches (no depth breakpoint), and queues whose consumers can't keep up. */
function queueWatch(d: Diagram, byId: ReadonlyMap<string, Service>): Advice[] {
  const out: Advice[] = [];
  const load = expectedLoad(d);
  for (const [channel, edges] of queuesByChannel(d)) {
    const watched = d.breakpoints.some(
      (b) => b.kind === 'queue-depth' && b.enabled && (b.target === channel || b.target === ''),
    );
    if (!watched)
      out.push({
        id: `depth-${channel}`,
        severity: 'info',
        message: `Nobody watches the depth of queue "${channel}": a backlog grows without a single error. Add a depth alert.`,
        targets: edges.map((e) => e.id),
        fix: {
          label: 'Pause when deeper than 10',
          apply: (x) => ({
            ...x,
            breakpoints: [...x.breakpoints, makeBreakpoint(x, 'queue-depth', channel)],
          }),
        },
      });
    const consumers = [...new Set(edges.map((e) => e.to))].flatMap((id) => byId.get(id) ?? []);
    const capacity = consumers.reduce((sum, s) => sum + capacityPerSecond(s), 0);
    const rate = channelRate(d, edges, load);
    if (!consumers.length || rate < capacity) continue;
    // Enough replicas for a quarter more than what arrives, so the depth drains.
    const factor = (rate * 1.25) / capacity;
    out.push({
      id: `keepup-${channel}`,
      severity: 'warning',
      message:
        `About ${fmt(rate)} messages/s arrive on queue "${channel}" but ${consumers.map((s) => s.name).join(', ')} ` +
        `can handle about ${fmt(capacity)}/s: its depth grows for as long as the load lasts.`,
      targets: [...edges.map((e) => e.id), ...consumers.map((s) => s.id)],
      fix: {
        label:
          consumers.length === 1
            ? `Give ${consumers[0]!.name} ${Math.min(1000, Math.ceil(consumers[0]!.replicas * factor))} replicas`
            : 'Add consumer replicas',
        apply: (x) => ({
          ...x,
          services: x.services.map((s) =>
            consumers.some((c) => c.id === s.id)
              ? { ...s, replicas: Math.min(1000, Math.ceil(s.replicas * factor)) }
              : s,
          ),
        }),
      },
    });
  }
  return out;
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toString() : n.toFixed(1).replace(/\.0$/, ''));

/** The shape-of-communication checklist remarks (see the file comment). */
export function communicationAdvice(d: Diagram): Advice[] {
  const byId = new Map(d.services.map((s) => [s.id, s]));
  const out: Advice[] = [...overEngineered(d, byId), ...directReactors(d, byId)];
  for (const e of d.edges) {
    const to = byId.get(e.to);
    if (!to) continue;
    const typed = untypedEvent(e);
    if (typed) out.push(typed);
    if (e.kind !== 'sync') continue;
    const background = backgroundSync(e, to);
    if (background) out.push(background);
    const timeout = noTimeout(e, to);
    if (timeout) out.push(timeout);
  }
  out.push(...processWithoutSaga(d, byId), ...queueWatch(d, byId));
  return out;
}
