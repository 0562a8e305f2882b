import type { Diagram, Edge, QueueEdge, SagaEdge, Service, TopicEdge } from './schema';

/** The list under `key` in `lists`, made empty the first time (to group without copying lists). */
export function listIn<T>(lists: Map<string, T[]>, key: string): T[] {
  let list = lists.get(key);
  if (!list) lists.set(key, (list = []));
  return list;
}

/** Services by id. */
export function servicesById(d: Diagram): Map<string, Service> {
  return new Map(d.services.map((s) => [s.id, s]));
}

/** Edges leaving `serviceId`, in diagram order. */
export function outgoing(d: Diagram, serviceId: string): Edge[] {
  return d.edges.filter((e) => e.from === serviceId);
}

/** Edges arriving at `serviceId`, in diagram order. */
export function incoming(d: Diagram, serviceId: string): Edge[] {
  return d.edges.filter((e) => e.to === serviceId);
}

/** Queue edges grouped by channel: one broker queue each, its consumers competing. */
export function queuesByChannel(d: Diagram): Map<string, QueueEdge[]> {
  const out = new Map<string, QueueEdge[]>();
  for (const e of d.edges) if (e.kind === 'queue') out.set(e.channel, [...(out.get(e.channel) ?? []), e]);
  return out;
}

/** Topic edges grouped by topic: one subscription per edge. */
export function topicsByName(d: Diagram): Map<string, TopicEdge[]> {
  const out = new Map<string, TopicEdge[]>();
  for (const e of d.edges) if (e.kind === 'topic') out.set(e.topic, [...(out.get(e.topic) ?? []), e]);
  return out;
}

export interface SagaShape {
  name: string;
  /** Steps in order of their step number (steps with one number in the diagram's order). */
  steps: SagaEdge[];
  /** The steps grouped by step number, in order: the steps of a stage run in parallel. */
  stages: SagaEdge[][];
  /**
   * Orchestrated when every step leaves one service and the steps run one after another (or there is
   * one step); otherwise a choreography of events, where several participants may react to one event
   * (a stage of several steps).
   */
  style: 'orchestrated' | 'choreographed';
  orchestrator?: string;
}

/** The sagas of a diagram, each with its steps in order, its stages and its style. */
export function sagas(d: Diagram): SagaShape[] {
  const byName = new Map<string, SagaEdge[]>();
  for (const e of d.edges) if (e.kind === 'saga') byName.set(e.saga, [...(byName.get(e.saga) ?? []), e]);
  return [...byName.entries()].map(([name, edges]) => {
    const steps = [...edges].sort((a, b) => a.step - b.step);
    const stages = sagaStages(steps);
    const sources = new Set(steps.map((s) => s.from));
    const orchestrated = sources.size === 1 && (stages.length > 1 || steps.length === 1);
    return orchestrated
      ? { name, steps, stages, style: 'orchestrated', orchestrator: steps[0]!.from }
      : { name, steps, stages, style: 'choreographed' };
  });
}

/** `steps` (sorted by step number) grouped by step number. */
function sagaStages(steps: readonly SagaEdge[]): SagaEdge[][] {
  const stages: SagaEdge[][] = [];
  for (const s of steps) {
    const last = stages.at(-1);
    if (last && last[0]!.step === s.step) last.push(s);
    else stages.push([s]);
  }
  return stages;
}

/** Service ids that lie on a cycle of edges (for the advisor's warning). */
export function servicesOnCycles(d: Diagram): Set<string> {
  const adj = new Map<string, string[]>();
  for (const e of d.edges) adj.set(e.from, [...(adj.get(e.from) ?? []), e.to]);
  // Tarjan's strongly connected components, iterative so 2000 services can't blow the stack.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Set<string>();
  for (const root of d.services.map((s) => s.id)) {
    if (idx.has(root)) continue;
    const work: Array<{ v: string; i: number }> = [{ v: root, i: 0 }];
    idx.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const next = (adj.get(frame.v) ?? [])[frame.i++];
      if (next !== undefined) {
        if (!idx.has(next)) {
          idx.set(next, index);
          low.set(next, index++);
          stack.push(next);
          onStack.add(next);
          work.push({ v: next, i: 0 });
        } else if (onStack.has(next)) low.set(frame.v, Math.min(low.get(frame.v)!, idx.get(next)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.v;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.v)!));
      }
      if (low.get(frame.v) === idx.get(frame.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== frame.v);
        const selfLoop = (adj.get(frame.v) ?? []).includes(frame.v);
        if (comp.length > 1 || selfLoop) comp.forEach((c) => result.add(c));
      }
    }
  }
  return result;
}

/** The diagram without the given services and notes, and without edges and faults that touched them. */
export function removeElements(d: Diagram, ids: ReadonlySet<string>): Diagram {
  const edges = d.edges.filter((e) => !ids.has(e.id) && !ids.has(e.from) && !ids.has(e.to));
  const alive = new Set([
    ...d.services.filter((s) => !ids.has(s.id)).map((s) => s.id),
    ...edges.map((e) => e.id),
  ]);
  return {
    ...d,
    services: d.services.filter((s) => !ids.has(s.id)),
    edges,
    notes: d.notes.filter((n) => !ids.has(n.id)),
    faults: d.faults.filter((f) => alive.has(f.target)),
  };
}
