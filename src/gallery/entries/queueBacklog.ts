import { Diagram } from '../../model/schema';
import { client, queue, service } from '../build';
import type { GalleryEntry } from '../types';

/** Scenario 13: consumers slower than the producers: the queue grows without bound. */
export const queueBacklog: GalleryEntry = {
  id: 'queue-backlog',
  title: 'A queue that can’t keep up',
  tags: ['queue'],
  demonstrates: 'queue',
  explanation:
    'Uploads put 10 reports a second on a queue. One Report worker takes 120 ms per report, so it finishes ' +
    'about 8 a second: 2 more arrive than leave every second, and the queue depth grows for as long as the ' +
    'load lasts. Nothing fails, which is why queue depth must be monitored. Select the worker and give it ' +
    'a second replica: it keeps up and the depth stays near zero.',
  watch: [
    { atMs: 5_000, text: 'The queue’s depth (on the edge) starts to grow.', focus: ['e-uploads-reports'] },
    { atMs: 30_000, text: 'Half a minute in, dozens of reports are waiting.', focus: ['e-uploads-reports'] },
    {
      atMs: 59_000,
      text: 'Give Report worker 2 replicas and run again: the backlog is gone.',
      focus: ['reports'],
    },
  ],
  claim:
    'With one worker the depth keeps growing (more at 60 s than at 30 s, and over 50), while with two ' +
    'replicas it never passes 20.',
  diagram: Diagram.parse({
    name: 'A queue that can’t keep up',
    description: '10 reports a second into a queue whose single worker handles about 8 a second.',
    services: [
      client('uploads', 'Uploads', 0, 120, 10, { traffic: { pattern: 'steady', rate: 10 } }),
      service('reports', 'Report worker', 400, 120, 120, { concurrency: 1 }),
    ],
    edges: [queue('e-uploads-reports', 'uploads', 'reports', 'RenderReport', 'reports')],
    run: { seed: 15, speed: 0.5, untilMs: 60_000 },
  }),
};
