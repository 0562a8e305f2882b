import { Diagram, type DiagramInput } from '../model/schema';

const input: DiagramInput = {
  name: 'Image jobs (competing consumers + dead letters)',
  description:
    'An upload API puts resize jobs on a queue. Two worker pools compete for them: each job goes to exactly one ' +
    'worker replica. Some images are corrupt, so a worker fails them; the broker redelivers up to 3 times and then ' +
    'moves the job to the dead-letter queue. At 15 s the fast pool goes down for 15 s: the backlog grows in the ' +
    'durable queue and drains when it comes back. Acks are sometimes lost, so the non-idempotent thumbnail store ' +
    'writes some images twice.',
  services: [
    {
      id: 'uploads',
      name: 'Upload API',
      kind: 'client',
      position: { x: 0, y: 160 },
      concurrency: 1000,
      latency: { dist: 'fixed', ms: 0 },
      traffic: { pattern: 'bursts', rate: 6, burstSize: 25, burstEveryMs: 10_000 },
    },
    {
      id: 'workers-fast',
      name: 'Resize Workers (fast)',
      kind: 'service',
      position: { x: 360, y: 40 },
      replicas: 3,
      concurrency: 1,
      latency: { dist: 'exponential', mean: 250 },
      errorRate: 0.3,
    },
    {
      id: 'workers-slow',
      name: 'Resize Workers (slow)',
      kind: 'service',
      position: { x: 360, y: 280 },
      replicas: 2,
      concurrency: 1,
      latency: { dist: 'exponential', mean: 600 },
      errorRate: 0.3,
    },
    {
      id: 'thumbs',
      name: 'Thumbnail Store',
      kind: 'database',
      position: { x: 700, y: 160 },
      concurrency: 16,
      latency: { dist: 'lognormal', median: 8, sigma: 0.4 },
    },
  ],
  edges: [
    {
      id: 'q-fast',
      kind: 'queue',
      // A broker hop slow enough to watch at the default speed (a 5 ms hop is a single frame).
      latencyMs: 40,
      from: 'uploads',
      to: 'workers-fast',
      message: 'ResizeImage',
      channel: 'resize-jobs',
      maxDeliveries: 3,
      deadLetter: true,
    },
    {
      id: 'q-slow',
      kind: 'queue',
      latencyMs: 40,
      from: 'uploads',
      to: 'workers-slow',
      message: 'ResizeImage',
      channel: 'resize-jobs',
      maxDeliveries: 3,
      deadLetter: true,
    },
    {
      id: 'q-thumbs-fast',
      kind: 'queue',
      latencyMs: 40,
      from: 'workers-fast',
      to: 'thumbs',
      message: 'StoreThumbnail',
      channel: 'thumbnails',
      ackLossRate: 0.05,
    },
    {
      id: 'q-thumbs-slow',
      kind: 'queue',
      latencyMs: 40,
      from: 'workers-slow',
      to: 'thumbs',
      message: 'StoreThumbnail',
      channel: 'thumbnails',
      ackLossRate: 0.05,
    },
  ],
  notes: [
    {
      id: 'note-dlq',
      position: { x: 0, y: 320 },
      width: 240,
      height: 130,
      color: 'pink',
      text: 'Each job is handled by one replica only. Failed ones come back (retry look) and, after 3 tries, go to the dead-letter queue.',
    },
  ],
  faults: [{ id: 'f-fast-down', kind: 'down', target: 'workers-fast', atMs: 15_000, durationMs: 15_000 }],
  run: { seed: 11, speed: 0.5, untilMs: 60_000 },
};

/** A queue with competing consumers, redelivery, a dead-letter queue and at-least-once duplicates. */
export const jobQueueExample: Diagram = Diagram.parse(input);
