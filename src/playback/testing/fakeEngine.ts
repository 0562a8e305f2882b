import type { Diagram, Fault } from '../../model/schema';
import type {
  Effect,
  Engine,
  EngineFactory,
  InFlightMessage,
  Metrics,
  ServiceState,
  WireMessage,
} from '../types';

/** A fake message as visitInFlight passes it: the real engine passes its own objects. */
interface FakeWire extends WireMessage {
  readonly message: InFlightMessage;
}

interface FakeEvent {
  t: number;
  seq: number;
  kind: 'send' | 'arrive';
  edge: number;
  msg?: InFlightMessage;
}

/**
 * A small deterministic stand-in for the engine, for tests of the playback layer (and of whatever
 * consumes it) without the real runtime: every edge sends a request each `periodMs`; it travels
 * `travelMs`, and a reply (or, when the target is down, an error reply and a `refused` effect)
 * travels back. Faults in the diagram's script and injected live faults take services down.
 */
export class FakeEngine implements Engine {
  now = 0;
  events = 0;
  readonly untilMs: number;
  overloaded: string | null = null;
  private queue: FakeEvent[] = [];
  private seq = 0;
  private counter = 0;
  private live = new Map<string, InFlightMessage>();
  private fx: Effect[] = [];
  private applied: Fault[] = [];
  private readonly script: Fault[];
  private hash = 0;

  constructor(
    private readonly diagram: Diagram,
    readonly seed: number,
    untilMs: number | undefined,
    private readonly periodMs = 100,
    private readonly travelMs = 300,
  ) {
    this.untilMs = untilMs ?? diagram.run.untilMs;
    this.script = [...diagram.faults].sort((a, b) => a.atMs - b.atMs);
    // The seed shifts when traffic starts, so different seeds give visibly different runs.
    diagram.edges.forEach((_, i) => this.schedule({ t: (seed % 10) + i, seq: 0, kind: 'send', edge: i }));
  }

  private schedule(e: FakeEvent): void {
    e.seq = this.seq++;
    let i = this.queue.length;
    while (
      i > 0 &&
      (this.queue[i - 1]!.t > e.t || (this.queue[i - 1]!.t === e.t && this.queue[i - 1]!.seq > e.seq))
    )
      i--;
    this.queue.splice(i, 0, e);
  }

  private isDown(serviceId: string, t: number): boolean {
    return [...this.script, ...this.applied.filter((f) => f.source === 'live')].some(
      (f) =>
        f.kind === 'down' &&
        f.target === serviceId &&
        f.atMs <= t &&
        (f.durationMs === 0 || t < f.atMs + f.durationMs),
    );
  }

  private process(e: FakeEvent): void {
    this.now = e.t;
    this.events++;
    this.hash = (this.hash * 31 + Math.round(e.t * 1000) + e.edge) | 0;
    const edge = this.diagram.edges[e.edge]!;
    if (e.kind === 'send') {
      const n = this.counter++;
      const msg: InFlightMessage = {
        id: `m${n}`,
        edgeId: edge.id,
        look: 'request',
        type: edge.message || 'request',
        correlationId: `c${n}`,
        sentAt: e.t,
        arrivesAt: e.t + this.travelMs,
        fromT: 0,
        toT: 1,
      };
      this.live.set(msg.id, msg);
      this.schedule({ t: msg.arrivesAt, seq: 0, kind: 'arrive', edge: e.edge, msg });
      this.schedule({ t: e.t + this.periodMs, seq: 0, kind: 'send', edge: e.edge });
      return;
    }
    const msg = e.msg!;
    this.live.delete(msg.id);
    if (msg.look !== 'request') return;
    const down = this.isDown(edge.to, e.t);
    if (down)
      this.fx.push({ kind: 'refused', at: e.t, serviceId: edge.to, edgeId: edge.id, messageId: msg.id });
    const reply: InFlightMessage = {
      ...msg,
      id: `${msg.id}r`,
      look: down ? 'reply-error' : 'reply-ok',
      sentAt: e.t,
      arrivesAt: e.t + this.travelMs,
      fromT: 1,
      toT: 0,
    };
    this.live.set(reply.id, reply);
    this.schedule({ t: reply.arrivesAt, seq: 0, kind: 'arrive', edge: e.edge, msg: reply });
  }

