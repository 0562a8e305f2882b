import type * as z from 'zod/mini';
import { FAULT_KIND_INFO } from './faultKinds';
import { nestingDepth, nestingProblem } from './depth';
import { migrate, MIGRATIONS, type Migration } from './migrations';
import type { DiagramError } from './diagramErrors';
import { CURRENT_VERSION, Diagram, EDGE_KINDS, LATENCY_DISTS } from './schema';

export { errorLines, formatErrors, type DiagramError } from './diagramErrors';

export type ParseResult =
  | { ok: true; diagram: Diagram; migratedFrom: number; migrations: string[] }
  | { ok: false; errors: DiagramError[] };

/** Formats a path of keys and indexes the way a person reads it: `edges[3].to`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(diagram)';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object') return 'an object';
  if (value === undefined) return 'nothing';
  return `a ${typeof value}`;
}

/** zod's names of expected types, in the words the rest of the messages use. */
const EXPECTED: Record<string, string> = {
  int: 'a whole number',
  array: 'a list',
  object: 'an object',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const received = valueAt(input, issue.path);
      const expected = EXPECTED[issue.expected] ?? `a ${issue.expected}`;
      if (received === undefined) return `is required (${expected})`;
      // zod reports a fraction where a whole number belongs as a type error ("int").
      if (issue.expected === 'int' && typeof received === 'number') return 'must be a whole number';
      return `must be ${expected}, got ${describe(received)}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      if (issue.errors.length === 0) {
        const value = valueAt(input, issue.path);
        if (value !== null && typeof value === 'object') return 'is missing its kind';
        const known = issue.path.at(-1) === 'dist' ? LATENCY_DISTS : EDGE_KINDS;
        if (value === undefined) return `is required (one of ${known.join(', ')})`;
        return `${JSON.stringify(value)} is not one of ${known.join(', ')}`;
      }
      return issue.message;
    default:
      return issue.message;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Checks what the schema alone can't: references, unique ids, consistent ranges and saga steps. */
export function checkReferences(diagram: Diagram): DiagramError[] {
  const errors: DiagramError[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const before = seen.get(id);
    if (before) errors.push({ path, message: `id "${id}" is already used by ${before}` });
    else seen.set(id, path);
  };
  diagram.services.forEach((s, i) => claim(s.id, `services[${i}]`));
  diagram.edges.forEach((e, i) => claim(e.id, `edges[${i}]`));
  diagram.notes.forEach((n, i) => claim(n.id, `notes[${i}]`));

  const services = new Set(diagram.services.map((s) => s.id));
  const edges = new Set(diagram.edges.map((e) => e.id));
  diagram.services.forEach((s, i) => {
    if (s.latency.dist === 'uniform' && s.latency.min > s.latency.max) {
      errors.push({
        path: `services[${i}].latency.min`,
        message: `must not exceed max (${s.latency.max} ms)`,
      });
    }
  });
  const sagaSteps = new Map<string, number>();
  diagram.edges.forEach((e, i) => {
    if (!services.has(e.from))
      errors.push({ path: `edges[${i}].from`, message: `no service with id "${e.from}"` });
    if (!services.has(e.to)) errors.push({ path: `edges[${i}].to`, message: `no service with id "${e.to}"` });
    if (e.kind === 'sync' && e.backoff.baseMs > e.backoff.maxMs) {
      errors.push({
        path: `edges[${i}].backoff.baseMs`,
        message: `must not exceed maxMs (${e.backoff.maxMs} ms)`,
      });
    }
    // Steps with one number run in parallel (several participants react to one event), each
    // participant once: the same service twice in a stage is a mistake.
    if (e.kind === 'saga') {
      const key = `${e.saga}\u0000${e.step}\u0000${e.to}`;
      const other = sagaSteps.get(key);
      if (other !== undefined) {
        errors.push({
          path: `edges[${i}].step`,
          message: `saga "${e.saga}" already has a step ${e.step} to "${e.to}" (edges[${other}])`,
        });
      } else sagaSteps.set(key, i);
    }
  });
  errors.push(...checkChannelNames(diagram));
  diagram.faults.forEach((f, i) => {
    const onEdge = FAULT_KIND_INFO[f.kind].target === 'edge';
    const known = onEdge ? edges.has(f.target) : services.has(f.target);
    if (!known) {
      errors.push({
        path: `faults[${i}].target`,
        message: `no ${onEdge ? 'edge' : 'service'} with id "${f.target}" (a "${f.kind}" fault targets ${onEdge ? 'an edge' : 'a service'})`,
      });
    }
  });
  return errors;
}

/** Each scene's diagram is checked like a diagram, its paths under `scenes[i].diagram`; scene ids are unique. */
export function checkScenes(diagram: Diagram): DiagramError[] {
  const errors: DiagramError[] = [];
  const seen = new Map<string, number>();
  diagram.scenes.forEach((scene, i) => {
    const before = seen.get(scene.id);
    if (before !== undefined)
      errors.push({
        path: `scenes[${i}].id`,
        message: `id "${scene.id}" is already used by scenes[${before}]`,
      });
    else seen.set(scene.id, i);
    const inner = checkReferences({ ...diagram, ...scene.diagram, scenes: [] });
    for (const e of inner) errors.push({ path: `scenes[${i}].diagram.${e.path}`, message: e.message });
  });
  return errors;
}

/**
 * Queues and topics share one namespace (a channel name means one thing), and a reply channel is a
 * queue other than the one that carries the requests.
 */
function checkChannelNames(diagram: Diagram): DiagramError[] {
  const errors: DiagramError[] = [];
  const firstQueue = new Map<string, number>();
  const firstTopic = new Map<string, number>();
  diagram.edges.forEach((e, i) => {
    if (e.kind === 'queue' && !firstQueue.has(e.channel)) firstQueue.set(e.channel, i);
    if (e.kind === 'topic' && !firstTopic.has(e.topic)) firstTopic.set(e.topic, i);
  });
  diagram.edges.forEach((e, i) => {
    if (e.kind === 'queue') {
      const topic = firstTopic.get(e.channel);
      if (topic !== undefined && topic < i)
        errors.push({
          path: `edges[${i}].channel`,
          message: `"${e.channel}" is already a topic (edges[${topic}]); give the queue another name`,
        });
      if (e.replyChannel === '') return;
      if (e.replyChannel === e.channel)
        errors.push({
          path: `edges[${i}].replyChannel`,
          message: `must differ from the request channel "${e.channel}"`,
        });
      else if (firstTopic.has(e.replyChannel))
        errors.push({
          path: `edges[${i}].replyChannel`,
          message: `"${e.replyChannel}" is a topic (edges[${firstTopic.get(e.replyChannel)}]); a reply channel is a queue`,
        });
    } else if (e.kind === 'topic') {
      const queue = firstQueue.get(e.topic);
      if (queue !== undefined && queue < i)
        errors.push({
          path: `edges[${i}].topic`,
          message: `"${e.topic}" is already a queue channel (edges[${queue}]); give the topic another name`,
        });
    }
  });
  return errors;
}

/**
 * Reads anything that claims to be a diagram: migrates it to the current version, validates it and
 * checks its references. Never throws; returns the diagram or every problem found with its path.
 */
export function parseDiagram(input: unknown, migrations: readonly Migration[] = MIGRATIONS): ParseResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ path: '(diagram)', message: `must be an object, got ${describe(input)}` }],
    };
  }
  // Migrations, zod and the messages walk the input recursively: a deep enough value would overflow
  // the stack, so depth is checked first, without recursion.
  const tooDeep = nestingProblem(input);
  if (tooDeep) return { ok: false, errors: [{ path: deepestField(input), message: tooDeep }] };
  const migrated = migrate(input as Record<string, unknown>, migrations, CURRENT_VERSION);
  if (!migrated.ok) return { ok: false, errors: [{ path: 'version', message: migrated.message }] };
  const result = Diagram.safeParse(migrated.raw);
  if (!result.success) {
    const errors = result.error.issues.slice(0, 50).map((issue) => ({
      path: formatPath(issue.path),
      message: issueMessage(issue, migrated.raw),
    }));
    return { ok: false, errors };
  }
  const refErrors = [...checkReferences(result.data), ...checkScenes(result.data)];
  if (refErrors.length) return { ok: false, errors: refErrors.slice(0, 50) };
  return { ok: true, diagram: result.data, migratedFrom: migrated.from, migrations: migrated.applied };
}

/** The top-level field that nests deepest (where a too-deep diagram goes wrong). */
function deepestField(input: object): string {
  let deepest = { key: '(diagram)', depth: -1 };
  for (const [key, value] of Object.entries(input)) {
    const depth = nestingDepth(value);
    if (depth > deepest.depth) deepest = { key, depth };
  }
  return deepest.key;
}
