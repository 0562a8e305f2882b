import type {
  Diagram,
  Edge,
  EdgeInput,
  EdgeKind,
  Fault,
  Latency,
  Note,
  Position,
  Service,
  ServiceInput,
  ServiceKind,
} from './schema';
import {
  diagramWithDefaults,
  edgeWithDefaults,
  faultWithDefaults,
  latencyWithDefaults,
  noteWithDefaults,
  serviceWithDefaults,
} from './schemaDefaults';

// New elements take the schema's defaults from their plain copy (schemaDefaults.ts), not from zod:
// adding a service or an edge, and the first screen, work without loading the schema.

/** What a new service of each kind is called and how it behaves until the user says otherwise. */
export const SERVICE_KIND_INFO: Record<ServiceKind, { label: string; baseName: string; hint: string }> = {
  client: { label: 'Client', baseName: 'Client', hint: 'Sends traffic: steady, Poisson or bursts' },
  gateway: { label: 'API gateway', baseName: 'API Gateway', hint: 'Routes requests to services' },
  service: { label: 'Service', baseName: 'Service', hint: 'Handles messages, calls others' },
  database: { label: 'Database', baseName: 'Database', hint: 'Stores data; usually idempotent reads' },
  external: { label: 'External API', baseName: 'External API', hint: 'A third party you do not control' },
  orchestrator: { label: 'Orchestrator', baseName: 'Orchestrator', hint: 'Drives a saga step by step' },
};

export const EDGE_KIND_INFO: Record<EdgeKind, { label: string; hint: string; shortcut: string }> = {
  sync: { label: 'Sync call', hint: 'Request/reply: the caller waits', shortcut: '1' },
  queue: { label: 'Queue', hint: 'Point-to-point: one consumer gets each message', shortcut: '2' },
  topic: { label: 'Topic', hint: 'Publish/subscribe: every subscriber gets a copy', shortcut: '3' },
  saga: {
    label: 'Saga step',
    hint: 'A step with a compensation, undone in reverse on failure',
    shortcut: '4',
  },
};

/** `base` if free, else `base 2`, `base 3`… among `taken`. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** A short id with `prefix` that `taken` doesn't use yet. */
export function uniqueId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Every id a diagram uses (services, edges, notes and faults share one namespace for safety). */
export function allIds(d: Diagram): string[] {
  return [...d.services, ...d.edges, ...d.notes, ...d.faults].map((x) => x.id);
}

/** A new service of `kind` with defaults suited to that kind. */
export function makeService(kind: ServiceKind, id: string, name: string, position: Position): Service {
  const byKind: Partial<Record<ServiceKind, Partial<ServiceInput>>> = {
    client: { concurrency: 1000, latency: { dist: 'fixed', ms: 0 } },
    gateway: { concurrency: 64, latency: { dist: 'normal', mean: 3, sd: 1 }, idempotent: true },
    database: { latency: { dist: 'lognormal', median: 8, sigma: 0.4 }, concurrency: 16 },
    external: { latency: { dist: 'lognormal', median: 120, sigma: 0.6 }, concurrency: 8 },
    orchestrator: { concurrency: 16, latency: { dist: 'normal', mean: 5, sd: 1 } },
  };
  return serviceWithDefaults({ id, name, kind, position, ...byKind[kind] });
}

/** A new edge of `kind` with its defaults; message and channel names follow the services it joins. */
export function makeEdge(
  kind: EdgeKind,
  id: string,
  from: string,
  to: string,
  extra: Partial<Omit<EdgeInput, 'kind'>> = {},
): Edge {
  return edgeWithDefaults({ ...extra, id, from, to, kind } as EdgeInput);
}

/** A latency of distribution `dist` with the schema's default parameters for it. */
export function defaultLatency(dist: Latency['dist']): Latency {
  return latencyWithDefaults({ dist });
}

/** A fault with the schema's defaults for every number `input` leaves out. */
export function makeFault(input: Pick<Fault, 'id' | 'kind' | 'target'> & Partial<Fault>): Fault {
  return faultWithDefaults(input);
}

/** A fault to apply during a run: like makeFault, without the time and source the run records. */
export function makeLiveFault(
  input: Pick<Fault, 'id' | 'kind' | 'target'> & Partial<Fault>,
): Omit<Fault, 'atMs' | 'source'> {
  const { atMs: _atMs, source: _source, ...fault } = makeFault(input);
  return fault;
}

/** A sticky note with `text`. */
export function makeNote(id: string, text: string, position: Position): Note {
  return noteWithDefaults({ id, text, position });
}

/** An empty diagram with every default (its name too, unless `name` is given). */
export function emptyDiagram(name?: string): Diagram {
  return diagramWithDefaults({ name });
}
