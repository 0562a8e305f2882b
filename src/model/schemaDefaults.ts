import type {
  Breakpoint,
  Diagram,
  DiagramInput,
  Edge,
  EdgeInput,
  EdgeKind,
  Fault,
  FaultInput,
  Latency,
  LatencyInput,
  Note,
  NoteInput,
  Objective,
  RunSettings,
  Scene,
  SceneDiagram,
  ScenePanels,
  Service,
  ServiceInput,
  SyncEdge,
  Traffic,
} from './schema';
import { CURRENT_VERSION } from './schemaConstants';

/**
 * The schema's defaults as plain data, and what fills a diagram's missing fields from them: what the
 * first screen needs (the built-in example, a new diagram, new services, edges, notes and faults)
 * without loading zod and the schema, about 10 kB gzipped (issue 10). schema.ts stays the one source
 * of every default: schemaDefaults.test.ts fills random partial diagrams both ways and fails on any
 * difference, key order included. Nothing here validates: its input is written in the code.
 */

type Fields = Record<string, unknown>;
type SceneDiagramInput = NonNullable<NonNullable<DiagramInput['scenes']>[number]['diagram']>;
type SceneInput = NonNullable<DiagramInput['scenes']>[number];
type BreakpointInput = NonNullable<DiagramInput['breakpoints']>[number];

/**
 * `defaults` with every field of `input` that they have and that is set, in the schema's order (the
 * defaults'). As in the schema, a field set to undefined takes its default and a field it doesn't
 * know is left out; the optional fields (with no default) are added by the callers.
 */
function filled<T>(defaults: T, input: object | undefined): T {
  const out: Fields = { ...(defaults as Fields) };
  if (!input) return out as T;
  for (const [key, value] of Object.entries(input))
    if (value !== undefined && Object.hasOwn(out, key)) out[key] = value;
  return out as T;
}

const LATENCY: { [D in Latency['dist']]: Extract<Latency, { dist: D }> } = {
  fixed: { dist: 'fixed', ms: 20 },
  uniform: { dist: 'uniform', min: 10, max: 30 },
  normal: { dist: 'normal', mean: 20, sd: 5 },
  exponential: { dist: 'exponential', mean: 20 },
  lognormal: { dist: 'lognormal', median: 20, sigma: 0.5 },
};
const TRAFFIC: Traffic = { pattern: 'poisson', rate: 2, burstSize: 10, burstEveryMs: 5_000 };
const OBJECTIVE: Objective = { windowMs: 10_000, percentile: 'p99' };
const SERVICE: Omit<Service, 'objective'> = {
  id: '',
  name: 'Service',
  kind: 'service',
  position: { x: 0, y: 0 },
  replicas: 1,
  concurrency: 4,
  latency: LATENCY.normal,
  errorRate: 0,
  idempotent: false,
  traffic: TRAFFIC,
};
const BACKOFF: SyncEdge['backoff'] = { baseMs: 100, factor: 2, maxMs: 2_000, jitter: 0.2 };
const BREAKER: SyncEdge['breaker'] = { enabled: false, threshold: 5, openMs: 5_000 };
const EDGE_COMMON = { id: '', from: '', to: '', message: '', latencyMs: 5, triggers: [] as string[] };
const EDGE: { [K in EdgeKind]: Extract<Edge, { kind: K }> } = {
  sync: {
    ...EDGE_COMMON,
    kind: 'sync',
    protocol: 'rest',
    timeoutMs: 1_000,
    retries: 2,
    backoff: BACKOFF,
    breaker: BREAKER,
  },
  queue: {
    ...EDGE_COMMON,
    kind: 'queue',
    channel: 'jobs',
    durable: true,
    delivery: 'at-least-once',
    maxDeliveries: 5,
    deadLetter: true,
    ackLossRate: 0,
    replyChannel: '',
  },
  topic: { ...EDGE_COMMON, kind: 'topic', topic: 'events', durable: true },
  saga: { ...EDGE_COMMON, kind: 'saga', saga: 'saga', step: 1, action: '', compensation: '' },
};
const NOTE: Note = { id: '', text: '', position: { x: 0, y: 0 }, width: 200, height: 120, color: 'yellow' };
const FAULT: Omit<Fault, 'id' | 'kind'> = {
  target: '',
  atMs: 0,
  durationMs: 0,
  factor: 5,
  rate: 0.5,
  source: 'script',
};
const BREAKPOINT: Omit<Breakpoint, 'id' | 'kind'> = { enabled: true, target: '', value: 0 };
const RUN: RunSettings = {
  seed: 1,
  speed: 0.25,
  untilMs: 60_000,
  hopLimit: 16,
  serializationMs: { rest: 1, grpc: 0.2 },
};
const PANELS: ScenePanels = { metrics: false, log: null };
const DIAGRAM_NAME = 'Untitled diagram';
const SCENE_TITLE = 'Scene';

