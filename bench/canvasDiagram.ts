import { Diagram, type DiagramInput } from '../src/model/schema';

/** A tiny seeded PRNG so the generated diagram is the same every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A layered diagram of `services` services and `edges` edges whose steady state keeps well over
 * 2,000 messages in flight at every size: clients in the first column, a tree of calls down
 * ten columns, plus cross edges that carry a message nobody reacts to, so traffic grows linearly
 * with the edge count rather than multiplying along paths.
 */
export function benchDiagram(services: number, edges: number, seed = 7): Diagram {
  const rnd = mulberry32(seed);
  // About 2,400–2,800 messages in flight whatever the size, so a bigger diagram measures size, not load.
  const clientRate = Math.round((2600 / edges) * 10) / 10;
  const columns = 10;
  const perColumn = Math.ceil(services / columns);
  const col = (i: number) => Math.floor(i / perColumn);
  const svc: NonNullable<DiagramInput['services']> = [];
  for (let i = 0; i < services; i++) {
    const c = col(i);
    const client = c === 0;
    svc.push({
      id: `s${i}`,
      name: client ? `Client ${i}` : `Service ${i}`,
      kind: client ? 'client' : 'service',
      position: { x: c * 300, y: (i % perColumn) * 110 },
      replicas: 1,
      concurrency: 10_000,
      latency: { dist: 'fixed', ms: 5 },
      traffic: { pattern: 'steady', rate: clientRate, burstSize: 1, burstEveryMs: 1000 },
    });
  }
  const out: NonNullable<DiagramInput['edges']> = [];
  const kindFor = (n: number) => (n % 7 === 3 ? 'queue' : n % 7 === 5 ? 'topic' : 'sync');
  const edge = (from: number, to: number, message: string, triggers: string[]) => {
    const n = out.length;
    const kind = kindFor(n);
    const common = { id: `e${n}`, from: `s${from}`, to: `s${to}`, message, latencyMs: 800, triggers };
    if (kind === 'sync') out.push({ ...common, kind, timeoutMs: 3_600_000, retries: 0 });
    else if (kind === 'queue') out.push({ ...common, kind, channel: `q${n}` });
    else out.push({ ...common, kind, topic: `t${n}` });
  };
  // The tree: every non-client gets one caller in the previous column.
  for (let i = perColumn; i < services && out.length < edges; i++) {
    const c = col(i);
    const from = (c - 1) * perColumn + Math.floor(rnd() * perColumn);
    edge(Math.min(from, services - 1), i, 'Work', []);
  }
  // Cross edges to the next column, each triggered by Work and carrying a message that ends there.
  while (out.length < edges) {
    const from = Math.floor(rnd() * Math.max(1, services - perColumn));
    const c = col(from);
    const to = Math.min(services - 1, (c + 1) * perColumn + Math.floor(rnd() * perColumn));
    if (to === from) continue;
    edge(from, to, 'Notify', ['Work']);
  }
  // Tree edges leaving a service react to Work only, so a Notify ends where it lands.
  for (const e of out) if (e.message === 'Work') e.triggers = ['Work'];
  return Diagram.parse({
    name: `Bench ${services}×${edges}`,
    services: svc,
    edges: out,
    run: { seed: 1, speed: 1, untilMs: 600_000 },
  });
}
