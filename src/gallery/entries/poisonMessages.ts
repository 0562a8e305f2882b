import { Diagram } from '../../model/schema';
import { client, queue, service } from '../build';
import type { GalleryEntry } from '../types';

/** Scenario 14: messages that keep failing are redelivered up to a limit, then dead-lettered. */
export const poisonMessages: GalleryEntry = {
  id: 'poison-messages',
  title: 'Poison messages and the dead-letter queue',
  tags: ['queue', 'resilience'],
  demonstrates: 'queue',
  explanation:
    'Importer handles invoice files from a queue, and 40% of its attempts fail. A failed message is not ' +
    'lost: the broker puts it back and delivers it again, up to 3 deliveries in all. A message that fails ' +
    'all three is poison: instead of blocking the queue forever it goes to the dead-letter queue, where a ' +
    'person can look at it. From 20 s to 30 s an injected fault makes every attempt fail.',
  watch: [
    {
      atMs: 4_000,
      text: 'A failed message comes back for another try (retry look).',
      focus: ['e-files-importer'],
    },
    {
      atMs: 22_000,
      text: 'Every attempt fails now: messages go to the dead-letter queue after 3 tries.',
      focus: ['importer'],
    },
    { atMs: 50_000, text: 'Open Metrics (M): redelivered and dead-lettered on the invoices channel.' },
  ],
  claim:
    'Each dead-lettered message was delivered 3 times first (redeliveries ≥ 2 × dead letters), and ' +
    'nothing is lost: every message published is handled, dead-lettered or still in the queue.',
  diagram: Diagram.parse({
    name: 'Poison messages and the dead-letter queue',
    description: 'A consumer failing 40% of attempts; the queue redelivers up to 3 times, then dead-letters.',
    services: [
      client('files', 'Invoice files', 0, 120, 3),
      service('importer', 'Importer', 400, 120, 40, { errorRate: 0.4, concurrency: 4 }),
    ],
    edges: [
      queue('e-files-importer', 'files', 'importer', 'ImportInvoice', 'invoices', {
        maxDeliveries: 3,
        deadLetter: true,
      }),
    ],
    faults: [
      {
        id: 'f-importer-errors',
        kind: 'error',
        target: 'importer',
        atMs: 20_000,
        durationMs: 10_000,
        rate: 1,
      },
    ],
    run: { seed: 16, speed: 0.5, untilMs: 60_000 },
  }),
};
