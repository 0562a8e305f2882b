import type { Diagram } from '../model/schema';
import { queuesByChannel, sagas as sagaShapes, topicsByName } from '../model/graph';
import { compileLatency } from './distributions';
import { Breaker, Edge, Exchange, Service } from './entities';
import { Queue, Subscription, Topic } from './channels';
import { SagaDefinition, type SagaStep } from './sagaState';
import { SAGA_ACTION_POLICY } from './saga';
import type { Simulation } from './sim';
import { TimeoutLane } from './timeouts';

/** Builds the run-time entities of `diagram` into `sim`. */
export function compileDiagram(sim: Simulation, diagram: Diagram): void {
  const byId = new Map<string, Service>();
  sim.services = diagram.services.map((s, i) => {
    const service = new Service({
      index: i,
      id: s.id,
      name: s.name,
      isClient: s.kind === 'client',
      replicas: s.replicas,
      concurrency: s.concurrency,
      latency: compileLatency(s.latency),
      errorRate: s.errorRate,
      idempotent: s.idempotent,
    });
    byId.set(s.id, service);
    return service;
  });
  sim.hopLimit = diagram.run.hopLimit;
  sim.restSerializationMs = diagram.run.serializationMs.rest;
  sim.grpcSerializationMs = diagram.run.serializationMs.grpc;

  const edgeIndex = new Map(diagram.edges.map((e, i) => [e, i]));
  sim.edges = diagram.edges.map((e, i) => {
    const edge = new Edge(i, e.id, e.kind, byId.get(e.from)!, byId.get(e.to)!, e.message, e.latencyMs);
    edge.triggers = e.triggers.length ? new Set(e.triggers) : null;
    if (e.kind === 'sync') {
      const policy = {
        lane: new TimeoutLane(),
        timeoutMs: e.timeoutMs,
        maxAttempts: e.retries + 1,
        baseMs: e.backoff.baseMs,
        factor: e.backoff.factor,
        maxMs: e.backoff.maxMs,
        jitter: e.backoff.jitter,
      };
      const serializationMs = e.protocol === 'grpc' ? sim.grpcSerializationMs : sim.restSerializationMs;
      edge.exchange = new Exchange(policy, serializationMs);
      if (e.breaker.enabled) edge.breaker = new Breaker(e.breaker.threshold, e.breaker.openMs);
    } else if (e.kind === 'saga') edge.exchange = new Exchange(null, 0);
    edge.from.out.push(edge);
    return edge;
  });

  // Queues: settings come from the channel's first edge; consumers are its distinct targets.
  for (const [name, qEdges] of queuesByChannel(diagram)) {
    const q = new Queue(name, sim.queues.length);
    q.nameId = sim.intern(name);
    const first = qEdges[0]!;
    q.durable = first.durable;
    q.atLeastOnce = first.delivery === 'at-least-once';
    q.maxDeliveries = first.maxDeliveries;
    q.deadLetter = first.deadLetter;
    q.ackLossRate = first.ackLossRate;
    for (const qe of qEdges) {
      const edge = sim.edges[edgeIndex.get(qe)!]!;
      edge.queue = q;
      q.edges.push(edge);
      if (!q.consumers.includes(edge.to)) {
        q.consumers.push(edge.to);
        edge.to.consumes.push(q);
      }
    }
    sim.queues.push(q);
  }
  // Reply channels: a named queue in the diagram, else a queue consumed by the producers that name
  // it, with the request channel's settings, drawn back along their request edges.
  for (const [name, qEdges] of queuesByChannel(diagram)) {
    const reply = qEdges[0]!.replyChannel;
    if (!reply) continue;
    const q = sim.queues.find((x) => x.name === name)!;
    let rq = sim.queues.find((x) => x.name === reply);
    if (!rq) {
      rq = new Queue(reply, sim.queues.length);
      rq.virtual = true;
      rq.nameId = sim.intern(reply);
      rq.durable = q.durable;
      rq.atLeastOnce = q.atLeastOnce;
      rq.maxDeliveries = q.maxDeliveries;
      rq.deadLetter = q.deadLetter;
      rq.ackLossRate = q.ackLossRate;
      sim.queues.push(rq);
    }
    rq.replies ??= { matched: 0, duplicate: 0, unmatched: 0, unanswered: 0 };
    q.replyChannel = rq;
    if (!rq.virtual) continue;
    for (const e of q.edges) {
      rq.requestEdges.push(e);
      if (!rq.consumers.includes(e.from)) {
        rq.consumers.push(e.from);
        e.from.consumes.push(rq);
      }
    }
  }

  // Topics: one subscription per subscriber service, however many edges draw it.
  for (const [name, tEdges] of topicsByName(diagram)) {
    const t = new Topic(name, sim.topics.length);
    t.nameId = sim.intern(name);
    for (const te of tEdges) {
      const edge = sim.edges[edgeIndex.get(te)!]!;
      let sub = t.subs.find((s) => s.service === edge.to);
      if (!sub) {
        sub = new Subscription(t, edge.to);
        sub.durable = te.durable;
        t.subs.push(sub);
        edge.to.subs.push(sub);
      }
      sub.edges.push(edge);
      edge.topic = { topic: t, subscription: sub, fanout: [] };
    }
    // Each publisher's copy to a subscriber is drawn on its own edge to it when it has one.
    for (const edge of t.subs.flatMap((s) => s.edges))
      edge.topic!.fanout = t.subs.map((s) => s.edges.find((e) => e.from === edge.from) ?? s.edges[0]!);
    sim.topics.push(t);
  }

  sim.sagas = sagaShapes(diagram).map((shape, sagaIndex) => {
    const steps: SagaStep[] = shape.steps.map((se) => {
      const edge = sim.edges[edgeIndex.get(se)!]!;
      const action = se.action || se.message || `${shape.name} step ${se.step}`;
      return { step: se.step, edge, action, compensation: se.compensation || `Undo ${action}` };
    });
    const first = steps[0]!;
    const starter = shape.style === 'orchestrated' ? byId.get(shape.orchestrator!)! : first.edge.from;
    const def = new SagaDefinition(
      shape.name,
      steps,
      shape.style === 'orchestrated',
      starter,
      first.edge.triggers,
    );
    def.actionPolicy = { ...SAGA_ACTION_POLICY, lane: new TimeoutLane() };
    def.compensationPolicy = { ...SAGA_ACTION_POLICY, maxAttempts: Infinity, lane: new TimeoutLane() };
    def.nameId = sim.intern(shape.name);
    def.index = sagaIndex;
    starter.sagaStarts.push(def);
    return def;
  });
}
