/**
 * The schema's plain constants: its version, limits and the lists its enums are made of. They live
 * apart from schema.ts, which builds the zod schemas when loaded, so that the first screen (the
 * canvas, the palette, the commands) reads them without loading zod (issue 10). schema.ts builds
 * its enums from these lists and re-exports them: they are still the schema's, written once.
 */

/**
 * The diagram schema's version (version 2 added a client's optional service-level objective,
 * version 3 the diagram's breakpoints, version 4 its deck of scenes, version 5 which panels a scene
 * shows).
 */
export const CURRENT_VERSION = 5;

/**
 * The most a diagram holds: lists (items) and texts (characters). Link decoders refuse a payload
 * that claims more before building anything from it.
 */
export const LIMITS = {
  services: 2_000,
  edges: 10_000,
  notes: 1_000,
  faults: 1_000,
  triggers: 50,
  breakpoints: 100,
  scenes: 50,
  /** A name: of a diagram, service, message, channel, topic, saga, scene… */
  nameChars: 80,
  descriptionChars: 4_000,
  narrationChars: 500,
  speakerNotesChars: 4_000,
} as const;

/** Canvas coordinates stay within ±10 000 000 px, so links and layouts never meet absurd numbers. */
export const MAX_COORDINATE = 10_000_000;

export const SERVICE_KINDS = [
  'client',
  'gateway',
  'service',
  'database',
  'external',
  'orchestrator',
] as const;

export const TRAFFIC_PATTERNS = ['steady', 'poisson', 'bursts'] as const;

export const OBJECTIVE_PERCENTILES = ['p50', 'p95', 'p99'] as const;
/** The shortest and longest window an objective is judged over. */
export const OBJECTIVE_WINDOW_MS = { min: 100, max: 3_600_000 } as const;

export const EDGE_KINDS = ['sync', 'queue', 'topic', 'saga'] as const;

export const FAULT_KINDS = ['down', 'slow', 'error', 'cut'] as const;

/**
 * What a breakpoint waits for (issue 13); `BREAKPOINT_KIND_INFO` (breakpointKinds.ts) says what each
 * one watches and reads, and the engine's and the run's matchers are keyed by this list.
 */
export const BREAKPOINT_KINDS = [
  'circuit-open',
  'saga-compensated',
  'saga-stuck',
  'dead-letter',
  'queue-depth',
  'slow-request',
  'objective-missed',
  'time',
] as const;

/**
 * A diagram's own top-level fields, in the schema's order (schemaDefaults.test.ts checks them
 * against it): what tells stored text that holds a diagram from text that holds nothing of one.
 */
export const DIAGRAM_FIELDS = [
  'version',
  'name',
  'description',
  'services',
  'edges',
  'notes',
  'faults',
  'breakpoints',
  'run',
  'viewport',
  'scenes',
] as const;
