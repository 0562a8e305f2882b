import type { Diagram, Edge, EdgeKind, Service } from './schema';
import { LIMITS } from './schemaConstants';

/** Names a new edge takes from the services it joins; a rename makes those still unchanged follow. */

const words = (s: string) =>
  s
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
const pascal = (s: string) =>
  words(s)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('') || 'Message';
const kebab = (s: string) => words(s).join('-').toLowerCase() || 'channel';

/** The edge fields whose default comes from a service's name. */
type NamedField = 'message' | 'channel' | 'topic' | 'action' | 'compensation';
export type GeneratedNames = Partial<Record<NamedField, string>>;

/**
 * A generated name, cut to the schema's length for names: from a service named with 80 characters,
 * "POST /…" would be longer, and a diagram holding it would not load again (new edges take their
 * defaults without the schema's checks, schemaDefaults.ts). Generated names are ASCII: no character
 * is cut in half.
 */
const fit = (name: string) => name.slice(0, LIMITS.nameChars);

/** The names a new edge of `kind` from `from` to `to` gets ("POST /orders", "orders-jobs"…). */
export function generatedNames(kind: EdgeKind, from: { name: string }, to: { name: string }): GeneratedNames {
  switch (kind) {
    case 'sync':
      return { message: fit(`POST /${kebab(to.name)}`) };
    case 'queue':
      return { message: fit(`Process${pascal(to.name)}`), channel: fit(`${kebab(to.name)}-jobs`) };
    case 'topic':
      return { message: fit(`${pascal(from.name)}Event`), topic: fit(`${kebab(from.name)}-events`) };
    case 'saga': {
      const action = fit(`Do${pascal(to.name)}`);
      return { message: action, action, compensation: fit(`Undo${pascal(to.name)}`) };
    }
  }
}

/** What a rename changes on the edges: their own fields, then what refers to the old names. */
interface Moves {
  channels: Map<string, string>;
  topics: Map<string, string>;
  /** Message names arriving at a service (by id) that changed: its edges' triggers follow. */
  messages: Map<string, Map<string, string>>;
}

/**
 * Renames a service. Edge names that were generated from its old name (still equal to what the old
 * name gives) follow the new one; names a person typed are kept. A queue or topic renamed this way
 * is renamed on every edge that shares it (and as a reply channel), unless the new name is another
 * channel's already; triggers naming a renamed message follow it. One pure edit: one undo step.
 */
export function renameService(d: Diagram, id: string, name: string): Diagram {
  const old = d.services.find((s) => s.id === id);
  if (!old || old.name === name) return d;
  const services = d.services.map((s) => (s.id === id ? { ...s, name } : s));
  const moves: Moves = { channels: new Map(), topics: new Map(), messages: new Map() };
  const taken = channelNames(d);
  const edges = d.edges.map((e) =>
    e.from === id || e.to === id ? followOwn(e, d, old, name, moves, taken) : e,
  );
  return { ...d, services, edges: edges.map((e) => followReferences(e, moves)) };
}

function channelNames(d: Diagram): Set<string> {
  const out = new Set<string>();
  for (const e of d.edges) {
    if (e.kind === 'queue') out.add(e.channel).add(e.replyChannel);
    if (e.kind === 'topic') out.add(e.topic);
  }
  return out;
}

/** The edge's own generated names, renamed; records the moves others must follow. */
function followOwn(e: Edge, d: Diagram, old: Service, name: string, moves: Moves, taken: Set<string>): Edge {
  const end = (sid: string) => (sid === old.id ? old : d.services.find((s) => s.id === sid)) ?? { name: '' };
  const renamed = (sid: string) => (sid === old.id ? { name } : end(sid));
  const was = generatedNames(e.kind, end(e.from), end(e.to));
  const now = generatedNames(e.kind, renamed(e.from), renamed(e.to));
  const patch: GeneratedNames = {};
  const fields = e as unknown as Record<string, unknown>;
  for (const key of Object.keys(was) as NamedField[]) {
    const before = was[key]!;
    const after = now[key]!;
    if (fields[key] !== before || after === before) continue;
    // Renaming a channel onto another one's name would merge two queues: keep it.
    if ((key === 'channel' || key === 'topic') && taken.has(after)) continue;
    patch[key] = after;
    if (key === 'channel') moves.channels.set(before, after);
    else if (key === 'topic') moves.topics.set(before, after);
    else {
      const at = moves.messages.get(e.to) ?? new Map<string, string>();
      moves.messages.set(e.to, at.set(before, after));
    }
  }
  return Object.keys(patch).length ? ({ ...e, ...patch } as Edge) : e;
}

/** Channel, topic and trigger names that referred to a renamed one follow it. */
function followReferences(e: Edge, moves: Moves): Edge {
  let next = e;
  if (next.kind === 'queue') {
    const channel = moves.channels.get(next.channel);
    const reply = moves.channels.get(next.replyChannel);
    if (channel || reply)
      next = { ...next, channel: channel ?? next.channel, replyChannel: reply ?? next.replyChannel };
  } else if (next.kind === 'topic') {
    const topic = moves.topics.get(next.topic);
    if (topic) next = { ...next, topic };
  }
  const arriving = moves.messages.get(next.from);
  if (arriving && next.triggers.some((t) => arriving.has(t)))
    next = { ...next, triggers: next.triggers.map((t) => arriving.get(t) ?? t) };
  return next;
}
