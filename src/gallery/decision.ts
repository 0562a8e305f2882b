import { changeEdgeKind, connect, replaceEdge } from '../model/edits';
import type { Diagram, Edge, EdgeKind } from '../model/schema';
import type { GalleryId, Recommendation } from './types';

/** The decision guide's questions, in the article's order. */
export const QUESTIONS = [
  { id: 'immediate', text: 'Does the caller need an immediate response?', options: ['yes', 'no'] },
  {
    id: 'throughput',
    text: 'Is it high-throughput internal traffic (more than 10,000 requests/s)?',
    options: ['yes', 'no'],
  },
  { id: 'public', text: 'Is it a public API or simple CRUD?', options: ['yes', 'no'] },
  {
    id: 'reactors',
    text: 'Does one specific service need to process this, or do several need to react?',
    options: ['one', 'several'],
  },
  {
    id: 'process',
    text: 'Is it a multi-step business process spanning several services?',
    options: ['yes', 'no'],
  },
] as const;
export type QuestionId = (typeof QUESTIONS)[number]['id'];
export type Answers = Partial<Record<QuestionId, string>>;

/** What the guide says for one recommendation: the choice, its trade-off, and what it rejected and why. */
export interface Advice {
  choice: Recommendation;
  title: string;
  tradeOff: string;
  rejected: { title: string; why: string };
  /** The gallery entry that shows it running. */
  entry: GalleryId;
}

export const ADVICE: Record<Recommendation, Advice> = {
  rest: {
    choice: 'rest',
    title: 'A sync REST call',
    tradeOff:
      'Simple, universal and easy to debug, but the caller waits and fails with the service it calls.',
    rejected: {
      title: 'gRPC',
      why: 'faster on the wire, but it needs generated clients and suits browsers and outside callers poorly: not worth it below about 10,000 requests/s.',
    },
    entry: 'sync-chain',
  },
  grpc: {
    choice: 'grpc',
    title: 'A sync gRPC call',
    tradeOff:
      'Binary Protocol Buffers over HTTP/2: less serialization and latency on every call, at the price of a schema and generated clients.',
    rejected: {
      title: 'REST',
      why: 'JSON serialization on every request and reply costs CPU and milliseconds at this rate.',
    },
    entry: 'rest-vs-grpc',
  },
  queue: {
    choice: 'queue',
    title: 'A queue',
    tradeOff:
      'The caller goes on at once and one consumer handles each message at its own pace, with retries; watch the queue’s depth and make consumers idempotent.',
    rejected: {
      title: 'A sync call',
      why: 'the caller would wait for work whose result it does not need now, and fail whenever the worker is down or slow.',
    },
    entry: 'queue-reply',
  },
  topic: {
    choice: 'topic',
    title: 'A topic (publish/subscribe)',
    tradeOff:
      'Publish once and every subscriber reacts on its own; adding one changes nothing for the publisher, but the outcome is eventually consistent and events need versioning.',
    rejected: {
      title: 'A queue or direct calls',
      why: 'a queue gives each message to only one consumer, and direct calls tie the publisher to every service that reacts.',
    },
    entry: 'event-fan-out',
  },
  saga: {
    choice: 'saga',
    title: 'A saga',
    tradeOff:
      'Each step is a local transaction with a compensation, undone in reverse when a later step fails: no distributed lock, but the process is eventually consistent.',
    rejected: {
      title: 'One chain of sync calls',
      why: 'a failure half-way leaves the earlier writes done, and a distributed transaction across services blocks them all.',
    },
    entry: 'orchestrated-saga',
  },
};

/**
 * The article's framework: a multi-step process across services is a saga; a caller that needs the
 * answer now makes a sync call (gRPC for high-throughput internal traffic, else REST); otherwise one
 * processor is a queue and several reactors a topic. Null until the answers decide it.
 */
export function recommend(a: Answers): Recommendation | null {
  if (a.process === 'yes') return 'saga';
  if (a.process === undefined && a.immediate === undefined) return null;
  if (a.immediate === 'yes') {
    if (a.throughput === 'yes' && a.public !== 'yes') return 'grpc';
    if (a.throughput === undefined && a.public === undefined) return null;
    return 'rest';
  }
  if (a.immediate === 'no') {
    if (a.reactors === 'several') return 'topic';
    if (a.reactors === 'one') return 'queue';
  }
  return null;
}

/** Answers that lead to each recommendation (the guide opened from a gallery entry shows its path). */
export const PATH_TO: Record<Recommendation, Answers> = {
  rest: { immediate: 'yes', throughput: 'no', public: 'yes', process: 'no' },
  grpc: { immediate: 'yes', throughput: 'yes', public: 'no', process: 'no' },
  queue: { immediate: 'no', reactors: 'one', process: 'no' },
  topic: { immediate: 'no', reactors: 'several', process: 'no' },
  saga: { process: 'yes' },
};

/** The edge a choice applies to: the selected edge, or the first edge between two selected services. */
export function targetOf(
  d: Diagram,
  selection: readonly string[],
): { edge?: Edge; from?: string; to?: string } | null {
  if (selection.length === 1) {
    const edge = d.edges.find((e) => e.id === selection[0]);
    return edge ? { edge } : null;
  }
  if (selection.length !== 2) return null;
  const [a, b] = selection as [string, string];
  if (!d.services.some((s) => s.id === a) || !d.services.some((s) => s.id === b)) return null;
  const edge = d.edges.find((e) => (e.from === a && e.to === b) || (e.from === b && e.to === a));
  return edge ? { edge } : { from: a, to: b };
}

const KIND: Record<Recommendation, EdgeKind> = {
  rest: 'sync',
  grpc: 'sync',
  queue: 'queue',
  topic: 'topic',
  saga: 'saga',
};

/**
 * The diagram with `choice` applied to `target`: the edge's kind (and protocol) changed, or a new
 * edge of that kind between the two services. Pure: the store makes it one undoable edit.
 */
export function applyChoice(
  d: Diagram,
  target: NonNullable<ReturnType<typeof targetOf>>,
  choice: Recommendation,
): { diagram: Diagram; edgeId: string } {
  let diagram = d;
  let edgeId: string;
  if (target.edge) {
    edgeId = target.edge.id;
    diagram = changeEdgeKind(diagram, edgeId, KIND[choice]);
  } else {
    const made = connect(diagram, KIND[choice], target.from!, target.to!);
    if (!made) return { diagram: d, edgeId: '' };
    diagram = made.diagram;
    edgeId = made.edge.id;
  }
  const edge = diagram.edges.find((e) => e.id === edgeId);
  if (edge?.kind === 'sync') {
    const protocol = choice === 'grpc' ? 'grpc' : 'rest';
    if (edge.protocol !== protocol) diagram = replaceEdge(diagram, { ...edge, protocol });
  }
  return { diagram, edgeId };
}
