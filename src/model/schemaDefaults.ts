import type {
  Breakpoint,
  Diagram,
  DiagramInput,
  Edge,
  EdgeInput,
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
import { CURRENT_VERSION, type EDGE_KINDS } from './schemaConstants';

/**
 * The diagram schema's defaults, as plain data: the one place each default value is written
 * (issue 10, "one source for each fact"). schema.ts reads its fields' defaults from these tables
 * (`ms: withDefault(ms(), LATENCY.fixed.ms)`), and the functions below fill a diagram's missing
 * fields from them without zod: what the first screen needs (the built-in example, a new diagram,
 * new services, edges, notes and faults) without loading zod and the schema, about 10 kB gzipped.
 * That is why the values live here and not in schema.ts: this file must stay zod-free, so it only
 * imports types from schema.ts (never a value: that would load zod, and make an import cycle) and
 * constants from schemaConstants.ts.
 *
 * The tables are `as const` and hold no schema type (a table typed by the schema that reads it would
 * make the types circular); the fill functions check each table against the schema's type instead.
 * A value changes here alone; schemaDefaults.test.ts fills random partial diagrams both ways and
 * fails on any difference, key order included, so the fill and the schema keep the same fields,
 * order and optional fields. Nothing here validates: its input is written in the code.
 */

/** Every latency distribution's parameters (a distribution missing here is a compile error). */
export const LATENCY = {
  fixed: { dist: 'fixed', ms: 20 },
  uniform: { dist: 'uniform', min: 10, max: 30 },
  normal: { dist: 'normal', mean: 20, sd: 5 },
  exponential: { dist: 'exponential', mean: 20 },
  lognormal: { dist: 'lognormal', median: 20, sigma: 0.5 },
} as const;
/** A client's traffic. */
export const TRAFFIC = { pattern: 'poisson', rate: 2, burstSize: 10, burstEveryMs: 5_000 } as const;
/** A client's objective, when it has one (its targets have no default: left out, not checked). */
export const OBJECTIVE = { windowMs: 10_000, percentile: 'p99' } as const;
/** A service (its id has no default; its objective none either: absent, no objective). */
export const SERVICE = {
  name: 'Service',
  kind: 'service',
  position: { x: 0, y: 0 },
  replicas: 1,
  concurrency: 4,
  latency: LATENCY.normal,
  errorRate: 0,
  idempotent: false,
  traffic: TRAFFIC,
} as const;
/** A sync edge's retry backoff. */
export const BACKOFF = { baseMs: 100, factor: 2, maxMs: 2_000, jitter: 0.2 } as const;
/** A sync edge's circuit breaker. */
export const BREAKER = { enabled: false, threshold: 5, openMs: 5_000 } as const;
/** What every edge kind has (the schema's `edgeCommon`; its id, from and to have no default). */
export const EDGE_COMMON = { message: '', latencyMs: 5, triggers: [] } as const;
/** Each edge kind's own fields (a kind missing here is a compile error). */
export const EDGE = {
  sync: { kind: 'sync', protocol: 'rest', timeoutMs: 1_000, retries: 2, backoff: BACKOFF, breaker: BREAKER },
  queue: {
    kind: 'queue',
    channel: 'jobs',
    durable: true,
    delivery: 'at-least-once',
    maxDeliveries: 5,
    deadLetter: true,
    ackLossRate: 0,
    replyChannel: '',
  },
  topic: { kind: 'topic', topic: 'events', durable: true },
  saga: { kind: 'saga', saga: 'saga', step: 1, action: '', compensation: '' },
} as const satisfies { [K in (typeof EDGE_KINDS)[number]]: { kind: K; [field: string]: unknown } };
/** A sticky note (its id has no default). */
export const NOTE = { text: '', position: { x: 0, y: 0 }, width: 200, height: 120, color: 'yellow' } as const;
/** A fault (its id, kind and target have no default). */
export const FAULT = { atMs: 0, durationMs: 0, factor: 5, rate: 0.5, source: 'script' } as const;
/** A breakpoint (its id and kind have no default). */
export const BREAKPOINT = { enabled: true, target: '', value: 0 } as const;
/** The run settings. */
export const RUN = {
  seed: 1,
  speed: 0.25,
  untilMs: 60_000,
  hopLimit: 16,
  serializationMs: { rest: 1, grpc: 0.2 },
} as const;
/** What a diagram and a scene's diagram share (the schema's `diagramBody`) but its run settings. */
export const DIAGRAM = {
  name: 'Untitled diagram',
  description: '',
  services: [],
  edges: [],
  notes: [],
  faults: [],
  breakpoints: [],
  /** A diagram's deck (a scene's diagram has none). */
  scenes: [],
} as const;
/** A scene of the deck (its id has no default; camera and panels none either: absent). */
export const SCENE = { title: 'Scene', narration: '', notes: '' } as const;
/** The panels a scene shows, when it says. */
export const PANELS = { metrics: false, log: null } as const;

type Fields = Record<string, unknown>;
/** A table of defaults for `T`: its lists may be read-only (they are copied where they are used). */
type Defaults<T> = { readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? readonly U[] : T[K] };
type SceneDiagramInput = NonNullable<NonNullable<DiagramInput['scenes']>[number]['diagram']>;
type SceneInput = NonNullable<DiagramInput['scenes']>[number];
type BreakpointInput = NonNullable<DiagramInput['breakpoints']>[number];

/**
 * `defaults` with every field of `input` that they have and that is set, in the schema's order (the
 * defaults'). As in the schema, a field set to undefined takes its default and a field it doesn't
 * know is left out; the optional fields (with no default) are added by the callers. Nested objects
 * and lists are the table's: the callers copy them.
 */
function filled<T>(defaults: Defaults<T>, input: object | undefined): T {
  const out: Fields = { ...(defaults as Fields) };
  if (!input) return out as T;
  for (const [key, value] of Object.entries(input))
    if (value !== undefined && Object.hasOwn(out, key)) out[key] = value;
  return out as T;
}

/** A latency with the schema's defaults for every parameter `input` leaves out (none: a service's). */
export function latencyWithDefaults(input: LatencyInput | undefined): Latency {
  return filled<Latency>(LATENCY[input?.dist ?? SERVICE.latency.dist], input);
}

/** A service with the schema's defaults for every field `input` leaves out. */
export function serviceWithDefaults(input: ServiceInput): Service {
  const service = filled<Service>({ id: '', ...SERVICE }, input);
  service.position = { ...service.position };
  service.latency = latencyWithDefaults(input.latency);
  service.traffic = filled<Traffic>(TRAFFIC, input.traffic);
  const objective = input.objective;
  if (objective) {
    service.objective = {
      ...filled<Objective>(OBJECTIVE, objective),
      ...(objective.latencyMs !== undefined && { latencyMs: objective.latencyMs }),
      ...(objective.success !== undefined && { success: objective.success }),
    };
  }
  return service;
}

/** An edge with the schema's defaults (its kind's) for every field `input` leaves out. */
export function edgeWithDefaults(input: EdgeInput): Edge {
  const edge = filled<Edge>({ id: '', from: '', to: '', ...EDGE_COMMON, ...EDGE[input.kind] }, input);
  edge.triggers = [...edge.triggers];
  if (edge.kind === 'sync' && input.kind === 'sync') {
    edge.backoff = filled<SyncEdge['backoff']>(BACKOFF, input.backoff);
    edge.breaker = filled<SyncEdge['breaker']>(BREAKER, input.breaker);
  }
  return edge;
}

/** A note with the schema's defaults for every field `input` leaves out. */
export function noteWithDefaults(input: NoteInput): Note {
  const note = filled<Note>({ id: '', ...NOTE }, input);
  note.position = { ...note.position };
  return note;
}

/** A fault with the schema's defaults for every number `input` leaves out. */
export function faultWithDefaults(input: FaultInput): Fault {
  return filled<Fault>({ id: '', kind: input.kind, target: '', ...FAULT }, input);
}

function breakpointWithDefaults(input: BreakpointInput): Breakpoint {
  return filled<Breakpoint>({ id: '', kind: input.kind, ...BREAKPOINT }, input);
}

function runWithDefaults(input: DiagramInput['run']): RunSettings {
  const run = filled<RunSettings>(RUN, input);
  run.serializationMs = filled<RunSettings['serializationMs']>(RUN.serializationMs, input?.serializationMs);
  return run;
}

/** What a diagram and a scene's diagram share (the schema's `diagramBody`), filled. */
function bodyWithDefaults(input: SceneDiagramInput): SceneDiagram {
  return {
    name: input.name ?? DIAGRAM.name,
    description: input.description ?? DIAGRAM.description,
    services: (input.services ?? DIAGRAM.services).map((s) => serviceWithDefaults(s)),
    edges: (input.edges ?? DIAGRAM.edges).map((e) => edgeWithDefaults(e)),
    notes: (input.notes ?? DIAGRAM.notes).map((n) => noteWithDefaults(n)),
    faults: (input.faults ?? DIAGRAM.faults).map((f) => faultWithDefaults(f)),
    breakpoints: (input.breakpoints ?? DIAGRAM.breakpoints).map((b) => breakpointWithDefaults(b)),
    run: runWithDefaults(input.run),
  };
}

function sceneWithDefaults(input: SceneInput): Scene {
  return {
    id: input.id,
    title: input.title ?? SCENE.title,
    narration: input.narration ?? SCENE.narration,
    notes: input.notes ?? SCENE.notes,
    diagram: bodyWithDefaults(input.diagram ?? {}),
    ...(input.camera && { camera: { ...input.camera } }),
    ...(input.panels && { panels: filled<ScenePanels>(PANELS, input.panels) }),
  };
}

/** A diagram with the schema's defaults for every field `input` leaves out, at any depth. */
export function diagramWithDefaults(input: DiagramInput): Diagram {
  return {
    version: CURRENT_VERSION,
    ...bodyWithDefaults(input),
    ...(input.viewport && { viewport: { ...input.viewport } }),
    scenes: (input.scenes ?? DIAGRAM.scenes).map((s) => sceneWithDefaults(s)),
  };
}