/** A latency with the schema's defaults for every parameter `input` leaves out (none: normal). */
export function latencyWithDefaults(input: LatencyInput | undefined): Latency {
  return filled(LATENCY[input?.dist ?? 'normal'], input);
}

/** A service with the schema's defaults for every field `input` leaves out. */
export function serviceWithDefaults(input: ServiceInput): Service {
  const service: Service = filled(SERVICE, input);
  service.position = { ...service.position };
  service.latency = latencyWithDefaults(input.latency);
  service.traffic = filled(TRAFFIC, input.traffic);
  const objective = input.objective;
  if (objective) {
    service.objective = {
      ...filled(OBJECTIVE, objective),
      ...(objective.latencyMs !== undefined && { latencyMs: objective.latencyMs }),
      ...(objective.success !== undefined && { success: objective.success }),
    };
  }
  return service;
}

/** An edge with the schema's defaults (its kind's) for every field `input` leaves out. */
export function edgeWithDefaults(input: EdgeInput): Edge {
  const edge: Edge = filled(EDGE[input.kind], input);
  edge.triggers = [...edge.triggers];
  if (edge.kind === 'sync' && input.kind === 'sync') {
    edge.backoff = filled(BACKOFF, input.backoff);
    edge.breaker = filled(BREAKER, input.breaker);
  }
  return edge;
}

/** A note with the schema's defaults for every field `input` leaves out. */
export function noteWithDefaults(input: NoteInput): Note {
  const note: Note = filled(NOTE, input);
  note.position = { ...note.position };
  return note;
}

/** A fault with the schema's defaults for every number `input` leaves out. */
export function faultWithDefaults(input: FaultInput): Fault {
  return filled({ id: '', kind: input.kind, ...FAULT }, input);
}

function breakpointWithDefaults(input: BreakpointInput): Breakpoint {
  return filled({ id: '', kind: input.kind, ...BREAKPOINT }, input);
}

function runWithDefaults(input: DiagramInput['run']): RunSettings {
  const run = filled(RUN, input);
  run.serializationMs = filled(RUN.serializationMs, input?.serializationMs);
  return run;
}

/** What a diagram and a scene's diagram share (the schema's `diagramBody`), filled. */
function bodyWithDefaults(input: SceneDiagramInput): SceneDiagram {
  return {
    name: input.name ?? DIAGRAM_NAME,
    description: input.description ?? '',
    services: (input.services ?? []).map((s) => serviceWithDefaults(s)),
    edges: (input.edges ?? []).map((e) => edgeWithDefaults(e)),
    notes: (input.notes ?? []).map((n) => noteWithDefaults(n)),
    faults: (input.faults ?? []).map((f) => faultWithDefaults(f)),
    breakpoints: (input.breakpoints ?? []).map((b) => breakpointWithDefaults(b)),
    run: runWithDefaults(input.run),
  };
}

function sceneWithDefaults(input: SceneInput): Scene {
  return {
    id: input.id,
    title: input.title ?? SCENE_TITLE,
    narration: input.narration ?? '',
    notes: input.notes ?? '',
    diagram: bodyWithDefaults(input.diagram ?? {}),
    ...(input.camera && { camera: { ...input.camera } }),
    ...(input.panels && { panels: filled(PANELS, input.panels) }),
  };
}

/** A diagram with the schema's defaults for every field `input` leaves out, at any depth. */
export function diagramWithDefaults(input: DiagramInput): Diagram {
  return {
    version: CURRENT_VERSION,
    ...bodyWithDefaults(input),
    ...(input.viewport && { viewport: { ...input.viewport } }),
    scenes: (input.scenes ?? []).map((s) => sceneWithDefaults(s)),
  };
}