  advanceTo(t: number): void {
    const end = Math.min(t, this.untilMs);
    while (this.queue.length && this.queue[0]!.t <= end) this.process(this.queue.shift()!);
    if (end > this.now) this.now = end;
  }

  step(): number | null {
    const e = this.queue.shift();
    if (!e) return null;
    this.process(e);
    return e.t;
  }

  nextEventTime(): number | null {
    return this.queue[0]?.t ?? null;
  }

  inject(fault: Omit<Fault, 'atMs' | 'source'> & { atMs?: number }): void {
    this.applied.push({ ...fault, atMs: fault.atMs ?? this.now, source: 'live' });
  }

  endFault(faultId: string): boolean {
    const i = this.applied.findIndex((f) => f.id === faultId && f.durationMs === 0);
    if (i < 0) return false;
    this.applied[i] = { ...this.applied[i]!, durationMs: Math.max(this.now - this.applied[i]!.atMs, 0.001) };
    return true;
  }

  faults(): Fault[] {
    return [...this.script.filter((f) => f.atMs <= this.now), ...this.applied].sort(
      (a, b) => a.atMs - b.atMs,
    );
  }

  inFlight(): InFlightMessage[] {
    return [...this.live.values()];
  }

  private wireKeys = new Map<string, number>();

  visitInFlight(visit: (message: WireMessage, arrivesAt: number) => void): void {
    for (const message of this.live.values()) {
      let id = this.wireKeys.get(message.id);
      if (id === undefined) this.wireKeys.set(message.id, (id = this.wireKeys.size));
      const wire: FakeWire = {
        id,
        since: message.sentAt,
        fromHalf: message.fromT * 2,
        toHalf: message.toT * 2,
        edge: { id: message.edgeId },
        message,
      };
      visit(wire, message.arrivesAt);
    }
  }

  describeInFlight(message: WireMessage): InFlightMessage {
    return (message as FakeWire).message;
  }

  effects(sinceMs: number): Effect[] {
    return this.fx.filter((f) => f.at >= sinceMs);
  }

  services(): ServiceState[] {
    return this.diagram.services.map((s) => ({
      id: s.id,
      status: this.isDown(s.id, this.now) ? 'down' : 'up',
      busy: 0,
      capacity: s.replicas * s.concurrency,
      waiting: 0,
      inbox: 0,
      slowFactor: 1,
      injectedErrorRate: 0,
      handled: 0,
      failed: 0,
    }));
  }

  channels() {
    return [];
  }

  edges() {
    return this.diagram.edges.map((e) => ({
      id: e.id,
      circuit: 'closed' as const,
      cut: false,
      sent: 0,
      failed: 0,
    }));
  }

  sagaInstances() {
    return [];
  }

  metrics(): Metrics {
    const p = { mean: 0, p50: 0, p95: 0, p99: 0 };
    return {
      services: {},
      channels: {},
      edges: {},
      requests: { sent: this.counter, succeeded: 0, failed: this.fx.length, timedOut: 0, latencyMs: p },
      clients: {},
      sagas: {},
      duplicates: 0,
    };
  }

  series() {
    return null;
  }

  check() {
    return { conservation: true, sagas: true, violations: [] };
  }

  recentTrace() {
    return [];
  }

  traceHash(): string {
    return (this.hash >>> 0).toString(16);
  }

  envelope(messageId: string) {
    const m = this.live.get(messageId);
    if (!m) return undefined;
    return {
      id: m.id,
      type: m.type,
      version: 1,
      timestamp: m.sentAt,
      source: m.edgeId,
      correlationId: m.correlationId,
      causationId: null,
      payload: { fake: true },
      path: [{ edgeId: m.edgeId, at: m.sentAt, what: 'sent' }],
    };
  }
}

/** An EngineFactory building FakeEngines (same signature as the runtime's createEngine). */
export const createFakeEngine: EngineFactory = (diagram, { seed, untilMs }) =>
  new FakeEngine(diagram, seed, untilMs);
